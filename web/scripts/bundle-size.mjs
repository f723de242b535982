#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit downloads (the entry chunk of
// dist/index.html and its static imports, from the Vite manifest) and fails above the budget.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 150 * 1000; // 150 kB gzip
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const manifestPath = join(dist, ".vite", "manifest.json");

if (!existsSync(manifestPath)) {
  console.error(`bundle-size: ${manifestPath} not found; run \`vite build\` first (build.manifest must be on).`);
  process.exit(2);
}

/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const entryKeys = Object.keys(manifest).filter((k) => manifest[k].isEntry);
if (entryKeys.length === 0) {
  console.error("bundle-size: no entry chunk in the manifest");
  process.exit(2);
}

// Walk static imports only: dynamic imports (the admin panel) load later, on demand.
const initial = new Set();
const css = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const imp of chunk.imports ?? []) visit(imp);
};
entryKeys.forEach(visit);

// Cross-check with the <script>/<link rel=modulepreload> tags of index.html.
const html = readFileSync(join(dist, "index.html"), "utf8");
for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)) {
  if (m[1]) initial.add(m[1]);
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
let total = 0;
for (const file of [...initial].sort()) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(44)} ${kb(size).padStart(10)} gzip`);
}
const lazy = Object.values(manifest)
  .filter((c) => c.file.endsWith(".js") && !initial.has(c.file))
  .map((c) => c.file);
for (const file of lazy) console.log(`  ${file.padEnd(44)} ${kb(gz(file)).padStart(10)} gzip (lazy, not counted)`);
for (const file of css) console.log(`  ${file.padEnd(44)} ${kb(gz(file)).padStart(10)} gzip (css, not counted)`);

const verdict = total <= BUDGET_BYTES ? "OK" : "OVER BUDGET";
console.log(`Initial JS: ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)}) ${verdict}`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
