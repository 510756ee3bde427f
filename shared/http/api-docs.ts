// What the OpenAPI document says of each route, keyed by the manifest's route name. Method and path
// live only in the manifest; the schemas are the same zod schemas that validate requests.
import { z } from "zod";
import { caseSubmissionSchema } from "#domain/case.ts";
import { submissionReceiptSchema, trackingViewSchema } from "#domain/intake.ts";
import { auditSchema, revealBodySchema, revealedSchema, staffRegistrationSchema } from "#domain/staff-cases.ts";
import { staffCaseSchema } from "#domain/staff-view.ts";
import { actionBodySchemas, actionNameSchema } from "#domain/workflow.ts";
import { overdueFiltersSchema, overdueRegisterSchema } from "#domain/inspection.ts";
import { inspectionReportSchema, publicStatsQuerySchema, publicStatsSchema, reportQuerySchema } from "#domain/report.ts";
import { caseListSchema, listFiltersSchema } from "#domain/listing.ts";
import { calendarAdjustmentsSchema, calendarViewSchema, policyQuerySchema, policyViewSchema, unitRegistrySchema } from "#domain/reference.ts";
import { policySchema } from "#domain/deadlines/index.ts";

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

/** GET /staff/config: what the staff pages need to sign in with Cognito (all public values, no secret). */
export const staffConfigSchema = z.object({ region: z.string(), userPoolId: z.string(), clientId: z.string(), cognitoEndpoint: z.url() });

const problem = (description: string): ResponseDoc => ({ description, schema: problemSchema });
const staffErrors = { 401: problem("No valid staff token"), 403: problem("Your role may not do this") };

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
  StaffConfig: {
    summary: "How the staff pages sign in: the Cognito region, user pool, public app client and endpoint",
    tags: ["public"],
    responses: {
      200: { description: "The sign-in configuration", schema: staffConfigSchema },
      500: problem("The deployment does not name the staff pool"),
    },
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
  RegisterCase: {
    summary: "Reception registers a letter received off-line; the receipt may be back-dated",
    tags: ["staff"],
    request: { body: staffRegistrationSchema },
    responses: {
      201: { description: "Registered: give the tracking code and access key to the citizen", schema: submissionReceiptSchema },
      400: problem("A field is invalid; `errors` names each one"),
      ...staffErrors,
    },
  },
  GetStaffCase: {
    summary: "The whole case for staff: details, deadlines with their explanation, flags, timeline, allowed actions",
    tags: ["staff"],
    request: { params: z.object({ caseId: z.uuid() }) },
    responses: {
      200: { description: "The case; its version is also the ETag", schema: staffCaseSchema },
      ...staffErrors,
      404: problem("No such case, or not one of your unit's"),
    },
  },
  StaffCaseAction: {
    summary: "One action on a case (classify, accept, transfer, guide, reject, archive, extend, suspend, resume, resolve, close, withdraw, note)",
    tags: ["staff"],
    request: {
      params: z.object({ caseId: z.uuid(), action: actionNameSchema }),
      headers: z.object({ "If-Match": z.string() }),
      body: z.union(Object.values(actionBodySchemas)),
    },
    responses: {
      200: { description: "The updated case; its new version is the ETag", schema: staffCaseSchema },
      400: problem("A field is invalid, or If-Match is missing"),
      ...staffErrors,
      404: problem("No such case or action, or not one of your unit's"),
      409: problem("The action is not allowed in the case's state; `detail` names the allowed ones"),
      412: problem("The case changed since you read it"),
      422: problem("A legal limit or business rule is broken (e.g. an extension beyond the policy)"),
    },
  },
  CaseAudit: {
    summary: "The case's immutable events and whether their hash chain verifies",
    tags: ["staff"],
    request: { params: z.object({ caseId: z.uuid() }) },
    responses: { 200: { description: "The audit chain", schema: auditSchema }, ...staffErrors, 404: problem("No such case") },
  },
  RevealIdentity: {
    summary: "Reveal a denouncer's sealed identity, for a stated reason; the act is recorded in the audit chain",
    tags: ["staff"],
    request: { params: z.object({ caseId: z.uuid() }), body: revealBodySchema },
    responses: {
      200: { description: "The identity", schema: revealedSchema },
      400: problem("No reason given"),
      ...staffErrors,
      404: problem("No such case, or not one of your unit's"),
      422: problem("The case has no sealed identity"),
    },
  },
  ListUnits: {
    summary: "The unit registry: every unit with its parent and whether it is a remote area",
    tags: ["admin"],
    responses: { 200: { description: "The whole registry (empty until an admin stores one)", schema: unitRegistrySchema }, ...staffErrors },
  },
  PutUnits: {
    summary: "Replace the whole unit registry",
    tags: ["admin"],
    request: { body: unitRegistrySchema },
    responses: {
      200: { description: "The registry as stored", schema: unitRegistrySchema },
      400: problem("Refused whole: `errors` names each field (`3.parentId`: an unknown parent or a cycle; `2.unitId`: listed twice)"),
      ...staffErrors,
    },
  },
  GetCalendar: {
    summary: "A year's official days off and declared working days over the computed default, and every day off of the year by name",
    tags: ["admin"],
    request: { params: z.object({ year: z.string().regex(/^\d{4}$/) }) },
    responses: { 200: { description: "The year", schema: calendarViewSchema }, 400: problem("The year is not 2000–2100"), ...staffErrors },
  },
  PutCalendar: {
    summary: "Store a year's adjustments (they replace the shipped official ones); every open case's deadlines are recomputed",
    tags: ["admin"],
    request: { params: z.object({ year: z.string().regex(/^\d{4}$/) }), body: calendarAdjustmentsSchema },
    responses: {
      200: {
        description: "The year as now in force, with how many open cases were recomputed and how many changed (done in the request for now)",
        schema: calendarViewSchema.extend({ recomputed: z.number().int(), changed: z.number().int() }),
      },
      400: problem("The year or a date is invalid; `errors` names each one"),
      ...staffErrors,
    },
  },
  GetPolicy: {
    summary: "The current deadline policy, or an earlier version with ?version=N",
    tags: ["admin"],
    request: { query: policyQuerySchema },
    responses: { 200: { description: "The policy version", schema: policyViewSchema }, ...staffErrors, 404: problem("No such version") },
  },
  PutPolicy: {
    summary: "Store a new version of the deadline policy (the server numbers it); every open case's deadlines are recomputed",
    tags: ["admin"],
    request: { body: policySchema },
    responses: {
      200: {
        description: "The stored version, with how many open cases were recomputed and how many changed",
        schema: policyViewSchema.extend({ recomputed: z.number().int(), changed: z.number().int() }),
      },
      400: problem("Refused whole, nothing stored: `errors` names each field"),
      ...staffErrors,
    },
  },
  InspectionOverdue: {
    summary: "The overdue register: open cases whose current deadline has passed, most overdue first",
    tags: ["inspection"],
    request: { query: overdueFiltersSchema },
    responses: {
      200: { description: "A page of overdue cases with days overdue and escalation level", schema: overdueRegisterSchema },
      400: problem("A filter or the cursor is invalid; `errors` names it"),
      ...staffErrors,
    },
  },
  InspectionReport: {
    summary:
      "The inspection figures per unit or kind over a period (local dates, the current year by default), from the day aggregates: " +
      "received, accepted, resolved on time / late, open within the deadline / overdue, on-time rate = on time / (on time + late + open overdue), " +
      "median days from receipt to resolution, aging bands of open cases, and the 10 oldest open cases without subject or sender. " +
      "format=csv: UTF-8 with a BOM, Vietnamese headers; format=xlsx: an Excel workbook (base64 on the wire); both as attachments with the same rows",
    tags: ["inspection"],
    request: { query: reportQuerySchema },
    responses: {
      200: { description: "The report (JSON), or the same rows as text/csv or an .xlsx workbook", schema: inspectionReportSchema },
      400: problem("A date, the grouping or the format is invalid, `to` is before `from`, or the period is longer than five years; `errors` names it"),
      ...staffErrors,
    },
  },
  PublicStats: {
    summary:
      "Public figures of a year (`year`, default the current one) per unit: cases received, resolved, resolved on time and late, open and overdue, and the on-time rate " +
      "(resolved on time / (on time + late + open and overdue)), the same figures as the inspection report's for the unit and the year. " +
      "Counts only, no case and no person; cacheable for 5 minutes",
    tags: ["public"],
    request: { query: publicStatsQuerySchema },
    responses: {
      200: { description: "The year's figures per unit and in total", schema: publicStatsSchema },
      400: problem("`year` is not a year from 2000 to 2100"),
    },
  },
};
