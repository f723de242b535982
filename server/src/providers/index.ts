import path from "node:path";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { jobFunctions } from "../jobs/functions.ts";
import type { Logger } from "../logger.ts";
import { noMetrics, type Metrics } from "../metrics/metrics.ts";
import { LocalAuthProvider, localTokenSecret } from "./auth/local.ts";
import { localCatalog } from "./catalog/local/catalog.ts";
import { LocalDiskImagesProvider } from "./images/local-disk.ts";
import type { JobsProvider } from "./jobs/interface.ts";
import { LocalJobsProvider } from "./jobs/local.ts";
import type { MailProvider } from "./mail/interface.ts";
import { LogMailProvider } from "./mail/log.ts";
import type { PaymentsProvider } from "./payments/interface.ts";
import { LocalPaymentsProvider } from "./payments/local.ts";
import type { ChangeBus } from "./bus/interface.ts";
import type { Storage } from "./storage/interface.ts";

/**
 * Chooses every provider from config, in one place. Each real provider (Stripe, Clerk, Inngest,
 * TMDB, Cloudinary, SMTP) is picked here when its keys are set; the local ones are the defaults.
 * A real provider's module (and its SDK) is imported only when it is chosen: together they
 * would add about half a second to every start.
 */
export async function createDeps(input: { config: Config; clock: Clock; logger: Logger; storage: Storage; bus: ChangeBus; metrics?: Metrics }): Promise<Deps> {
  const { config, clock, logger, storage, bus } = input;
  const localAccounts = config.clerk ? null : new LocalAuthProvider(localTokenSecret(config.jwtSecret, config.dataDir), {
    tokenTtlHours: config.tokenTtlHours,
    hashRounds: config.passwordHashRounds,
  });

  const mail: MailProvider = config.smtp
    ? new (await import("./mail/smtp.ts")).SmtpMailProvider(config.smtp, logger.child({ provider: "mail", kind: "smtp" }))
    : new LogMailProvider(logger.child({ provider: "mail" }), { showLinks: config.env !== "production" });

  const payments: PaymentsProvider = config.stripe
    ? new (await import("./payments/stripe.ts")).StripePaymentsProvider(config.stripe, clock, logger.child({ provider: "payments", kind: "stripe" }))
    : new LocalPaymentsProvider(logger.child({ provider: "payments" }), localTokenSecret(config.jwtSecret, config.dataDir));

  let deps: Deps;
  // The job functions read `deps` when they run, so a provider swapped in later (tests) is used.
  const functions = () => jobFunctions(deps);
  const jobs: JobsProvider = config.inngest
    ? new (await import("./jobs/inngest.ts")).InngestJobsProvider(config.inngest, functions, logger.child({ provider: "jobs", kind: "inngest" }))
    : new LocalJobsProvider(functions, clock, logger.child({ provider: "jobs" }));

  deps = {
    config,
    clock,
    logger,
    storage,
    catalog: config.tmdb ? new (await import("./catalog/tmdb.ts")).TmdbCatalog(config.tmdb, logger.child({ provider: "catalog", kind: "tmdb" })) : localCatalog(),
    auth: config.clerk ? new (await import("./auth/clerk.ts")).ClerkAuthProvider(config.clerk, logger.child({ provider: "clerk" })) : localAccounts!,
    localAccounts,
    payments,
    jobs,
    mail,
    images: config.cloudinary
      ? new (await import("./images/cloudinary.ts")).CloudinaryImagesProvider(config.cloudinary)
      : new LocalDiskImagesProvider(path.resolve(config.dataDir, "uploads")),
    bus,
    metrics: input.metrics ?? noMetrics,
  };
  logger.info({ payments: payments.kind, jobs: jobs.kind, mail: mail.kind, bus: bus.kind }, "providers chosen");
  return deps;
}
