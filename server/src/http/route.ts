import type { BodyOf, ResponseOf, RouteName } from "@quickshow/contracts";
import { routes } from "@quickshow/contracts";
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import type { Deps } from "../deps.ts";
import type { UserRecord } from "../providers/storage/interface.ts";
import { requireAdmin, requireStaff, requireUser, requireVerifiedUser } from "./auth.ts";
import type { ReadCache } from "./read-cache.ts";
import { parse } from "./validate.ts";

type Access<N extends RouteName> = (typeof routes)[N]["access"];
type ParsedBody<N extends RouteName> = (typeof routes)[N] extends { body: z.ZodType } ? z.infer<(typeof routes)[N]["body"]> : undefined;
type ParsedQuery<N extends RouteName> = (typeof routes)[N] extends { query: z.ZodType } ? z.infer<(typeof routes)[N]["query"]> : undefined;

export interface RouteContext<N extends RouteName> {
  req: Request;
  res: Response;
  params: Record<string, string>;
  body: ParsedBody<N>;
  query: ParsedQuery<N>;
  user: Access<N> extends "public" ? null : UserRecord;
}

export type RouteHandler<N extends RouteName> = (ctx: RouteContext<N>) => Promise<Omit<ResponseOf<N>, "success">>;

/** How a public read route's answers are kept in the read cache. */
export interface CachePolicy {
  cache: ReadCache;
  ttlMs: number;
  tags: (params: Record<string, string>) => string[];
}

/**
 * Mounts a handler at the path, method and access level the contract table gives for it, so
 * authentication and body validation can never be forgotten on a route.
 */
export function mountRoute<N extends RouteName>(
  router: Router,
  deps: Deps,
  name: N,
  handler: RouteHandler<N>,
  caching?: Access<N> extends "public" ? CachePolicy : never,
) {
  const contract = routes[name];
  router[contract.method](contract.path, async (req, res) => {
    if (caching) {
      // A cached route with a query (a filter) is cached per parsed query, so a junk parameter never makes a new entry.
      const cachedQuery = "query" in contract ? parse(contract.query as z.ZodType, req.query, "query") : undefined;
      const key = `${name}:${req.path}${cachedQuery ? `?${JSON.stringify(cachedQuery)}` : ""}`;
      const hit =
        caching.cache.get(key) ??
        caching.cache.set(
          key,
          { success: true, ...(await handler({ req, res, params: req.params as Record<string, string>, body: undefined as ParsedBody<N>, query: cachedQuery as ParsedQuery<N>, user: null as RouteContext<N>["user"] })) },
          caching.ttlMs,
          caching.tags(req.params as Record<string, string>),
        );
      res.setHeader("ETag", hit.etag);
      res.setHeader("Cache-Control", "no-cache");
      // Compressed answers carry the weak form of the tag (compress.ts); either names this body.
      if (req.headers["if-none-match"]?.replace(/^W\//, "") === hit.etag) return void res.status(304).end();
      res.type("application/json").send(hit.body);
      return;
    }
    const user =
      contract.access === "admin"
        ? await requireAdmin(deps, req)
        : contract.access === "verified"
          ? await requireVerifiedUser(deps, req)
          : contract.access === "user"
            ? await requireUser(deps, req)
            : contract.access === "staff"
              ? await requireStaff(deps, req)
              : null;
    const advice = "fieldAdvice" in contract ? (contract.fieldAdvice as Record<string, string>) : undefined;
    const body = "body" in contract ? parse(contract.body as z.ZodType, req.body, "body", advice) : undefined;
    const query = "query" in contract ? parse(contract.query as z.ZodType, req.query, "query") : undefined;
    const result = await handler({
      req,
      res,
      params: req.params as Record<string, string>,
      body: body as ParsedBody<N>,
      query: query as ParsedQuery<N>,
      user: user as RouteContext<N>["user"],
    });
    res.status("status" in contract ? contract.status : 200).json({ success: true, ...result });
  });
}

export type { BodyOf };
