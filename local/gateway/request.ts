// The one request formatter: an HTTP request → API Gateway HTTP API payload format 2.0.
import { randomBytes } from "node:crypto";
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from "aws-lambda";
import { fakeAccountId } from "./context.ts";
import type { RouteMatch } from "./router.ts";

export interface IncomingRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value…, repeats kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
}

export interface RequestMeta {
  readonly requestId: string;
  readonly now: Date;
  /** Set on routes behind the JWT authorizer only, as on AWS. */
  readonly authorizer?: APIGatewayEventRequestContextJWTAuthorizer;
  readonly localPort?: number;
}

export type LocalEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & { authorizer?: APIGatewayEventRequestContextJWTAuthorizer };
};

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
export const newRequestId = (): string => randomBytes(10).toString("base64");

export function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const q = url.indexOf("?");
  return q < 0 ? { rawPath: url, rawQueryString: "" } : { rawPath: url.slice(0, q), rawQueryString: url.slice(q + 1) };
}

// Bodies API Gateway passes as text; everything else (images, PDFs, no content type at all) arrives base64-encoded.
const textTypes = [/^text\//, /^application\/(.+\+)?json$/, /^application\/(.+\+)?xml$/, /^application\/javascript$/];
export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return textTypes.some((re) => re.test(mediaType));
}

export function formatRequest(req: IncomingRequest, match: RouteMatch, meta: RequestMeta): LocalEvent {
  const { rawPath, rawQueryString } = splitUrl(req.url);
  const { headers, cookies } = formatHeaders(req.rawHeaders);
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${req.sourceIp}` : req.sourceIp;
  headers["x-forwarded-proto"] = "http";
  if (meta.localPort !== undefined) headers["x-forwarded-port"] = String(meta.localPort);
  const host = headers.host ?? "localhost";
  const domainName = host.replace(/:\d+$/, "");
  const query = queryParameters(rawQueryString);
  const text = isTextContentType(headers["content-type"]);
  return {
    version: "2.0",
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: fakeAccountId,
      apiId: "local",
      ...(meta.authorizer ? { authorizer: meta.authorizer } : {}),
      domainName,
      domainPrefix: domainName.split(".")[0]!,
      http: {
        method: req.method,
        path: rawPath,
        protocol: req.protocol,
        sourceIp: req.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: meta.requestId,
      routeKey: match.routeKey,
      stage: "$default",
      time: apiGatewayTime(meta.now),
      timeEpoch: meta.now.getTime(),
    },
    ...(Object.keys(match.pathParameters).length ? { pathParameters: { ...match.pathParameters } } : {}),
    ...(req.body.length ? { body: text ? req.body.toString("utf8") : req.body.toString("base64") } : {}),
    isBase64Encoded: req.body.length > 0 && !text,
  };
}

/** Lower-cased names, repeated headers joined by ",", the `cookie` header lifted out into `cookies`. */
export function formatHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === "cookie") {
      cookies.push(...value.split(";").map((c) => c.trim()).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const joined: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    joined[key] = key in joined ? `${joined[key]},${value}` : value;
  }
  return Object.keys(joined).length ? joined : undefined;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** `12/Mar/2020:19:03:58 +0000`, API Gateway's access-log style. */
export function apiGatewayTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
