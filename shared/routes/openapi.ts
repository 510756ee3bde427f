// GET /openapi.json: the contract of every route, generated from the manifest (shared/http/openapi.ts).
import { z } from "zod";
import { answer } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { publicCache } from "./common.ts";

/**
 * The outline of an OpenAPI 3.1 document (the rest is the OpenAPI specification's to define); that every
 * route and status is in it is the unit tests' business (test/unit/http/openapi.test.ts).
 */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
  paths: z.record(z.string(), z.unknown()).optional(),
});

export const OpenApi = defineRoute({
  name: "OpenApi",
  method: "GET",
  path: "/openapi.json",
  entry: "functions/openapi.ts",
  auth: "public",
  tables: {},
  summary: "This document",
  tags: ["public"],
  responses: { 200: answer("The OpenAPI 3.1 document", openApiDocumentSchema, publicCache) },
});
