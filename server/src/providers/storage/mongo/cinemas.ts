import type { CinemaRecord, CinemaRepository } from "../interface.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import type { CinemaDoc, Models } from "./models.ts";

const toCinema = (doc: CinemaDoc): CinemaRecord => ({ id: doc._id, name: doc.name, address: doc.address ?? "", city: doc.city ?? "", timeZone: doc.timeZone });

export function mongoCinemas({ Cinema }: Models): CinemaRepository {
  return {
    async list() {
      return (await Cinema.find({}).sort({ name: 1, _id: 1 }).lean<CinemaDoc[]>()).map(toCinema);
    },
    async get(id) {
      const doc = await Cinema.findOne({ _id: String(id) }).lean<CinemaDoc>();
      return doc ? toCinema(doc) : null;
    },
    async insertIfAbsent({ id, ...fields }) {
      try {
        await Cinema.create({ _id: id, ...fields });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async update({ id, ...fields }) {
      const doc = await Cinema.findOneAndUpdate({ _id: String(id) }, { $set: fields }, { returnDocument: "after" }).lean<CinemaDoc>();
      return doc ? toCinema(doc) : null;
    },
  };
}
