// The staff list's query planner, cursor and k-way merge, against an in-memory stand-in for DynamoDB's Query.
import { randomUUID } from "node:crypto";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DynamoCaseQueries, decodeCursor, encodeCursor, keyCondition, planQuery, startKey, type QueryPlan, type Source } from "#adapters/case-queries.ts";
import { caseKeys, currentDueAt, indexKeys } from "#adapters/case-keys.ts";
import { caseKinds, caseStatuses, type CaseKind, type CaseRecord, type CaseStatus } from "#domain/case.ts";
import { ValidationError } from "#domain/errors.ts";
import type { CaseListQuery, FlagWindow, ListedCase } from "#domain/listing.ts";

const shards = [0, 1, 2, 3, 4, 5, 6, 7];
const T = "2026-03-01T17:00:00.000Z";
const T2 = "2026-03-05T17:00:00.000Z";
const due: FlagWindow = { on: "dueAt", before: T };
const dueRange: FlagWindow = { on: "dueAt", from: T, before: T2 };
const received: FlagWindow = { on: "receivedAt", before: T };
const q = (over: Partial<CaseListQuery>): CaseListQuery => ({ order: "asc", limit: 25, ...over });

/** A plan as `index partition [sort key condition]` lines: what each Query asks DynamoDB. */
const described = (plan: QueryPlan) =>
  plan.sources.map((s) => {
    const c = keyCondition(s);
    const v = c.ExpressionAttributeValues;
    const sk = c.KeyConditionExpression.replace(/^#pk = :pk( AND )?/, "").replace(/:(\w+)/g, (_, n: string) => JSON.stringify(v[`:${n}`]));
    return `${s.index} ${v[":pk"]}${sk ? ` [${sk}]` : ""}`;
  });

describe("planQuery", () => {
  const perStatus = (index: string, pk: string, statuses: readonly string[] = caseStatuses) =>
    statuses.map((s) => `${index} ${pk} [begins_with(#sk, "${s}#")]`);

  it.each<[string, Partial<CaseListQuery>, "receivedAt" | "dueAt", string[]]>([
    ["no filter: every case by receipt over the shards", {}, "receivedAt", shards.map((n) => `byReceipt ALL#${n}`)],
    ["status: its partitions over the shards", { status: "received" }, "receivedAt", shards.map((n) => `byStatus S#received#${n}`)],
    ["kind: one source per status over the shards", { kind: "petition" }, "receivedAt", shards.flatMap((n) => perStatus("byKind", `K#petition#${n}`))],
    ["status and kind: begins_with status over the shards", { status: "closed", kind: "complaint" }, "receivedAt", shards.map((n) => `byKind K#complaint#${n} [begins_with(#sk, "closed#")]`)],
    ["unit: one source per status in the unit", { unitId: "so-tn-mt" }, "receivedAt", perStatus("byUnit", "U#so-tn-mt")],
    ["unit and status", { unitId: "so-tn-mt", status: "in_progress" }, "receivedAt", [`byUnit U#so-tn-mt [begins_with(#sk, "in_progress#")]`]],
    ["unit and kind", { unitId: "so-tn-mt", kind: "denunciation" }, "receivedAt", perStatus("byUnitKind", "U#so-tn-mt#K#denunciation")],
    ["unit, status and kind", { unitId: "so-tn-mt", status: "received", kind: "reflection" }, "receivedAt", [`byUnitKind U#so-tn-mt#K#reflection [begins_with(#sk, "received#")]`]],
    ["overdue: due before today over the shards", { window: due }, "dueAt", shards.map((n) => `byDue DUE#${n} [#sk < "${T}"]`)],
    ["overdue with status and kind: the same, both checked on the case", { window: due, status: "received", kind: "petition" }, "dueAt", shards.map((n) => `byDue DUE#${n} [#sk < "${T}"]`)],
    ["overdue in a unit", { window: due, unitId: "ubnd-xa-a" }, "dueAt", [`byUnitDue UDUE#ubnd-xa-a [#sk < "${T}"]`]],
    ["approaching: a due range", { window: dueRange }, "dueAt", shards.map((n) => `byDue DUE#${n} [#sk BETWEEN "${T}" AND "${T2}"]`)],
    ["approaching in a unit", { window: dueRange, unitId: "ubnd-xa-a", kind: "complaint" }, "dueAt", [`byUnitDue UDUE#ubnd-xa-a [#sk BETWEEN "${T}" AND "${T2}"]`]],
    ["a flag with a closed status: nothing to read", { window: due, status: "closed" }, "dueAt", []],
    ["prolonged: open statuses received before the bound", { window: received }, "receivedAt", shards.flatMap((n) => [`byStatus S#received#${n} [#sk < "${T}"]`, `byStatus S#in_progress#${n} [#sk < "${T}"]`])],
    ["prolonged with a status", { window: received, status: "in_progress" }, "receivedAt", shards.map((n) => `byStatus S#in_progress#${n} [#sk < "${T}"]`)],
    ["prolonged with a kind", { window: received, kind: "complaint" }, "receivedAt", shards.flatMap((n) => ["received", "in_progress"].map((s) => `byKind K#complaint#${n} [#sk BETWEEN "${s}#" AND "${s}#${T}"]`))],
    ["prolonged in a unit", { window: received, unitId: "u1" }, "receivedAt", ["received", "in_progress"].map((s) => `byUnit U#u1 [#sk BETWEEN "${s}#" AND "${s}#${T}"]`)],
    ["prolonged in a unit with kind and status", { window: received, unitId: "u1", kind: "petition", status: "received" }, "receivedAt", [`byUnitKind U#u1#K#petition [#sk BETWEEN "received#" AND "received#${T}"]`]],
    ["prolonged with a closed status: nothing", { window: received, status: "resolved" }, "receivedAt", []],
    [
      "prolonged with the repeat filings: also the open repeat filings over the shards",
      { window: { ...received, repeatFilings: true }, unitId: "u1" },
      "receivedAt",
      [...["received", "in_progress"].map((s) => `byUnit U#u1 [#sk BETWEEN "${s}#" AND "${s}#${T}"]`), ...shards.map((n) => `byRepeat REPEAT#${n}`)],
    ],
  ])("%s", (_, filters, orderedBy, expected) => {
    const plan = planQuery(q(filters));

    expect({ orderedBy: plan.orderedBy, queries: described(plan) }).toEqual({ orderedBy, queries: expected });
  });
});

describe("the cursor", () => {
  const plan = planQuery(q({ unitId: "so-tn-mt" }));
  const key = `2026-01-02T03:04:05.678Z#${randomUUID()}`;
  const rejected = (text: string) => {
    try {
      decodeCursor(plan, text);
    } catch (err) {
      return err instanceof ValidationError ? err.errors : err;
    }
    return "accepted";
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("should decode what it encoded: the order key the page ended on", () => {
    expect(decodeCursor(plan, encodeCursor(plan, key))).toBe(key);
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["another shape", b64({ k: key })],
    ["an extra field naming a partition", b64({ v: 1, k: key, q: "x".repeat(12), pk: "U#other" })],
    ["a key that is no order key", b64({ v: 1, k: "U#other-unit", q: "x".repeat(12) })],
    ["too long", "A".repeat(2000)],
  ])("should refuse a cursor that is %s with a 400 naming `cursor`", (_, text) => {
    expect(rejected(text)).toEqual([{ path: "cursor", message: "is not a cursor of this list", code: "invalid_cursor" }]);
  });

  it("should refuse a cursor of another list, e.g. another unit's, naming `cursor`", () => {
    const other = encodeCursor(planQuery(q({ unitId: "other-unit" })), key);

    expect(rejected(other)).toEqual([{ path: "cursor", message: "belongs to a list with other filters", code: "invalid_cursor" }]);
  });

  it("should start each source in its own partition, and only within its key condition", () => {
    const caseId = randomUUID();
    const after = `2026-02-01T00:00:00.000Z#${caseId}`;
    const source: Source = { index: "byUnit", partition: "U#u1", prefix: "received#", before: T };

    expect(startKey(source, "asc", after)).toEqual({ ...caseKeys.case(caseId), gsiUnitPk: "U#u1", gsiUnitSk: `received#${after}` });
    expect(startKey(source, "asc", `2026-04-01T00:00:00.000Z#${caseId}`)).toBe("done");
    expect(startKey(source, "desc", `2026-04-01T00:00:00.000Z#${caseId}`)).toBeUndefined();
    expect(startKey({ ...source, from: "2026-02-10T00:00:00.000Z" }, "asc", after)).toBeUndefined();
    expect(startKey({ ...source, from: "2026-02-10T00:00:00.000Z" }, "desc", after)).toBe("done");
  });
});

// ---- an in-memory Query, strict like DynamoDB about start keys outside the key condition ----

interface Recorded {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

function fakeDb(items: Record<string, unknown>[], log: Recorded[]) {
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    // A copy, as DynamoDB receives it: the paginator reuses one input object from page to page.
    log.push({ name: command.constructor.name, input: { ...command.input } });
    if (command.constructor.name !== "QueryCommand") throw new Error(`unexpected ${command.constructor.name}`);
    const input = command.input as {
      KeyConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, string>;
      ProjectionExpression: string;
      ScanIndexForward: boolean;
      Limit: number;
      ExclusiveStartKey?: Record<string, string>;
    };
    const names = input.ExpressionAttributeNames;
    const v = input.ExpressionAttributeValues;
    const [pk, sk] = [names["#pk"] as string, names["#sk"] as string];
    const expr = input.KeyConditionExpression;
    const inRange = (s: string) =>
      expr.includes("BETWEEN") ? s >= (v[":lo"] as string) && s <= (v[":hi"] as string)
      : expr.includes("<") ? s < (v[":hi"] as string)
      : expr.includes("begins_with") ? s.startsWith(v[":prefix"] as string)
      : true;
    const esk = input.ExclusiveStartKey;
    if (esk && (esk[pk] !== v[":pk"] || !inRange(esk[sk] as string))) throw new Error("The provided starting key is outside query boundaries");
    const dir = input.ScanIndexForward ? 1 : -1;
    const cmp = (a: unknown, b: unknown) => dir * ((a as string) < (b as string) ? -1 : a === b ? 0 : 1);
    const matching = items
      .filter((i) => i[pk] === v[":pk"] && inRange(i[sk] as string))
      .sort((a, b) => cmp(a[sk], b[sk]))
      .filter((i) => !esk || cmp(i[sk], esk[sk]) > 0);
    const page = matching.slice(0, input.Limit);
    const attrs = input.ProjectionExpression.split(", ").map((n) => names[n] as string);
    return {
      Items: page.map((i) => Object.fromEntries(attrs.filter((a) => a in i).map((a) => [a, i[a]]))),
      // Like DynamoDB, a full page says there may be more, even when there is not.
      ...(page.length === input.Limit && { LastEvaluatedKey: { pk: page.at(-1)?.pk, sk: "CASE", [pk]: page.at(-1)?.[pk], [sk]: page.at(-1)?.[sk] } }),
    };
  };
  // A document client by its prototype, as the SDK's paginator requires; only `send` is called.
  return Object.assign(Object.create(DynamoDBDocumentClient.prototype) as DynamoDBDocumentClient, { send });
}

/** Deterministic pseudo-random numbers, so a failing case can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function dataset(count: number) {
  const r = random(7);
  const pick = <V>(list: readonly V[]): V => list[Math.floor(r() * list.length)] as V;
  return Array.from({ length: count }, (_, i) => {
    const status = pick<CaseStatus>(["received", "received", "in_progress", "in_progress", "closed", "archived", "resolved"]);
    const receivedAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 90) * 86_400_000 + (i % 3) * 1000).toISOString();
    const dueAt = new Date(Date.parse(receivedAt) + Math.floor(r() * 40) * 86_400_000).toISOString();
    const record = {
      caseId: randomUUID(),
      trackingCode: `CODE-${i}`,
      kind: pick<CaseKind>(caseKinds),
      subject: `Đơn số ${i}`,
      content: "nội dung",
      channel: "online",
      language: "vi",
      status,
      anonymous: false,
      receivedAt,
      updatedAt: receivedAt,
      version: 1,
      ...(r() < 0.8 && { unitId: pick(["u1", "u2", "u3"]) }),
      submitter: { fullName: "Nguyễn Văn A", phone: "0912345678" },
      deadlines: { processing: { dueAt, dueDate: dueAt.slice(0, 10), basis: "b", explanation: { steps: [], vi: "", en: "" } } },
      lastAt: receivedAt,
      lastSeq: 1,
      lastHash: "h",
    } as CaseRecord;
    return { record, item: { ...record, ...caseKeys.case(record.caseId), ...indexKeys(record) } };
  });
}

describe("DynamoCaseQueries.list", () => {
  const data = dataset(240);
  const all = async (query: CaseListQuery, log: Recorded[] = []) => {
    const lister = new DynamoCaseQueries(fakeDb(data.map((d) => d.item), log), "Cases");
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      // What the use case does: the filters the index did not serve are checked on the case.
      const select = (c: ListedCase) =>
        (!query.status || c.status === query.status) && (!query.kind || c.kind === query.kind) ? c : undefined;
      const page = await lister.list({ ...query, ...(cursor && { cursor }) }, select);
      pages.push(page.items.map((c) => c.caseId));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  };

  const brute = (query: CaseListQuery) => {
    const dueOf = (c: CaseRecord) => currentDueAt(c);
    const orderKey = (c: CaseRecord) => `${query.window?.on === "dueAt" ? dueOf(c) : c.receivedAt}#${c.caseId}`;
    return data
      .map((d) => d.record)
      .filter((c) => (!query.status || c.status === query.status) && (!query.kind || c.kind === query.kind) && (!query.unitId || c.unitId === query.unitId))
      .filter((c) => {
        const w = query.window;
        if (!w) return true;
        if (c.status !== "received" && c.status !== "in_progress") return false;
        const at = w.on === "dueAt" ? dueOf(c) : c.receivedAt;
        return at !== undefined && (!w.from || at >= w.from) && at < w.before;
      })
      .sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1) * (query.order === "asc" ? 1 : -1))
      .map((c) => c.caseId);
  };

  const combos: Partial<CaseListQuery>[] = [];
  for (const window of [undefined, { on: "dueAt", before: "2026-02-15T17:00:00.000Z" }, { on: "dueAt", from: "2026-02-01T17:00:00.000Z", before: "2026-02-20T17:00:00.000Z" }, { on: "receivedAt", before: "2026-02-10T17:00:00.000Z" }] as const)
    for (const unitId of [undefined, "u2"])
      for (const kind of [undefined, "complaint"] as const)
        for (const status of [undefined, "received", "closed"] as const)
          combos.push({ ...(window && { window }), ...(unitId && { unitId }), ...(kind && { kind }), ...(status && { status }) });

  it.each(combos.flatMap((c) => [{ ...c, order: "asc" as const }, { ...c, order: "desc" as const }]).map((c) => [JSON.stringify(c), c]))(
    "should page %s in the global order, exactly, with pages of 7",
    async (_, filters) => {
      const query = q({ ...filters, limit: 7 });
      const pages = await all(query);

      expect(pages.flat()).toEqual(brute(query));
      expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      expect(pages.at(-1)?.length).toBeGreaterThan(pages.length > 1 ? 0 : -1);
    },
  );

  it("should read with Query only, and never the sender", async () => {
    const log: Recorded[] = [];
    const lister = new DynamoCaseQueries(fakeDb(data.map((d) => d.item), log), "Cases");

    const page = await lister.list(q({}), (c) => c);

    expect(new Set(log.map((l) => l.name))).toEqual(new Set(["QueryCommand"]));
    expect(page.items.every((c) => !("submitter" in c) && !("content" in c))).toBe(true);
  });

  it("should double a source's page size, up to 200, while it runs short of matches", async () => {
    const log: Recorded[] = [];
    const lister = new DynamoCaseQueries(fakeDb(data.map((d) => d.item), log), "Cases");

    await lister.list(q({ unitId: "u1", status: "received", limit: 1 }), () => undefined);

    const limits = log.map((l) => l.input.Limit);
    expect(limits.length).toBeGreaterThan(1);
    expect(limits).toEqual(limits.map((_, i) => Math.min(3 * 2 ** i, 200)));
  });

  it("should omit nextCursor on a last page that is exactly full", async () => {
    const query = q({ unitId: "u1", status: "received" });
    const total = brute(query).length;

    const pages = await all({ ...query, limit: total });

    expect(pages).toEqual([brute(query)]);
  });
});
