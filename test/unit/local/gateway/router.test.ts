// Route matching from the manifest, API Gateway path syntax.
import { describe, expect, it } from "vitest";
import { createRouteTable, toRouterPath } from "#local/gateway/router.ts";
import { routes as manifest, type RouteDefinition } from "#routes";

const route = (method: RouteDefinition["method"], path: string, name = "R"): RouteDefinition => ({
  name, method, path, entry: "x.ts", auth: "public", tables: {},
});

describe("toRouterPath", () => {
  it("should turn {param} into :param and {proxy+} into a wildcard", () => {
    expect(toRouterPath("/staff/cases/{caseId}/{action}")).toBe("/staff/cases/:caseId/:action");
    expect(toRouterPath("/files/{path+}")).toBe("/files/*");
  });
});

describe("createRouteTable", () => {
  const table = createRouteTable([
    route("GET", "/cases/track/{trackingCode}", "Track"),
    route("POST", "/staff/cases/{caseId}/{action}", "Act"),
    route("GET", "/staff/cases/{caseId}/audit", "Audit"),
    route("GET", "/files/{path+}", "Files"),
  ]);

  it("should match a route and decode its percent-encoded Vietnamese parameter", () => {
    expect(table.match("GET", `/cases/track/${encodeURIComponent("Nguyễn Văn Ánh")}`)).toEqual({
      route: route("GET", "/cases/track/{trackingCode}", "Track"),
      routeKey: "GET /cases/track/{trackingCode}",
      pathParameters: { trackingCode: "Nguyễn Văn Ánh" },
    });
  });

  it("should prefer a literal segment over a parameter", () => {
    expect(table.match("GET", "/staff/cases/C1/audit")?.route.name).toBe("Audit");
    expect(table.match("POST", "/staff/cases/C1/accept")?.pathParameters).toEqual({ caseId: "C1", action: "accept" });
  });

  it("should name the greedy parameter as the manifest does", () => {
    expect(table.match("GET", "/files/a/b%20c.pdf")?.pathParameters).toEqual({ path: "a/b c.pdf" });
  });

  it("should not match another method, a trailing slash, another case or an unknown path", () => {
    expect(table.match("POST", "/cases/track/X")).toBeUndefined();
    expect(table.match("GET", "/cases/track/X/")).toBeUndefined();
    expect(table.match("GET", "/Cases/track/X")).toBeUndefined();
    expect(table.match("PATCH", "/cases/track/X")).toBeUndefined();
    expect(table.match("GET", "/nowhere")).toBeUndefined();
  });

  it("should list the methods a path accepts", () => {
    expect(table.methodsFor("/staff/cases/C1/audit")).toEqual(["GET", "POST"]);
    expect(table.methodsFor("/nowhere")).toEqual([]);
  });

  it("should register every route of the real manifest", () => {
    const real = createRouteTable(manifest);
    for (const r of manifest) {
      const path = r.path.replace(/\{[^}]+\}/g, "x");
      expect(real.match(r.method, path)?.route.name).toBe(r.name);
    }
  });
});
