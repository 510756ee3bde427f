// Every HTTP handler is built the same way: middy, middleware first, so types flow to the handler.
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { problemJson } from "./problem.ts";

export type HttpResult = APIGatewayProxyStructuredResultV2;

export const httpHandler = (fn: (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>) =>
  middy<APIGatewayProxyEventV2, HttpResult>().use(problemJson()).handler(fn);
