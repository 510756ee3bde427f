// Keys of the Cases table: the items of a case, and the index keys each case item carries for the
// access patterns of DOMAIN.md. Keys without a unit are spread over SHARDS partitions so none is hot.
import { currentDueAt, isOpen, type CaseEvent, type CaseRecord } from "#domain/case.ts";

export const SHARDS = 8;

export const caseKeys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: "CASE" }),
  event: (caseId: string, seq: number) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${String(seq).padStart(6, "0")}` }),
  tracking: (canonical: string) => ({ pk: `TRACK#${canonical}`, sk: "TRACK" }),
  /** A case's entry under one of its sender keys, in the case's partition. */
  sender: (caseId: string, senderKey: string) => ({ pk: `CASE#${caseId}`, sk: `SENDER#${senderKey}` }),
};

/** A case's shard: stable, from its (random) id. */
export const shardOf = (caseId: string): number => parseInt(caseId.slice(0, 2), 16) % SHARDS;

export { currentDueAt };

export const indexPartition = {
  status: (status: string, shard: number) => `S#${status}#${shard}`,
  kind: (kind: string, shard: number) => `K#${kind}#${shard}`,
  all: (shard: number) => `ALL#${shard}`,
  unit: (unitId: string) => `U#${unitId}`,
  unitKind: (unitId: string, kind: string) => `U#${unitId}#K#${kind}`,
  due: (shard: number) => `DUE#${shard}`,
  unitDue: (unitId: string) => `UDUE#${unitId}`,
  sender: (senderKey: string) => `SENDER#${senderKey}`,
  repeat: (shard: number) => `REPEAT#${shard}`,
};

/** The index attributes of a case item; absent ones keep the item out of that (sparse) index. */
export function indexKeys(record: CaseRecord): Record<string, string> {
  const shard = shardOf(record.caseId);
  const received = `${record.receivedAt}#${record.caseId}`;
  const byStatus = `${record.status}#${received}`;
  const dueAt = currentDueAt(record);
  return {
    gsiStatusPk: indexPartition.status(record.status, shard),
    gsiStatusSk: received,
    gsiKindPk: indexPartition.kind(record.kind, shard),
    gsiKindSk: byStatus,
    gsiAllPk: indexPartition.all(shard),
    gsiAllSk: received,
    ...(record.unitId && {
      gsiUnitPk: indexPartition.unit(record.unitId),
      gsiUnitSk: byStatus,
      gsiUnitKindPk: indexPartition.unitKind(record.unitId, record.kind),
      gsiUnitKindSk: byStatus,
    }),
    ...(dueAt && { gsiDuePk: indexPartition.due(shard), gsiDueSk: `${dueAt}#${record.caseId}` }),
    ...(dueAt && record.unitId && { gsiUnitDuePk: indexPartition.unitDue(record.unitId), gsiUnitDueSk: `${dueAt}#${record.caseId}` }),
    // bySender holds a sender's filings (sender items below) and, on case items, the open repeat filings:
    // the third filing of a matter is prolonged from the day it is filed, which no date range finds.
    ...(isOpen(record.status) && (record.filingCount ?? 1) > 1 && { gsiSenderPk: indexPartition.repeat(shard), gsiSenderSk: received }),
  };
}

/**
 * One small item per sender key of a case (a case has up to two: phone, identity number), written with
 * the case: how the bySender index finds a sender's earlier filings. The keyed hash and the case id,
 * never the identity; the rules read the case itself for the rest (filing-index.ts).
 */
export const senderItems = (record: CaseRecord): Record<string, unknown>[] =>
  (record.senderKeys ?? []).map((key) => ({
    ...caseKeys.sender(record.caseId, key),
    gsiSenderPk: indexPartition.sender(key),
    gsiSenderSk: `${record.receivedAt}#${record.caseId}`,
    caseId: record.caseId,
    entity: "sender",
  }));

/** Index attribute names, to remove the ones a case no longer carries when it is rewritten. */
export const indexAttributes = [
  "gsiStatusPk", "gsiStatusSk", "gsiKindPk", "gsiKindSk", "gsiAllPk", "gsiAllSk", "gsiUnitPk", "gsiUnitSk",
  "gsiUnitKindPk", "gsiUnitKindSk", "gsiDuePk", "gsiDueSk", "gsiUnitDuePk", "gsiUnitDueSk", "gsiSenderPk", "gsiSenderSk",
] as const;

/** The stored case item: the record, its keys and its index keys. */
export const caseItem = (record: CaseRecord): Record<string, unknown> => ({
  ...record,
  ...caseKeys.case(record.caseId),
  ...indexKeys(record),
  entity: "case",
});

/** The stored event item. */
export const eventItem = (event: CaseEvent): Record<string, unknown> => ({ ...event, ...caseKeys.event(event.caseId, event.seq), entity: "event" });
