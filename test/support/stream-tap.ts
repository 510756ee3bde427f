// The Cases table's stream as a test reads it: a tap that collects every record written since it was
// opened (read until the stream has nothing more, never by waiting), and a delivery that hands records
// to a consumer of the manifest the way a Lambda event source mapping does (batches, retried from the
// failed record, given up on after 1 + 3 deliveries), reporting what was given up instead of hiding it.
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { streamConsumers } from "#routes";
import { failedRecordDeps } from "#adapters/context.ts";
import type { FailedRecord } from "#domain/failed-records.ts";
import { createStreamPoller, type StreamPoller } from "#local/streams.ts";
import { fakeContext } from "#local/gateway/context.ts";
import { invoke, moduleLoader } from "#local/gateway/invoke.ts";

export interface StreamTap {
  /**
   * The records written since the last take, in stream order. DynamoDB Local shows a write on its stream
   * a moment after answering it, so a caller that knows what was written passes `until`: the stream is
   * read again (never waited on) until the records taken say that much has arrived.
   */
  take(until?: (records: readonly DynamoDBRecord[]) => boolean): Promise<DynamoDBRecord[]>;
  close(): Promise<void>;
}

/** The versions of case items the records carry: the highest per case id. */
export function caseVersionsIn(records: readonly DynamoDBRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    const image = r.dynamodb?.NewImage;
    if (r.dynamodb?.Keys?.sk?.S !== "CASE" || !image?.caseId?.S || image.version?.N === undefined) continue;
    out.set(image.caseId.S, Math.max(out.get(image.caseId.S) ?? 0, Number(image.version.N)));
  }
  return out;
}

/** How many REMOVE records the records hold: a wipe is over on the stream when all its deletions are there. */
export const removals = (records: readonly DynamoDBRecord[]): number => records.filter((r) => r.eventName === "REMOVE").length;

const MAX_READS = 500;

export async function openStreamTap(endpoint: string, prefix: string): Promise<StreamTap> {
  let captured: DynamoDBRecord[] = [];
  // From the trim horizon, as a mapping reads: a shard born after the tap opened is read from its start.
  const poller: StreamPoller = createStreamPoller({
    endpoint,
    tablePrefix: prefix,
    consumers: [{ name: "Tap", entry: "tap", source: "cases", tables: {}, batchSize: 1000 }],
    loadHandler: async () =>
      (async (event: { Records: DynamoDBRecord[] }) => {
        captured.push(...event.Records);
        return { batchItemFailures: [] };
      }) as never,
    log: () => {},
  });
  const take = async (until: (records: readonly DynamoDBRecord[]) => boolean = () => true) => {
    for (let reads = 0; ; reads++) {
      await poller.drain(1000);
      if (until(captured)) break;
      if (reads >= MAX_READS) throw new Error(`the Cases stream did not show the expected records after ${MAX_READS} reads`);
    }
    const out = captured;
    captured = [];
    return out;
  };
  await take();
  return { take, close: () => poller.stop() };
}

export interface GivenUp {
  readonly record: DynamoDBRecord;
  readonly reason: string;
}

/** Every record of the failure store, by id: what the consumers parked so far. */
export async function parkedRecords(): Promise<Map<string, FailedRecord>> {
  const { failures } = failedRecordDeps();
  const out = new Map<string, FailedRecord>();
  let cursor: string | undefined;
  do {
    const page = await failures.list(100, cursor);
    for (const item of page.items) out.set(item.id, item);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const loader = moduleLoader(process.cwd());

/**
 * Delivers records to the manifest's consumer `name` as an event source mapping with
 * ReportBatchItemFailures does; answers the records it did not process, each with why: those it gave up on
 * (AWS would send them to the failure destination) and those the consumer parked in the failure store.
 */
export async function deliverToConsumer(name: string, records: readonly DynamoDBRecord[], maxDeliveries = 4): Promise<GivenUp[]> {
  const def = streamConsumers.find((c) => c.name === name);
  if (!def) throw new Error(`no stream consumer ${name} in the manifest`);
  const handler = await loader(def.entry);
  const parkedBefore = await parkedRecords();
  const pending = [...records];
  const givenUp: GivenUp[] = [];
  let failures = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, def.batchSize ?? 100);
    const outcome = await invoke(handler, { Records: batch }, fakeContext(def.name, 60_000), 60_000);
    let failedAt: number;
    let reason = "";
    if (outcome.kind === "returned") {
      const reported = (outcome.value as DynamoDBBatchResponse | undefined)?.batchItemFailures ?? [];
      const indexes = reported.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
      failedAt = reported.length === 0 ? batch.length : indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
      reason = "reported as a batch item failure";
    } else {
      failedAt = 0;
      reason = outcome.kind === "timedOut" ? "the consumer timed out" : `the consumer threw ${String((outcome.error as Error)?.message ?? outcome.error)}`;
    }
    pending.splice(0, failedAt);
    if (failedAt === batch.length) {
      failures = 0;
      continue;
    }
    if (failedAt > 0) failures = 0;
    if (++failures >= maxDeliveries) {
      givenUp.push({ record: pending.shift() as DynamoDBRecord, reason: `${reason} ${maxDeliveries} times` });
      failures = 0;
    }
  }
  const parkedNow = [...(await parkedRecords()).values()].filter((p) => p.consumer === name && p.attempts > (parkedBefore.get(p.id)?.attempts ?? 0));
  for (const p of parkedNow) {
    const record = records.find((r) => r.dynamodb?.SequenceNumber === p.sequenceNumber && (p.caseId === undefined || r.dynamodb?.Keys?.pk?.S === `CASE#${p.caseId}`));
    if (record) givenUp.push({ record, reason: `parked in the failure store as ${p.id} (${p.errorName}: ${p.message})` });
  }
  return givenUp;
}
