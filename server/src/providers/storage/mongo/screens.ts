import type { ScreenRecord, ScreenRepository } from "../interface.ts";
import { seatLayoutSchema } from "@quickshow/contracts";
import { isDuplicateKey } from "./driver-errors.ts";
import type { Models, ScreenDoc } from "./models.ts";

const toScreen = (doc: ScreenDoc): ScreenRecord => ({
  id: doc._id,
  name: doc.name,
  cinemaId: doc.cinemaId,
  layout: seatLayoutSchema.parse(doc.layout),
  version: doc.version,
  updatedAt: doc.updatedAt,
});

export function mongoScreens({ Screen }: Models): ScreenRepository {
  return {
    async list() {
      const docs = await Screen.find({}).sort({ name: 1, _id: 1 }).lean<ScreenDoc[]>();
      return docs.map(toScreen);
    },
    async get(id) {
      const doc = await Screen.findOne({ _id: String(id) }).lean<ScreenDoc>();
      return doc ? toScreen(doc) : null;
    },
    async insertIfAbsent(screen) {
      try {
        await Screen.create({ _id: screen.id, name: screen.name, cinemaId: screen.cinemaId, layout: screen.layout, version: screen.version, updatedAt: screen.updatedAt });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async update(id, change, expectedVersion) {
      const doc = await Screen.findOneAndUpdate(
        { _id: String(id), ...(expectedVersion === undefined ? {} : { version: expectedVersion }) },
        { $set: { name: change.name, cinemaId: change.cinemaId, layout: change.layout, updatedAt: change.updatedAt }, $inc: { version: 1 } },
        { returnDocument: "after" },
      ).lean<ScreenDoc>();
      return doc ? toScreen(doc) : null;
    },
  };
}
