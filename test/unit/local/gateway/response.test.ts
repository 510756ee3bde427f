// The payload 2.0 response validator: what API Gateway sends for what a handler returned.
import { describe, expect, it } from "vitest";
import { maxResponseBytes, validateResponse } from "#local/gateway/response.ts";

const text = (v: ReturnType<typeof validateResponse>) =>
  v.ok ? { ...v.response, body: v.response.body.toString("utf8") } : v;

describe("validateResponse", () => {
  it("should pass a structured response through, header values made strings, cookies kept apart", () => {
    // Act
    const validated = validateResponse({
      statusCode: 201,
      headers: { "Content-Type": "application/json", "X-Count": 3, "X-Flag": true },
      cookies: ["a=1; HttpOnly", "b=2"],
      body: JSON.stringify({ trackingCode: "ĐT-2026" }),
    });

    // Assess
    expect(text(validated)).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json", "x-count": "3", "x-flag": "true" },
      cookies: ["a=1; HttpOnly", "b=2"],
      body: '{"trackingCode":"ĐT-2026"}',
    });
  });

  it("should decode a base64 body", () => {
    // Act
    const validated = validateResponse({ statusCode: 200, headers: { "content-type": "image/png" }, body: "AAEC/w==", isBase64Encoded: true });

    // Assess
    expect(validated.ok && [...validated.response.body]).toEqual([0, 1, 2, 255]);
  });

  it("should default to plain text and an empty body when the handler gives only a status", () => {
    expect(text(validateResponse({ statusCode: 204 }))).toEqual({
      statusCode: 204,
      headers: { "content-type": "text/plain; charset=utf-8" },
      cookies: [],
      body: "",
    });
  });

  it.each([
    ["an object without statusCode", { message: "xin chào" }, '{"message":"xin chào"}'],
    ["a string", "xin chào", "xin chào"],
    ["a number", 42, "42"],
    ["an array", [1, 2], "[1,2]"],
    ["undefined", undefined, "null"],
  ])("should infer 200 application/json from %s", (_, result, body) => {
    expect(text(validateResponse(result))).toEqual({ statusCode: 200, headers: { "content-type": "application/json" }, cookies: [], body });
  });

  it.each([
    ["a string statusCode", { statusCode: "200" }, "statusCode must be an integer from 100 to 599"],
    ["a fractional statusCode", { statusCode: 200.5 }, "statusCode must be an integer from 100 to 599"],
    ["statusCode 600", { statusCode: 600 }, "statusCode must be an integer from 100 to 599"],
    ["statusCode 99", { statusCode: 99 }, "statusCode must be an integer from 100 to 599"],
    ["an object body", { statusCode: 200, body: { a: 1 } }, "body must be a string, got object"],
    ["a Buffer body", { statusCode: 200, body: Buffer.from("x") }, "body must be a string, got a Buffer"],
    ["an array header value", { statusCode: 200, headers: { vary: ["a", "b"] } }, "header vary must be a string, number or boolean"],
    ["headers as an array", { statusCode: 200, headers: [] }, "headers must be an object"],
    ["cookies not an array", { statusCode: 200, cookies: "a=1" }, "cookies must be an array of strings"],
    ["a string isBase64Encoded", { statusCode: 200, isBase64Encoded: "true" }, "isBase64Encoded must be a boolean"],
  ])("should reject %s", (_, result, problem) => {
    // Act
    const validated = validateResponse(result);

    // Assess
    expect(validated.ok).toBe(false);
    expect(!validated.ok && validated.problem).toContain(problem);
  });

  it("should reject a payload over Lambda's 6 MB", () => {
    // Act
    const validated = validateResponse({ statusCode: 200, body: "x".repeat(maxResponseBytes) });

    // Assess
    expect(validated.ok).toBe(false);
    expect(!validated.ok && validated.problem).toMatch(/exceeds Lambda's 6291456/);
  });
});
