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

export class AppError extends Error {
  /** Extension members of the problem (RFC 9457 §3.2), e.g. the allowed actions of a 409. */
  extensions?: Readonly<Record<string, unknown>>;
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
  /** The problem type: a stable URI naming the kind of error. */
  get type(): string {
    return `https://don-thu.example/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  }
}

export class ValidationError extends AppError {
  constructor(errors: readonly FieldError[], detail = "The request has invalid fields.") {
    super(400, "Invalid request", detail, errors);
  }
}
export class UnauthorizedError extends AppError {
  constructor(detail = "A valid bearer token is required.") {
    super(401, "Unauthorized", detail);
  }
}
export class ForbiddenError extends AppError {
  constructor(detail = "Your role may not do this.") {
    super(403, "Forbidden", detail);
  }
}
export class NotFoundError extends AppError {
  constructor(detail = "Not found.") {
    super(404, "Not found", detail);
  }
}
export class ConflictError extends AppError {
  constructor(detail: string, extensions?: Readonly<Record<string, unknown>>) {
    super(409, "Conflict", detail);
    if (extensions) this.extensions = extensions;
  }
}
export class PreconditionFailedError extends AppError {
  constructor(detail = "The case has changed since you read it.") {
    super(412, "Precondition failed", detail);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "Payload too large", `The request body must not exceed ${limitBytes} bytes.`);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(detail = "The request body must be application/json.") {
    super(415, "Unsupported media type", detail);
  }
}
export class BusinessRuleError extends AppError {
  constructor(detail: string, errors?: readonly FieldError[]) {
    super(422, "Business rule violated", detail, errors);
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
