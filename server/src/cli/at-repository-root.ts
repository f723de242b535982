import path from "node:path";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";

/**
 * `npm start` runs the server in the repository's root, so `./data` and `.env` are the root's.
 * npm runs this command inside server/ (its workspace), or wherever someone starts it; it moves to
 * the root before anything reads the environment, so it opens the same database as the server.
 * Imported first by the command's entry point: modules run in the order they are imported.
 */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
process.chdir(repositoryRoot);
// Variables already set win over the file, as for the server.
dotenv.config({ path: path.join(repositoryRoot, ".env"), quiet: true });
