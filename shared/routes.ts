// The one route manifest: read by the CDK stack (infra/) and by the local gateway (local/). Each route,
// with its contract, is one module of shared/routes/: a handler imports its own, never this list.
import type { TableKey } from "./tables.ts";
import { RECOMPUTE_WORKER, type Access, type AuditAccess, type Route, type SealUse } from "./routes/route.ts";
import { Health } from "./routes/health.ts";
import { OpenApi } from "./routes/openapi.ts";
import { StaffConfig } from "./routes/staff-config.ts";
import { SubmitCase } from "./routes/submit-case.ts";
import { TrackCase } from "./routes/track-case.ts";
import { GetChallenge } from "./routes/get-challenge.ts";
import { ListStaffCases } from "./routes/list-staff-cases.ts";
import { RegisterCase } from "./routes/register-case.ts";
import { GetStaffCase } from "./routes/get-staff-case.ts";
import { StaffCaseAction } from "./routes/staff-case-action.ts";
import { CaseAudit } from "./routes/case-audit.ts";
import { RevealIdentity } from "./routes/reveal-identity.ts";
import { ListUnits } from "./routes/admin-list-units.ts";
import { PutUnits } from "./routes/admin-put-units.ts";
import { GetCalendar } from "./routes/admin-get-calendar.ts";
import { PutCalendar } from "./routes/admin-put-calendar.ts";
import { GetPolicy } from "./routes/admin-get-policy.ts";
import { PutPolicy } from "./routes/admin-put-policy.ts";
import { GetJob } from "./routes/admin-get-job.ts";
import { InspectionOverdue } from "./routes/inspection-overdue.ts";
import { InspectionReport } from "./routes/inspection-report.ts";
import { PublicStats } from "./routes/public-stats.ts";
import { ListFailedRecords } from "./routes/admin-list-failed-records.ts";
import { ReplayFailedRecord } from "./routes/admin-replay-failed-record.ts";

export { roles, type Role } from "./domain/vocabulary.ts";
export { maxBodyBytes, type Access, type AuditAccess, type HttpMethod, type Route, type RouteDefinition, type SealUse } from "./routes/route.ts";
export { functionEnvVar, RECOMPUTE_WORKER } from "./routes/route.ts";

const manifest = [
  Health,
  OpenApi,
  StaffConfig,
  SubmitCase,
  TrackCase,
  GetChallenge,
  ListStaffCases,
  RegisterCase,
  GetStaffCase,
  StaffCaseAction,
  CaseAudit,
  RevealIdentity,
  // Reference data. GET /admin/units is open to all staff: the console shows unit names. A PUT of the calendar or the
  // policy stores it and answers 202 with a job that recomputes every open case (the RecomputeJobs schedule's worker).
  ListUnits,
  PutUnits,
  GetCalendar,
  PutCalendar,
  GetPolicy,
  PutPolicy,
  GetJob,
  InspectionOverdue,
  InspectionReport,
  PublicStats,
  // Stream records a consumer could not process (its failure store), and their replay.
  ListFailedRecords,
  ReplayFailedRecord,
] as const;

export type RouteName = (typeof manifest)[number]["name"];
export const routes: readonly Route[] = manifest;

/** A function fed by a table's DynamoDB stream (on AWS an event source mapping; locally the stream poller). */
export interface StreamConsumerDefinition {
  readonly name: string;
  readonly entry: string;
  /** The table whose stream feeds it. */
  readonly source: TableKey;
  readonly tables: Partial<Record<TableKey, Access>>;
  readonly seal?: SealUse;
  /** Whether it sends notifications (SES on AWS, the outbox locally). */
  readonly notify?: boolean;
  readonly batchSize?: number;
  /** What it does with the audit chain (routes/route.ts AuditAccess). */
  readonly audit?: AuditAccess;
}

/** A function run on a schedule (on AWS EventBridge Scheduler; locally a timer; once with an npm script). */
export interface ScheduleDefinition {
  readonly name: string;
  readonly entry: string;
  readonly everyMinutes: number;
  readonly tables: Partial<Record<TableKey, Access>>;
  readonly seal?: SealUse;
  /** What it does with the audit chain (routes/route.ts AuditAccess). */
  readonly audit?: AuditAccess;
  /** Functions of the manifest (by name) it invokes asynchronously, itself included (a run that hands over to the next). */
  readonly invokes?: readonly string[];
}

export const streamConsumers: readonly StreamConsumerDefinition[] = [
  // Tells the citizen by e-mail that their case was accepted, extended or resolved (once per event: a sent-marker).
  // Each parks a record it cannot process in the failure store (failedRecords), which it only writes. Its
  // sent-markers are released (deleted) when a send fails, so that a retry sends: hence DeleteItem.
  { name: "NotifyOnEvent", entry: "functions/notify-on-event.ts", source: "cases", tables: { cases: "readWriteDelete", failedRecords: "write" }, seal: { identities: "open" }, notify: true },
  // Keeps the per unit × kind × day aggregates of the Stats table, once per case version (shared/adapters/aggregates.ts).
  { name: "AggregateCases", entry: "functions/aggregate-cases.ts", source: "cases", tables: { stats: "readWrite", failedRecords: "write" }, batchSize: 100 },
  // Anchors each new head of a case's audit chain in the append-only anchor store, within the minute (shared/adapters/anchors-stream.ts).
  { name: "AnchorAudit", entry: "functions/anchor-audit.ts", source: "cases", tables: { failedRecords: "write" }, audit: "anchor" },
];

export const schedules: readonly ScheduleDefinition[] = [
  // The SLA sweep: records each escalation level reached and notifies its audience, once.
  // It mails a denouncer at their sealed address, and releases a sent-marker when a send fails.
  { name: "Sweep", entry: "functions/sweep.ts", everyMinutes: 15, tables: { cases: "readWriteDelete", reference: "read" }, seal: { identities: "open" }, audit: "sign" },
  // The recompute job's worker (shared/domain/jobs.ts): invoked by PUT calendar / policy with `{ jobId }` and by
  // itself to continue before its time runs out; on schedule it resumes a job whose run crashed.
  { name: RECOMPUTE_WORKER, entry: "functions/recompute-jobs.ts", everyMinutes: 10, tables: { reference: "readWrite", cases: "readWrite" }, invokes: [RECOMPUTE_WORKER], audit: "sign" },
];
