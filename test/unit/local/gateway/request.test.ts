// The payload 2.0 request formatter, asserted on the whole event.
import { describe, expect, it } from "vitest";
import { formatRequest, formatHeaders, isTextContentType, type IncomingRequest } from "#local/gateway/request.ts";
import { createRouteTable } from "#local/gateway/router.ts";
import type { RouteDefinition } from "#routes";

const routes: RouteDefinition[] = [
  { name: "TrackCase", method: "GET", path: "/cases/track/{trackingCode}", entry: "x.ts", auth: "public", tables: {} },
  { name: "Upload", method: "POST", path: "/files/{folder}/{proxy+}", entry: "x.ts", auth: "public", tables: {} },
];
const table = createRouteTable(routes);
const now = new Date("2026-10-19T16:59:59.123Z");
const subject = "Khiếu nại đất đai";
const encoded = encodeURIComponent(subject);

function request(overrides: Partial<IncomingRequest>): IncomingRequest {
  return { method: "GET", url: "/", rawHeaders: [], body: Buffer.alloc(0), sourceIp: "127.0.0.1", protocol: "HTTP/1.1", ...overrides };
}

describe("formatRequest", () => {
  it("should build the whole v2 event for repeated headers, repeated query parameters, cookies and a Vietnamese path parameter", () => {
    // Prepare
    const url = `/cases/track/${encoded}?tag=a&tag=b&q=${encodeURIComponent("đơn thư")}`;
    const req = request({
      url,
      rawHeaders: [
        "Host", "localhost:3000",
        "User-Agent", "vitest",
        "X-Custom", "one",
        "x-custom", "two",
        "Cookie", "a=1; b=2",
        "X-Forwarded-For", "10.0.0.1",
      ],
    });
    const match = table.match("GET", url.split("?")[0]!)!;

    // Act
    const event = formatRequest(req, match, { requestId: "JKJaXmPLvHcESHA=", now, localPort: 3000 });

    // Assess
    expect(event).toEqual({
      version: "2.0",
      routeKey: "GET /cases/track/{trackingCode}",
      rawPath: `/cases/track/${encoded}`,
      rawQueryString: `tag=a&tag=b&q=${encodeURIComponent("đơn thư")}`,
      cookies: ["a=1", "b=2"],
      headers: {
        host: "localhost:3000",
        "user-agent": "vitest",
        "x-custom": "one,two",
        "x-forwarded-for": "10.0.0.1, 127.0.0.1",
        "x-forwarded-proto": "http",
        "x-forwarded-port": "3000",
      },
      queryStringParameters: { tag: "a,b", q: "đơn thư" },
      requestContext: {
        accountId: "000000000000",
        apiId: "local",
        domainName: "localhost",
        domainPrefix: "localhost",
        http: { method: "GET", path: `/cases/track/${encoded}`, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "vitest" },
        requestId: "JKJaXmPLvHcESHA=",
        routeKey: "GET /cases/track/{trackingCode}",
        stage: "$default",
        time: "19/Oct/2026:16:59:59 +0000",
        timeEpoch: now.getTime(),
      },
      pathParameters: { trackingCode: subject },
      isBase64Encoded: false,
    });
  });

  it("should pass a binary body base64-encoded, and a greedy path parameter under its own name", () => {
    // Prepare
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe]);
    const url = "/files/inbox/2026/scan%201.pdf";
    const req = request({ method: "POST", url, rawHeaders: ["Content-Type", "application/pdf", "Content-Length", "7"], body: bytes });

    // Act
    const event = formatRequest(req, table.match("POST", url)!, { requestId: "r", now });

    // Assess
    expect(event.body).toBe(bytes.toString("base64"));
    expect(event.isBase64Encoded).toBe(true);
    expect(event.pathParameters).toEqual({ folder: "inbox", proxy: "2026/scan 1.pdf" });
    expect(event.headers["content-length"]).toBe("7");
    expect(event.cookies).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.rawQueryString).toBe("");
  });

  it("should pass a JSON body as UTF-8 text, diacritics unchanged", () => {
    // Prepare
    const json = JSON.stringify({ subject, content: "Tôi xin trình bày sự việc như sau…" });
    const url = "/files/a/b";
    const req = request({ method: "POST", url, rawHeaders: ["Content-Type", "application/json; charset=utf-8"], body: Buffer.from(json) });

    // Act
    const event = formatRequest(req, table.match("POST", url)!, { requestId: "r", now });

    // Assess
    expect(event.body).toBe(json);
    expect(event.isBase64Encoded).toBe(false);
  });

  it("should put a JWT authorizer's claims where API Gateway puts them, and only when given", () => {
    // Prepare
    const url = "/cases/track/X";
    const authorizer = { jwt: { claims: { sub: "u1", "cognito:groups": "[handler]" }, scopes: null } };

    // Act
    const withAuth = formatRequest(request({ url }), table.match("GET", url)!, { requestId: "r", now, authorizer });
    const without = formatRequest(request({ url }), table.match("GET", url)!, { requestId: "r", now });

    // Assess
    expect(withAuth.requestContext.authorizer).toEqual(authorizer);
    expect("authorizer" in without.requestContext).toBe(false);
  });
});

describe("formatHeaders", () => {
  it("should lower-case names, join repeats with a comma and lift every cookie header into cookies", () => {
    // Act
    const formatted = formatHeaders(["Accept", "a/b", "ACCEPT", "c/d", "cookie", "x=1", "Cookie", "y=2;  z=3;"]);

    // Assess
    expect(formatted).toEqual({ headers: { accept: "a/b,c/d" }, cookies: ["x=1", "y=2", "z=3"] });
  });
});

describe("isTextContentType", () => {
  it.each([
    ["application/json", true],
    ["application/problem+json; charset=utf-8", true],
    ["text/csv", true],
    ["application/xml", true],
    ["application/pdf", false],
    ["image/png", false],
    ["multipart/form-data; boundary=x", false],
    [undefined, false],
  ])("should say %s is text: %s", (contentType, text) => {
    expect(isTextContentType(contentType)).toBe(text);
  });
});
