import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics/metrics.ts";
import type { AuthProvider } from "./providers/auth/interface.ts";
import type { ChangeBus } from "./providers/bus/interface.ts";
import type { LocalAuthProvider } from "./providers/auth/local.ts";
import type { CatalogProvider } from "./providers/catalog/interface.ts";
import type { ImagesProvider } from "./providers/images/interface.ts";
import type { JobsProvider } from "./providers/jobs/interface.ts";
import type { MailProvider } from "./providers/mail/interface.ts";
import type { PaymentsProvider } from "./providers/payments/interface.ts";
import type { Storage } from "./providers/storage/interface.ts";

/** Everything a service may use, built once in providers/index.ts. */
export interface Deps {
  config: Config;
  clock: Clock;
  logger: Logger;
  storage: Storage;
  catalog: CatalogProvider;
  auth: AuthProvider;
  /** Present when the local accounts provider is in use (register / sign-in routes). */
  localAccounts: LocalAuthProvider | null;
  payments: PaymentsProvider;
  jobs: JobsProvider;
  mail: MailProvider;
  images: ImagesProvider;
  /** Carries seat and listing changes to every instance (read caches, seat streams). */
  bus: ChangeBus;
  /** Counters for whoever operates the site (no-ops unless metrics are enabled). */
  metrics: Metrics;
}
