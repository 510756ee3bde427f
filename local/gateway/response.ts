// The one response validator: what a handler returned → what API Gateway HTTP API would send, or why it would send a 500.
import { Buffer } from "node:buffer";
import { apiHeaders } from "#http/security-headers.ts";

export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Each one becomes its own `Set-Cookie` header. */
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

export type Validated = { readonly ok: true; readonly response: GatewayResponse } | { readonly ok: false; readonly problem: string };

/** Lambda's limit on a synchronous invocation's response payload. */
export const maxResponseBytes = 6 * 1024 * 1024;

export function gatewayError(statusCode: number, message: string, headers: Record<string, string> = {}): GatewayResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...apiHeaders, ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const internalServerError = (): GatewayResponse => gatewayError(500, "Internal Server Error");

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

export function validateResponse(result: unknown): Validated {
  const payload = JSON.stringify(result) ?? "null";
  if (Buffer.byteLength(payload) > maxResponseBytes) {
    return { ok: false, problem: `response payload of ${Buffer.byteLength(payload)} bytes exceeds Lambda's ${maxResponseBytes}` };
  }
  // Without a statusCode, payload format 2.0 infers the answer: 200, JSON, the returned value as the body.
  if (!isPlainObject(result) || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : payload;
    return { ok: true, response: { statusCode: 200, headers: { "content-type": "application/json" }, cookies: [], body: Buffer.from(body) } };
  }
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { ok: false, problem: `statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}` };
  }
  if (!isPlainObject(headers)) return { ok: false, problem: "headers must be an object of string, number or boolean values" };
  const bad = Object.entries(headers).find(([, v]) => !["string", "number", "boolean"].includes(typeof v));
  if (bad) return { ok: false, problem: `header ${bad[0]} must be a string, number or boolean (payload 2.0 has no multiValueHeaders)` };
  if (!Array.isArray(cookies) || cookies.some((c) => typeof c !== "string")) {
    return { ok: false, problem: "cookies must be an array of strings" };
  }
  if (body !== undefined && body !== null && typeof body !== "string") {
    return { ok: false, problem: `body must be a string, got ${Buffer.isBuffer(body) ? "a Buffer" : typeof body}` };
  }
  if (typeof isBase64Encoded !== "boolean") return { ok: false, problem: "isBase64Encoded must be a boolean" };

  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) flat[name.toLowerCase()] = String(value);
  const text = body ?? "";
  return {
    ok: true,
    response: {
      statusCode,
      // As Architect's sandbox observed of HTTP APIs: with an explicit statusCode and no content type, plain text.
      headers: { "content-type": "text/plain; charset=utf-8", ...flat },
      cookies: cookies as string[],
      body: isBase64Encoded ? Buffer.from(text, "base64") : Buffer.from(text, "utf8"),
    },
  };
}
