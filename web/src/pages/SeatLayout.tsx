// The seat-layout page lives in ./seat-layout/ (page, picker, map, selection hook, legend).
export { SeatLayout } from "./seat-layout/SeatLayoutPage.tsx";
