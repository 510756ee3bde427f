// What the benchmarks share: the environment of the adapters against DynamoDB Local, a deterministic random
// draw, writing cases in their real stored shape (the domain's record, the adapters' items, a first event
// chained as the product chains it) with BatchWrite, and a small parallel loop.
import { randomBytes } from "node:crypto";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { chainEvent, GENESIS_HASH } from "#domain/audit.ts";
import type { CaseRecord } from "#domain/case.ts";
import { caseItem, eventItem } from "#adapters/case-keys.ts";
import { tableEnv } from "#local/dynamodb.ts";

/** Points the adapters at DynamoDB Local's tables under `prefix`, with a throwaway seal key; the composition root read after it. */
export async function useBenchTables(endpoint: string, prefix: string) {
  Object.assign(process.env, tableEnv(prefix), {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: "local",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    SEAL_LOCAL_KEY: randomBytes(32).toString("base64"),
    POWERTOOLS_LOG_LEVEL: "WARN",
  });
  return import("#adapters/context.ts");
}

/** A deterministic draw (a linear congruential generator), so every run loads the same cases. */
export function seeded(seed: number) {
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  return { rand, pick };
}

export async function writeAll(doc: DynamoDBDocumentClient, records: CaseRecord[]): Promise<void> {
  const { tableName } = await import("#tables");
  const table = tableName("cases");
  const items = records.flatMap((r) => {
    const event = chainEvent(GENESIS_HASH, { caseId: r.caseId, seq: 1, type: "received", at: r.receivedAt, enteredAt: r.receivedAt, actor: { kind: "citizen" }, status: "received" });
    r.lastHash = event.hash;
    return [caseItem(r), eventItem(event)];
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let done = 0;
  await inParallel(batches, 16, async (batch) => {
    if (++done % 800 === 0) process.stdout.write(`  written ${done * 25} items\r`);
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  });
}

export async function inParallel<T>(xs: readonly T[], width: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < xs.length) await fn(xs[next++]!);
    }),
  );
}
