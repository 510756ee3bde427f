// The gateway over real HTTP with fake handlers: what a client sees for each kind of answer.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyEventV2, Handler } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { createGateway, listen } from "#local/gateway/server.ts";
import type { RouteDefinition } from "#routes";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const route = (name: string, method: RouteDefinition["method"], path: string, extra: Partial<RouteDefinition> = {}): RouteDefinition => ({
  name, method, path, entry: `${name}.ts`, auth: "public", tables: {}, ...extra,
});
const routes: RouteDefinition[] = [
  route("Echo", "POST", "/echo/{word}", { entry: "echo.ts" }),
  route("EchoGet", "GET", "/echo/{word}", { entry: "echo.ts" }),
  route("Missing", "GET", "/missing", { entry: "does-not-exist.ts" }),
  route("NoHandler", "GET", "/no-handler", { entry: "no-handler.ts" }),
  route("Throws", "GET", "/throws"),
  route("Invalid", "GET", "/invalid"),
  route("Slow", "GET", "/slow"),
  route("Callback", "GET", "/callback"),
  route("Text", "GET", "/text"),
  route("Staff", "GET", "/staff/cases", { auth: ["handler", "admin"] }),
  route("Health", "GET", "/health"),
];
const fakes: Record<string, Handler> = {
  "Throws.ts": async () => {
    throw new Error("secret stack detail");
  },
  "Invalid.ts": async () => ({ statusCode: "200", body: "x" }),
  "Slow.ts": () => new Promise(() => undefined),
  "Callback.ts": (_event, _context, callback) => callback(null, { statusCode: 202, body: "queued" }),
  "Text.ts": async () => "xin chào",
  "Staff.ts": async (event: { requestContext: { authorizer?: unknown } }) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) }),
  "Health.ts": async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"status":"ok"}' }),
};
const fromFiles = moduleLoader(fixtures);
const loadHandler = async (entry: string) => fakes[entry] ?? fromFiles(entry);

let server: Server;
let base: string;
const errors: string[] = [];
beforeAll(async () => {
  const web = mkdtempSync(join(tmpdir(), "gateway-web-"));
  writeFileSync(join(web, "index.html"), "<h1>Đơn thư</h1>");
  writeFileSync(join(web, "track.html"), "<h1>Tra cứu</h1>");
  mkdirSync(join(web, "assets"));
  writeFileSync(join(web, "assets", "app-5XJ2ZK3Q.js"), "console.log(1)");
  writeFileSync(join(web, "styles.css"), "body{}");
  writeFileSync(join(web, ".secret"), "no");
  const listener = createGateway({
    routes,
    loadHandler,
    staticDir: web,
    timeoutMs: 300,
    maxRequestBytes: 1024,
    verifyToken: (token) => (token === "good" ? { sub: "u1", "cognito:groups": ["handler", "reception"], exp: 1 } : undefined),
    log: () => undefined,
    logError: (line) => errors.push(line),
  });
  server = await listen(listener, 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const json = async (res: Response) => ({ status: res.status, type: res.headers.get("content-type"), body: await res.json() });

describe("the local gateway", () => {
  it("should invoke the handler module with a v2 event and the route name as function name, and set each cookie", async () => {
    // Act
    const res = await fetch(`${base}/echo/${encodeURIComponent("Hà Nội")}?a=1&a=2`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "x=1; y=2" },
      body: JSON.stringify({ subject: "Khiếu nại" }),
    });
    const got = (await res.json()) as { event: APIGatewayProxyEventV2; functionName: string; remaining: number };

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(["session=abc; HttpOnly", "theme=dark"]);
    expect(res.headers.get("apigw-requestid")).toBe(got.event.requestContext.requestId);
    expect(got.functionName).toBe("Echo");
    expect(got.remaining).toBeGreaterThan(0);
    expect(got.event).toMatchObject({
      version: "2.0",
      routeKey: "POST /echo/{word}",
      rawPath: `/echo/${encodeURIComponent("Hà Nội")}`,
      rawQueryString: "a=1&a=2",
      cookies: ["x=1", "y=2"],
      queryStringParameters: { a: "1,2" },
      pathParameters: { word: "Hà Nội" },
      body: JSON.stringify({ subject: "Khiếu nại" }),
      isBase64Encoded: false,
      requestContext: { stage: "$default", http: { method: "POST", sourceIp: "127.0.0.1", protocol: "HTTP/1.1" } },
    });
    expect(got.event.headers).not.toHaveProperty("cookie");
  });

  it("should answer 404 Not Found for an unknown route and for a known path with another method", async () => {
    expect(await json(await fetch(`${base}/nowhere`))).toEqual({ status: 404, type: "application/json", body: { message: "Not Found" } });
    expect(await json(await fetch(`${base}/health`, { method: "DELETE" }))).toEqual({ status: 404, type: "application/json", body: { message: "Not Found" } });
  });

  it("should answer 500 without detail when the handler throws, and log it", async () => {
    expect(await json(await fetch(`${base}/throws`))).toEqual({ status: 500, type: "application/json", body: { message: "Internal Server Error" } });
    expect(errors.some((l) => l.includes("Throws threw"))).toBe(true);
  });

  it("should answer 500 when the response is invalid, and log why", async () => {
    expect(await json(await fetch(`${base}/invalid`))).toEqual({ status: 500, type: "application/json", body: { message: "Internal Server Error" } });
    expect(errors.some((l) => l.includes("Invalid returned an invalid response: statusCode must be an integer"))).toBe(true);
  });

  it("should answer 500 when the module is missing or exports no handler", async () => {
    expect((await fetch(`${base}/missing`)).status).toBe(500);
    expect((await fetch(`${base}/no-handler`)).status).toBe(500);
    expect(errors.some((l) => l.includes("cannot load no-handler.ts"))).toBe(true);
  });

  it("should answer 503 Service Unavailable after the integration timeout", async () => {
    expect(await json(await fetch(`${base}/slow`))).toEqual({ status: 503, type: "application/json", body: { message: "Service Unavailable" } });
  });

  it("should accept a callback-style handler", async () => {
    const res = await fetch(`${base}/callback`);
    expect({ status: res.status, type: res.headers.get("content-type"), body: await res.text() }).toEqual({
      status: 202, type: "text/plain; charset=utf-8", body: "queued",
    });
  });

  it("should infer 200 application/json from a returned string", async () => {
    const res = await fetch(`${base}/text`);
    expect({ status: res.status, type: res.headers.get("content-type"), body: await res.text() }).toEqual({
      status: 200, type: "application/json", body: "xin chào",
    });
  });

  it("should answer 413 for a body over the limit", async () => {
    const res = await fetch(`${base}/echo/x`, { method: "POST", body: "x".repeat(1025) });
    expect(await json(res)).toEqual({ status: 413, type: "application/json", body: { message: "Request Entity Too Large" } });
  });

  it("should answer 401 on a staff route without a Bearer token or with a rejected one", async () => {
    const none = await fetch(`${base}/staff/cases`);
    const bad = await fetch(`${base}/staff/cases`, { headers: { authorization: "Bearer bad" } });
    expect(await json(none)).toEqual({ status: 401, type: "application/json", body: { message: "Unauthorized" } });
    expect(await json(bad)).toEqual({ status: 401, type: "application/json", body: { message: "Unauthorized" } });
  });

  it("should pass a verified token's claims as API Gateway's JWT authorizer does", async () => {
    const res = await fetch(`${base}/staff/cases`, { headers: { authorization: "Bearer good" } });
    expect(await res.json()).toEqual({ jwt: { claims: { sub: "u1", "cognito:groups": "[handler reception]", exp: "1" }, scopes: null } });
  });

  it("should answer HEAD like GET without a body, and OPTIONS with the allowed methods", async () => {
    const head = await fetch(`${base}/health`, { method: "HEAD" });
    const options = await fetch(`${base}/echo/x`, { method: "OPTIONS" });
    expect({ status: head.status, length: head.headers.get("content-length"), body: await head.text() }).toEqual({ status: 200, length: "15", body: "" });
    expect({ status: options.status, allow: options.headers.get("allow") }).toEqual({ status: 204, allow: "GET, POST, OPTIONS" });
  });

  it("should serve the pages: / → index.html, /track → track.html, assets with content type and cache headers", async () => {
    const index = await fetch(`${base}/`);
    const track = await fetch(`${base}/track`);
    const asset = await fetch(`${base}/assets/app-5XJ2ZK3Q.js`);
    const css = await fetch(`${base}/styles.css`);
    expect([index.status, index.headers.get("content-type"), index.headers.get("cache-control"), await index.text()]).toEqual([
      200, "text/html; charset=utf-8", "no-cache", "<h1>Đơn thư</h1>",
    ]);
    expect([track.status, await track.text()]).toEqual([200, "<h1>Tra cứu</h1>"]);
    expect([asset.headers.get("content-type"), asset.headers.get("cache-control")]).toEqual([
      "text/javascript; charset=utf-8", "public, max-age=31536000, immutable",
    ]);
    expect([css.headers.get("content-type"), css.headers.get("cache-control")]).toEqual(["text/css; charset=utf-8", "no-cache"]);
  });

  it("should answer 304 to a revalidation with the same ETag", async () => {
    const first = await fetch(`${base}/track`);
    const again = await fetch(`${base}/track`, { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("should serve no dotfile, nothing outside the root, and 404 a missing page", async () => {
    expect((await fetch(`${base}/.secret`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}/nope.html`)).status).toBe(404);
  });
});
