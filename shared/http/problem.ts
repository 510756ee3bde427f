// The one place where errors become RFC 9457 problem+json, and the schema of what it writes. Only
// errors below 500 show their message, and a 503's fixed one (a dependency unavailable: retry).
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { z } from "zod";
import { AppError, fieldErrorSchema, ServiceUnavailableError } from "#domain/errors.ts";
import { logger } from "./logger.ts";
import { apiHeaders } from "./security-headers.ts";

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

/** `retryAfterSeconds`, when the error says when to come back, becomes the answer's `Retry-After`. */
export function problemResponse(problem: ProblemWithExtensions, retryAfterSeconds?: number): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      ...apiHeaders,
      ...(retryAfterSeconds !== undefined && { "retry-after": String(retryAfterSeconds) }),
    },
    body: JSON.stringify(problem),
  };
}

/** What the caller may be told: any error below 500, and a dependency's 503 (its message is ours, fixed). */
const answerable = (err: unknown): err is AppError => err instanceof AppError && (err.status < 500 || err instanceof ServiceUnavailableError);

export function toProblem(err: unknown): ProblemWithExtensions {
  if (answerable(err)) {
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
    if (problem.status >= 500 && !(request.error instanceof ServiceUnavailableError)) {
      // Name and stack only: messages and events may carry what a citizen wrote.
      const err = request.error as Error;
      logger.error("request failed", { errorName: err?.name, stack: err?.stack, routeKey: request.event.routeKey });
    }
    request.response = problemResponse(problem, answerable(request.error) ? request.error.retryAfterSeconds : undefined);
  },
});
