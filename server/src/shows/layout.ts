import type { SeatLayout } from "@quickshow/contracts";
import { capacityOf as capacity, seatIdsOf } from "../venues/seat-map.ts";

export { defaultLayout } from "../venues/default-screens.ts";

/** Every seat id of the layout, row by row. */
export const seatsOf = (layout: SeatLayout) => seatIdsOf(layout);

export const capacityOf = (layout: SeatLayout) => capacity(layout);
