import { errorBodySchema, routes, type RouteContract } from "@quickshow/contracts";
import { z } from "zod";

const errorStatuses: Record<string, string> = {
  "400": "Invalid input; the message names the field",
  "401": "Missing or invalid session token",
  "403": "Signed in, but not allowed",
  "404": "No such resource",
  "409": "Conflict: a seat was just taken, or a duplicate",
  "429": "Too many requests",
};

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

/** The form's text fields plus the uploaded file, which travels in the field `image`. */
function multipartSchema(form: z.ZodType) {
  const fields = jsonSchema(form, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return {
    type: "object",
    properties: { ...fields.properties, image: { type: "string", format: "binary", description: "PNG, JPEG, WebP or GIF" } },
    required: [...(fields.required ?? []), "image"],
  };
}

function operation(name: string, route: RouteContract) {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const errors = Object.fromEntries(
    Object.entries(errorStatuses)
      .filter(([status]) => route.access !== "public" || (status !== "401" && status !== "403"))
      .map(([status, description]) => [status, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );
  return {
    operationId: name,
    summary: route.summary,
    tags: [route.path.split("/")[2] ?? "api"],
    ...(route.access === "public" ? {} : { security: [{ bearerAuth: [] }] }),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } } }
      : {}),
    ...(route.form
      ? {
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: multipartSchema(route.form) } },
          },
        }
      : {}),
    responses: {
      [String(route.status ?? 200)]: route.events
        ? {
            description: `An open stream of \`${route.events}\` events whose data is the JSON below; comments are heartbeats, \`retry:\` advises the reconnect delay`,
            content: { "text/event-stream": { schema: { type: "string" }, "x-event-data": jsonSchema(route.response, "output") } },
          }
        : {
            description: "Success",
            content: { "application/json": { schema: jsonSchema(route.response, "output") } },
          },
      ...errors,
    },
    "x-access": route.access,
  };
}

/** OpenAPI 3.1 built from the same zod contracts the server validates with and the client imports. */
export function openApiDocument(extraPaths: Record<string, unknown> = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteContract][]) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    (paths[path] ??= {})[route.method] = operation(name, route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "QuickShow API",
      version: "1.0.0",
      description:
        "Movie-ticket booking. Every error answers with { success: false, message, code }; success bodies carry success: true. Prices are in major units of the configured currency; times are UTC ISO-8601 instants.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Error: jsonSchema(errorBodySchema, "output") },
    },
    paths: { ...paths, ...extraPaths },
  };
}
