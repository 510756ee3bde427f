// The Cases table's index keys: what the builders write on a case item (and on its sender items) and ask
// for in a query is what shared/tables.ts's caseIndexes declares, and the table definition lists exactly
// those indexes.
import { describe, expect, it } from "vitest";
import { indexKeys, keyAttributesOf, keyFacetsOf, partitionKey, senderItems, shardOf, sortPrefix } from "#adapters/case-keys.ts";
import type { CaseRecord } from "#domain/case.ts";
import { caseIndexes, tables, type CaseIndexName } from "#tables";

const caseId = "3a7c7b8e-3f1c-4d1e-9a55-1f2e3d4c5b6a"; // 0x3a = 58: shard 2 of 8
const receivedAt = "2026-03-02T01:00:00.000Z";
const dueAt = "2026-03-16T16:59:59.999Z";
const deadline = (at: string) => ({ dueAt: at, dueDate: at.slice(0, 10), basis: "b", explanation: { steps: [], vi: "", en: "" } });

const open = {
  caseId,
  trackingCode: "CODE-1",
  kind: "petition",
  subject: "Kiến nghị",
  content: "nội dung",
  channel: "online",
  language: "vi",
  status: "received",
  anonymous: false,
  receivedAt,
  updatedAt: receivedAt,
  version: 2,
  unitId: "so-tn-mt",
  senderKeys: ["k3y", "1d"],
  filingCount: 2,
  backdated: true,
  deadlines: { processing: deadline(dueAt) },
  lastAt: receivedAt,
  lastSeq: 2,
  lastHash: "h",
} as unknown as CaseRecord;
const { unitId: _unit, senderKeys: _sender, filingCount: _count, backdated: _backdated, ...unclassified } = open;
const closed = { ...unclassified, status: "closed" } as CaseRecord;
const indexNames = Object.keys(caseIndexes) as CaseIndexName[];

describe("index keys of a case item", () => {
  it("should compose every declared index key of an open, back-dated repeat filing with a unit and a running clock, but the sender's", () => {
    expect(shardOf(caseId)).toBe(2);

    expect(indexKeys(open)).toEqual({
      gsiStatusPk: "S#received#2",
      gsiStatusSk: `${receivedAt}#${caseId}`,
      gsiKindPk: "K#petition#2",
      gsiKindSk: `received#${receivedAt}#${caseId}`,
      gsiAllPk: "ALL#2",
      gsiAllSk: `${receivedAt}#${caseId}`,
      gsiUnitPk: "U#so-tn-mt",
      gsiUnitSk: `received#${receivedAt}#${caseId}`,
      gsiUnitKindPk: "U#so-tn-mt#K#petition",
      gsiUnitKindSk: `received#${receivedAt}#${caseId}`,
      gsiDuePk: "DUE#2",
      gsiDueSk: `${dueAt}#${caseId}`,
      gsiUnitDuePk: "UDUE#so-tn-mt",
      gsiUnitDueSk: `${dueAt}#${caseId}`,
      gsiRepeatPk: "REPEAT#2",
      gsiRepeatSk: `${receivedAt}#${caseId}`,
      gsiBackdatedPk: "BACKDATED#2",
      gsiBackdatedSk: `${receivedAt}#${caseId}`,
    });
  });

  it("should file a case under each of its sender keys in a sender item of its own, in bySender alone", () => {
    expect(senderItems(open)).toEqual(
      ["k3y", "1d"].map((key) => ({
        pk: `CASE#${caseId}`,
        sk: `SENDER#${key}`,
        gsiSenderPk: `SENDER#${key}`,
        gsiSenderSk: `${receivedAt}#${caseId}`,
        caseId,
        entity: "sender",
      })),
    );
  });

  it("should keep a case out of the sparse indexes whose facets it lacks: no unit, no running clock, not an open repeat filing, no back-dated step", () => {
    expect(indexKeys(closed)).toEqual({
      gsiStatusPk: "S#closed#2",
      gsiStatusSk: `${receivedAt}#${caseId}`,
      gsiKindPk: "K#petition#2",
      gsiKindSk: `closed#${receivedAt}#${caseId}`,
      gsiAllPk: "ALL#2",
      gsiAllSk: `${receivedAt}#${caseId}`,
    });
  });

  it("should write exactly the declared key attributes, and the table definition should list exactly the declared indexes", () => {
    const declared = indexNames.flatMap((n) => [caseIndexes[n].pk.attribute, caseIndexes[n].sk.attribute]);

    const written = [indexKeys(open), ...senderItems(open)].flatMap((keys) => Object.keys(keys).filter((k) => k.startsWith("gsi")));
    expect([...new Set(written)].sort()).toEqual([...declared].sort());
    expect(tables.cases.indexes).toEqual(
      indexNames.map((n) => ({
        indexName: n,
        partitionKey: { name: caseIndexes[n].pk.attribute, type: "S" },
        sortKey: { name: caseIndexes[n].sk.attribute, type: "S" },
        projection: caseIndexes[n].projection,
      })),
    );
  });
});

describe("query keys", () => {
  it.each(indexNames)("%s: the partition and sort-key prefix a query asks for are those of the items it must find", (index) => {
    const [sender] = senderItems(open);
    const facets = index === "bySender" ? { senderKey: "k3y" } : keyFacetsOf(open);
    const item = (index === "bySender" ? sender : indexKeys(open)) as Record<string, string>;
    const { pk, sk } = keyAttributesOf(index);
    const orderKey = `${caseIndexes[index].sk.orderedBy === "dueAt" ? dueAt : receivedAt}#${caseId}`;

    expect(partitionKey(index, facets as never)).toBe(item[pk]);
    expect(sortPrefix(index, facets) + orderKey).toBe(item[sk]);
  });

  it("should name the facet a partition or a prefix lacks", () => {
    expect(() => partitionKey("byUnit", {} as never)).toThrow("byUnit: a partition needs unitId");
    expect(() => sortPrefix("byKind", {})).toThrow("byKind: a sort-key prefix needs status");
    expect(sortPrefix("byDue", {})).toBe("");
  });
});
