// The OpenAPI 3.1 document, generated from the route manifest: each route's method and path, its roles,
// and its contract's schemas (request parts, and every answer by status and media type).
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { routes, type Route } from "#routes";
import type { ResponseContract } from "./contract.ts";

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "staffToken", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  for (const route of routes) {
    const { params, query, headers, body } = route.request ?? {};
    registry.registerPath({
      method: route.method.toLowerCase() as Lowercase<Route["method"]>,
      path: route.path,
      operationId: route.name,
      summary: route.summary,
      tags: [...route.tags],
      ...(route.auth !== "public" && {
        security: [{ [bearer.name]: [] }],
        description: `Roles: ${route.auth.join(", ")}`,
      }),
      request: {
        ...(params && { params }),
        ...(query && { query }),
        ...(headers && { headers }),
        ...(body && { body: requestBody(body) }),
      },
      responses: Object.fromEntries(Object.entries(route.responses).map(([status, answer]) => [status, response(answer)])),
    });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Đơn thư: citizens' petitions, complaints and denunciations",
      version: "0.1.0",
      description: "Every case knows its legal deadline. Errors are RFC 9457 problem+json.",
    },
  });
  return cached;
}

/** An optional body (one whose schema takes `undefined`) is documented by the schema it has when present. */
function requestBody(schema: z.ZodType) {
  const optional = schema.safeParse(undefined).success;
  const present = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return { required: !optional, content: { "application/json": { schema: present } } };
}

function response({ description, content, headers }: ResponseContract): ResponseConfig {
  return {
    description,
    ...(headers && { headers }),
    ...(content && { content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])) }),
  };
}
