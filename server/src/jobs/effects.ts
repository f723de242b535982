import type { Deps } from "../deps.ts";
import { isOutage } from "../errors.ts";
import type { Effect, EffectKind } from "../providers/storage/interface.ts";

type EffectDeps = Pick<Deps, "storage" | "clock" | "logger">;
export type EffectHandlers = Record<EffectKind, (bookingId: string) => Promise<unknown>>;

const maxAttempts = 10;
/** 10 s, 20 s, 40 s … capped at an hour: a refused refund or a mail server outage is retried patiently. */
const retryDelayMs = (attempts: number) => Math.min(3600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
/**
 * How long a runner has an effect to itself. After a crash, what the dead runner had leased waits
 * this long; a delivery slower than this may be tried twice, which the handlers make harmless.
 */
const leaseMs = 30_000;

/**
 * Delivers the effects that booking changes recorded (confirmation mail, refunds). Each is leased
 * to one runner at a time, marked done only after its handler succeeded, and retried with backoff
 * otherwise, so a crash at any point delivers it later rather than never. Handlers must be safe to
 * run twice (a crash after the handler but before `done`): mail is deduplicated by key, refunds by
 * the provider's idempotency key.
 */
export async function deliverDueEffects(deps: EffectDeps, handlers: EffectHandlers, limit = 50) {
  const { storage, clock, logger } = deps;
  const now = clock.now();
  const due = await storage.effects.due(now, new Date(now.getTime() + leaseMs), limit);
  let delivered = 0;
  for (const effect of due) {
    if (await deliver(deps, handlers, effect)) delivered++;
    else logger.debug({ effectId: effect.id }, "effect left for a later round");
  }
  return delivered;
}

async function deliver({ storage, clock, logger }: EffectDeps, handlers: EffectHandlers, effect: Effect) {
  try {
    await handlers[effect.kind](effect.bookingId);
    await storage.effects.done(effect, clock.now());
    return true;
  } catch (error) {
    // The database is down: the effect stays leased and comes back when the lease ends.
    if (isOutage(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = effect.attempts >= maxAttempts;
    logger[giveUp ? "error" : "warn"]({ effectId: effect.id, attempts: effect.attempts, err: message, giveUp }, "effect delivery failed");
    await storage.effects.failed(effect, message, new Date(clock.now().getTime() + retryDelayMs(effect.attempts)), giveUp);
    return false;
  }
}
