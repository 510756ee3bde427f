// The aggregates on DynamoDB, in the Stats table:
//   DAY#<yyyy-mm> · <yyyy-mm-dd>#<unitId|->#<kind>   counters of one unit × kind × local day: received,
//                                                   accepted, resolvedOnTime, resolvedLate, open, and
//                                                   h<n> = cases resolved after n days (the histogram)
//   CASEVER#<caseId> · CASEVER                       the case version last counted, and its facet
// A period is read with one Query per month partition, its sort keys between the first and last day.
// Writes spread over the months of receipt, acceptance and resolution; at a province's volume (a few
// case changes a minute) a month partition is far from DynamoDB's per-partition limits.
//
// Idempotency: a stream record (at least once, possibly replayed or retried) is applied only if its case
// version is newer than the version recorded in CASEVER, and the increments are the difference between
// what the record says now and the facet CASEVER holds (what was counted), not the record's OLD image.
// The counters and the new CASEVER go in one TransactWriteItems conditioned on CASEVER still holding the
// version read, so a replay, a retry or a concurrent consumer never counts twice; and records may arrive
// in any order: the counters always equal the contributions of the newest version seen.
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, paginateQuery, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { caseKindSchema } from "#domain/case.ts";
import { caseFacetSchema, counterNames, deriveIncrements, zeroCounts, type CaseFacet, type DayCounters } from "#domain/stats.ts";
import type { AggregateReader } from "#domain/report.ts";

export const statsKeys = {
  day: (unitId: string, kind: string, day: string) => ({ pk: `DAY#${day.slice(0, 7)}`, sk: `${day}#${unitId}#${kind}` }),
  monthPartition: (month: string) => `DAY#${month}`,
  caseVersion: (caseId: string) => ({ pk: `CASEVER#${caseId}`, sk: "CASEVER" }),
};

const HIST_PREFIX = "h";
const MAX_ATTEMPTS = 6;

export type ApplyOutcome = "applied" | "skipped";

/** The months (`yyyy-mm`) that [from, to] touches. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > end) return out;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/** A day item as the report reads it. */
export function dayCountersOf(item: Record<string, unknown>): DayCounters {
  const counts = zeroCounts();
  for (const n of counterNames) counts[n] = Number(item[n] ?? 0);
  const hist: Record<number, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (/^h\d+$/.test(name) && Number(value) !== 0) hist[Number(name.slice(1))] = Number(value);
  }
  return { unitId: String(item.unitId), kind: caseKindSchema.parse(item.kind), day: String(item.day), counts, hist };
}

export class DynamoAggregates implements AggregateReader {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((ok) => setTimeout(ok, ms)),
  ) {}

  /**
   * Counts a case's new state (undefined: the case item is gone, counted as nothing) at `version`, once.
   * "skipped" when that version, or a newer one, was counted already.
   */
  async apply(caseId: string, version: number, facet: CaseFacet | undefined): Promise<ApplyOutcome> {
    for (let attempt = 1; ; attempt++) {
      const key = statsKeys.caseVersion(caseId);
      const current = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      const applied = current.Item ? Number(current.Item.version) : 0;
      if (version <= applied) return "skipped";
      const counted = current.Item?.facet ? caseFacetSchema.parse(current.Item.facet) : undefined;
      const increments = deriveIncrements(counted, facet);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...increments.map((inc) => ({ Update: { TableName: this.table, ...this.increment(inc) } })),
              {
                Put: {
                  TableName: this.table,
                  Item: { ...key, entity: "caseVersion", caseId, version, ...(facet && { facet }) },
                  ...(current.Item
                    ? { ConditionExpression: "version = :applied", ExpressionAttributeValues: { ":applied": applied } }
                    : { ConditionExpression: "attribute_not_exists(pk)" }),
                },
              },
            ],
          }),
        );
        return "applied";
      } catch (err) {
        // Another delivery of the same case got there first, or a concurrent write to a shared counter:
        // read again and recompute. Anything else, or too many attempts, fails the record.
        const retriable =
          err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === "ConditionalCheckFailed" || r.Code === "TransactionConflict");
        if (!retriable || attempt >= MAX_ATTEMPTS) throw err;
        await this.sleep(Math.random() * 25 * 2 ** attempt);
      }
    }
  }

  private increment(inc: DayCounters) {
    const names: Record<string, string> = { "#unitId": "unitId", "#kind": "kind", "#day": "day", "#entity": "entity" };
    const values: Record<string, unknown> = { ":unitId": inc.unitId, ":kind": inc.kind, ":day": inc.day, ":entity": "day" };
    const adds: string[] = [];
    for (const n of counterNames) {
      if (inc.counts[n] === 0) continue;
      names[`#${n}`] = n;
      values[`:${n}`] = inc.counts[n];
      adds.push(`#${n} :${n}`);
    }
    for (const [days, v] of Object.entries(inc.hist)) {
      names[`#h${days}`] = `${HIST_PREFIX}${days}`;
      values[`:h${days}`] = v;
      adds.push(`#h${days} :h${days}`);
    }
    return {
      Key: statsKeys.day(inc.unitId, inc.kind, inc.day),
      UpdateExpression: `SET #unitId = :unitId, #kind = :kind, #day = :day, #entity = :entity ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /** The day counters of every unit and kind whose day is in [from, to]: one paged Query per month. */
  async readDays(from: string, to: string): Promise<DayCounters[]> {
    const months = await Promise.all(
      monthsOf(from, to).map(async (month) => {
        const items: Record<string, unknown>[] = [];
        const pages = paginateQuery(
          { client: this.db },
          {
            TableName: this.table,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :lo AND :hi",
            ExpressionAttributeValues: { ":pk": statsKeys.monthPartition(month), ":lo": `${from}#`, ":hi": `${to}#\uffff` },
          },
        );
        for await (const page of pages) items.push(...(page.Items ?? []));
        return items.map(dayCountersOf);
      }),
    );
    return months.flat();
  }
}
