// Stream records a consumer could not process: what the failure store keeps of each (the record as
// delivered, which consumer, why, when, how often), the admin's list of them, and the replay that runs the
// consumer on one again. A consumer parks a record here instead of blocking its shard or letting the
// mapping drop it (shared/adapters/stream-batch.ts `parkFailures`); the store is a port
// (shared/adapters/failed-records.ts on DynamoDB).
import { createHash } from "node:crypto";
import { z } from "zod";
import { ConflictError, NotFoundError } from "./errors.ts";
import { describeError } from "./notifications.ts";
import { listFiltersSchema } from "./listing.ts";
import type { Clock } from "./ports.ts";
import { instantSchema } from "./vocabulary.ts";

// ---- the id: one per consumer and record, so that a redelivery lands on the same item ----

const idPattern = /^[A-Za-z][A-Za-z0-9]{0,63}\.[A-Za-z0-9_-]{1,128}$/;
export const failedRecordIdSchema = z.string().regex(idPattern, "must be the id of a failed record");

/**
 * `<consumer>.<eventID>`: the stream's event id names one change of one item, the same on every delivery
 * and replay. An event id outside the URL-safe alphabet (or none) is replaced by a hash of what names the
 * record instead.
 */
export function failedRecordId(consumer: string, eventId: string, fallback: string): string {
  const safe = /^[A-Za-z0-9_-]{1,128}$/.test(eventId) ? eventId : `h${createHash("sha256").update(eventId || fallback).digest("hex").slice(0, 40)}`;
  return `${consumer}.${safe}`;
}

// ---- what the admin sees of one ----

export const failedRecordSchema = z
  .object({
    /** `<consumer>.<eventID>`: the path of its replay. */
    id: failedRecordIdSchema,
    /** The manifest's stream consumer that failed it (`AggregateCases`, `NotifyOnEvent`). */
    consumer: z.string(),
    /** The error's class (`ProvisionedThroughputExceededException`, `ZodError`). */
    errorName: z.string(),
    /** A short account of the error, for developers: no value of the record, addresses and long numbers masked. */
    message: z.string(),
    firstFailedAt: instantSchema,
    lastFailedAt: instantSchema,
    /** How many deliveries and replays of the record failed. */
    attempts: z.number().int().positive(),
    eventName: z.enum(["INSERT", "MODIFY", "REMOVE"]),
    /** The case the record is about, when its item belongs to one. */
    caseId: z.uuid().optional(),
    /** The record's position in its shard. */
    sequenceNumber: z.string(),
  })
  .strict();
export type FailedRecord = z.infer<typeof failedRecordSchema>;

export const failedRecordPageSchema = z.object({ items: z.array(failedRecordSchema), nextCursor: z.string().optional() }).strict();
export type FailedRecordPage = z.infer<typeof failedRecordPageSchema>;

/** `?limit=&cursor=`, as every list. */
export const failedRecordFiltersSchema = listFiltersSchema.pick({ limit: true, cursor: true }).strict();
export type FailedRecordFilters = z.infer<typeof failedRecordFiltersSchema>;

export const replayAnswerSchema = z
  .object({
    id: failedRecordIdSchema,
    consumer: z.string(),
    /** Always true: the consumer processed the record, and it has left the store. */
    replayed: z.literal(true),
  })
  .strict();
export type ReplayAnswer = z.infer<typeof replayAnswerSchema>;

/** The stable code of the 409 a failed replay answers. */
export const REPLAY_FAILED = "replay_failed";

// ---- the port ----

/** One more failure of a record: the record itself travels as delivered (its images hold only what the Cases table holds). */
export type FailureReport = Omit<FailedRecord, "firstFailedAt" | "lastFailedAt" | "attempts"> & {
  readonly eventId: string;
  readonly at: string;
  /** The stream record as delivered (Lambda's JSON): what a replay hands the consumer again. */
  readonly record: unknown;
};

/** A stored failure with its record. */
export type StoredFailedRecord = FailedRecord & { readonly eventId: string; readonly record: unknown };

export interface FailedRecordStore {
  /** Creates the record's item, or adds one to its attempts and moves its last failure (the first stays): never a second item. */
  recordFailure(report: FailureReport): Promise<FailedRecord>;
  get(id: string): Promise<StoredFailedRecord | undefined>;
  /** A page, by consumer and then event id; a cursor it did not hand out is a 400 naming `cursor`. */
  list(limit: number, cursor: string | undefined): Promise<FailedRecordPage>;
  remove(id: string): Promise<void>;
}

/** Runs a consumer on one stored record; throws when the consumer cannot process it. */
export type RecordReplayer = (record: unknown) => Promise<unknown>;

// ---- the error as the store keeps it ----

const MAX_MESSAGE = 300;

/**
 * The error's name and a short message fit to keep and show: describeError's (no addresses, a schema error
 * by its paths only), with every run of seven or more digits (a phone, an identity number) masked.
 */
export function errorSummary(err: unknown): { errorName: string; message: string } {
  const errorName = (err instanceof Error && /^[\w.$-]{1,100}$/.test(err.name) ? err.name : "Error").slice(0, 100);
  const described = describeError(err);
  const text = described.startsWith(`${errorName}: `) ? described.slice(errorName.length + 2) : described;
  const masked = text.replace(/\+?\d(?:[\s.-]?\d){6,}/g, "<number>");
  return { errorName, message: masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE - 1)}…` : masked || errorName };
}

// ---- the use cases of the admin routes ----

export interface FailedRecordDeps {
  readonly failures: FailedRecordStore;
}

export interface ReplayDeps extends FailedRecordDeps {
  /** Each stream consumer of the manifest, by name, as it processes one record. */
  readonly consumers: Readonly<Record<string, RecordReplayer>>;
  readonly clock: Clock;
}

export const listFailedRecords = (filters: FailedRecordFilters, deps: FailedRecordDeps): Promise<FailedRecordPage> =>
  deps.failures.list(filters.limit, filters.cursor);

/** A consumer no longer in the manifest: its records cannot be replayed until it is back. */
class UnknownConsumerError extends Error {
  constructor(consumer: string) {
    super(`no stream consumer named ${consumer}`);
    this.name = "UnknownConsumerError";
  }
}

/**
 * Runs the record's consumer on it again. Processed: the record leaves the store. Failed again: it stays,
 * one attempt more, and the answer is a 409 `replay_failed`. The consumers are idempotent (the aggregates
 * count a case version once, a notification goes out once per sent-marker), so a record that a
 * redelivery processed meanwhile is harmlessly processed again.
 */
export async function replayFailedRecord(id: string, deps: ReplayDeps): Promise<ReplayAnswer> {
  const stored = await deps.failures.get(id);
  if (!stored) throw new NotFoundError("No failed stream record has this id.", { code: "failed_record_not_found" });
  try {
    const replay = deps.consumers[stored.consumer];
    if (!replay) throw new UnknownConsumerError(stored.consumer);
    await replay(stored.record);
  } catch (err) {
    const { firstFailedAt: _first, lastFailedAt: _last, attempts: _attempts, ...report } = stored;
    const again = await deps.failures.recordFailure({ ...report, ...errorSummary(err), at: deps.clock.now().toISOString() });
    throw new ConflictError(
      `The consumer ${again.consumer} failed on the record again (${again.errorName}: ${again.message}); it stays in the store.`,
      { attempts: again.attempts, errorName: again.errorName },
      { code: REPLAY_FAILED, params: { attempts: again.attempts, errorName: again.errorName } },
    );
  }
  await deps.failures.remove(id);
  return { id, consumer: stored.consumer, replayed: true };
}
