// What a failing dependency answers: DynamoDB or KMS throttled, unavailable or timed out, a socket refused
// or reset → 503 dependency_unavailable with Retry-After; a defect or a broken condition stays a 500; and
// every route that reaches a dependency documents that 503.
import { describe, expect, it } from "vitest";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { DependencyTimeoutException, KeyUnavailableException, KMSInternalException } from "@aws-sdk/client-kms";
import { isDependencyFailure, dependencyFailures, RETRY_AFTER_SECONDS } from "#adapters/dependency-failures.ts";
import { problemJson } from "#http/problem.ts";
import { routes } from "#routes";

const $metadata = {};
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: "cancelled", $metadata, CancellationReasons: codes.map((Code) => ({ Code })) });

describe("a dependency's failure", () => {
  it.each([
    ["DynamoDB throttled", new ProvisionedThroughputExceededException({ message: "slow down", $metadata })],
    ["DynamoDB's account limit", new RequestLimitExceeded({ message: "limit", $metadata })],
    ["DynamoDB's ThrottlingException", Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } })],
    ["DynamoDB unavailable", new InternalServerError({ message: "oops", $metadata })],
    ["a 5xx of any service", Object.assign(new Error("bad gateway"), { name: "UnknownError", $metadata: { httpStatusCode: 502 } })],
    ["KMS internal", new KMSInternalException({ message: "kms", $metadata })],
    ["KMS key unavailable", new KeyUnavailableException({ message: "kms", $metadata })],
    ["KMS dependency time-out", new DependencyTimeoutException({ message: "kms", $metadata })],
    ["a refused connection", socketError("ECONNREFUSED")],
    ["a reset connection", socketError("ECONNRESET")],
    ["a socket time-out", socketError("ETIMEDOUT")],
    ["the SDK's request time-out", Object.assign(new Error("Connection timed out after 1000 ms"), { name: "TimeoutError" })],
    ["a transaction throttled", cancelled("None", "ThrottlingError")],
    ["a transaction in conflict", cancelled("TransactionConflict", "None")],
    ["a wrapped socket error", Object.assign(new Error("wrapped"), { cause: socketError("ECONNREFUSED") })],
  ])("should be recognised: %s", (_, err) => {
    expect(isDependencyFailure(err)).toBe(true);
  });

  it.each([
    ["a defect", new TypeError("x is undefined")],
    ["a condition that failed", cancelled("None", "ConditionalCheckFailed")],
    ["a condition and a throttle", cancelled("ConditionalCheckFailed", "ThrottlingError")],
    ["a bad request to DynamoDB", Object.assign(new Error("invalid"), { name: "ValidationException", $metadata: { httpStatusCode: 400 } })],
    ["not an error", "ECONNREFUSED"],
  ])("should not be taken for one: %s", (_, err) => {
    expect(isDependencyFailure(err)).toBe(false);
  });
});

describe("the handler wrapper's answer", () => {
  const handlerThrowing = (err: unknown) =>
    middy<APIGatewayProxyEventV2>()
      .use(problemJson())
      .use(dependencyFailures())
      .handler(async () => {
        throw err;
      });
  const event = { routeKey: "POST /cases" } as APIGatewayProxyEventV2;

  it("should be a 503 problem with Retry-After and code dependency_unavailable", async () => {
    const res = await handlerThrowing(socketError("ECONNREFUSED"))(event, {} as Context);

    expect(res.statusCode).toBe(503);
    expect(res.headers).toEqual({ "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS), "x-content-type-options": "nosniff" });
    expect(JSON.parse(res.body)).toEqual({
      type: "https://don-thu.example/problems/service-unavailable",
      title: "Service unavailable",
      status: 503,
      code: "dependency_unavailable",
      params: { retryAfterSeconds: RETRY_AFTER_SECONDS },
      detail: expect.any(String),
    });
  });

  it("should stay a 500 for a defect, without Retry-After", async () => {
    const res = await handlerThrowing(new TypeError("x is undefined"))(event, {} as Context);

    expect(res.statusCode).toBe(500);
    expect(res.headers?.["retry-after"]).toBeUndefined();
    expect(JSON.parse(res.body).code).toBe("internal");
  });
});

describe("the manifest", () => {
  it("should document the 503 with Retry-After on every route that reads a table or seals, and only there", () => {
    const reachesADependency = routes.filter((r) => Object.keys(r.tables).length > 0 || r.seal).map((r) => r.name);
    const documents503 = routes.filter((r) => 503 in r.responses && r.responses[503]?.headers?.shape["Retry-After"]).map((r) => r.name);

    expect(documents503.sort()).toEqual(reachesADependency.sort());
    expect(reachesADependency.length).toBeGreaterThan(10);
  });
});
