// What the OpenAPI document says of each route, keyed by the manifest's route name. Method and path
// live only in the manifest; the schemas are the same zod schemas that validate requests.
import { z } from "zod";
import { caseSubmissionSchema } from "#domain/case.ts";
import { submissionReceiptSchema, trackingViewSchema } from "#domain/intake.ts";
import { caseListSchema, listFiltersSchema } from "#domain/listing.ts";

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const idempotencyKeyHeaderSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "must be 1 to 128 visible ASCII characters, e.g. a UUID")
  .optional();

interface ResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
}
export interface RouteDoc {
  readonly summary: string;
  readonly tags: readonly string[];
  readonly request?: {
    readonly body?: z.ZodType;
    readonly params?: z.ZodObject;
    readonly headers?: z.ZodObject;
    readonly query?: z.ZodObject;
  };
  readonly responses: Readonly<Record<number, ResponseDoc>>;
}

const problem = (description: string): ResponseDoc => ({ description, schema: problemSchema });

export const apiDocs: Readonly<Record<string, RouteDoc>> = {
  Health: {
    summary: "Liveness",
    tags: ["public"],
    responses: { 200: { description: "The service answers", schema: z.object({ status: z.literal("ok") }) } },
  },
  OpenApi: {
    summary: "This document",
    tags: ["public"],
    responses: { 200: { description: "The OpenAPI 3.1 document" } },
  },
  SubmitCase: {
    summary: "A citizen submits a petition, complaint, denunciation or reflection",
    tags: ["public"],
    request: {
      body: caseSubmissionSchema,
      headers: z.object({ "Idempotency-Key": idempotencyKeyHeaderSchema }),
    },
    responses: {
      201: { description: "Received: the tracking code and the access key (shown once, keep it)", schema: submissionReceiptSchema },
      400: problem("A field is invalid; `errors` names each one"),
      413: problem("The body is too large"),
      415: problem("The body is not JSON"),
      422: problem("The Idempotency-Key was used with another body"),
    },
  },
  TrackCase: {
    summary: "The citizen follows a case",
    tags: ["public"],
    request: {
      params: z.object({ trackingCode: z.string() }),
      headers: z.object({ "X-Access-Key": z.string() }),
    },
    responses: {
      200: { description: "The case as the citizen may see it", schema: trackingViewSchema },
      404: problem("No case has this code and key (the same answer for either)"),
    },
  },
  ListStaffCases: {
    summary: "Staff list cases by status, unit, kind and flag, oldest first (overdue and approaching: soonest due first)",
    tags: ["staff"],
    request: { query: listFiltersSchema },
    responses: {
      200: { description: "A page of case summaries (never the sender); `nextCursor` when there is another page", schema: caseListSchema },
      400: problem("A filter or the cursor is invalid; `errors` names it"),
      401: problem("No valid staff token"),
      403: problem("The account has no staff role"),
    },
  },
};
