// Writing an answer the same way everywhere: JSON, or a file to download.
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiHeaders } from "./security-headers.ts";

export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...apiHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

/** A file the browser saves under `filename`: text as UTF-8, bytes base64 on the wire (API Gateway decodes them). */
export function attachment(statusCode: number, file: { type: string; filename: string; data: string | Uint8Array }, headers: Record<string, string> = {}): HttpResult {
  const { type, filename, data } = file;
  return {
    statusCode,
    headers: {
      "content-type": typeof data === "string" && type.startsWith("text/") ? `${type}; charset=utf-8` : type,
      "content-disposition": `attachment; filename="${filename}"`,
      ...apiHeaders,
      ...headers,
    },
    ...(typeof data === "string" ? { body: data } : { body: Buffer.from(data).toString("base64"), isBase64Encoded: true }),
  };
}
