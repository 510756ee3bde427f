// Loads BENCH_CASES cases (default 100,000; 1 % open and overdue) into a DynamoDB Local of its own and
// prints, beside a Scan-based baseline on the same data, the items read and the time of the overdue
// register, the SLA sweep and a yearly report. Run: npm run bench
import { randomUUID } from "node:crypto";
import { paginateScan, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDbLocal } from "#local/dynamodb.ts";
import type { CaseRecord } from "#domain/case.ts";
import { computeDeadlines, defaultDeadlineContext, type DeadlineFacts } from "#domain/deadlines/index.ts";
import { facetOf } from "#domain/stats.ts";
import { overdueRegister } from "#domain/inspection.ts";
import { inspectionReport } from "#domain/report.ts";
import { runSweep } from "#domain/sweep.ts";
import { caseItem } from "#adapters/case-keys.ts";
import { inParallel, seeded, useBenchTables, writeAll } from "./seed.ts";

const N = Number(process.env.BENCH_CASES ?? 100_000);
const DAY = 86_400_000;
const units = ["so-tn-mt", "ubnd-huyen-an-phu", "ubnd-xa-vinh-hau", "so-xay-dung", "ubnd-tp-long-xuyen", "so-giao-thong"];
const kinds = ["complaint", "denunciation", "petition", "reflection"] as const;

// Deterministic, so every run loads the same cases.
const { rand, pick } = seeded(7);

const db = await startDynamoDbLocal();
const prefix = "bench";
try {
  const { aggregateDeps, dynamoClient, dynamoDocumentClient, listingDeps, reportDeps, sweepDeps } = await useBenchTables(db.endpoint, prefix);
  await ensureTables(dynamoClient(), prefix);
  const doc = dynamoDocumentClient();
  const ctx = defaultDeadlineContext();
  const now = Date.now();

  // ---- load ----
  const t0 = performance.now();
  const records = Array.from({ length: N }, (_, i) => caseRecord(i, now, ctx));
  const overdueCount = records.filter((r) => r.status === "received" || r.status === "in_progress").filter((r) => overdueNow(r, now)).length;
  await writeAll(doc, records);
  const loaded = performance.now() - t0;
  const { aggregates } = aggregateDeps();
  let applied = 0;
  await inParallel(records, 32, async (r) => {
    await aggregates.apply(r.caseId, r.version, facetOf(caseItem(r)));
    if (++applied % 10_000 === 0) process.stdout.write(`  aggregated ${applied} cases\r`);
  });
  const aggregated = performance.now() - t0 - loaded;
  console.log(`loaded ${N} cases (${overdueCount} open and overdue) in ${(loaded / 1000).toFixed(1)} s; aggregates in ${(aggregated / 1000).toFixed(1)} s`);

  // ---- measure ----
  const reads = countReads(doc);
  const rows: Row[] = [];

  rows.push(
    await measure("overdue register (all pages)", reads, async () => {
      let cursor: string | undefined;
      let n = 0;
      do {
        const page = await overdueRegister({ limit: 100, ...(cursor && { cursor }) }, await listingDeps());
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return `${n} cases`;
    }),
    await scanBaseline("  Scan baseline: open cases past due", doc, "entity = :case AND #s IN (:r, :p) AND gsiDueSk < :now", {
      ":case": "case",
      ":r": "received",
      ":p": "in_progress",
      ":now": new Date(now).toISOString(),
    }),
  );
  rows.push(
    await measure("SLA sweep (first run)", reads, async () => {
      const s = await runSweep(await sweepDeps());
      return `${s.due} due, ${s.levelsRecorded} levels recorded`;
    }),
    await measure("SLA sweep (again: nothing new)", reads, async () => {
      const s = await runSweep(await sweepDeps());
      return `${s.due} due, ${s.levelsRecorded} levels recorded`;
    }),
    await scanBaseline("  Scan baseline: open cases past due", doc, "entity = :case AND #s IN (:r, :p) AND gsiDueSk < :now", {
      ":case": "case",
      ":r": "received",
      ":p": "in_progress",
      ":now": new Date(now).toISOString(),
    }),
  );
  const year = new Date(now).getUTCFullYear();
  rows.push(
    await measure(`yearly report ${year} by unit`, reads, async () => {
      const r = await inspectionReport({ from: `${year}-01-01`, to: new Date(now).toISOString().slice(0, 10), groupBy: "unit" }, await reportDeps());
      return `${r.totals.received} received, ${r.rows.length} rows`;
    }),
    await scanBaseline("  Scan baseline: every case of the year", doc, "entity = :case AND receivedAt >= :from", { ":case": "case", ":from": `${year}-01-01` }),
  );

  console.log(`\n${"what".padEnd(44)} ${"items read".padStart(12)} ${"time".padStart(10)}   result`);
  for (const r of rows) console.log(`${r.what.padEnd(44)} ${String(r.items).padStart(12)} ${`${r.ms.toFixed(0)} ms`.padStart(10)}   ${r.result}`);
  const ratio = (a: number, b: number) => (a === 0 ? "∞" : `${(b / a).toFixed(0)}×`);
  console.log(`\nfewer items than the Scan: register ${ratio(rows[0]!.items, rows[1]!.items)}, sweep ${ratio(rows[2]!.items, rows[4]!.items)}, report ${ratio(rows[5]!.items, rows[6]!.items)}`);
} finally {
  await db.stop();
}

// ---- helpers ----

interface Row {
  what: string;
  items: number;
  ms: number;
  result: string;
}

/** A case as the product would hold it: mostly resolved within the year, 1 % open past its deadline, a few open within it. */
function caseRecord(i: number, now: number, ctx: ReturnType<typeof defaultDeadlineContext>): CaseRecord {
  const kind = pick(kinds);
  const overdue = i % 100 === 0;
  // Not overdue: received in the last week (processing runs 10 working days), accepted within the last
  // month (resolution runs 30 days and more), or resolved.
  const daysAgo = overdue ? 40 + Math.floor(rand() * 200) : Math.floor(rand() * 330);
  const receivedAt = new Date(now - daysAgo * DAY - Math.floor(rand() * DAY)).toISOString();
  const accepted = overdue ? rand() < 0.5 : daysAgo > 6;
  const facts: DeadlineFacts = {
    kind,
    anonymous: false,
    status: accepted ? "in_progress" : "received",
    receivedAt,
    round: 1,
    complexity: "normal",
    remoteArea: false,
    ...(accepted && { acceptedAt: new Date(Date.parse(receivedAt) + (overdue ? 2 : 1) * DAY).toISOString() }),
  };
  const resolved = !overdue && accepted && daysAgo > 25;
  const record: CaseRecord = {
    ...facts,
    caseId: randomUUID(),
    trackingCode: `B${String(i).padStart(7, "0")}`,
    subject: `Đơn thư số ${i}`,
    content: "Nội dung đơn thư dùng cho phép đo hiệu năng của sổ theo dõi.",
    channel: "online",
    language: "vi",
    unitId: pick(units),
    receivedAt,
    updatedAt: receivedAt,
    version: resolved ? 4 : accepted ? 3 : 1,
    deadlines: computeDeadlines(facts, ctx),
    lastAt: receivedAt,
    lastSeq: 1,
    lastHash: "",
  };
  if (resolved) {
    Object.assign(record, { status: rand() < 0.5 ? "resolved" : "closed", resolvedAt: new Date(Math.min(now - DAY, Date.parse(facts.acceptedAt!) + (15 + Math.floor(rand() * 30)) * DAY)).toISOString() });
  }
  return record;
}

function overdueNow(r: CaseRecord, now: number): boolean {
  const d = r.status === "received" ? r.deadlines.processing : r.deadlines.resolution;
  return d !== undefined && Date.parse(d.dueAt) < now;
}


/** Counts the items every Query, Get and Scan returns or examines through the shared client. */
function countReads(doc: DynamoDBDocumentClient) {
  const counter = { items: 0 };
  const send = doc.send.bind(doc);
  doc.send = (async (command: unknown, ...rest: unknown[]) => {
    const out = (await (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest)) as { Items?: unknown[]; Item?: unknown; ScannedCount?: number; Responses?: Record<string, unknown[]> };
    counter.items += out?.ScannedCount ?? out?.Items?.length ?? (out?.Item ? 1 : 0);
    return out;
  }) as typeof doc.send;
  return counter;
}

async function measure(what: string, reads: { items: number }, fn: () => Promise<string>): Promise<Row> {
  const before = reads.items;
  const t = performance.now();
  const result = await fn();
  return { what, items: reads.items - before, ms: performance.now() - t, result };
}

async function scanBaseline(what: string, doc: DynamoDBDocumentClient, filter: string, values: Record<string, unknown>): Promise<Row> {
  const { tableName } = await import("#tables");
  const t = performance.now();
  let scanned = 0;
  let matched = 0;
  // The baseline is the Scan the indexes avoid: legitimate here, never on a request path.
  const pages = paginateScan(
    { client: doc },
    {
      TableName: tableName("cases"),
      FilterExpression: filter,
      ExpressionAttributeValues: values,
      ...(filter.includes("#s") && { ExpressionAttributeNames: { "#s": "status" } }),
    },
  );
  for await (const page of pages) {
    scanned += page.ScannedCount ?? 0;
    matched += page.Count ?? 0;
  }
  return { what, items: scanned, ms: performance.now() - t, result: `${matched} matched` };
}
