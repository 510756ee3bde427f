// Reading a request: the JSON body (content type, size, nesting, schema) and headers, each failure a 4xx naming its field.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { z } from "zod";
import { parse, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "#domain/errors.ts";
import { isWellFormedText } from "#domain/vocabulary.ts";
import { maxBodyBytes } from "#routes/route.ts";

const MAX_DEPTH = 16;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** The body as JSON, whatever it holds: 415 if it is not JSON, 413 if too large, 400 if too deep or unreadable. */
export function readJson(event: APIGatewayProxyEventV2): unknown {
  const contentType = header(event, "content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) throw new UnsupportedMediaTypeError();
  const raw = event.isBase64Encoded ? utf8(Buffer.from(event.body ?? "", "base64")) : (event.body ?? "");
  if (Buffer.byteLength(raw, "utf8") > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  // A text body's bytes that were not UTF-8 reach the function as U+FFFD (API Gateway and the local gateway decode it).
  if (raw.includes("\uFFFD")) throw invalidText();
  if (nestingDepth(raw) > MAX_DEPTH) {
    throw new ValidationError([{ path: "(body)", message: `JSON nested deeper than ${MAX_DEPTH} levels`, code: "json_too_deep" }], undefined, { code: "json_too_deep", params: { maxDepth: MAX_DEPTH } });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError([{ path: "(body)", message: "the body is not valid JSON", code: "invalid_json" }], "The request body is not valid JSON.", { code: "invalid_json" });
  }
  // `"\ud800"` is valid JSON but no text: refused wherever it sits, before any schema sees it.
  if (!wellFormedStrings(value)) throw invalidText();
  return value;
}

const invalidText = () =>
  new ValidationError([{ path: "(body)", message: "the body is not well-formed UTF-8 text", code: "invalid_text" }], "The request body holds bytes that are not UTF-8, or a lone surrogate.", { code: "invalid_text" });

/** Decodes UTF-8, refusing any byte sequence that is not (no silent U+FFFD). */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidText();
  }
}

/** Whether every string of a parsed JSON value, keys included, is well-formed. Its depth is bounded above. */
function wellFormedStrings(value: unknown): boolean {
  if (typeof value === "string") return isWellFormedText(value);
  if (Array.isArray(value)) return value.every(wellFormedStrings);
  if (value !== null && typeof value === "object") return Object.entries(value).every(([k, v]) => isWellFormedText(k) && wellFormedStrings(v));
  return true;
}

/** The JSON body validated by `schema`: as readJson, then 400 naming each bad field. */
export function jsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.infer<S> {
  return parse(schema, readJson(event));
}

/** Deepest bracket nesting outside strings, found before parsing so no parser recursion is ever deep. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
