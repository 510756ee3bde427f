// The one route manifest: read by the CDK stack (infra/) and by the local gateway (local/).
// Nothing about a route is written anywhere else.
import type { TableKey } from "./tables.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
import { roles, type Role } from "./domain/vocabulary.ts";
export { roles, type Role };
export type Access = "read" | "readWrite";

export interface RouteDefinition {
  /** Unique, PascalCase: names the Lambda function and its log group. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway HTTP API path syntax: `/cases/track/{trackingCode}`. */
  readonly path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  readonly entry: string;
  /** `public`, or the staff roles (Cognito groups) allowed to call it. */
  readonly auth: "public" | readonly Role[];
  /** The tables the function may touch, and how. It is granted nothing else. */
  readonly tables: Partial<Record<TableKey, Access>>;
  /** Whether the function seals and opens secrets (KMS envelope encryption on AWS). */
  readonly seal?: boolean;
  /** Whether the function computes sender keys (HMAC of a phone or identity number; a KMS HMAC key on AWS). */
  readonly senderKeys?: boolean;
  /** Whether the function is told the staff pool (STAFF_POOL_ID, STAFF_CLIENT_ID, STAFF_POOL_REGION, COGNITO_ENDPOINT?). */
  readonly staffPool?: boolean;
}

export const routes: readonly RouteDefinition[] = [
  { name: "Health", method: "GET", path: "/health", entry: "functions/health.ts", auth: "public", tables: {} },
  { name: "OpenApi", method: "GET", path: "/openapi.json", entry: "functions/openapi.ts", auth: "public", tables: {} },
  // How the staff pages sign in: the pool, its public app client and the Cognito endpoint (no secret in it).
  { name: "StaffConfig", method: "GET", path: "/staff/config", entry: "functions/staff-config.ts", auth: "public", tables: {}, staffPool: true },
  {
    name: "SubmitCase",
    method: "POST",
    path: "/cases",
    entry: "functions/submit-case.ts",
    auth: "public",
    tables: { cases: "readWrite", idempotency: "readWrite", reference: "read" },
    seal: true,
    senderKeys: true,
  },
  {
    name: "TrackCase",
    method: "GET",
    path: "/cases/track/{trackingCode}",
    entry: "functions/track-case.ts",
    auth: "public",
    tables: { cases: "read", reference: "read" },
  },
  {
    name: "ListStaffCases",
    method: "GET",
    path: "/staff/cases",
    entry: "functions/list-staff-cases.ts",
    auth: ["reception", "handler", "inspector", "admin"],
    tables: { cases: "read", reference: "read" },
  },
  {
    name: "RegisterCase",
    method: "POST",
    path: "/staff/cases",
    entry: "functions/register-case.ts",
    auth: ["reception", "admin"],
    tables: { cases: "readWrite", reference: "read" },
    seal: true,
    senderKeys: true,
  },
  {
    name: "GetStaffCase",
    method: "GET",
    path: "/staff/cases/{caseId}",
    entry: "functions/get-staff-case.ts",
    auth: ["reception", "handler", "inspector", "admin"],
    tables: { cases: "read", reference: "read" },
  },
  {
    name: "StaffCaseAction",
    method: "POST",
    path: "/staff/cases/{caseId}/{action}",
    entry: "functions/staff-case-action.ts",
    // Each action's own roles are the state machine's (shared/domain/workflow.ts).
    auth: ["reception", "handler", "inspector", "admin"],
    tables: { cases: "readWrite", reference: "read" },
    // A classification that makes a case a denunciation seals its sender's identity in the same write.
    seal: true,
  },
  {
    name: "CaseAudit",
    method: "GET",
    path: "/staff/cases/{caseId}/audit",
    entry: "functions/case-audit.ts",
    auth: ["inspector", "admin"],
    tables: { cases: "read", reference: "read" },
  },
  {
    name: "RevealIdentity",
    method: "POST",
    path: "/staff/cases/{caseId}/reveal-identity",
    entry: "functions/reveal-identity.ts",
    auth: ["handler", "inspector"],
    tables: { cases: "readWrite", reference: "read" },
    seal: true,
  },
  // Reference data. GET /admin/units is open to all staff: the console shows unit names. A PUT of the calendar or the
  // policy recomputes every open case's deadlines in the request (at scale, an asynchronous job).
  { name: "ListUnits", method: "GET", path: "/admin/units", entry: "functions/admin-list-units.ts", auth: ["reception", "handler", "inspector", "admin"], tables: { reference: "read" } },
  { name: "PutUnits", method: "PUT", path: "/admin/units", entry: "functions/admin-put-units.ts", auth: ["admin"], tables: { reference: "readWrite" } },
  { name: "GetCalendar", method: "GET", path: "/admin/calendar/{year}", entry: "functions/admin-get-calendar.ts", auth: ["admin"], tables: { reference: "read" } },
  {
    name: "PutCalendar",
    method: "PUT",
    path: "/admin/calendar/{year}",
    entry: "functions/admin-put-calendar.ts",
    auth: ["admin"],
    tables: { reference: "readWrite", cases: "readWrite" },
  },
  { name: "GetPolicy", method: "GET", path: "/admin/policy", entry: "functions/admin-get-policy.ts", auth: ["admin"], tables: { reference: "read" } },
  { name: "PutPolicy", method: "PUT", path: "/admin/policy", entry: "functions/admin-put-policy.ts", auth: ["admin"], tables: { reference: "readWrite", cases: "readWrite" } },
  {
    name: "InspectionOverdue",
    method: "GET",
    path: "/inspection/overdue",
    entry: "functions/inspection-overdue.ts",
    auth: ["inspector", "admin"],
    tables: { cases: "read", reference: "read" },
  },
  // The inspection figures from the Stats aggregates, the due-date index and the oldest open cases (json, csv, xlsx).
  {
    name: "InspectionReport",
    method: "GET",
    path: "/inspection/report",
    entry: "functions/inspection-report.ts",
    auth: ["inspector", "admin"],
    tables: { stats: "read", cases: "read", reference: "read" },
  },
  // Public yearly figures per unit from the aggregates only: counts, no case.
  { name: "PublicStats", method: "GET", path: "/stats", entry: "functions/public-stats.ts", auth: "public", tables: { stats: "read", reference: "read" } },
];

/** Largest request body any route accepts, in bytes; beyond it the answer is 413. */
export const maxBodyBytes = 64 * 1024;

/** A function fed by a table's DynamoDB stream (on AWS an event source mapping; locally the stream poller). */
export interface StreamConsumerDefinition {
  readonly name: string;
  readonly entry: string;
  /** The table whose stream feeds it. */
  readonly source: TableKey;
  readonly tables: Partial<Record<TableKey, Access>>;
  readonly seal?: boolean;
  /** Whether it sends notifications (SES on AWS, the outbox locally). */
  readonly notify?: boolean;
  readonly batchSize?: number;
}

/** A function run on a schedule (on AWS EventBridge Scheduler; locally a timer; once with an npm script). */
export interface ScheduleDefinition {
  readonly name: string;
  readonly entry: string;
  readonly everyMinutes: number;
  readonly tables: Partial<Record<TableKey, Access>>;
  readonly seal?: boolean;
}

export const streamConsumers: readonly StreamConsumerDefinition[] = [
  // Tells the citizen by e-mail that their case was accepted, extended or resolved (once per event: a sent-marker).
  { name: "NotifyOnEvent", entry: "functions/notify-on-event.ts", source: "cases", tables: { cases: "readWrite" }, seal: true, notify: true },
  // Keeps the per unit × kind × day aggregates of the Stats table, once per case version (shared/adapters/aggregates.ts).
  { name: "AggregateCases", entry: "functions/aggregate-cases.ts", source: "cases", tables: { stats: "readWrite" }, batchSize: 100 },
];

export const schedules: readonly ScheduleDefinition[] = [
  // The SLA sweep: records each escalation level reached and notifies its audience, once.
  { name: "Sweep", entry: "functions/sweep.ts", everyMinutes: 15, tables: { cases: "readWrite", reference: "read" }, seal: true },
];
