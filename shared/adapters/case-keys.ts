// Keys of the Cases table: the items of a case, and the index keys composed as shared/tables.ts's
// caseIndexes declares them, both for the case items written and for the queries that read them.
import { currentDueAt, isOpen, type CaseEvent, type CaseRecord } from "#domain/case.ts";
import { caseIndexes, type CaseIndexName, type Facet, type KeyFacets, type Segment } from "#tables";

export const SHARDS = 8;

export const caseKeys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: "CASE" }),
  event: (caseId: string, seq: number) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${String(seq).padStart(6, "0")}` }),
  tracking: (canonical: string) => ({ pk: `TRACK#${canonical}`, sk: "TRACK" }),
  /** A case's entry under one of its sender keys, in the case's partition (senderItems). */
  sender: (caseId: string, senderKey: string) => ({ pk: `CASE#${caseId}`, sk: `SENDER#${senderKey}` }),
};

/** A case's shard: stable, from its (random) id. */
export const shardOf = (caseId: string): number => parseInt(caseId.slice(0, 2), 16) % SHARDS;

export { currentDueAt };

/** The facets of a case its index keys are composed of. */
export function keyFacetsOf(record: CaseRecord): KeyFacets {
  const dueAt = currentDueAt(record);
  return {
    caseId: record.caseId,
    shard: shardOf(record.caseId),
    status: record.status,
    kind: record.kind,
    receivedAt: record.receivedAt,
    ...(record.unitId && { unitId: record.unitId }),
    ...(dueAt && { dueAt }),
    ...(isOpen(record.status) && (record.filingCount ?? 1) > 1 && { repeatShard: shardOf(record.caseId) }),
    ...(record.backdated && { backdatedShard: shardOf(record.caseId) }),
  };
}

type Declared = typeof caseIndexes;
/** The facets named among some segments. */
type FacetsIn<S extends readonly Segment[]> = Extract<S[number], { readonly facet: Facet }>["facet"];
type Given<F extends Facet> = { readonly [K in F]-?: NonNullable<KeyFacets[K]> };

/** Segments joined with `#`; undefined when a facet they name is absent. */
function compose(segments: readonly Segment[], facets: Partial<KeyFacets>): string | undefined {
  const parts: string[] = [];
  for (const segment of segments) {
    const value = typeof segment === "string" ? segment : facets[segment.facet];
    if (value === undefined) return undefined;
    parts.push(String(value));
  }
  return parts.join("#");
}

/** An index's name and key attribute names. */
export const keyAttributesOf = (index: CaseIndexName) => ({ indexName: index, pk: caseIndexes[index].pk.attribute, sk: caseIndexes[index].sk.attribute });

/** The partition of an index that holds the cases with these facets. */
export function partitionKey<N extends CaseIndexName>(index: N, facets: Given<FacetsIn<Declared[N]["pk"]["segments"]>>): string {
  const key = compose(caseIndexes[index].pk.segments, facets);
  if (key === undefined) throw new Error(`${index}: a partition needs ${caseIndexes[index].pk.segments.filter((s) => typeof s !== "string").map((s) => s.facet).join(", ")}`);
  return key;
}

/** What an index's sort keys start with before the order key (`<status>#`, or nothing). */
export function sortPrefix(index: CaseIndexName, facets: Partial<KeyFacets>): string {
  const { prefix } = caseIndexes[index].sk;
  if (prefix.length === 0) return "";
  const key = compose(prefix, facets);
  if (key === undefined) throw new Error(`${index}: a sort-key prefix needs ${prefix.map((s) => (typeof s === "string" ? s : s.facet)).join(", ")}`);
  return `${key}#`;
}

/** The index attributes of an item with these facets; an index whose facets it lacks gets none, which keeps the item out of it. */
function keysOf(facets: Partial<KeyFacets> & Pick<KeyFacets, "caseId">): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const index of Object.keys(caseIndexes) as CaseIndexName[]) {
    const { pk, sk } = caseIndexes[index];
    const partition = compose(pk.segments, facets);
    const orderedBy = facets[sk.orderedBy];
    if (partition === undefined || orderedBy === undefined) continue;
    keys[pk.attribute] = partition;
    keys[sk.attribute] = `${sortPrefix(index, facets)}${orderedBy}#${facets.caseId}`;
  }
  return keys;
}

/** The index attributes of a case item. */
export const indexKeys = (record: CaseRecord): Record<string, string> => keysOf(keyFacetsOf(record));

/**
 * One small item per sender key of a case (a case has up to two: phone, identity number), written with
 * the case: its facets are the key, the case id and the receipt, so it is in bySender and in no other
 * index. The keyed hash and the case id, never the identity; the rules read the case for the rest
 * (filing-index.ts).
 */
export const senderItems = (record: CaseRecord): Record<string, unknown>[] =>
  (record.senderKeys ?? []).map((senderKey) => ({
    ...caseKeys.sender(record.caseId, senderKey),
    ...keysOf({ caseId: record.caseId, receivedAt: record.receivedAt, senderKey }),
    caseId: record.caseId,
    entity: "sender",
  }));

/** The stored case item: the record, its keys and its index keys. Written whole, so an index key it no longer has is gone. */
export const caseItem = (record: CaseRecord): Record<string, unknown> => ({
  ...record,
  ...caseKeys.case(record.caseId),
  ...indexKeys(record),
  entity: "case",
});

/** The stored event item. */
export const eventItem = (event: CaseEvent): Record<string, unknown> => ({ ...event, ...caseKeys.event(event.caseId, event.seq), entity: "event" });
