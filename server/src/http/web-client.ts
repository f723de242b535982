import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { precompressed } from "./precompressed.ts";
import express, { Router, type Request, type RequestHandler, type Response } from "express";

/**
 * A file that is not there, or a path static serving refused (`..`): the client's mistake, a
 * plain 404. Never index.html, which a browser would try to run as the missing script.
 */
export const missingFile: RequestHandler = (_req, res) => void res.sendStatus(404);

// Found as the @quickshow/web workspace rather than by a relative path, which would differ
// between the sources and the compiled bundle in server/dist.
export const webDistDir = path.join(path.dirname(createRequire(import.meta.url).resolve("@quickshow/web/package.json")), "dist");

/**
 * Answers a page request that failed (an unknown path, a tampered checkout link) with the site's
 * own page and the right status: the client shows its "not found" page for the path. Without a
 * built client, a short plain page; never Express's bare "Cannot GET".
 */
export function sendSitePage(res: Response, status: number, distDir = webDistDir) {
  const indexHtml = path.join(distDir, "index.html");
  res.status(status).set("Cache-Control", "no-store");
  if (existsSync(indexHtml)) return void res.sendFile(indexHtml);
  res.type("html").send(`<!doctype html><html lang="en"><title>QuickShow</title><h1>${status === 404 ? "Page not found" : "Something went wrong"}</h1><p><a href="/">QuickShow home</a></p></html>`);
}

/** Whether a failed request is a page a person opened (not an API call, asset or script). */
export const wantsPage = (req: Request) =>
  !req.path.startsWith("/api/") && req.path !== "/api" && !req.path.startsWith("/assets/") && req.accepts(["json", "html"]) === "html";

/** What the server writes into index.html for a page: data and markup for its first paint. */
export interface PageShell {
  head: string;
  root: string;
  /** The client's page chunks (web/src/pages/lazy.ts) the page will import: asked for with the HTML. */
  chunks?: string[];
}

/**
 * A built page chunk and the chunks it imports, as `<link rel="modulepreload">`: without them the
 * browser learns of a lazy page's code only after the entry script has run, one round trip later.
 * Read from the built files once; a chunk that is not there is simply not preloaded.
 */
function chunkPreloads(assetsDir: string) {
  const files = existsSync(assetsDir) ? readdirSync(assetsDir).filter((f) => f.endsWith(".js")) : [];
  const cache = new Map<string, string>();
  return (chunk: string) => {
    let links = cache.get(chunk);
    if (links === undefined) {
      const file = files.find((f) => f.startsWith(`${chunk}-`));
      const imported = file ? [...readFileSync(path.join(assetsDir, file), "utf8").matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]!) : [];
      links = (file ? [file, ...new Set(imported)] : []).map((f) => `<link rel="modulepreload" crossorigin href="/assets/${f}">`).join("");
      cache.set(chunk, links);
    }
    return links;
  };
}

/**
 * Serves the built React client: hashed assets cached for a year, index.html never cached,
 * and every other page path answered with index.html so client-side routes survive a reload.
 * `pageShell` may give a page its first paint (see home-shell.ts and page-shells.ts); the page
 * is sent in one piece either way, so it goes out compressed (compress.ts).
 */
export function webClientRouter(distDir = webDistDir, options: { pageShell?: (req: Request) => Promise<PageShell | null> } = {}) {
  const router = Router();
  const indexHtml = path.join(distDir, "index.html");
  if (!existsSync(indexHtml)) {
    router.get(/^\/(?!api\/|media\/|checkout\/).*/, (_req, res) => {
      res
        .status(503)
        .type("html")
        .send("<h1>QuickShow</h1><p>The web client is not built yet. Run <code>npm start</code> (it builds it) or <code>npm run build</code>.</p>");
    });
    return router;
  }
  // Brotli or gzip copies made at build time, when the browser takes them.
  router.use("/assets", precompressed(path.join(distDir, "assets"), { immutable: true, maxAge: "365d" }));
  router.use("/assets", express.static(path.join(distDir, "assets"), { immutable: true, maxAge: "365d" }), missingFile);
  router.use(express.static(distDir, { index: false, maxAge: "1h" }));
  const indexTemplate = readFileSync(indexHtml, "utf8");
  const preloads = chunkPreloads(path.join(distDir, "assets"));
  router.get(/^\/(?!api\/|media\/|checkout\/).*/, async (req, res, next) => {
    if (!req.accepts("html")) return next();
    let shell: PageShell | null = null;
    try {
      shell = (await options.pageShell?.(req)) ?? null;
    } catch (err) {
      // The page still works without it: the client fetches what it needs.
      req.log?.warn({ err }, "page shell unavailable");
    }
    const head = shell ? `${(shell.chunks ?? []).map(preloads).join("")}${shell.head}` : "";
    const html = shell ? indexTemplate.replace("</head>", `${head}</head>`).replace('<div id="root"></div>', `<div id="root">${shell.root}</div>`) : indexTemplate;
    res.set("Cache-Control", "no-cache").type("html").send(html);
  });
  return router;
}
