// The staff list on DynamoDB: a planner that serves every filter combination with key-condition
// Queries on the Cases table's indexes (never a Scan), a k-way merge of the sources by sort key so
// the global order holds across shards and statuses, and the opaque cursor of a page.
import { createHash } from "node:crypto";
import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { caseStatuses, openStatuses, type CaseStatus } from "#domain/case.ts";
import { ValidationError } from "#domain/errors.ts";
import { listedCaseSchema, type CaseLister, type CaseListQuery, type ListedCase, type ListOrder } from "#domain/listing.ts";
import type { CaseIndexName as IndexName } from "#tables";
import { caseKeys, keyAttributesOf, partitionKey, SHARDS, sortPrefix } from "./case-keys.ts";

/**
 * One key-condition Query: a partition of an index, the sort keys starting with `prefix`, and within
 * them the order keys (the sort key after the prefix: `<receivedAt|dueAt>#<caseId>`) in [from, before).
 */
export interface Source {
  readonly index: IndexName;
  readonly partition: string;
  readonly prefix: string;
  readonly from?: string;
  readonly before?: string;
}

export interface QueryPlan {
  readonly sources: readonly Source[];
  readonly order: ListOrder;
  /** What the order keys of every source are: one order across all of them. */
  readonly orderedBy: "receivedAt" | "dueAt";
}

const shards = Array.from({ length: SHARDS }, (_, i) => i);

/** The index, partitions and key conditions that serve a query's filters. */
export function planQuery(q: Pick<CaseListQuery, "status" | "unitId" | "kind" | "window" | "backdated" | "order">): QueryPlan {
  const { status, unitId, kind, window, order } = q;
  // The cases with a back-dated step are few: their sparse index, by receipt; the other filters are checked on the case read.
  if (q.backdated) return { sources: shards.map((backdatedShard) => ({ index: "byBackdated", partition: partitionKey("byBackdated", { backdatedShard }), prefix: "" })), order, orderedBy: "receivedAt" };
  if (window?.on === "dueAt") {
    // Open cases whose clock runs, by due date; status and kind are checked on the case read.
    const range = { ...(window.from && { from: window.from }), before: window.before };
    const sources: Source[] =
      status && !openStatuses.includes(status)
        ? []
        : unitId
          ? [{ index: "byUnitDue", partition: partitionKey("byUnitDue", { unitId }), prefix: "", ...range }]
          : shards.map((shard) => ({ index: "byDue", partition: partitionKey("byDue", { shard }), prefix: "", ...range }));
    return { sources, order, orderedBy: "dueAt" };
  }
  // By receipt: every source's order key is `<receivedAt>#<caseId>`, after a `<status>#` prefix where
  // the index sorts by status first, so a list without a status reads one source per status.
  const range = window ? { before: window.before } : {};
  const wanted: readonly CaseStatus[] = window ? openStatuses.filter((s) => !status || s === status) : status ? [status] : caseStatuses;
  const perStatus = (index: IndexName, partition: string): Source[] =>
    wanted.map((s) => ({ index, partition, prefix: sortPrefix(index, { status: s }), ...range }));
  let sources: Source[];
  if (unitId && kind) sources = perStatus("byUnitKind", partitionKey("byUnitKind", { unitId, kind }));
  else if (unitId) sources = perStatus("byUnit", partitionKey("byUnit", { unitId }));
  else if (kind) sources = shards.flatMap((shard) => perStatus("byKind", partitionKey("byKind", { kind, shard })));
  else if (status || window)
    sources = shards.flatMap((shard) => wanted.map((s) => ({ index: "byStatus" as const, partition: partitionKey("byStatus", { status: s, shard }), prefix: "", ...range })));
  else sources = shards.map((shard) => ({ index: "byReceipt", partition: partitionKey("byReceipt", { shard }), prefix: "" }));
  // The open repeat filings (byRepeat), by receipt like the others: the merge keeps one order.
  if (window?.repeatFilings && sources.length > 0)
    sources = [...sources, ...shards.map((repeatShard): Source => ({ index: "byRepeat", partition: partitionKey("byRepeat", { repeatShard }), prefix: "" }))];
  return { sources, order, orderedBy: "receivedAt" };
}

/** The KeyConditionExpression of a source. `before` is exclusive: no sort key equals it, each ends in `#<caseId>`. */
export function keyCondition(source: Source) {
  const ix = keyAttributesOf(source.index);
  const names = { "#pk": ix.pk, "#sk": ix.sk };
  const { prefix, from, before } = source;
  const values: Record<string, string> = { ":pk": source.partition };
  let sk = "";
  if (from !== undefined || (before !== undefined && prefix)) {
    Object.assign(values, { ":lo": prefix + (from ?? ""), ":hi": prefix + (before ?? "\uffff") });
    sk = " AND #sk BETWEEN :lo AND :hi";
  } else if (before !== undefined) {
    values[":hi"] = before;
    sk = " AND #sk < :hi";
  } else if (prefix) {
    values[":prefix"] = prefix;
    sk = " AND begins_with(#sk, :prefix)";
  }
  return { KeyConditionExpression: `#pk = :pk${sk}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

// ---- the cursor ----

const orderKeyPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * A page ends at the order key of its last case: every source has been read up to it and nothing
 * after it, so that one key is every source's position. `q` binds the cursor to the plan's sources.
 */
export const cursorSchema = z.object({ v: z.literal(1), k: z.string().regex(orderKeyPattern), q: z.string().regex(/^[\w-]{12}$/) }).strict();
export type Cursor = z.infer<typeof cursorSchema>;

export const planFingerprint = (plan: QueryPlan): string =>
  createHash("sha256")
    .update(JSON.stringify([plan.orderedBy, plan.order, plan.sources.map((s) => [s.index, s.partition, s.prefix])]))
    .digest("base64url")
    .slice(0, 12);

export const encodeCursor = (plan: QueryPlan, orderKey: string): string =>
  Buffer.from(JSON.stringify({ v: 1, k: orderKey, q: planFingerprint(plan) } satisfies Cursor)).toString("base64url");

const badCursor = (message: string) => new ValidationError([{ path: "cursor", message, code: "invalid_cursor" }]);

/** The order key a cursor resumes after; a 400 naming `cursor` for anything this plan did not hand out. */
export function decodeCursor(plan: QueryPlan, text: string): string {
  if (!/^[\w-]{1,1024}$/.test(text)) throw badCursor("is not a cursor of this list");
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badCursor("is not a cursor of this list");
  }
  const cursor = cursorSchema.safeParse(value);
  if (!cursor.success) throw badCursor("is not a cursor of this list");
  if (cursor.data.q !== planFingerprint(plan)) throw badCursor("belongs to a list with other filters");
  return cursor.data.k;
}

/**
 * Where a source resumes after `after`: from its start (undefined), nowhere ("done"), or after an
 * ExclusiveStartKey built in the source's own partition, within its key condition.
 */
export function startKey(source: Source, order: ListOrder, after: string | undefined): Record<string, string> | "done" | undefined {
  if (after === undefined) return undefined;
  const m = orderKeyPattern.exec(after);
  if (!m) throw badCursor("is not a cursor of this list");
  const beforeRange = source.from !== undefined && after < source.from;
  const beyondRange = source.before !== undefined && after >= source.before;
  if (order === "asc" ? beyondRange : beforeRange) return "done";
  if (order === "asc" ? beforeRange : beyondRange) return undefined;
  const ix = keyAttributesOf(source.index);
  const key: Record<string, string> = { ...caseKeys.case(m[2] as string), [ix.pk]: source.partition, [ix.sk]: source.prefix + after };
  // Built from the plan, never from the cursor: the start key is always in the source's own partition and range.
  if (key[ix.pk] !== source.partition || !key[ix.sk]?.startsWith(source.prefix)) throw badCursor("is not a cursor of this list");
  return key;
}

// ---- reading and merging ----

interface Entry {
  readonly key: string;
  readonly item: Record<string, unknown>;
}

const projected = Object.keys(listedCaseSchema.shape);

/** One source read page by page through the SDK's paginator, its next entries buffered. */
class SourceReader {
  private buffer: Entry[] = [];
  private pages: AsyncGenerator<QueryCommandOutput, undefined> | undefined;

  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    private readonly source: Source,
    order: ListOrder,
    start: Record<string, string> | "done" | undefined,
    private pageSize: number,
  ) {
    if (start === "done") return;
    const ix = keyAttributesOf(source.index);
    const condition = keyCondition(source);
    this.pages = paginateQuery(
      {
        client: db,
        startingToken: start,
        // Each page asks for the reader's current page size, which doubles as the reader runs short.
        withCommand: (command) => {
          command.input.Limit = this.pageSize;
          return command;
        },
      },
      {
        TableName: table,
        IndexName: ix.indexName,
        ...condition,
        ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...Object.fromEntries(projected.map((a, i) => [`#p${i}`, a])) },
        ProjectionExpression: ["#sk", ...projected.map((_, i) => `#p${i}`)].join(", "),
        ScanIndexForward: order === "asc",
      },
    );
  }

  /** The next entry, read from DynamoDB when the buffer is empty; undefined when the source is done. */
  async head(): Promise<Entry | undefined> {
    while (this.buffer.length === 0 && this.pages) await this.fill();
    return this.buffer[0];
  }

  shift(): void {
    this.buffer.shift();
  }

  private async fill(): Promise<void> {
    const page = await this.pages?.next();
    if (!page || page.done) {
      this.pages = undefined;
      return;
    }
    const skName = keyAttributesOf(this.source.index).sk;
    this.buffer = (page.value.Items ?? []).map((item) => ({ key: String(item[skName]).slice(this.source.prefix.length), item }));
    this.pageSize = Math.min(this.pageSize * 2, 200);
  }
}

/** The entries of all readers in one order: a k-way merge on the order key. */
export async function* mergeSources(readers: readonly SourceReader[], order: ListOrder): AsyncGenerator<Entry> {
  const before = (a: string, b: string) => (order === "asc" ? a < b : a > b);
  for (;;) {
    const heads = await Promise.all(readers.map((r) => r.head()));
    let best = -1;
    heads.forEach((h, i) => {
      if (h && (best < 0 || before(h.key, (heads[best] as Entry).key))) best = i;
    });
    if (best < 0) return;
    const reader = readers[best] as SourceReader;
    yield heads[best] as Entry;
    reader.shift();
  }
}

export class DynamoCaseQueries implements CaseLister {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async list<T>(query: CaseListQuery, select: (c: ListedCase) => T | undefined): Promise<{ items: T[]; nextCursor?: string }> {
    const plan = planQuery(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(plan, query.cursor);
    // Enough for a page when the cases spread evenly; a reader doubles its reads when it runs short.
    const pageSize = Math.max(2, Math.ceil((query.limit + 1) / Math.max(1, plan.sources.length)) + 1);
    const readers = plan.sources.map((s) => new SourceReader(this.db, this.table, s, plan.order, startKey(s, plan.order, after), pageSize));
    const items: T[] = [];
    const seen = new Set<string>();
    let last: string | undefined;
    for await (const { key, item } of mergeSources(readers, plan.order)) {
      const listed = listedCaseSchema.parse(item);
      // A case that changed status between two reads may show in two sources: once is enough.
      if (seen.has(listed.caseId)) continue;
      seen.add(listed.caseId);
      const value = select(listed);
      if (value === undefined) continue;
      // One more match after a full page: there is a next page, and it starts after this page's last case.
      if (items.length === query.limit) return { items, nextCursor: encodeCursor(plan, last as string) };
      items.push(value);
      last = key;
    }
    return { items };
  }
}
