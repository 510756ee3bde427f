// The one definition of every DynamoDB table: keys, indexes, stream, TTL.
// Read by the CDK stack (infra/) and by the local runtime (local/) so the two cannot drift.

export type AttributeType = "S" | "N";
export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}
export interface TableDefinition {
  /** Logical name; the physical name is chosen by CloudFormation or the local runtime. */
  readonly logicalName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  readonly stream?: "NEW_AND_OLD_IMAGES" | "NEW_IMAGE";
  readonly timeToLiveAttribute?: string;
}

const s = (name: string): KeyAttribute => ({ name, type: "S" });
const index = (indexName: string, pk: string, sk: string): IndexDefinition => ({ indexName, partitionKey: s(pk), sortKey: s(sk) });

export const tables = {
  /** Cases, their events and their lookup items (tracking code → case): one table, generic keys. */
  cases: {
    logicalName: "Cases",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    // Sparse indexes over case items (bySender also over sender items); shared/adapters/case-keys.ts writes their keys and names
    // the access pattern each serves. Keys without a unit are spread over shards so none is hot.
    indexes: [
      index("byStatus", "gsiStatusPk", "gsiStatusSk"), // S#<status>#<shard> · receivedAt: reception queue, status lists
      index("byKind", "gsiKindPk", "gsiKindSk"), // K#<kind>#<shard> · status#receivedAt
      index("byReceipt", "gsiAllPk", "gsiAllSk"), // ALL#<shard> · receivedAt: every case
      index("byUnit", "gsiUnitPk", "gsiUnitSk"), // U#<unit> · status#receivedAt: a unit's cases by status
      index("byUnitKind", "gsiUnitKindPk", "gsiUnitKindSk"), // U#<unit>#K#<kind> · status#receivedAt
      index("byDue", "gsiDuePk", "gsiDueSk"), // DUE#<shard> · dueAt: open cases by current deadline
      index("byUnitDue", "gsiUnitDuePk", "gsiUnitDueSk"), // UDUE#<unit> · dueAt
      // SENDER#<keyed hash> · receivedAt: a sender's earlier filings (one sender item per key, not case items);
      // REPEAT#<shard> · receivedAt: open repeat filings (case items), which the prolonged list reads
      index("bySender", "gsiSenderPk", "gsiSenderSk"),
    ],
    stream: "NEW_AND_OLD_IMAGES",
  },
  /** Reference data: units, calendar adjustments by year, deadline policy versions. */
  reference: {
    logicalName: "Reference",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    indexes: [],
  },
  /**
   * Aggregates kept by the Cases stream consumer (functions/aggregate-cases.ts; shared/adapters/aggregates.ts):
   *   DAY#<yyyy-mm> · <yyyy-mm-dd>#<unitId|->#<kind>   counters of one unit × kind × local day; a report
   *                                                   reads a period with one Query per month
   *   CASEVER#<caseId> · CASEVER                       the case version last counted and what was counted
   */
  stats: {
    logicalName: "Stats",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    indexes: [],
  },
  /** Idempotency records of Powertools' DynamoDB persistence layer; expire after 24 hours. */
  idempotency: {
    logicalName: "Idempotency",
    partitionKey: s("id"),
    indexes: [],
    timeToLiveAttribute: "expiration",
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;
export const tableKeys = Object.keys(tables) as TableKey[];

/** The environment variable through which a function learns a table's physical name. */
export const tableEnvVar = (key: TableKey): string => `TABLE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export function tableName(key: TableKey, env: NodeJS.ProcessEnv = process.env): string {
  const name = env[tableEnvVar(key)];
  if (!name) throw new Error(`${tableEnvVar(key)} is not set`);
  return name;
}
