import { brotliCompress, constants, gzip } from "node:zlib";
import type { RequestHandler, Response } from "express";

/** Bodies smaller than this go out as they are: the headers and framing would eat the saving. */
export const COMPRESS_MIN_BYTES = 1024;

/** Text worth compressing; images, PDFs and fonts are compressed already. */
const compressible = /^(text\/(?!event-stream)|application\/(json|javascript|xml|problem\+json)|image\/svg\+xml)/i;

type Encoding = "br" | "gzip";

// Brotli's default (quality 11) costs tens of milliseconds on a listing; 4 keeps most of the
// saving at a cost close to gzip's, which is what an answer made per request can afford.
const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
    if (encoding === "br") brotliCompress(body, { ...brotliOptions, params: { ...brotliOptions.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }, done);
    else gzip(body, done);
  });
}

// Answers kept by the read cache are sent as the same Buffer each time: their compressed copies
// are kept with them (and go when the cache drops the entry), so a hot listing is compressed once.
const copies = new WeakMap<Buffer, Map<Encoding, Promise<Buffer>>>();

function compressedCopy(body: Buffer, encoding: Encoding, reusable: boolean) {
  if (!reusable) return compress(body, encoding);
  let byEncoding = copies.get(body);
  if (!byEncoding) copies.set(body, (byEncoding = new Map()));
  let copy = byEncoding.get(encoding);
  if (!copy) byEncoding.set(encoding, (copy = compress(body, encoding)));
  return copy;
}

function worthCompressing(res: Response, body: Buffer) {
  if (body.length < COMPRESS_MIN_BYTES || res.getHeader("Content-Encoding")) return false;
  if (res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304) return false;
  if (/\bno-transform\b/.test(String(res.getHeader("Cache-Control") ?? ""))) return false;
  return compressible.test(String(res.getHeader("Content-Type") ?? ""));
}

/**
 * Compresses whole answers (JSON, HTML) of 1 kB or more with brotli, or gzip, when the client
 * accepts it. Only answers sent in one piece are touched: anything written bit by bit (seat
 * streams, files piped from disk) goes out as it is, so an event is never held in a buffer.
 */
export function compressAnswers(): RequestHandler {
  return (req, res, next) => {
    // Brotli when the client takes it at all: browsers list "gzip, deflate, br" with equal weights.
    const encoding: Encoding | null = !req.headers["accept-encoding"]
      ? null
      : req.acceptsEncodings("br") === "br"
        ? "br"
        : req.acceptsEncodings("gzip") === "gzip"
          ? "gzip"
          : null;
    const write = res.write;
    const end = res.end;
    let streamed = false;
    res.write = function (this: Response, ...args: Parameters<Response["write"]>) {
      streamed = true;
      return write.apply(this, args);
    } as Response["write"];
    res.end = function (this: Response, ...args: unknown[]) {
      const [chunk, encodingArg] = args;
      if (streamed || res.headersSent || chunk == null || typeof chunk === "function") return end.apply(this, args as Parameters<Response["end"]>);
      const body = Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encodingArg === "string" ? (encodingArg as BufferEncoding) : "utf8") : null;
      if (!body || !worthCompressing(res, body)) return end.apply(this, args as Parameters<Response["end"]>);
      res.vary("Accept-Encoding");
      if (!encoding || req.method === "HEAD") return end.apply(this, args as Parameters<Response["end"]>);
      compressedCopy(body, encoding, Buffer.isBuffer(chunk)).then(
        (compressed) => {
          if (res.destroyed) return;
          const etag = res.getHeader("ETag");
          // The compressed bytes differ from the plain ones: a strong validator may not name both.
          if (typeof etag === "string" && !etag.startsWith("W/")) res.setHeader("ETag", `W/${etag}`);
          res.setHeader("Content-Encoding", encoding);
          res.setHeader("Content-Length", compressed.length);
          (end as (chunk: Buffer) => Response).call(res, compressed);
        },
        (err: unknown) => {
          req.log?.warn({ err }, "compression failed; sending the answer uncompressed");
          if (!res.destroyed) end.apply(res, args as Parameters<Response["end"]>);
        },
      );
      return res;
    } as Response["end"];
    next();
  };
}
