// The one place that tells an AWS SDK or network failure from a defect: DynamoDB or KMS unavailable,
// throttled or timed out, or a connection refused or reset, is a 503 with Retry-After (the same request may
// succeed shortly), never a 500. Read off the error's name, code and status, so the domain stays free of AWS.
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { ServiceUnavailableError } from "#domain/errors.ts";
import { logger } from "#http/logger.ts";

/** What a 503 asks the caller to wait: long enough for a throttle to pass or DynamoDB Local to restart. */
export const RETRY_AFTER_SECONDS = 2;

/** Service errors that say "not now" (DynamoDB, KMS, the SDK's own time-outs). */
const unavailableNames: ReadonlySet<string> = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "LimitExceededException", // KMS: a request quota exceeded
  "TooManyRequestsException",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "KMSInternalException",
  "KeyUnavailableException",
  "DependencyTimeoutException",
  "TimeoutError", // @smithy/node-http-handler: connection or request time-out
  "RequestTimeout",
  "RequestTimeoutException",
]);

/** Node's socket errors: the service is not there, or went away mid-request. */
const networkCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Reasons of a cancelled transaction that are about load, not about the items. */
const transientReasons: ReadonlySet<string> = new Set(["ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict"]);

interface SdkLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly CancellationReasons?: readonly { readonly Code?: string }[];
  readonly cause?: unknown;
}

/** Whether `err` is a dependency failing rather than this code or this request: answer 503, not 500. */
export function isDependencyFailure(err: unknown, depth = 0): boolean {
  if (typeof err !== "object" || err === null || depth > 3) return false;
  const e = err as SdkLikeError;
  if (e.name === "TransactionCanceledException") {
    const failed = (e.CancellationReasons ?? []).filter((r) => r.Code && r.Code !== "None");
    return failed.length > 0 && failed.every((r) => transientReasons.has(r.Code!));
  }
  if (e.name && unavailableNames.has(e.name)) return true;
  if (e.code && networkCodes.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return isDependencyFailure(e.cause, depth + 1);
}

/**
 * Middy middleware of the handler wrapper: a dependency's failure becomes a ServiceUnavailableError, which
 * problem.ts answers as a 503 with Retry-After. Runs before problemJson's onError (registered after it).
 */
export const dependencyFailures = (): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    if (!isDependencyFailure(request.error)) return;
    const err = request.error as SdkLikeError;
    // Names only: no message, which may quote what was sent.
    logger.warn("dependency unavailable", { errorName: err.name, errorCode: err.code, routeKey: request.event.routeKey });
    request.error = new ServiceUnavailableError(RETRY_AFTER_SECONDS);
  },
});
