// GET /openapi.json: the contract of every route, generated from the manifest (shared/http/openapi.ts).
import { z } from "zod";
import { answer } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { publicCache } from "./common.ts";

/** The outline of an OpenAPI 3.1 document; that every route and status is in it is the unit tests' business (test/unit/http/openapi.test.ts). */
const operationSchema = z.object({ operationId: z.string(), responses: z.record(z.string(), z.unknown()) }).partial();
const pathItemSchema = z.object({ get: operationSchema, post: operationSchema, put: operationSchema, delete: operationSchema }).partial();

export const openApiDocumentSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), pathItemSchema).optional(),
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
