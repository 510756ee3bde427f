// The recompute job: after a calendar or policy change, every open case is recomputed by a resumable job
// instead of within the admin's request. The job is an item of its own (JobStore): its status, its counts
// and the cursor of the last finished page of the open-case listing. A run claims it (a lease), takes pages
// of open cases, and after each page saves cursor and counts with a conditional write, so two runs on one
// job never both advance it; before its time runs out it releases the job and starts a new run (JobStarter).
// A run that crashed leaves its lease; a run that finds the lease without progress for STALE_AFTER_MS takes
// the job over and re-checks its first page against the cases' events, so no case is counted, or gets an
// event, twice. Jobs run one at a time, oldest first: a job asked for while another runs waits its turn, and
// the last one, which loads the calendar and policy when it starts, leaves every case under the latest.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DeadlineContext } from "./deadlines/index.ts";
import { NotFoundError } from "./errors.ts";
import type { CaseRepository, Clock, JobStarter } from "./ports.ts";
import { recomputePage, type RecomputeCause } from "./recompute.ts";

export const JOB_PAGE_SIZE = 100;
/** A running job whose run saved nothing for this long is taken to have crashed. */
export const STALE_AFTER_MS = 5 * 60_000;
/** A run stops taking pages when less than this is left of its time, and hands the job to a new run. */
export const HANDOVER_MARGIN_MS = 60_000;
/** Runs that fail in a row before the job is given up (`failed`); each failure is retried by the next run. */
export const MAX_FAILURES = 3;

/** Time-ordered (base-36 milliseconds, then 48 random bits), so the store lists jobs in the order they were asked for. */
export const jobIdSchema = z.string().regex(/^[0-9a-z]{8,10}[0-9a-f]{12}$/);
export const newJobId = (now: Date): string => `${now.getTime().toString(36).padStart(9, "0")}${randomBytes(6).toString("hex")}`;

export const jobStatusSchema = z.enum(["pending", "running", "succeeded", "failed"]);
export type JobStatus = z.infer<typeof jobStatusSchema>;
export const isUnfinished = (status: JobStatus): boolean => status === "pending" || status === "running";

/** What GET /admin/jobs/{jobId} answers. */
export const jobViewSchema = z.object({
  jobId: jobIdSchema,
  kind: z.literal("recompute"),
  /** The change that asked for it: `calendar 2026`, `policy v3`. */
  reason: z.string(),
  status: jobStatusSchema,
  /** Open cases recomputed so far. */
  done: z.number().int().min(0),
  /** The open cases counted when the job started (0 while pending); made exact, equal to `done`, when it ends. */
  total: z.number().int().min(0),
  /** Of the cases done, those whose deadlines moved (each got one `deadlines_recomputed` event). */
  changed: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  /** The name of the last error a run met (never a message: it could quote a case). */
  error: z.string().optional(),
});
export type JobView = z.infer<typeof jobViewSchema>;

/** The stored job: the view and what the runs need. */
export const jobSchema = jobViewSchema.extend({
  requestedBy: z.string(),
  /** The open-case listing's position after the last finished page; opaque here (the OpenCasePages adapter's). */
  cursor: z.string().optional(),
  pages: z.number().int().min(0),
  /** Runs that failed in a row. */
  failures: z.number().int().min(0),
  /** The run that holds the job; absent between runs. */
  leaseId: z.string().optional(),
  /** Bumped by every write; each write is conditional on the one before. */
  rev: z.number().int().min(0),
});
export type Job = z.infer<typeof jobSchema>;

// ---- ports ----

export interface JobStore {
  /** Stores a new job (rev 0). */
  create(job: Job): Promise<void>;
  get(jobId: string): Promise<Job | undefined>;
  /** The jobs still pending or running, oldest first. */
  unfinished(): Promise<Job[]>;
  /** Replaces the job only if its stored rev is still `expectedRev`; false, writing nothing, otherwise. */
  replace(job: Job, expectedRev: number): Promise<boolean>;
}

export interface OpenCasePage {
  readonly caseIds: readonly string[];
  /** The position after this page; absent when the listing is at its end. */
  readonly next?: string | undefined;
}

/** The open cases (received, in_progress) in a stable order, read from an index by pages: never a Scan. */
export interface OpenCasePages {
  /** Up to `limit` open case ids after `cursor` (from the start without one). */
  page(cursor: string | undefined, limit: number): Promise<OpenCasePage>;
  /** How many open cases there are now. */
  count(): Promise<number>;
}

// ---- asking for a job, reading one ----

export interface JobDeps {
  readonly jobs: JobStore;
  readonly starter: JobStarter;
  readonly clock: Clock;
  /** Hears what went wrong without stopping the caller (a start that did not reach the worker). */
  readonly warn?: (message: string, detail: Record<string, unknown>) => void;
}

/**
 * Stores a pending job and starts a run; the run waits its turn if another job is unfinished. A start that
 * fails leaves the job pending: the resume schedule takes it within STALE_AFTER_MS.
 */
export async function requestRecompute(reason: string, requestedBy: string, deps: JobDeps): Promise<Job> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const job: Job = { jobId: newJobId(now), kind: "recompute", reason, requestedBy, status: "pending", done: 0, total: 0, changed: 0, createdAt: at, updatedAt: at, pages: 0, failures: 0, rev: 0 };
  await deps.jobs.create(job);
  await deps.starter.start(job.jobId).catch((err: unknown) => deps.warn?.("recompute job not started; the resume schedule will", { jobId: job.jobId, errorName: (err as Error)?.name }));
  return job;
}

export const jobView = (job: Job): JobView => jobViewSchema.parse(job);

export async function getJob(jobId: string, deps: Pick<JobDeps, "jobs">): Promise<JobView> {
  const job = await deps.jobs.get(jobId);
  if (!job) throw new NotFoundError("No such job.");
  return jobView(job);
}

// ---- running a job ----

export interface RunDeps extends JobDeps {
  readonly cases: CaseRepository;
  readonly openCases: OpenCasePages;
  /** The calendar and policy in force, read fresh from the store (no cache: the run must see the latest change). */
  readonly loadContext: () => Promise<DeadlineContext>;
  readonly pageSize?: number;
  /** What is left of the run's time (Lambda's context); unlimited when absent (in process). */
  readonly remainingMs?: () => number;
}

export interface RunOptions {
  /** A lease older than this is taken over; 0 on a local start, where the process that held it is gone. */
  readonly staleAfterMs?: number;
}

/**
 * How a run ended: `finished` (succeeded), `handedOver` (its time ran short, a new run continues), `queued`
 * (an older job is unfinished and will start this one), `busy` (another run holds it), `lost` (another run
 * took it over meanwhile), `done` (already finished), `unknown` (no such job).
 */
export type RunOutcome = "finished" | "handedOver" | "queued" | "busy" | "lost" | "done" | "unknown";

const newLeaseId = (): string => randomBytes(8).toString("hex");
const errorName = (err: unknown): string => (err instanceof Error ? err.name : "Error");

function claimable(job: Job, now: Date, staleAfterMs: number): boolean {
  if (job.status === "pending") return true;
  return job.status === "running" && (job.leaseId === undefined || now.getTime() - Date.parse(job.updatedAt) >= staleAfterMs);
}

/** Starts a run of the oldest unfinished job, if any: what a finished or failed job hands on to. */
async function startNext(deps: RunDeps): Promise<void> {
  const next = (await deps.jobs.unfinished())[0];
  if (next) await deps.starter.start(next.jobId).catch((err: unknown) => deps.warn?.("next recompute job not started", { jobId: next.jobId, errorName: errorName(err) }));
}

/** One run of a job: claims it, recomputes pages of open cases until the end or until its time runs short. */
export async function runRecomputeJob(jobId: string, deps: RunDeps, opts: RunOptions = {}): Promise<RunOutcome> {
  const unfinished = await deps.jobs.unfinished();
  const job = unfinished.find((j) => j.jobId === jobId);
  if (!job) return (await deps.jobs.get(jobId)) ? "done" : "unknown";
  if (unfinished.some((j) => j.jobId < jobId)) return "queued";
  const now = () => deps.clock.now().toISOString();
  if (!claimable(job, deps.clock.now(), opts.staleAfterMs ?? STALE_AFTER_MS)) return "busy";

  const continuing = job.status === "running";
  const claimed: Job = {
    ...job,
    status: "running",
    leaseId: newLeaseId(),
    startedAt: job.startedAt ?? now(),
    total: continuing ? job.total : await deps.openCases.count(),
    updatedAt: now(),
    rev: job.rev + 1,
  };
  if (!(await deps.jobs.replace(claimed, job.rev))) return "busy";
  let held = claimed;
  const save = async (next: Omit<Job, "rev" | "updatedAt">): Promise<boolean> => {
    const written: Job = { ...next, updatedAt: now(), rev: held.rev + 1 } as Job;
    if (!(await deps.jobs.replace(written, held.rev))) return false;
    held = written;
    return true;
  };

  const cause: RecomputeCause = { reason: job.reason, requestedBy: job.requestedBy, jobId };
  const remaining = deps.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  try {
    const recompute = { cases: deps.cases, clock: deps.clock, deadlines: await deps.loadContext() };
    // A run before this one may have written part of the page after its cursor.
    let recheck = continuing;
    for (;;) {
      if (remaining() < HANDOVER_MARGIN_MS) {
        const { leaseId: _released, ...rest } = held;
        if (!(await save(rest))) return "lost";
        await deps.starter.start(jobId);
        return "handedOver";
      }
      const page = await deps.openCases.page(held.cursor, deps.pageSize ?? JOB_PAGE_SIZE);
      const moved = await recomputePage(page.caseIds, cause, recheck, recompute);
      recheck = false;
      const done = held.done + page.caseIds.length;
      const counted = { ...held, done, changed: held.changed + moved, pages: held.pages + 1, failures: 0 };
      if (page.next !== undefined) {
        if (!(await save({ ...counted, cursor: page.next }))) return "lost";
        continue;
      }
      const { leaseId: _l, cursor: _c, error: _e, ...ended } = counted;
      if (!(await save({ ...ended, status: "succeeded", total: done, finishedAt: now() }))) return "lost";
      await startNext(deps);
      return "finished";
    }
  } catch (err) {
    const failures = held.failures + 1;
    const { leaseId: _released, ...rest } = held;
    const failed = failures >= MAX_FAILURES;
    const recorded = await save({ ...rest, failures, error: errorName(err), ...(failed && { status: "failed" as const, finishedAt: now() }) }).catch(() => false);
    if (recorded && failed) await startNext(deps);
    throw err;
  }
}

/**
 * Runs every unfinished job that no live run holds, oldest first (the resume schedule; a local start with
 * `staleAfterMs: 0`). Each is run here, in turn: its outcome by id.
 */
export async function resumeJobs(deps: RunDeps, opts: RunOptions = {}): Promise<Record<string, RunOutcome>> {
  const outcomes: Record<string, RunOutcome> = {};
  for (const job of await deps.jobs.unfinished()) {
    const outcome = await runRecomputeJob(job.jobId, deps, opts);
    outcomes[job.jobId] = outcome;
    if (outcome !== "finished") break;
  }
  return outcomes;
}
