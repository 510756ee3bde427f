// The one place where errors become RFC 9457 problem+json, and the schema of what it writes. Only
// errors below 500 show their message.
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { z } from "zod";
import { AppError, fieldErrorSchema, TooManyRequestsError } from "#domain/errors.ts";
import { logger } from "./logger.ts";

/** Every problem: an error's members, and nothing else (an extension member is documented where it is answered). */
export const problemSchema = z
  .object({
    /** A stable URI naming the kind of error (`https://don-thu.example/problems/conflict`), `about:blank` for a 500. */
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    /** A stable machine code (`stale_version`, `unknown_unit`, `internal` for a 500) that the pages translate. */
    code: z.string(),
    /** The code's parameters (`{ limitBytes: 65536 }`), when it has any. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** For developers; the pages translate `code` and each field error's `code`. */
    detail: z.string().optional(),
    /** The invalid fields of a 400 (and the broken rules of a 422). */
    errors: z.array(fieldErrorSchema.meta({ id: "FieldError" })).optional(),
  })
  .strict();
export type Problem = z.infer<typeof problemSchema>;

/** A problem with the extension members its error carries (RFC 9457 §3.2), e.g. a 409's `allowedActions`. */
export type ProblemWithExtensions = Problem & { readonly [extension: string]: unknown };

export function problemResponse(problem: ProblemWithExtensions): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store" },
    body: JSON.stringify(problem),
  };
}

export function toProblem(err: unknown): ProblemWithExtensions {
  if (err instanceof AppError && err.status < 500) {
    return {
      ...err.extensions,
      type: err.type,
      title: err.title,
      status: err.status,
      code: err.code,
      ...(err.params && { params: { ...err.params } }),
      ...(err.detail !== undefined && { detail: err.detail }),
      ...(err.errors && { errors: [...err.errors] }),
    };
  }
  return { type: "about:blank", title: "Internal Server Error", status: 500, code: "internal", detail: "Something went wrong on our side; please try again later." };
}

export const problemJson = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const problem = toProblem(request.error);
    if (problem.status >= 500) {
      // Name and stack only: messages and events may carry what a citizen wrote.
      const err = request.error as Error;
      logger.error("request failed", { errorName: err?.name, stack: err?.stack, routeKey: request.event.routeKey });
    }
    request.response = problemResponse(problem);
    // A 429 says when to come back (RFC 9110 §10.2.3).
    if (request.error instanceof TooManyRequestsError) request.response.headers = { ...request.response.headers, "retry-after": String(request.error.retryAfterSeconds) };
  },
});
