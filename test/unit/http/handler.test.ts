// The handler wrapper, built from a small route: the roles checked, each part of the request validated
// from the contract (400 naming the field, 404 for a value that names nothing, 413, 415), and the reply
// written as the contract documents it.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answer, orNotFound, problem, staffErrors } from "#http/contract.ts";
import { routeHandler } from "#http/handler.ts";
import { apiGatewayClaims } from "#local/gateway/auth.ts";
import { defineRoute, maxBodyBytes } from "#routes/route.ts";

const Act = defineRoute({
  name: "Act",
  method: "POST",
  path: "/things/{thingId}/{count}",
  entry: "x.ts",
  auth: ["reception", "admin"],
  tables: {},
  summary: "Act on a thing",
  tags: ["test"],
  request: {
    params: z.object({ thingId: orNotFound(z.uuid(), "No such thing."), count: z.coerce.number().int().min(1, "must be at least 1") }),
    headers: z.object({ "If-Match": z.string("is required") }),
    query: z.object({ dryRun: z.enum(["yes", "no"]).optional() }).strict(),
    body: z.object({ name: z.string().min(2) }).strict(),
  },
  responses: {
    200: answer("Done", z.object({ echo: z.unknown() }), z.object({ ETag: z.string() })),
    400: problem(400, "Invalid"),
    ...staffErrors,
  },
});

const Loose = defineRoute({
  name: "Loose",
  method: "POST",
  path: "/loose",
  entry: "x.ts",
  auth: "public",
  tables: {},
  summary: "A body the use case checks",
  tags: ["test"],
  request: { body: z.object({ n: z.number() }).optional(), bodyCheckedBy: "domain" },
  responses: {
    200: answer("What arrived", z.object({ body: z.unknown() })),
    201: { description: "A file", content: { "text/csv": z.string(), "application/octet-stream": z.string() } },
  },
});

const thingId = "3f1c2a9e-7b7d-4c6f-9d8e-0a1b2c3d4e5f";
const claims = (role: string) =>
  apiGatewayClaims({ sub: "sub-1", "cognito:username": "lan", token_use: "id", "cognito:groups": [role] });
const event = (over: { path?: Record<string, string>; headers?: Record<string, string>; query?: Record<string, string>; body?: string; role?: string | null }) =>
  ({
    pathParameters: over.path ?? { thingId, count: "2" },
    headers: { "content-type": "application/json", "if-match": '"3"', ...over.headers },
    ...(over.query && { queryStringParameters: over.query }),
    ...(over.body !== undefined && { body: over.body }),
    isBase64Encoded: false,
    requestContext: { authorizer: over.role === null ? undefined : { jwt: { claims: claims(over.role ?? "reception"), scopes: null } } },
  }) as unknown as APIGatewayProxyEventV2;
const context = {} as Context;
const answerOf = (result: APIGatewayProxyStructuredResultV2) => ({ status: result.statusCode, headers: result.headers, body: JSON.parse(result.body ?? "null") });

const seen: unknown[] = [];
const act = routeHandler(Act, async (input) => {
  seen.push(input);
  return { status: 200, body: { echo: input.body }, headers: { ETag: '"4"' } };
});
const loose = routeHandler(Loose, async ({ body }) => ({ status: 200, body: { body: body ?? "nothing" } }));

describe("the handler wrapper", () => {
  it("should hand the handler each part as its schema outputs it, and write the documented header in lower case", async () => {
    const result = answerOf(await act(event({ query: { dryRun: "yes" }, body: '{"name":"Hà Nội"}' }), context));

    expect(result).toEqual({
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store", etag: '"4"' },
      body: { echo: { name: "Hà Nội" } },
    });
    expect(seen.at(-1)).toEqual({
      params: { thingId, count: 2 },
      headers: { "If-Match": '"3"' },
      query: { dryRun: "yes" },
      body: { name: "Hà Nội" },
      principal: { userId: "sub-1", username: "lan", role: "reception" },
    });
  });

  it("should answer 403 to a role the route does not name and 401 without claims, before reading the request", async () => {
    const before = seen.length;
    const forbidden = answerOf(await act(event({ role: "inspector", body: "nope" }), context));
    const unauthorized = answerOf(await act(event({ role: null, body: "nope" }), context));

    expect([forbidden.status, forbidden.body.title, unauthorized.status, unauthorized.body.title]).toEqual([403, "Forbidden", 401, "Unauthorized"]);
    expect(seen.length).toBe(before);
  });

  it("should answer 404 with the route's detail for a path value that names nothing, and 400 naming any other bad part", async () => {
    const notFound = answerOf(await act(event({ path: { thingId: "x", count: "0" }, body: '{"name":"ab"}' }), context));
    const badCount = answerOf(await act(event({ path: { thingId, count: "0" }, body: '{"name":"ab"}' }), context));
    const noHeader = answerOf(await act(event({ headers: { "if-match": undefined as unknown as string }, body: '{"name":"ab"}' }), context));
    const badQuery = answerOf(await act(event({ query: { dryRun: "maybe", extra: "1" }, body: '{"name":"ab"}' }), context));
    const badBody = answerOf(await act(event({ body: '{"name":"a"}' }), context));

    expect(notFound.body).toEqual({ type: "https://don-thu.example/problems/not-found", title: "Not found", status: 404, code: "not_found", detail: "No such thing." });
    expect(badCount.body).toMatchObject({ status: 400, errors: [{ path: "count", message: "must be at least 1" }] });
    expect(noHeader.body).toMatchObject({ status: 400, errors: [{ path: "If-Match", message: "is required" }] });
    expect(badQuery.body.errors.map((e: { path: string }) => e.path)).toEqual(["dryRun", "extra"]);
    expect(badBody.body).toMatchObject({ status: 400, detail: "The request has invalid fields.", errors: [{ path: "name" }] });
  });

  it("should answer 415 to a body that is not JSON and 413 to one beyond the limit", async () => {
    const notJson = await act(event({ headers: { "content-type": "text/plain" }, body: '{"name":"ab"}' }), context);
    const tooLarge = await act(event({ body: JSON.stringify({ name: "a".repeat(maxBodyBytes) }) }), context);

    expect([notJson.statusCode, tooLarge.statusCode]).toEqual([415, 413]);
  });

  it("should hand a body the use case checks over unchecked, and an absent optional body as undefined", async () => {
    const unchecked = answerOf(await loose(event({ body: '{"n":"not a number","more":[1]}' }), context));
    const absent = answerOf(await loose(event({ headers: { "content-type": "" } }), context));
    const notJson = answerOf(await loose(event({ body: "{n:" }), context));

    expect(unchecked).toMatchObject({ status: 200, body: { body: { n: "not a number", more: [1] } } });
    expect(absent).toMatchObject({ status: 200, body: { body: "nothing" } });
    expect(notJson.body).toMatchObject({ status: 400, errors: [{ path: "(body)", message: "the body is not valid JSON" }] });
  });

  it("should write a text file as UTF-8 and bytes as base64, both as attachments", async () => {
    const file = routeHandler(Loose, async ({ body }) =>
      body === undefined
        ? { status: 201, file: { type: "text/csv", filename: "bao-cao.csv", data: "Đơn vị;Số đơn\n" } }
        : { status: 201, file: { type: "application/octet-stream", filename: "b.bin", data: new Uint8Array([0, 255]) } },
    );

    const text = await file(event({ headers: { "content-type": "" } }), context);
    const bytes = await file(event({ body: "{}" }), context);

    expect(text).toEqual({
      statusCode: 201,
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="bao-cao.csv"', "x-content-type-options": "nosniff", "cache-control": "no-store" },
      body: "Đơn vị;Số đơn\n",
    });
    expect(bytes).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/octet-stream", "content-disposition": 'attachment; filename="b.bin"', "x-content-type-options": "nosniff", "cache-control": "no-store" },
      body: "AP8=",
      isBase64Encoded: true,
    });
  });
});
