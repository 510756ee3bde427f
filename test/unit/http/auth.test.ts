import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { toProblem } from "#http/problem.ts";
import { parseGroups, principalFromClaims, principalOf, roleOf, staffAuthorizer, type Principal } from "#http/auth.ts";
import { apiGatewayClaims } from "#local/gateway/auth.ts";

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

describe("a staff route's roles", () => {
  const authorize = staffAuthorizer(["reception", "admin"]);
  const event = (claims: Record<string, string> | undefined) =>
    ({ requestContext: { authorizer: claims && { jwt: { claims, scopes: null } } } }) as unknown as APIGatewayProxyEventV2;

  it("should give the principal when the role is allowed", () => {
    expect(authorize(event(idClaims(["reception"])))).toEqual({ userId: sub, username: "handler-an-phu", role: "reception" });
  });

  it("should answer 403 when the role is not one the route names, and 401 without claims", () => {
    expect(problemOf(() => authorize(event(idClaims(["handler"], { "custom:unitId": "so-tn-mt" }))))).toEqual({
      status: 403,
      type: "https://don-thu.example/problems/forbidden",
      title: "Forbidden",
      detail: "Your role may not do this.",
      code: "forbidden",
    });
    expect(problemOf(() => authorize(event(undefined)))).toMatchObject({ status: 401, title: "Unauthorized" });
  });
});
