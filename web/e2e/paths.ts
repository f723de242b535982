import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(webDir, "..");
export const screenshotDir = join(repoRoot, "docs", "screenshots");
