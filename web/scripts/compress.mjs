#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the built client, once,
// at build time, at the strongest settings: the server then sends the copy the browser accepts
// (server/src/http/precompressed.ts) instead of compressing on every request.
// `node scripts/compress.mjs [dir]` (default: dist).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const TEXT = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map"]);
// Below this, the headers cost more than compression saves.
const MIN_BYTES = 1024;

function* files(at) {
  for (const name of readdirSync(at)) {
    if (name.startsWith(".")) continue; // .vite/manifest.json is for the build, not served
    const path = join(at, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
let before = 0;
let afterBr = 0;
for (const file of files(dir)) {
  if (!TEXT.has(extname(file))) continue;
  const raw = readFileSync(file);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  const gz = gzipSync(raw, { level: 9 });
  // A copy no smaller than the original is not worth sending.
  if (br.length < raw.length) writeFileSync(`${file}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  count += 1;
  before += raw.length;
  afterBr += Math.min(br.length, raw.length);
  console.log(`  ${relative(dir, file).padEnd(44)} ${(raw.length / 1000).toFixed(1).padStart(8)} kB → br ${(br.length / 1000).toFixed(1)} kB, gzip ${(gz.length / 1000).toFixed(1)} kB`);
}
console.log(`Pre-compressed ${count} files: ${(before / 1000).toFixed(1)} kB → ${(afterBr / 1000).toFixed(1)} kB with brotli`);
