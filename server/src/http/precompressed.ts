import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";

/** What each pre-compressed copy is called and which Content-Encoding names it, best first. */
const encodings = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** Relative paths (with "/") of every file under `dir`. The built client never changes while the server runs. */
function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/**
 * Serves the brotli or gzip copy that the build wrote beside a file (web/scripts/compress.mjs)
 * when the browser accepts it, with the original's type and caching; otherwise hands over to
 * static serving. Every answer for a file that has copies says `Vary: Accept-Encoding`, so a
 * shared cache never gives a compressed body to a client that did not ask for one.
 */
export function precompressed(dir: string, options: { maxAge: string; immutable?: boolean }): RequestHandler {
  const files = new Set(listFiles(dir));
  const variants = new Map<string, (typeof encodings)[number][]>();
  for (const file of files) {
    const found = encodings.filter((e) => files.has(`${file}${e.suffix}`));
    if (found.length > 0) variants.set(`/${file}`, found);
  }
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const available = variants.get(req.path);
    if (!available) return next();
    res.vary("Accept-Encoding");
    // No header means "identity only" here: a client that says nothing gets the plain file.
    const choice = req.headers["accept-encoding"] ? available.find((e) => req.acceptsEncodings(e.name) === e.name) : undefined;
    if (!choice) return next();
    res.type(path.extname(req.path));
    res.set("Content-Encoding", choice.name);
    res.sendFile(`${req.path.slice(1)}${choice.suffix}`, { root: dir, maxAge: options.maxAge, immutable: options.immutable ?? false, dotfiles: "deny" }, (err) => {
      // A browser that went elsewhere mid-download (a prefetch cut short) is not an error of ours.
      if (!err || res.headersSent || (err as NodeJS.ErrnoException).code === "ECONNABORTED") return;
      next(err);
    });
  };
}
