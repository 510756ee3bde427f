// What a route's contract is made of: the schemas of its request (path, query, headers, body) and of
// each answer it gives, by status, problems included. Each route of the manifest declares one
// (shared/routes/*.ts); the handler wrapper (route-handler.ts), the OpenAPI document (openapi.ts), the
// contract test and the web client's types (`Answer`, type-only) all read that one object.
import { z } from "zod";
import { problemSchema } from "./problem.ts";

export interface RequestContract {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** Named as documented (`Idempotency-Key`), read whatever their case on the wire. */
  readonly headers?: z.ZodObject;
  /** The JSON body; a schema that accepts `undefined` makes it optional (an empty body is then `undefined`). */
  readonly body?: z.ZodType;
  /**
   * `domain`: the body is documented here but checked by the use case, whose field errors are its own;
   * the wrapper checks only that it is JSON of a sane size and depth, and hands it over `unknown`.
   */
  readonly bodyCheckedBy?: "domain";
}

export interface ResponseContract {
  readonly description: string;
  /** Media type → the body's schema: `application/json`, `application/problem+json`, or a file's type. */
  readonly content?: Readonly<Record<string, z.ZodType>>;
  /** Headers the answer carries, named as documented (`ETag`, `Location`). */
  readonly headers?: z.ZodObject;
}

export interface RouteContract {
  readonly summary: string;
  readonly tags: readonly string[];
  readonly request?: RequestContract;
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

export const jsonType = "application/json";
export const problemType = "application/problem+json";

// ---- declaring answers ----

interface JsonAnswer<S extends z.ZodType> {
  readonly description: string;
  readonly content: { readonly [jsonType]: S };
}
/** A JSON answer, with the headers it carries if any. */
export function answer<S extends z.ZodType>(description: string, schema: S): JsonAnswer<S>;
export function answer<S extends z.ZodType, H extends z.ZodObject>(description: string, schema: S, headers: H): JsonAnswer<S> & { readonly headers: H };
export function answer(description: string, schema: z.ZodType, headers?: z.ZodObject): ResponseContract {
  return { description, content: { [jsonType]: schema }, ...(headers && { headers }) };
}

const problemOfStatus = <const S extends number, E extends z.ZodRawShape>(status: S, extension: E) =>
  problemSchema.extend({ status: z.literal(status), ...extension });

/** A problem+json answer of this status; `extension` adds the members its error carries (a 409's `allowedActions`). */
export const problem = <const S extends number, const E extends z.ZodRawShape = {}>(status: S, description: string, extension: E = {} as E) => ({
  description,
  content: { [problemType]: problemOfStatus(status, extension) },
});

/** API Gateway's own answer when its JWT authorizer refuses the request (no token, a bad signature, expired). */
export const gatewayUnauthorizedSchema = z.object({ message: z.literal("Unauthorized") }).strict();

/** What every staff route may answer before its handler runs: no valid token, or a role it does not name. */
export const staffErrors = {
  401: {
    description:
      "No valid staff token. API Gateway's authorizer answers `{ message }` for a missing, forged or expired token; a token that is not a staff ID token gets a problem",
    content: { [jsonType]: gatewayUnauthorizedSchema, [problemType]: problemOfStatus(401, {}) },
  },
  403: problem(403, "Your role may not call this route, or your account has no staff role (or, for a handler, no unit)"),
} as const;

// ---- path parameters and headers that name a thing ----

/** Marks request parts for which a value outside the schema names nothing: 404, exactly as for an unknown one (no oracle). */
export const notFoundUnless = z.registry<{ readonly detail: string }>();

/** `schema`, where any other value answers 404 with `detail` instead of 400. */
export function orNotFound<S extends z.ZodType>(schema: S, detail: string): S {
  const marked = schema.clone();
  notFoundUnless.add(marked, { detail });
  return marked;
}

// ---- the types the wrapper and the web client read ----

type RequestOf<C extends RouteContract> = C extends { readonly request: infer Q extends RequestContract } ? Q : {};
type Part<Q, K extends "params" | "query" | "headers" | "body", Absent> = Q extends { readonly [P in K]: infer S extends z.ZodType } ? z.output<S> : Absent;

/** What the handler receives: each part of the request as the contract's schemas output it, and who calls. */
export interface RouteInput<C extends RouteContract, Principal> {
  readonly params: Part<RequestOf<C>, "params", {}>;
  readonly query: Part<RequestOf<C>, "query", {}>;
  readonly headers: Part<RequestOf<C>, "headers", {}>;
  readonly body: RequestOf<C> extends { readonly bodyCheckedBy: "domain" } ? unknown : Part<RequestOf<C>, "body", undefined>;
  readonly principal: Principal;
}

type SuccessStatus = 200 | 201 | 202 | 204;
type Responses<C extends RouteContract> = C["responses"];
type HeadersOf<A> = A extends { readonly headers: infer H extends z.ZodObject }
  ? {} extends z.input<H>
    ? { readonly headers?: z.input<H> }
    : { readonly headers: z.input<H> }
  : { readonly headers?: undefined };
type JsonReply<A, S> = A extends { readonly content: { readonly [jsonType]: infer B extends z.ZodType } } ? { readonly status: S; readonly body: z.input<B> } & HeadersOf<A> : never;
type FileTypes<A> = A extends { readonly content: infer M } ? Exclude<keyof M, typeof jsonType> & string : never;
type FileReply<A, S> = [FileTypes<A>] extends [never]
  ? never
  : { readonly status: S; readonly file: { readonly type: FileTypes<A>; readonly filename: string; readonly data: string | Uint8Array } };

/** What the handler returns: a documented success status with its JSON body (and documented headers), or a documented file. */
export type RouteReply<C extends RouteContract> = {
  [S in keyof Responses<C> & SuccessStatus]: JsonReply<Responses<C>[S], S> | FileReply<Responses<C>[S], S>;
}[keyof Responses<C> & SuccessStatus];

/** The body a route answers with this status (JSON, or the problem), as the client reads it. */
export type Answer<C extends RouteContract, S extends keyof Responses<C>> = Responses<C>[S] extends { readonly content: infer M }
  ? M extends { readonly [jsonType]: infer B extends z.ZodType }
    ? z.output<B>
    : M extends { readonly [problemType]: infer B extends z.ZodType }
      ? z.output<B>
      : never
  : never;
