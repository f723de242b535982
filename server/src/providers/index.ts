import path from "node:path";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { jobFunctions } from "../jobs/functions.ts";
import type { Logger } from "../logger.ts";
import { ClerkAuthProvider } from "./auth/clerk.ts";
import { LocalAuthProvider, localTokenSecret } from "./auth/local.ts";
import { localCatalog } from "./catalog/local/catalog.ts";
import { LocalDiskImagesProvider } from "./images/local-disk.ts";
import { LocalJobsProvider } from "./jobs/local.ts";
import { LogMailProvider } from "./mail/log.ts";
import { LocalPaymentsProvider } from "./payments/local.ts";
import type { Storage } from "./storage/interface.ts";

/**
 * Chooses every provider from config, in one place. Each real provider (Stripe, Clerk, Inngest,
 * TMDB, Cloudinary, SMTP) is picked here when its keys are set; the local ones are the defaults.
 */
export function createDeps(input: { config: Config; clock: Clock; logger: Logger; storage: Storage }): Deps {
  const { config, clock, logger, storage } = input;
  const localAccounts = config.clerk ? null : new LocalAuthProvider(localTokenSecret(config.jwtSecret, config.dataDir), {
    tokenTtlHours: config.tokenTtlHours,
    hashRounds: config.passwordHashRounds,
  });
  const mail = new LogMailProvider(logger.child({ provider: "mail" }));
  let deps: Deps;
  const jobs = new LocalJobsProvider(() => jobFunctions(deps), clock, logger.child({ provider: "jobs" }));
  deps = {
    config,
    clock,
    logger,
    storage,
    catalog: localCatalog(),
    auth: config.clerk ? new ClerkAuthProvider(config.clerk, logger.child({ provider: "clerk" })) : localAccounts!,
    localAccounts,
    payments: new LocalPaymentsProvider(logger.child({ provider: "payments" })),
    jobs,
    mail,
    images: new LocalDiskImagesProvider(path.resolve(config.dataDir, "uploads")),
  };
  return deps;
}
