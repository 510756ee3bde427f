// The one place where errors become RFC 9457 problem+json. Only errors below 500 show their message.
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { AppError } from "#domain/errors.ts";
import { logger } from "./logger.ts";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string; code?: string }[];
  [extension: string]: unknown;
}

export function problemResponse(problem: Problem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store" },
    body: JSON.stringify(problem),
  };
}

export function toProblem(err: unknown): Problem {
  if (err instanceof AppError && err.status < 500) {
    return {
      ...err.extensions,
      type: err.type,
      title: err.title,
      status: err.status,
      ...(err.detail !== undefined && { detail: err.detail }),
      ...(err.errors && { errors: [...err.errors] }),
    };
  }
  return { type: "about:blank", title: "Internal Server Error", status: 500, detail: "Something went wrong on our side; please try again later." };
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
  },
});
