// One typed error hierarchy. Each error carries its HTTP status; shared/http/problem.ts maps it to
// problem+json in exactly one place, and shows a message to the caller only below 500.
import { z } from "zod";

/** One invalid field of a request, as the problem's `errors` lists it. */
export const fieldErrorSchema = z
  .object({
    /** Dotted (`submitter.phone`), `(body)` for the whole body, or a header's name (`If-Match`). */
    path: z.string(),
    message: z.string(),
    /** A stable machine code of a domain rule (`contact_required`, `identity_required`), for clients that localize. */
    code: z.string().optional(),
  })
  .strict();
export type FieldError = Readonly<z.infer<typeof fieldErrorSchema>>;

/** A problem's stable machine code and its parameters: what the pages translate (`detail` is for developers). */
export interface ErrorCode {
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class AppError extends Error {
  /** Extension members of the problem (RFC 9457 §3.2), e.g. the allowed actions of a 409. */
  extensions?: Readonly<Record<string, unknown>>;
  /** A stable machine code (`stale_version`, `unknown_unit`); each subclass has a default. */
  readonly code: string;
  /** How long the caller should wait before trying again, answered as `Retry-After` (a 503, a 429). */
  retryAfterSeconds?: number;
  readonly params?: Readonly<Record<string, string | number>>;
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
    code: ErrorCode & { readonly code: string } = { code: "error" },
  ) {
    super(detail ?? title);
    this.name = new.target.name;
    this.code = code.code;
    if (code.params) this.params = code.params;
  }
  /** The problem type: a stable URI naming the kind of error. */
  get type(): string {
    return `https://don-thu.example/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  }
}

/** The caller's code when given, else the class's. */
const coded = (fallback: string, given?: ErrorCode) => ({ ...given, code: given?.code ?? fallback });

export class ValidationError extends AppError {
  constructor(errors: readonly FieldError[], detail = "The request has invalid fields.", code?: ErrorCode) {
    super(400, "Invalid request", detail, errors, coded("invalid_request", code));
  }
}
export class UnauthorizedError extends AppError {
  constructor(detail = "A valid bearer token is required.", code?: ErrorCode) {
    super(401, "Unauthorized", detail, undefined, coded("unauthorized", code));
  }
}
export class ForbiddenError extends AppError {
  constructor(detail = "Your role may not do this.", code?: ErrorCode) {
    super(403, "Forbidden", detail, undefined, coded("forbidden", code));
  }
}
export class NotFoundError extends AppError {
  constructor(detail = "Not found.", code?: ErrorCode) {
    super(404, "Not found", detail, undefined, coded("not_found", code));
  }
}
export class ConflictError extends AppError {
  constructor(detail: string, extensions?: Readonly<Record<string, unknown>>, code?: ErrorCode) {
    super(409, "Conflict", detail, undefined, coded("action_not_allowed", code));
    if (extensions) this.extensions = extensions;
  }
}
export class PreconditionFailedError extends AppError {
  constructor(detail = "The case has changed since you read it.", code?: ErrorCode) {
    super(412, "Precondition failed", detail, undefined, coded("stale_version", code));
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "Payload too large", `The request body must not exceed ${limitBytes} bytes.`, undefined, { code: "payload_too_large", params: { limitBytes } });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(detail = "The request body must be application/json.", code?: ErrorCode) {
    super(415, "Unsupported media type", detail, undefined, coded("unsupported_media_type", code));
  }
}
/** Too many requests from one client: `retryAfterSeconds` becomes the answer's Retry-After header. */
export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, detail = "Too many requests from your address; try again later.") {
    super(429, "Too many requests", detail, undefined, { code: "rate_limited", params: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
/** A broken business rule; its code is the first field error's when that names one. */
export class BusinessRuleError extends AppError {
  constructor(detail: string, errors?: readonly FieldError[], code?: ErrorCode) {
    super(422, "Business rule violated", detail, errors, coded(errors?.find((e) => e.code)?.code ?? "business_rule", code));
  }
}

/**
 * A service the request depends on (the database, the key service) failed, throttled or did not answer in
 * time: nothing about the request is wrong, the same request may succeed after `Retry-After` seconds.
 */
export class ServiceUnavailableError extends AppError {
  constructor(retryAfterSeconds: number, detail = "A service this request depends on is unavailable; retry the same request shortly.") {
    super(503, "Service unavailable", detail, undefined, { code: "dependency_unavailable", params: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Zod issues → field errors with dotted paths (`submitter.phone`); an unknown field is named itself. */
export function fieldErrors(error: z.ZodError, prefix = ""): FieldError[] {
  const path = (segments: readonly PropertyKey[]) => [prefix, ...segments.map(String)].filter(Boolean).join(".") || "(body)";
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: path([...issue.path, key]), message: "is not a known field" }))
      : [{ path: path(issue.path), message: issue.message, ...customCode(issue) }],
  );
}

/** Validates with a schema, or throws a 400 naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldErrors(result.error, prefix));
  return result.data;
}

/** A domain rule names its own stable code in `params.code` (`contact_required`), for clients that localize. */
function customCode(issue: z.core.$ZodIssue): { code?: string } {
  const code = issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === "string" ? { code } : {};
}
