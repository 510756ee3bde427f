import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { jsonBody } from "#http/request.ts";
import { toProblem } from "#http/problem.ts";
import { maxBodyBytes } from "#routes";

const schema = z.object({ name: z.string().min(2) }).strict();
const event = (body: string, contentType = "application/json", isBase64Encoded = false) =>
  ({ headers: { "content-type": contentType }, body, isBase64Encoded }) as unknown as APIGatewayProxyEventV2;
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return toProblem(err);
  }
  throw new Error("expected an error");
};

describe("reading a JSON body", () => {
  it("should parse a valid body, base64 or not, with a charset", () => {
    expect(jsonBody(event('{"name":"Hà Nội"}', "application/json; charset=utf-8"), schema)).toEqual({ name: "Hà Nội" });
    expect(jsonBody(event(Buffer.from('{"name":"Huế"}').toString("base64"), "application/json", true), schema)).toEqual({ name: "Huế" });
  });

  it("should answer each bad body with its 4xx problem", () => {
    expect(problemOf(() => jsonBody(event('{"name":"x"}', "text/plain"), schema)).status).toBe(415);
    expect(problemOf(() => jsonBody(event(`{"name":"${"a".repeat(maxBodyBytes)}"}`), schema)).status).toBe(413);
    expect(problemOf(() => jsonBody(event("{nope"), schema))).toMatchObject({ status: 400, errors: [{ path: "(body)" }] });
    expect(problemOf(() => jsonBody(event("[".repeat(5000)), schema))).toMatchObject({ status: 400, errors: [{ path: "(body)" }] });
    expect(problemOf(() => jsonBody(event('{"name":"x","extra":1}'), schema))).toMatchObject({
      status: 400,
      errors: [{ path: "name" }, { path: "extra", message: "is not a known field" }],
    });
  });

  it.each([
    ["bytes that are not UTF-8, base64-encoded", event(Buffer.concat([Buffer.from('{"name":"Hu'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]).toString("base64"), "application/json", true)],
    ["bytes that were not UTF-8, decoded by the gateway to U+FFFD", event('{"name":"Hu\uFFFD"}')],
    ["a lone surrogate in a value", event('{"name":"\\ud800ab"}')],
    ["a lone surrogate in a key", event('{"\\udfffname":"ab"}')],
  ])("should refuse %s with 400 invalid_text, whatever the schema", (_what, e) => {
    expect(problemOf(() => jsonBody(e, z.unknown()))).toMatchObject({ status: 400, code: "invalid_text", errors: [{ path: "(body)", code: "invalid_text" }] });
  });

  it("should take a surrogate pair (an emoji) as the character it is", () => {
    expect(jsonBody(event('{"name":"\\ud83d\\ude00 ok"}'), schema)).toEqual({ name: "😀 ok" });
  });

  it("should not be fooled by brackets inside strings when measuring nesting", () => {
    expect(jsonBody(event(JSON.stringify({ name: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"" })), schema).name).toContain("[[[");
  });

  it("should hide the message of an unexpected error", () => {
    expect(toProblem(new Error("secret detail at /var/task"))).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      code: "internal",
      detail: expect.not.stringContaining("secret"),
    });
  });
});
