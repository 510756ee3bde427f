import { describe, expect, it } from "vitest";
import * as errors from "#domain/errors.ts";
import { problemJson, problemSchema, toProblem } from "#http/problem.ts";

// API.md: every problem carries a stable `code` (and its parameters) that the pages translate.
const samples: readonly [errors.AppError, string][] = [
  [new errors.ValidationError([{ path: "subject", message: "too short" }]), "invalid_request"],
  [new errors.UnauthorizedError(), "unauthorized"],
  [new errors.ForbiddenError(), "forbidden"],
  [new errors.NotFoundError(), "not_found"],
  [new errors.ConflictError("no"), "action_not_allowed"],
  [new errors.PreconditionFailedError(), "stale_version"],
  [new errors.PayloadTooLargeError(65536), "payload_too_large"],
  [new errors.UnsupportedMediaTypeError(), "unsupported_media_type"],
  [new errors.BusinessRuleError("no"), "business_rule"],
  [new errors.ServiceUnavailableError(2), "dependency_unavailable"],
  [new errors.TooManyRequestsError(300), "rate_limited"],
];

describe("a problem's code", () => {
  it("should be set by every error class, and be valid by the problem schema", () => {
    const classes = Object.values(errors).filter((v) => typeof v === "function" && v.prototype instanceof errors.AppError);
    expect(new Set(samples.map(([e]) => e.constructor))).toEqual(new Set(classes));
    for (const [err, code] of samples) {
      const problem = toProblem(err);
      expect(problem.code).toBe(code);
      expect(problemSchema.safeParse(problem).success).toBe(true);
    }
  });

  it("should be the caller's when given, with its parameters, and the first named rule of a 422", () => {
    expect(toProblem(new errors.NotFoundError("x", { code: "case_not_found" })).code).toBe("case_not_found");
    expect(toProblem(new errors.PayloadTooLargeError(1024))).toMatchObject({ code: "payload_too_large", params: { limitBytes: 1024 } });
    const rule = new errors.BusinessRuleError("no", [{ path: "days", message: "m" }, { path: "days", message: "m", code: "extension_too_long" }]);
    expect(toProblem(rule).code).toBe("extension_too_long");
  });

  it("should name when to retry a dependency's 503, with its fixed message", () => {
    expect(toProblem(new errors.ServiceUnavailableError(3))).toEqual({
      type: "https://don-thu.example/problems/service-unavailable",
      title: "Service unavailable",
      status: 503,
      code: "dependency_unavailable",
      params: { retryAfterSeconds: 3 },
      detail: expect.any(String),
    });
  });

  it("should be `internal` for an unexpected error, with nothing of its message", () => {
    expect(toProblem(new Error("secret"))).toMatchObject({ status: 500, code: "internal" });
  });
});

describe("a 429", () => {
  it("should say when to come back, in Retry-After and in its parameters", async () => {
    const request = { error: new errors.TooManyRequestsError(270), event: { routeKey: "POST /cases" }, response: undefined } as never as { response: { statusCode: number; headers: Record<string, string>; body: string } };
    await problemJson().onError!(request as never);
    expect(request.response.statusCode).toBe(429);
    expect(request.response.headers["retry-after"]).toBe("270");
    expect(JSON.parse(request.response.body)).toMatchObject({ status: 429, code: "rate_limited", params: { retryAfterSeconds: 270 } });
  });
});
