// The one handler wrapper, built from a route of the manifest: problem+json for every error (503 for a
// dependency that fails, shared/adapters/dependency-failures.ts), the route's
// roles checked (staff routes), the request validated from the route's contract, and the handler given
// typed input; what it returns is typed by the contract too. Middy, middleware first, so types flow.
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { z } from "zod";
import { fieldErrors, NotFoundError, ValidationError } from "#domain/errors.ts";
import { dependencyFailures } from "#adapters/dependency-failures.ts";
import type { Route } from "#routes/route.ts";
import { staffAuthorizer, type Principal } from "./auth.ts";
import { notFoundUnless, type RequestContract, type RouteInput, type RouteReply } from "./contract.ts";
import { problemJson } from "./problem.ts";
import { header, jsonBody, readJson } from "./request.ts";
import { attachment, json, type HttpResult } from "./response.ts";

export type HandlerInput<R extends Route> = RouteInput<R, R["auth"] extends "public" ? undefined : Principal>;

/** The use case's side of a route: typed input in, a documented answer out (errors are thrown, as AppErrors). */
export type RouteFn<R extends Route> = (input: HandlerInput<R>, context: Context) => Promise<RouteReply<R>>;

/**
 * `export const handler = routeHandler(SubmitCase, async ({ headers, body }, context) => ({ status: 201, body: receipt, headers: { Location } }))`.
 * F is a type parameter of its own so that the route alone fixes R, and the reply is checked against R's contract, literals kept.
 */
export function routeHandler<R extends Route, F extends RouteFn<R>>(route: R, fn: F) {
  const authorize = route.auth === "public" ? undefined : staffAuthorizer(route.auth);
  const read = requestReader(route.request ?? {});
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(problemJson())
    // After problemJson, so its onError runs first: a dependency's failure is a 503, not a 500.
    .use(dependencyFailures())
    .handler(async (event, context) => {
      const principal = authorize?.(event);
      // Each part has just passed the contract's own schema: this is the shape that schema promises.
      const input = { ...read(event), principal } as HandlerInput<R>;
      // Every reply the contract allows is one of the two shapes toResult writes.
      return toResult((await fn(input, context)) as AnyReply);
    });
}

/** Reads the request as the contract says, part by part (path, headers, query, body): the first bad part answers. */
function requestReader(request: RequestContract) {
  const { params, headers, query, body } = request;
  const bodyOptional = body !== undefined && body.safeParse(undefined).success;
  return (event: APIGatewayProxyEventV2) => ({
    params: params ? part(params, event.pathParameters ?? {}) : {},
    headers: headers ? part(headers, Object.fromEntries(Object.keys(headers.shape).map((name) => [name, header(event, name)]))) : {},
    query: query ? part(query, event.queryStringParameters ?? {}) : {},
    body:
      body === undefined || (bodyOptional && !event.body)
        ? undefined
        : request.bodyCheckedBy === "domain"
          ? readJson(event)
          : jsonBody(event, body),
  });
}

/** One part of the request through its schema: 404 for a value that names nothing (`orNotFound`), else 400 naming each field. */
function part(schema: z.ZodObject, value: Record<string, unknown>): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const [name, field] of Object.entries(schema.shape)) {
    const notFound = notFoundUnless.get(field);
    if (notFound && result.error.issues.some((issue) => issue.path[0] === name)) throw new NotFoundError(notFound.detail);
  }
  throw new ValidationError(fieldErrors(result.error));
}

type AnyReply =
  | { readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string | undefined>> }
  | { readonly status: number; readonly file: { type: string; filename: string; data: string | Uint8Array }; readonly headers?: undefined };

/** Header names as the documents spell them (`ETag`) go on the wire in lower case, as every other header here. */
function toResult(reply: AnyReply): HttpResult {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  return "file" in reply ? attachment(reply.status, reply.file, headers) : json(reply.status, reply.body, headers);
}
