// The OpenAPI document against the manifest: every route is in it with every status its contract
// documents, each with its media types, and the staff routes with their bearer token and roles.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "#http/openapi.ts";
import { routes } from "#routes";

interface Operation {
  operationId?: string;
  security?: unknown[];
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
}

const document = openApiDocument();
const operationOf = (method: string, path: string) =>
  (document.paths?.[path] as Record<string, Operation | undefined> | undefined)?.[method.toLowerCase()];

describe.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))("%s", (_, route) => {
  const operation = operationOf(route.method, route.path);

  it("should be in the document under its name", () => {
    expect(operation?.operationId).toBe(route.name);
  });

  it("should document every status of its contract with its media types and headers, and no other status", () => {
    const documented = Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [
        status,
        { content: Object.keys(answer.content ?? {}).sort(), headers: Object.keys(answer.headers?.shape ?? {}).sort() },
      ]),
    );
    const inDocument = Object.fromEntries(
      Object.entries(operation?.responses ?? {}).map(([status, answer]) => [
        status,
        { content: Object.keys(answer.content ?? {}).sort(), headers: Object.keys(answer.headers ?? {}).sort() },
      ]),
    );

    expect(inDocument).toEqual(documented);
  });

  it("should document each path parameter, declared header and the body", () => {
    const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const parameters = operation?.parameters ?? [];

    expect(parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(pathParams);
    expect(parameters.filter((p) => p.in === "header").map((p) => p.name)).toEqual(Object.keys(route.request?.headers?.shape ?? {}));
    expect(Object.keys(operation?.requestBody?.content ?? {})).toEqual(route.request?.body ? ["application/json"] : []);
  });

  it("should say whether a staff token is needed, and which roles", () => {
    if (route.auth === "public") {
      expect(operation?.security).toBeUndefined();
    } else {
      expect(operation?.security).toEqual([{ staffToken: [] }]);
      expect(operation?.description).toBe(`Roles: ${route.auth.join(", ")}`);
    }
  });
});

it("should hold no operation that is not a route of the manifest", () => {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`));

  expect(operations.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
});
