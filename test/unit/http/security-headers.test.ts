// The security headers, defined once: the pages' CSP and the rest, and the API answers' nosniff and no-store on
// every kind of answer (JSON, file, problem, the local gateway's own errors).
import { describe, expect, it } from "vitest";
import { apiHeaders, contentSecurityPolicy, pageHeaders } from "#http/security-headers.ts";
import { attachment, json } from "#http/response.ts";
import { problemResponse, toProblem } from "#http/problem.ts";
import { NotFoundError } from "#domain/errors.ts";
import { gatewayError, internalServerError } from "#local/gateway/response.ts";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("the pages' headers", () => {
  it("should allow script and style from this origin only, no framing, no base, and connect to the sign-in endpoint given", () => {
    const csp = directives(contentSecurityPolicy(["http://127.0.0.1:9229"]));

    expect(csp).toMatchObject({
      "default-src": ["'none'"],
      "script-src": ["'self'"],
      "style-src": ["'self'"],
      "connect-src": ["'self'", "http://127.0.0.1:9229"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "object-src": ["'none'"],
    });
    expect(Object.values(csp).flat()).not.toContain("'unsafe-inline'");
  });

  it("should carry no-referrer, nosniff, DENY, a permissions policy and COOP, and no HSTS on plain HTTP", () => {
    expect(pageHeaders()).toEqual({
      "content-security-policy": contentSecurityPolicy(),
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "permissions-policy": expect.stringContaining("camera=()"),
      "cross-origin-opener-policy": "same-origin",
    });
  });
});

describe("every API answer", () => {
  it.each([
    ["a JSON answer", json(200, { ok: true })],
    ["a file", attachment(200, { type: "text/csv", filename: "r.csv", data: "a,b" })],
    ["a problem", problemResponse(toProblem(new NotFoundError()))],
    ["a 500 problem", problemResponse(toProblem(new Error("boom")))],
  ])("should carry nosniff and no-store: %s", (_what, result) => {
    expect(result.headers).toMatchObject(apiHeaders);
  });

  it.each([
    ["404", gatewayError(404, "Not Found")],
    ["413", gatewayError(413, "Request Entity Too Large", { connection: "close" })],
    ["500", internalServerError()],
  ])("should carry nosniff and no-store on the local gateway's own %s", (_what, response) => {
    expect(response.headers).toMatchObject({ "x-content-type-options": "nosniff", "cache-control": "no-store" });
  });
});
