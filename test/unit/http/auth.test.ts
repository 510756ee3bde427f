import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { toProblem } from "#http/problem.ts";
import { allowedRoles, parseGroups, principalFromClaims, principalOf, roleOf, staffHandler, type Principal } from "#http/auth.ts";
import { apiGatewayClaims } from "#local/gateway/auth.ts";
import type { RouteDefinition } from "#routes";

const sub = "3f1c2a9e-7b7d-4c6f-9d8e-0a1b2c3d4e5f";
/** An ID token's claims, as API Gateway's JWT authorizer hands them over (every value a string, lists as "[a b]"). */
const idClaims = (groups: string[] | undefined, extra: Record<string, unknown> = {}) =>
  apiGatewayClaims({
    sub,
    "cognito:username": "handler-an-phu",
    token_use: "id",
    aud: "client",
    iss: "https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_x",
    exp: 1_900_000_000,
    ...(groups && { "cognito:groups": groups }),
    ...extra,
  });
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return toProblem(err);
  }
  throw new Error("expected an error");
};

describe("reading the groups claim", () => {
  it("should read API Gateway's flattened list, a JSON array string and a bare name alike", () => {
    expect(parseGroups("[handler reception]")).toEqual(["handler", "reception"]);
    expect(parseGroups('["handler","reception"]')).toEqual(["handler", "reception"]);
    expect(parseGroups("[admin]")).toEqual(["admin"]);
    expect(parseGroups("inspector")).toEqual(["inspector"]);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups("[]")).toEqual([]);
  });

  it("should refuse what is not a list of group names", () => {
    expect(parseGroups('["admin",')).toBeUndefined();
    expect(parseGroups('["admin",1]')).toBeUndefined();
    expect(parseGroups("[admin {x:1}]")).toBeUndefined();
  });

  it("should pick one role by precedence admin > inspector > reception > handler, ignoring other groups", () => {
    expect(roleOf(["handler", "reception"])).toBe("reception");
    expect(roleOf(["reception", "inspector"])).toBe("inspector");
    expect(roleOf(["handler", "admin", "inspector"])).toBe("admin");
    expect(roleOf(["ap-southeast-1_x_Google", "handler"])).toBe("handler");
    expect(roleOf(["auditors"])).toBeUndefined();
  });
});

describe("the principal from the claims", () => {
  it("should give a handler with its unit, from the flattened groups", () => {
    expect(principalFromClaims(idClaims(["handler"], { "custom:unitId": "ubnd-huyen-an-phu" }))).toEqual({
      userId: sub,
      username: "handler-an-phu",
      role: "handler",
      unitId: "ubnd-huyen-an-phu",
    } satisfies Principal);
  });

  it("should read a JSON array groups claim the same way", () => {
    const claims = { ...idClaims(undefined), "cognito:groups": '["inspector","handler"]', "custom:unitId": "so-tn-mt" };
    expect(principalFromClaims(claims)).toEqual({ userId: sub, username: "handler-an-phu", role: "inspector", unitId: "so-tn-mt" });
  });

  it("should give an inspector without a unit", () => {
    expect(principalFromClaims(idClaims(["inspector"]))).toEqual({ userId: sub, username: "handler-an-phu", role: "inspector" });
  });

  it("should answer 403 for a handler without a unit, or with an empty one", () => {
    expect(problemOf(() => principalFromClaims(idClaims(["handler"])))).toMatchObject({ status: 403, detail: "Your account is not assigned to a unit." });
    expect(problemOf(() => principalFromClaims(idClaims(["handler"], { "custom:unitId": "" })))).toMatchObject({ status: 403 });
  });

  it("should answer 403 for a genuine token of a user in no staff group", () => {
    expect(problemOf(() => principalFromClaims(idClaims(undefined)))).toMatchObject({ status: 403, detail: "Your account has no staff role." });
    expect(problemOf(() => principalFromClaims(idClaims(["auditors"])))).toMatchObject({ status: 403 });
  });

  it("should answer 401 for no claims, an access token, missing subject or name, garbage groups or a malformed unit", () => {
    const unauthorized = { status: 401, title: "Unauthorized", detail: "The token is not a valid staff ID token." };
    expect(problemOf(() => principalFromClaims(undefined))).toMatchObject(unauthorized);
    expect(problemOf(() => principalFromClaims("eyJ..."))).toMatchObject(unauthorized);
    expect(problemOf(() => principalFromClaims(idClaims(["admin"], { token_use: "access" })))).toMatchObject(unauthorized);
    const { sub: _sub, ...noSub } = idClaims(["admin"]);
    expect(problemOf(() => principalFromClaims(noSub))).toMatchObject(unauthorized);
    const { "cognito:username": _name, ...noName } = idClaims(["admin"]);
    expect(problemOf(() => principalFromClaims(noName))).toMatchObject(unauthorized);
    expect(problemOf(() => principalFromClaims({ ...idClaims(undefined), "cognito:groups": '["admin"' }))).toMatchObject(unauthorized);
    expect(problemOf(() => principalFromClaims(idClaims(["handler"], { "custom:unitId": "../so-tn-mt" })))).toMatchObject(unauthorized);
  });

  it("should read the claims where the JWT authorizer puts them, and refuse an event without them", () => {
    const event = (authorizer?: unknown) => ({ requestContext: { authorizer } }) as unknown as APIGatewayProxyEventV2;
    expect(principalOf(event({ jwt: { claims: idClaims(["admin"]), scopes: null } })).role).toBe("admin");
    expect(problemOf(() => principalOf(event()))).toMatchObject({ status: 401 });
  });
});

describe("the route's roles, from the manifest", () => {
  const manifest: RouteDefinition[] = [
    { name: "Health", method: "GET", path: "/health", entry: "functions/health.ts", auth: "public", tables: {} },
    { name: "RegisterCase", method: "POST", path: "/staff/cases", entry: "x.ts", auth: ["reception", "admin"], tables: {} },
  ];
  const event = (claims: Record<string, string> | undefined) =>
    ({ routeKey: "POST /staff/cases", requestContext: { authorizer: claims && { jwt: { claims, scopes: null } } } }) as unknown as APIGatewayProxyEventV2;
  const context = {} as Context;
  const seen: Principal[] = [];
  const handler = staffHandler(
    "RegisterCase",
    async (_event, principal) => {
      seen.push(principal);
      return { statusCode: 201, body: JSON.stringify({ by: principal.username }) };
    },
    manifest,
  );
  const problem = (result: APIGatewayProxyStructuredResultV2) => ({ status: result.statusCode, ...JSON.parse(result.body ?? "{}") });

  it("should call the handler with the principal when the role is allowed", async () => {
    const result = await handler(event(idClaims(["reception"])), context);
    expect(result).toEqual({ statusCode: 201, body: '{"by":"handler-an-phu"}' });
    expect(seen.at(-1)).toEqual({ userId: sub, username: "handler-an-phu", role: "reception" });
  });

  it("should answer 403 problem+json, without calling the handler, when the role is not in the manifest's list", async () => {
    const before = seen.length;
    const result = await handler(event(idClaims(["handler"], { "custom:unitId": "so-tn-mt" })), context);
    expect(result.headers).toMatchObject({ "content-type": "application/problem+json; charset=utf-8" });
    expect(problem(result)).toEqual({
      status: 403,
      type: "https://don-thu.example/problems/forbidden",
      title: "Forbidden",
      detail: "Your role may not do this.",
    });
    expect(seen.length).toBe(before);
  });

  it("should answer 401 problem+json when there are no claims", async () => {
    expect(problem(await handler(event(undefined), context))).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("should refuse at load a public or unknown route name", () => {
    expect(allowedRoles("RegisterCase", manifest)).toEqual(["reception", "admin"]);
    expect(() => staffHandler("Health", async () => ({ statusCode: 200 }), manifest)).toThrow("route Health is public");
    expect(() => staffHandler("Nope", async () => ({ statusCode: 200 }), manifest)).toThrow("no route named Nope");
  });
});
