// The local stand-in for Lambda's DynamoDB event source mappings: polls DynamoDB Local's stream of each
// consumer's source table about every second and feeds the very handlers of the manifest's
// `streamConsumers` the same DynamoDBStreamEvent they get on AWS. Like a mapping with
// ReportBatchItemFailures, a reported failure is retried from the failed record on the next poll; after
// 1 + retryAttempts failed deliveries the record is given up on and logged (AWS sends it to the failure
// queue). The consumers report a failure only when their failure store could not take the record
// (shared/adapters/stream-batch.ts `parkFailures`), so this is the last resort, as the queue is on AWS.
// Each consumer keeps its own position, as each mapping does.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { streamConsumers as manifestConsumers, type StreamConsumerDefinition } from "#routes";
import { localClient, localTableNames } from "./dynamodb.ts";
import { fakeContext } from "./gateway/context.ts";
import { invoke, type LoadHandler } from "./gateway/invoke.ts";

export interface StreamPollerOptions {
  readonly endpoint: string;
  readonly tablePrefix: string;
  readonly loadHandler: LoadHandler;
  readonly consumers?: readonly StreamConsumerDefinition[];
  readonly intervalMs?: number;
  /** Where a consumer starts on a shard it has not read yet; TRIM_HORIZON as on AWS (see infra/streams.ts). */
  readonly startAt?: "TRIM_HORIZON" | "LATEST";
  /** Failed deliveries of one record before it is given up on: 1 + the mapping's retryAttempts (3). */
  readonly maxDeliveries?: number;
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

export interface StreamPoller {
  /** One poll of every consumer's shards; the number of records delivered and accepted. */
  pollOnce(): Promise<number>;
  /** Polls until nothing is left to deliver. */
  drain(maxPolls?: number): Promise<void>;
  stop(): Promise<void>;
}

interface ShardState {
  iterator: string | undefined;
  lastSequence: string | undefined;
  pending: DynamoDBRecord[];
  failures: number;
}

interface ConsumerState {
  readonly def: StreamConsumerDefinition;
  readonly shards: Map<string, ShardState>;
  streamArn?: string;
}

const DEFAULT_BATCH = 100;

/** A stream record as Lambda delivers it: the same fields, the creation time in epoch seconds. */
export function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = r.dynamodb ?? {};
  // The images are plain DynamoDB JSON; a JSON round trip turns the SDK's types into Lambda's.
  const plain = JSON.parse(JSON.stringify(dynamodb, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v))) as DynamoDBRecord["dynamodb"];
  return {
    eventID: r.eventID ?? "",
    eventName: r.eventName ?? "MODIFY",
    eventVersion: r.eventVersion ?? "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: r.awsRegion ?? "local",
    eventSourceARN: streamArn,
    dynamodb: { ...plain, ...(ApproximateCreationDateTime && { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }) },
  };
}

export function createStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const streams = new DynamoDBStreamsClient({
    endpoint: opts.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const db = localClient(opts.endpoint); // refuses an endpoint that is not local
  const names = localTableNames(opts.tablePrefix);
  const log = opts.log ?? ((m: string) => console.error(m));
  const maxDeliveries = opts.maxDeliveries ?? 4;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const consumers: ConsumerState[] = (opts.consumers ?? manifestConsumers).map((def) => ({ def, shards: new Map() }));

  async function refreshShards(c: ConsumerState): Promise<void> {
    c.streamArn ??= (await db.send(new DescribeTableCommand({ TableName: names[c.def.source] }))).Table?.LatestStreamArn;
    if (!c.streamArn) throw new Error(`table ${names[c.def.source]} has no stream`);
    const first = c.shards.size === 0;
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: c.streamArn, ...(start && { ExclusiveStartShardId: start }) }));
      for (const shard of out.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || c.shards.has(shard.ShardId)) continue;
        // Shards born after the first look (a rollover) are read from their start, or records are lost.
        const type = first ? (opts.startAt ?? "TRIM_HORIZON") : "TRIM_HORIZON";
        const it = await streams.send(new GetShardIteratorCommand({ StreamArn: c.streamArn, ShardId: shard.ShardId, ShardIteratorType: type }));
        c.shards.set(shard.ShardId, { iterator: it.ShardIterator, lastSequence: undefined, pending: [], failures: 0 });
      }
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  async function fetch(c: ConsumerState, shardId: string, s: ShardState): Promise<void> {
    if (!s.iterator || !c.streamArn) return;
    try {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: s.iterator, Limit: c.def.batchSize ?? DEFAULT_BATCH }));
      s.iterator = out.NextShardIterator;
      for (const r of out.Records ?? []) s.pending.push(toLambdaRecord(r, c.streamArn));
      s.lastSequence = s.pending.at(-1)?.dynamodb?.SequenceNumber ?? s.lastSequence;
    } catch (err) {
      if (!(err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException)) throw err;
      const it = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: c.streamArn,
          ShardId: shardId,
          ...(s.lastSequence && err instanceof ExpiredIteratorException
            ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: s.lastSequence }
            : { ShardIteratorType: "TRIM_HORIZON" }),
        }),
      );
      s.iterator = it.ShardIterator;
    }
  }

  /** Delivers one batch of a shard's pending records; what the handler accepted leaves the queue. */
  async function deliver(c: ConsumerState, s: ShardState): Promise<number> {
    const batch = s.pending.slice(0, c.def.batchSize ?? DEFAULT_BATCH);
    const event: DynamoDBStreamEvent = { Records: batch };
    const handler = await opts.loadHandler(c.def.entry);
    const outcome = await invoke(handler, event, fakeContext(c.def.name, timeoutMs), timeoutMs);
    let failedAt = 0; // the whole batch, unless the handler says which record failed
    if (outcome.kind === "returned") {
      const failures = (outcome.value as DynamoDBBatchResponse | undefined)?.batchItemFailures ?? [];
      const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
      // An identifier that names no record of the batch fails the whole batch, as on AWS.
      failedAt = failures.length === 0 ? batch.length : indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
    } else {
      log(`stream consumer ${c.def.name} ${outcome.kind === "timedOut" ? "timed out" : `threw ${(outcome.error as Error)?.name ?? "an error"}`}`);
    }
    s.pending.splice(0, failedAt);
    if (failedAt === batch.length) {
      s.failures = 0;
      return failedAt;
    }
    // Deliveries are counted per record: progress past the last failed one starts the count again.
    if (failedAt > 0) s.failures = 0;
    if (++s.failures >= maxDeliveries) {
      const dropped = s.pending.shift();
      s.failures = 0;
      log(`stream consumer ${c.def.name}: gave up on record ${dropped?.dynamodb?.SequenceNumber} after ${maxDeliveries} deliveries`);
    }
    return failedAt;
  }

  async function pollOnce(): Promise<number> {
    let delivered = 0;
    for (const c of consumers) {
      await refreshShards(c);
      for (const [shardId, s] of c.shards) {
        if (s.pending.length === 0) await fetch(c, shardId, s);
        if (s.pending.length > 0) delivered += await deliver(c, s);
      }
    }
    return delivered;
  }

  let stopped = false;
  return {
    pollOnce,
    async drain(maxPolls = 100) {
      for (let i = 0; i < maxPolls; i++) {
        const delivered = await pollOnce();
        const pending = consumers.some((c) => [...c.shards.values()].some((s) => s.pending.length > 0));
        if (delivered === 0 && !pending) return;
      }
      throw new Error(`the streams did not drain in ${maxPolls} polls`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      streams.destroy();
      db.destroy();
    },
  };
}

/** The poller on a timer: every `intervalMs` (default 1 s), one poll after the other, until stopped. */
export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const poller = createStreamPoller(opts);
  const log = opts.log ?? ((m: string) => console.error(m));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await poller.pollOnce();
      } catch (err) {
        if (!stopped) log(`stream poller: ${(err as Error).message}`);
      }
      if (stopped) break;
      await new Promise<void>((ok) => {
        wake = ok;
        timer = setTimeout(ok, opts.intervalMs ?? 1000);
      });
    }
  })();
  return {
    pollOnce: poller.pollOnce,
    drain: poller.drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
      await poller.stop();
    },
  };
}
