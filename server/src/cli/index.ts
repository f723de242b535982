import "./at-repository-root.ts";
import { saleStatuses } from "../bookings/lifecycle.ts";
import { expireLapsedHolds } from "../bookings/release.ts";
import { systemClock } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createDeps } from "../providers/index.ts";
import { openBus } from "../providers/bus/index.ts";
import { withRecentUsers } from "../providers/storage/recent-users.ts";
import { changeReportingStorage } from "../providers/storage/change-reporting.ts";
import { openStorage } from "../providers/storage/index.ts";
import { seedDemo } from "../seed/demo.ts";
import { bookingsCsv } from "./csv.ts";

const usage = `QuickShow command line (uses the same configuration, .env and ./data as \`npm start\`)

  seed                    put demo shows of catalog movies on the next days
  make-admin <email>      give an account the admin role
  remove-admin <email>    take the admin role away
  make-staff <email>      give an account the door-staff role (check-in, today's attendance)
  remove-staff <email>    take the door-staff role away
  expire-holds            mark lapsed holds expired now and free their seats
  list-shows              upcoming shows with seats sold
  export-bookings <showId>  the show's bookings as CSV on standard output

With the embedded database (no DATABASE_URL), stop the server first: PGlite allows one process.`;

async function main(argv: string[]) {
  const [command, arg] = argv;
  if (!command || command === "help" || command === "--help") return console.log(usage);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const rawStorage = await openStorage(config);
  // Running servers hear what the command changed (freed seats, new shows, an admin made) on the change bus.
  const bus = await openBus(config, logger);
  const storage = withRecentUsers(changeReportingStorage(rawStorage, (event) => bus.publish(event)), undefined, undefined, bus);
  const deps = await createDeps({ config, clock: systemClock, logger, storage, bus });
  try {
    switch (command) {
      case "seed": {
        const result = await seedDemo(deps);
        console.log(`Seeded ${result.shows} new shows of ${result.movies} movies.`);
        break;
      }
      case "make-admin":
      case "remove-admin": {
        if (!arg) throw new Error(`${command} needs an email address`);
        const user = await storage.users.setRole(arg, command === "make-admin" ? "admin" : "user");
        if (!user) throw new Error(`No account with the email ${arg}; sign up first`);
        console.log(`${user.email} is now ${user.role === "admin" ? "an admin" : "a regular user"}.`);
        break;
      }
      case "make-staff":
      case "remove-staff": {
        if (!arg) throw new Error(`${command} needs an email address`);
        const found = await storage.users.findByEmail(arg);
        if (!found) throw new Error(`No account with the email ${arg}; sign up first`);
        if (found.role === "admin") throw new Error(`${found.email} is an admin; use remove-admin first`);
        const user = await storage.users.setRole(arg, command === "make-staff" ? "staff" : "user");
        console.log(`${user!.email} is now ${user!.role === "staff" ? "door staff" : "a regular user"}.`);
        break;
      }
      case "expire-holds": {
        const expired = await expireLapsedHolds(deps);
        console.log(`Expired ${expired.length} lapsed hold(s).`);
        break;
      }
      case "list-shows": {
        const shows = await storage.shows.pageWithOccupancy({ from: new Date(), limit: 10_000 }, new Date(), saleStatuses);
        const movies = new Map((await storage.movies.getMany([...new Set(shows.map((s) => s.movieId))])).map((m) => [m._id, m]));
        for (const s of shows) {
          console.log(`${s.startsAt.toISOString()}  ${s.id}  ${movies.get(s.movieId)?.title ?? s.movieId}  sold ${s.seatsSold}, held ${s.seatsHeld}`);
        }
        if (shows.length === 0) console.log("No upcoming shows.");
        break;
      }
      case "export-bookings": {
        if (!arg) throw new Error("export-bookings needs a show id (see list-shows)");
        const show = await storage.shows.get(arg);
        if (!show) throw new Error(`No show with id ${arg}`);
        process.stdout.write(await bookingsCsv(storage, show.id));
        break;
      }
      default:
        throw new Error(`Unknown command "${command}"\n\n${usage}`);
    }
  } finally {
    await bus.close();
    await storage.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
