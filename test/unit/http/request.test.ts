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
