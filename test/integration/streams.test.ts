// The local stream poller on DynamoDB Local: Lambda's event shape, order, a reported failure retried from
// the failed record (never the records before it), a record given up on after 1 + 3 deliveries, and a clean
// stop; and the consumers' batch processor under it: the same deliveries, and no record run before an earlier one.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { localClient, localTableNames } from "#local/dynamodb.ts";
import { processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { createStreamPoller, startStreamPoller } from "#local/streams.ts";
import type { StreamConsumerDefinition } from "#routes";
import { useLocalTables } from "#test/support/local-env.ts";

let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
});

const consumer: StreamConsumerDefinition = { name: "Probe", entry: "probe", source: "reference", tables: {}, batchSize: 10 };

async function put(n: number, from = 0): Promise<void> {
  const db = DynamoDBDocumentClient.from(localClient(endpoint));
  for (let i = from; i < from + n; i++) await db.send(new PutCommand({ TableName: localTableNames(prefix).cases, Item: { pk: `PROBE#${i}`, sk: "PROBE", n: i } }));
}

describe("the local stream poller", () => {
  it("should deliver Lambda's event shape in order, retry from the failed record, and give up after four deliveries", async () => {
    await put(6);
    const deliveries: number[][] = [];
    let failuresOf4 = 0;
    let firstEvent: DynamoDBStreamEvent | undefined;
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      const ns = event.Records.map((r) => Number(r.dynamodb?.NewImage?.n?.N));
      deliveries.push(ns);
      firstEvent ??= event;
      // Record 2 fails once; record 4 fails every time.
      const failAt = event.Records.findIndex((r) => {
        const n = Number(r.dynamodb?.NewImage?.n?.N);
        return (n === 2 && deliveries.filter((d) => d.includes(2)).length === 1) || (n === 4 && ++failuresOf4 > 0);
      });
      return { batchItemFailures: failAt < 0 ? [] : [{ itemIdentifier: event.Records[failAt]?.dynamodb?.SequenceNumber ?? "" }] };
    };
    const given: string[] = [];
    const poller = createStreamPoller({ endpoint, tablePrefix: prefix, consumers: [{ ...consumer, source: "cases" }], loadHandler: async () => handler as never, log: (m) => given.push(m) });

    await poller.drain();
    await poller.stop();

    expect(firstEvent?.Records[0]).toMatchObject({ eventSource: "aws:dynamodb", eventName: "INSERT", awsRegion: expect.any(String), eventSourceARN: expect.stringContaining("stream") });
    expect(firstEvent?.Records[0]?.dynamodb).toMatchObject({ Keys: { pk: { S: "PROBE#0" }, sk: { S: "PROBE" } }, NewImage: { n: { N: "0" } }, SequenceNumber: expect.any(String), StreamViewType: "NEW_AND_OLD_IMAGES" });
    expect(deliveries).toEqual([[0, 1, 2, 3, 4, 5], [2, 3, 4, 5], [4, 5], [4, 5], [4, 5], [5]]);
    expect(given).toEqual([expect.stringMatching(/gave up on record \d+ after 4 deliveries/)]);
  });

  it("should, through the consumers' batch processor, retry from the failed record, give up after four deliveries, and run no record before an earlier one", async () => {
    const deliveries: number[][] = [];
    const ran: number[] = [];
    let failuresOf202 = 0;
    const processor = new StreamBatchProcessor();
    const n = (r: DynamoDBRecord) => Number(r.dynamodb?.NewImage?.n?.N);
    // Record 202 fails once; record 204 fails every time.
    const runRecord = async (record: DynamoDBRecord) => {
      ran.push(n(record));
      if ((n(record) === 202 && ++failuresOf202 === 1) || n(record) === 204) throw new Error(`record ${n(record)} failed`);
    };
    const handler = async (event: DynamoDBStreamEvent) => {
      deliveries.push(event.Records.map(n));
      return processStreamBatch(event, processor, runRecord);
    };
    const given: string[] = [];
    const poller = createStreamPoller({ endpoint, tablePrefix: prefix, consumers: [{ ...consumer, source: "cases" }], startAt: "LATEST", loadHandler: async () => handler as never, log: (m) => given.push(m) });
    await poller.pollOnce(); // takes its place at the end of the stream: the records above are behind it

    await put(6, 200);
    await poller.drain();
    await poller.stop();

    expect(deliveries).toEqual([[200, 201, 202, 203, 204, 205], [202, 203, 204, 205], [204, 205], [204, 205], [204, 205], [205]]);
    expect(ran).toEqual([200, 201, 202, 202, 203, 204, 204, 204, 204, 205]);
    expect(given).toEqual([expect.stringMatching(/gave up on record \d+ after 4 deliveries/)]);
  });

  it("should poll about every second once started, and stop cleanly", async () => {
    const seen: number[] = [];
    const poller = startStreamPoller({
      endpoint,
      tablePrefix: prefix,
      consumers: [{ ...consumer, source: "cases" }],
      startAt: "LATEST",
      intervalMs: 200,
      loadHandler: async () => (async (event: DynamoDBStreamEvent) => {
        seen.push(...event.Records.map((r) => Number(r.dynamodb?.NewImage?.n?.N)));
        return { batchItemFailures: [] };
      }) as never,
      log: () => {},
    });
    // A poller that starts at LATEST misses what is written before its first look at the stream: write
    // markers (1000, 1001, …) until one is delivered, so the poller is known to be reading.
    let marker = 1000;
    await vi.waitFor(async () => {
      await put(1, marker++);
      expect(seen.length).toBeGreaterThan(0);
    }, { timeout: 20_000, interval: 100 });

    await put(3, 100);
    await vi.waitFor(() => expect(seen).toContain(102), { timeout: 20_000, interval: 100 });
    await poller.stop();

    const first = seen.indexOf(100);
    expect(seen.slice(0, first).every((n) => n >= 1000)).toBe(true);
    expect(seen.slice(first)).toEqual([100, 101, 102]);
  });
});
