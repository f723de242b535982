import type { Role } from "@quickshow/contracts";
import type { ExternalProfile, NewUser, UserRecord } from "../interface.ts";
import { duplicate } from "../errors.ts";
import type { Models, UserDoc } from "./models.ts";
import { isDuplicateKey } from "./driver-errors.ts";
import { toUser } from "./mapping.ts";

const emailTaken = () => duplicate("An account with this email already exists");

/**
 * Removed users keep their document (paid bookings still add up) under an address nobody can
 * own, so the unique email index never clashes and the real address is free again.
 */
const removedEmail = (id: string) => `${encodeURIComponent(id.toLowerCase())}@deleted.invalid`;

export function mongoUsers({ User }: Models) {
  const findOne = async (filter: Record<string, unknown>): Promise<UserRecord | null> => {
    const doc = await User.findOne(filter).lean<UserDoc>();
    return doc ? toUser(doc) : null;
  };
  // A removed user's document stays (paid bookings point at it) but no lookup sees it.
  const byId = (id: string) => ({ _id: String(id), removedAt: null });
  const byEmail = (email: string) => ({ email: String(email).toLowerCase(), removedAt: null });

  return {
    async create(user: NewUser): Promise<UserRecord> {
      try {
        const { id, emailVerified, ...fields } = user;
        await User.create({ _id: id, ...fields, emailVerified: emailVerified ?? false, favorites: [], createdAt: new Date(), removedAt: null });
      } catch (error) {
        if (isDuplicateKey(error)) throw emailTaken();
        throw error;
      }
      return (await findOne(byId(user.id)))!;
    },
    findById: (id: string) => findOne(byId(id)),
    async getMany(ids: string[]) {
      const docs = await User.find({ _id: { $in: ids.map(String) }, removedAt: null }).lean<UserDoc[]>();
      return docs.map(toUser);
    },
    findByEmail: (email: string) => findOne(byEmail(email)),
    async passwordHashOf(email: string) {
      const doc = await User.findOne(byEmail(email), { passwordHash: 1 }).lean<Pick<UserDoc, "_id" | "passwordHash">>();
      return doc ? { userId: doc._id, passwordHash: doc.passwordHash ?? null } : null;
    },
    async setRole(email: string, role: Role) {
      const doc = await User.findOneAndUpdate(byEmail(email), { $set: { role } }, { returnDocument: "after" }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },
    async markEmailVerified(userId: string) {
      const doc = await User.findOneAndUpdate(byId(userId), { $set: { emailVerified: true } }, { returnDocument: "after" }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },
    async setPasswordHash(userId: string, passwordHash: string) {
      const doc = await User.findOneAndUpdate(byId(userId), { $set: { passwordHash: String(passwordHash) }, $inc: { sessionVersion: 1 } }, { returnDocument: "after" }).lean<UserDoc>();
      return doc ? toUser(doc).sessionVersion : null;
    },
    async endSessions(userId: string) {
      const doc = await User.findOneAndUpdate(byId(userId), { $inc: { sessionVersion: 1 } }, { returnDocument: "after" }).lean<UserDoc>();
      return doc ? toUser(doc).sessionVersion : null;
    },
    async setNewShowEmails(userId: string, value: boolean) {
      const doc = await User.findOneAndUpdate(byId(userId), { $set: { newShowEmails: value } }, { returnDocument: "after" }).lean<UserDoc>();
      return doc ? toUser(doc) : null;
    },
    /**
     * Each step is one conditional update, so racing toggles cannot leave a movie in the list
     * twice: pull it if present, otherwise push it if (still) absent.
     */
    async toggleFavorite(userId: string, movieId: string) {
      const id = String(userId);
      const movie = String(movieId);
      const pulled = await User.updateOne({ _id: id, favorites: movie }, { $pull: { favorites: movie } });
      if (pulled.matchedCount === 0) {
        await User.updateOne({ _id: id, favorites: { $ne: movie } }, { $push: { favorites: movie } });
      }
      const doc = await User.findOne(byId(id), { favorites: 1 }).lean<Pick<UserDoc, "favorites">>();
      return doc?.favorites ?? [];
    },
    async listNewShowSubscribers() {
      const docs = await User.find({ newShowEmails: true, removedAt: null }).lean<UserDoc[]>();
      return docs.map(toUser);
    },
    count: () => User.countDocuments({ removedAt: null }),

    /**
     * Update first (the common case: a profile change), insert when there was nothing to
     * update. Two racing first sign-ins both try the insert; the loser's duplicate `_id` sends
     * it back to the update, while a duplicate email is the conflict the contract asks for.
     * A removed user is never brought back: null.
     */
    async upsertFromProfile(profile: ExternalProfile): Promise<{ user: UserRecord; created: boolean } | null> {
      const id = String(profile.id);
      const email = profile.email.toLowerCase();
      const fields = { name: profile.name, email, image: profile.image, role: profile.role, emailVerified: profile.emailVerified ?? true };
      const conflict = () => duplicate(`Another account already uses ${email}`);
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const updated = await User.findOneAndUpdate(byId(id), { $set: fields }, { returnDocument: "after" }).lean<UserDoc>();
          if (updated) return { user: toUser(updated), created: false };
        } catch (error) {
          if (isDuplicateKey(error)) throw conflict();
          throw error;
        }
        if (await User.exists({ _id: id })) return null; // there, but removed
        try {
          await User.create({
            _id: id,
            ...fields,
            favorites: [],
            newShowEmails: false,
            passwordHash: null,
            createdAt: new Date(),
            removedAt: null,
          });
          return { user: (await findOne(byId(id)))!, created: true };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if (!(await User.exists({ _id: id }))) throw conflict();
          // Inserted by a concurrent call: update it on the next round.
        }
      }
      throw conflict();
    },

    /** Anonymises the document, once; what becomes of the user's bookings is the domain's call. */
    async removeExternal(id: string, now: Date) {
      const removed = await User.findOneAndUpdate(
        { _id: String(id), removedAt: null },
        {
          $set: {
            name: "Deleted user",
            email: removedEmail(String(id)),
            image: "",
            role: "user",
            emailVerified: false,
            favorites: [],
            newShowEmails: false,
            passwordHash: null,
            removedAt: now,
          },
        },
        { returnDocument: "after" },
      ).lean<UserDoc>();
      return removed !== null;
    },

    async listMatching(text: string, limit: number) {
      const pattern = new RegExp(String(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
      const docs = await User.find({ removedAt: null, $or: [{ name: pattern }, { email: pattern }] })
        .sort({ email: 1 })
        .limit(limit)
        .lean<UserDoc[]>();
      return docs.map(toUser);
    },
    async listByRole(role: Role, limit: number) {
      const docs = await User.find({ removedAt: null, role }).sort({ email: 1 }).limit(limit).lean<UserDoc[]>();
      return docs.map(toUser);
    },
  };
}
