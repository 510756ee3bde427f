// Pure pieces of the infra: the API path patterns CloudFront routes, and the page path rewrite.
import { describe, expect, it } from "vitest";
import { routes, type RouteDefinition } from "#routes";
import { apiPathPatterns } from "../../infra/api-paths.ts";
import { pagePathRewriteCode } from "../../infra/website.ts";

const route = (path: string): RouteDefinition => ({ name: path, method: "GET", path, entry: "x.ts", auth: "public", tables: {} });

describe("apiPathPatterns", () => {
  it("routes each first segment: the segment itself, what lies below it, or both", () => {
    expect(apiPathPatterns([route("/health"), route("/cases"), route("/cases/track/{trackingCode}"), route("/openapi.json")])).toEqual([
      "/cases",
      "/cases/*",
      "/health",
      "/openapi.json",
    ]);
  });

  it("covers every route of the manifest", () => {
    const patterns = apiPathPatterns(routes);
    for (const { path } of routes) {
      const matched = patterns.some((p) => (p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p));
      expect(matched, path).toBe(true);
    }
  });

  it("refuses a route whose first segment is a parameter, which CloudFront cannot route", () => {
    expect(() => apiPathPatterns([route("/{caseId}/audit")])).toThrow(/first path segment/);
  });
});

describe("page path rewrite (CloudFront Function)", () => {
  const handler = new Function(`${pagePathRewriteCode}; return handler;`)() as (event: { request: { uri: string } }) => { uri: string };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;

  it("maps folders to index.html and extension-less paths to .html, leaves files alone", () => {
    expect([rewrite("/"), rewrite("/track"), rewrite("/console/"), rewrite("/console/cases"), rewrite("/app.js"), rewrite("/styles/site.css")]).toEqual([
      "/index.html",
      "/track.html",
      "/console/index.html",
      "/console/cases.html",
      "/app.js",
      "/styles/site.css",
    ]);
  });
});
