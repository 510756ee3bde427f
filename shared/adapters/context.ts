// The composition root: the one place that builds the adapters from the function's environment (the
// DynamoDB clients, the stores, the sealer, the notifier, the clock), each on first use and then kept for
// the life of the container; and, from them, the deps each use case takes. Handlers import from here only.
// Each builder is marked pure, so a function's bundle keeps only the adapters its handler reaches.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import type { ActionDeps } from "#domain/case-actions.ts";
import type { DeadlineContext } from "#domain/deadlines/index.ts";
import type { IntakeDeps } from "#domain/intake.ts";
import { runRecomputeJob, type JobDeps, type RunDeps } from "#domain/jobs.ts";
import type { ListingDeps } from "#domain/listing.ts";
import type { EventNoticeDeps } from "#domain/notifications.ts";
import { anchorRecord } from "./anchors-stream.ts";
import type { FailedRecordDeps, ReplayDeps } from "#domain/failed-records.ts";
import { systemClock, type AnchorStore, type Clock, type JobStarter } from "#domain/ports.ts";
import { deadlineContextFrom, type ReferenceChangeDeps, type ReferenceDeps } from "#domain/reference.ts";
import type { PublicStatsDeps, ReportDeps } from "#domain/report.ts";
import type { AuditDeps, StaffDeps } from "#domain/staff-cases.ts";
import type { SweepDeps } from "#domain/sweep.ts";
import { functionEnvVar, RECOMPUTE_WORKER } from "#routes/route.ts";
import { tableName } from "#tables";
import { DynamoAggregates } from "./aggregates.ts";
import { anchorStoreFromEnv } from "./anchor-store.ts";
import { auditSignerFromEnv, macVerifierFromEnv } from "./audit-keys.ts";
import { DynamoCaseQueries } from "./case-queries.ts";
import { DynamoCaseRepository } from "./case-repository.ts";
import { notifierFromEnv, staffAddressesFromEnv } from "./notifier-config.ts";
import { DynamoNotificationLedger } from "./notifier-ledger.ts";
import { DynamoOpenCases } from "./recompute.ts";
import { DynamoReferenceStore, unitDirectory, unitNamesFrom } from "./reference-store.ts";
import { DynamoOverdueIndex } from "./report-index.ts";
import { hasSealKey, sealerFromEnv } from "./sealer.ts";
import { DynamoDueCases } from "./sweep-due-cases.ts";
import { DynamoFilingIndex } from "./filing-index.ts";
import { senderKeyerFromEnv } from "./sender-keys.ts";
import type { GuardDeps } from "#http/abuse-guard.ts";
import { abuseConfigFromEnv, abuseKeysFromEnv, clientAddress } from "./abuse-keys.ts";
import { DynamoRateCounters, DynamoSpentSolutions } from "./abuse-store.ts";
import { DynamoTrackingLookup } from "./tracking-lookup.ts";
import { countCaseChange } from "./aggregates-stream.ts";
import { noticeOfRecord } from "./event-notices-stream.ts";
import { asStreamRecord, DynamoFailedRecords } from "./failed-records.ts";
import type { Parking } from "./stream-batch.ts";
import { DynamoJobStore } from "./jobs.ts";
import { InProcessJobStarter, LambdaJobStarter } from "./job-starter.ts";
import { logger } from "#http/logger.ts";
import { sdkRetries, sdkTimeouts } from "./aws-clients.ts";

/** Built on first use, then the same one for the life of the container (a warm function, or a local process). */
function perContainer<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

// ---- clients: AWS in the cloud, DynamoDB Local when DYNAMODB_ENDPOINT names it ----

export const dynamoClient = /* @__PURE__ */ perContainer(
  () =>
    new DynamoDBClient({
      ...sdkRetries,
      ...sdkTimeouts(Boolean(process.env.DYNAMODB_ENDPOINT)),
      ...(process.env.DYNAMODB_ENDPOINT && {
        endpoint: process.env.DYNAMODB_ENDPOINT,
        region: process.env.AWS_REGION ?? "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      }),
    }),
);

export const dynamoDocumentClient = /* @__PURE__ */ perContainer(() =>
  DynamoDBDocumentClient.from(dynamoClient(), { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } }),
);

// ---- stores ----

/** The audit key's MAC, for the functions that write case events (manifest `tables.cases: "readWrite"`); the audit reader verifies. */
const auditSigner = /* @__PURE__ */ perContainer(() => auditSignerFromEnv());
const macVerifier = /* @__PURE__ */ perContainer(() => macVerifierFromEnv());
/** The chain heads anchored outside the tables (S3 Object Lock on AWS, a folder of the data directory locally). */
const anchorStore = /* @__PURE__ */ perContainer(() => anchorStoreFromEnv());
const caseRepository = /* @__PURE__ */ perContainer(() => new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases"), auditSigner));
const caseQueries = /* @__PURE__ */ perContainer(() => new DynamoCaseQueries(dynamoDocumentClient(), tableName("cases")));
const openCases = /* @__PURE__ */ perContainer(() => new DynamoOpenCases(dynamoDocumentClient(), tableName("cases")));
const dueCases = /* @__PURE__ */ perContainer(() => new DynamoDueCases(dynamoDocumentClient(), tableName("cases")));
const overdueIndex = /* @__PURE__ */ perContainer(() => new DynamoOverdueIndex(dynamoDocumentClient(), tableName("cases")));
const notificationLedger = /* @__PURE__ */ perContainer(() => new DynamoNotificationLedger(dynamoDocumentClient(), tableName("cases")));
const aggregates = /* @__PURE__ */ perContainer(() => new DynamoAggregates(dynamoDocumentClient(), tableName("stats")));
const filingIndex = /* @__PURE__ */ perContainer(() => new DynamoFilingIndex(dynamoDocumentClient(), tableName("cases")));
const trackingLookup = /* @__PURE__ */ perContainer(() => new DynamoTrackingLookup(dynamoDocumentClient(), tableName("cases")));
const rateCounters = /* @__PURE__ */ perContainer(() => new DynamoRateCounters(dynamoDocumentClient(), tableName("abuse")));
const spentSolutions = /* @__PURE__ */ perContainer(() => new DynamoSpentSolutions(dynamoDocumentClient(), tableName("abuse")));
const failedRecords = /* @__PURE__ */ perContainer(() => new DynamoFailedRecords(dynamoDocumentClient(), tableName("failedRecords")));
export const referenceStore = /* @__PURE__ */ perContainer(() => new DynamoReferenceStore(dynamoDocumentClient(), tableName("reference")));
const jobStore = /* @__PURE__ */ perContainer(() => new DynamoJobStore(dynamoDocumentClient(), tableName("reference")));

// ---- secrets, mail and time ----

export const appSealer = /* @__PURE__ */ perContainer(() => sealerFromEnv());
/** The keyed hash of sender keys: only the intake functions have its key (manifest `senderKeys`). */
const senderKeyer = /* @__PURE__ */ perContainer(() => senderKeyerFromEnv());
/** Without a key (`npm run sweep` against a runtime that keeps nothing), a denouncer's address stays sealed: no mail to it. */
const sealerIfKeyed = /* @__PURE__ */ perContainer(() => (hasSealKey() ? appSealer() : undefined));
/** None when no sender is configured. */
const notifier = /* @__PURE__ */ perContainer(() => notifierFromEnv());
const staffAddresses = /* @__PURE__ */ perContainer(() => staffAddressesFromEnv());
/** The keys of the abuse limits: only the public intake and tracking functions have them. */
const abuseKeys = /* @__PURE__ */ perContainer(() => abuseKeysFromEnv());
const clock: Clock = systemClock;

// ---- the deadline context: the stored policy and calendar, cached for a minute ----
// An admin's change reaches other warm functions within that minute; the function that made it drops its
// cache at once (onContextChanged).

export const DEADLINE_CONTEXT_TTL_MS = 60_000;

let cached: { readonly loading: Promise<DeadlineContext>; readonly at: number } | undefined;

export function loadDeadlineContext(now = Date.now()): Promise<DeadlineContext> {
  if (!cached || now - cached.at > DEADLINE_CONTEXT_TTL_MS) {
    const loading = deadlineContextFrom(referenceStore());
    const entry = { loading, at: now };
    cached = entry;
    // A failed load is not cached: the next request tries again.
    loading.catch(() => {
      if (cached === entry) cached = undefined;
    });
  }
  return cached.loading;
}

export function invalidateDeadlineContext(): void {
  cached = undefined;
}

// ---- the deps of each use case ----

/** A use case on cases (staff views, actions, the audit); functions that open secrets add the sealer. */
export async function caseDeps(): Promise<StaffDeps & Required<Pick<ActionDeps, "units">>> {
  return { cases: caseRepository(), clock, deadlines: await loadDeadlineContext(), units: unitDirectory(referenceStore()) };
}

/** The citizen's tracking look-up: the tracking lookup first, the case only once the key matched. */
export async function trackingDeps(): Promise<StaffDeps & { readonly tracking: DynamoTrackingLookup }> {
  return { ...(await caseDeps()), tracking: trackingLookup() };
}

/** The audit of a case: its events read, verified with the audit key and against the anchors. */
export function auditDeps(): AuditDeps {
  return { cases: caseRepository(), auditKeys: macVerifier(), anchors: anchorStore() };
}

/** The anchor consumer of the Cases stream (functions/anchor-audit.ts). */
export function anchorDeps(): { readonly anchors: AnchorStore } {
  return { anchors: anchorStore() };
}

/** A staff action: it may seal the sender's identity (a case reclassified as a denunciation) and read a sender's filings (an archive as a duplicate). */
export async function actionDeps(): Promise<ActionDeps> {
  return { ...(await caseDeps()), sealer: appSealer(), filings: filingIndex() };
}

/** A filing (intake, staff registration): a denouncer's identity is sealed, and the sender keys find the sender's earlier filings. */
export async function intakeDeps(): Promise<IntakeDeps> {
  return { ...(await caseDeps()), sealer: appSealer(), senderKeys: senderKeyer(), filings: filingIndex() };
}

/** The abuse limits of a public route (shared/http/abuse-guard.ts); the limits are read from the environment each time. */
export function abuseDeps(): GuardDeps {
  const keys = abuseKeys();
  return {
    ...abuseConfigFromEnv(),
    counters: rateCounters(),
    spent: spentSolutions(),
    clock,
    challengeKey: () => keys.challengeKey(),
    clientOf: (event) => keys.clientKey(clientAddress(event)),
  };
}

/** The challenge of GET /cases/challenge. */
export function challengeDeps(): Pick<GuardDeps, "challengeKey" | "clock" | "challenge"> {
  const keys = abuseKeys();
  return { challenge: abuseConfigFromEnv().challenge, clock, challengeKey: () => keys.challengeKey() };
}

/** The staff list and the overdue register. */
export async function listingDeps(): Promise<ListingDeps> {
  return { cases: caseQueries(), clock, deadlines: await loadDeadlineContext() };
}

/** The inspection report. */
export async function reportDeps(): Promise<ReportDeps> {
  return { aggregates: aggregates(), overdue: overdueIndex(), cases: caseQueries(), units: unitNamesFrom(referenceStore()), clock, deadlines: await loadDeadlineContext() };
}

export function publicStatsDeps(): PublicStatsDeps {
  return { aggregates: aggregates(), overdue: overdueIndex(), units: unitNamesFrom(referenceStore()), clock };
}

/** The aggregates the Cases stream keeps (functions/aggregate-cases.ts). */
export function aggregateDeps(): { readonly aggregates: DynamoAggregates } {
  return { aggregates: aggregates() };
}

/** The SLA sweep; `warn` hears what it skipped. */
export async function sweepDeps(warn?: SweepDeps["warn"]): Promise<SweepDeps> {
  const sealer = sealerIfKeyed();
  return {
    due: dueCases(),
    cases: caseRepository(),
    clock,
    deadlines: await loadDeadlineContext(),
    notifier: notifier(),
    ledger: notificationLedger(),
    addresses: staffAddresses(),
    ...(sealer && { sealer }),
    ...(warn && { warn }),
  };
}

/** The citizen's e-mail on a case event (functions/notify-on-event.ts). */
export function eventNoticeDeps(): EventNoticeDeps {
  const sealer = sealerIfKeyed();
  return { cases: caseRepository(), notifier: notifier(), ledger: notificationLedger(), ...(sealer && { sealer }), now: () => clock.now() };
}

/** The admin routes' reading and storing of reference data. */
export function referenceDeps(): ReferenceDeps {
  return { reference: referenceStore(), clock };
}

// ---- the recompute job ----
// Who runs a job: on AWS the worker function, by the name the stack gives (PUT calendar / policy) or its own (the
// worker handing over to its next run); in the local runtime, where neither is set, this process.

const lambdaClient = /* @__PURE__ */ perContainer(() => new LambdaClient({}));
const warnJobs: JobDeps["warn"] = (message, detail) => logger.warn(message, detail);

/** LOCAL: the worker in this process; `idle()` waits for its runs (the runtime's stop, tests). */
export const inProcessJobs = /* @__PURE__ */ perContainer(
  () => new InProcessJobStarter((jobId) => runRecomputeJob(jobId, recomputeRunDeps()), (jobId, err) => logger.error("recompute job run failed", { jobId, errorName: (err as Error)?.name })),
);
const starterOf = (functionName: string | undefined): JobStarter => (functionName ? new LambdaJobStarter(lambdaClient(), functionName) : inProcessJobs());
const jobStarter = /* @__PURE__ */ perContainer(() => starterOf(process.env[functionEnvVar(RECOMPUTE_WORKER)]));
const workerStarter = /* @__PURE__ */ perContainer(() => starterOf(process.env.AWS_LAMBDA_FUNCTION_NAME));

/** GET /admin/jobs/{jobId}. */
export function jobDeps(): JobDeps {
  return { jobs: jobStore(), starter: jobStarter(), clock, warn: warnJobs };
}

/** A change of calendar or policy: the store, and the job that recomputes the open cases. */
export function referenceChangeDeps(): ReferenceChangeDeps {
  return { ...referenceDeps(), ...jobDeps(), onContextChanged: invalidateDeadlineContext };
}

/** A run of the recompute job: the calendar and policy read fresh (not the minute's cache), and the open cases by pages. */
export function recomputeRunDeps(opts: Pick<RunDeps, "remainingMs" | "pageSize"> = {}): RunDeps {
  return {
    ...jobDeps(),
    starter: workerStarter(),
    cases: caseRepository(),
    openCases: openCases(),
    loadContext: () => deadlineContextFrom(referenceStore()),
    ...opts,
  };
}

// ---- stream records a consumer could not process ----

/** Where the stream consumer `consumer` (its manifest name) parks a record it cannot process. */
export function failureParking(consumer: string, log: Parking["log"]): Parking {
  return { consumer, failures: failedRecords(), now: () => clock.now(), ...(log && { log }) };
}

/** The admin's list of parked records. */
export function failedRecordDeps(): FailedRecordDeps {
  return { failures: failedRecords() };
}

/** A replay: the store, and each stream consumer of the manifest as it processes one record (the same code its function runs). */
export function replayDeps(): ReplayDeps {
  return {
    failures: failedRecords(),
    clock,
    consumers: {
      AggregateCases: (record) => countCaseChange(asStreamRecord(record), aggregates()),
      NotifyOnEvent: (record) => noticeOfRecord(asStreamRecord(record), eventNoticeDeps()),
      AnchorAudit: (record) => anchorRecord(asStreamRecord(record), anchorStore()),
    },
  };
}
