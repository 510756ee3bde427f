// Reading a request: the JSON body (content type, size, nesting, schema) and headers, each failure a 4xx naming its field.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { z } from "zod";
import { parse, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "#domain/errors.ts";
import { maxBodyBytes } from "#routes/route.ts";

const MAX_DEPTH = 16;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** The body as JSON, whatever it holds: 415 if it is not JSON, 413 if too large, 400 if too deep or unreadable. */
export function readJson(event: APIGatewayProxyEventV2): unknown {
  const contentType = header(event, "content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) throw new UnsupportedMediaTypeError();
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
  if (Buffer.byteLength(raw, "utf8") > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  if (nestingDepth(raw) > MAX_DEPTH) {
    throw new ValidationError([{ path: "(body)", message: `JSON nested deeper than ${MAX_DEPTH} levels`, code: "json_too_deep" }], undefined, { code: "json_too_deep", params: { maxDepth: MAX_DEPTH } });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError([{ path: "(body)", message: "the body is not valid JSON", code: "invalid_json" }], "The request body is not valid JSON.", { code: "invalid_json" });
  }
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
