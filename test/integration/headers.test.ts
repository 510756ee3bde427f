// The security headers through the local gateway: every page (and its assets) with the CSP and the others,
// every API answer with nosniff and no-store, the handlers' answers and problems as the gateway's own 404 and 413.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageHeaders } from "#http/security-headers.ts";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";

const webDir = join(process.cwd(), "web", "dist");
const pages = readdirSync(webDir).filter((f) => f.endsWith(".html"));
let api: TestGateway;

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ staticDir: webDir, maxRequestBytes: 1024 });
});
afterAll(() => api?.close());

const headersOf = (res: Response, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, res.headers.get(n)]));

describe("the pages", () => {
  it("should be more than one, built", () => {
    expect(pages).toEqual(expect.arrayContaining(["index.html", "track.html", "console.html"]));
  });

  it.each(pages.map((p) => [p === "index.html" ? "/" : `/${p.replace(/\.html$/, "")}`]))("%s carries the CSP, no-referrer, nosniff, DENY and the others", async (path) => {
    const res = await fetch(api.url + path);

    expect(res.status).toBe(200);
    expect(headersOf(res, Object.keys(pageHeaders()))).toEqual(pageHeaders());
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self';");
  });

  it("should send the same headers with a script and with a 304", async () => {
    const script = await fetch(`${api.url}/track.js`);
    const again = await fetch(`${api.url}/track.js`, { headers: { "if-none-match": script.headers.get("etag")! } });

    expect([script.status, again.status]).toEqual([200, 304]);
    expect(headersOf(script, Object.keys(pageHeaders()))).toEqual(pageHeaders());
    expect(headersOf(again, Object.keys(pageHeaders()))).toEqual(pageHeaders());
  });
});

describe("the API's answers", () => {
  const apiHeaderNames = ["x-content-type-options", "cache-control"];
  const expected = { "x-content-type-options": "nosniff", "cache-control": "no-store" };

  it.each([
    ["an answer", () => api.get("/health"), 200],
    ["a problem (bad input)", () => api.post("/cases", { kind: "nope" }), 400],
    ["a problem (no token)", () => api.get("/staff/cases"), 401],
    ["the gateway's 404", () => api.get("/no/such/route"), 404],
    ["the gateway's 413", () => api.raw("POST", "/cases", "x".repeat(2048), { "content-type": "application/json" }), 413],
    ["an OPTIONS answer", () => api.raw("OPTIONS", "/cases"), 204],
  ] as const)("%s carries nosniff and no-store", async (_what, send, status) => {
    const res = await send();

    expect([res.status, headersOf(res, apiHeaderNames)]).toEqual([status, expected]);
  });
});
