// The OpenAPI 3.1 document, generated from the route manifest and the zod schemas of each route.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { routes } from "#routes";
import { apiDocs } from "./api-docs.ts";

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "staffToken", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  for (const route of routes) {
    const doc = apiDocs[route.name];
    if (!doc) throw new Error(`route ${route.name} has no entry in api-docs.ts`);
    registry.registerPath({
      method: route.method.toLowerCase() as "get" | "post" | "put" | "delete",
      path: route.path,
      operationId: route.name,
      summary: doc.summary,
      tags: [...doc.tags],
      ...(route.auth !== "public" && {
        security: [{ [bearer.name]: [] }],
        description: `Roles: ${route.auth.join(", ")}`,
      }),
      request: {
        ...(doc.request?.params && { params: doc.request.params }),
        ...(doc.request?.query && { query: doc.request.query }),
        ...(doc.request?.headers && { headers: doc.request.headers }),
        ...(doc.request?.body && { body: { required: true, content: { "application/json": { schema: doc.request.body } } } }),
      },
      responses: Object.fromEntries(
        Object.entries(doc.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema && {
              content: { [Number(status) >= 400 ? "application/problem+json" : "application/json"]: { schema: r.schema } },
            }),
          },
        ]),
      ),
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
