// The one definition of every DynamoDB table: keys, indexes, stream, TTL.
// Read by the CDK stack (infra/) and by the local runtime (local/) so the two cannot drift.

export type AttributeType = "S" | "N";
export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}
export type Projection = "ALL" | "KEYS_ONLY";
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly projection: Projection;
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

// ---- the indexes of the Cases table, declared once ----
// In the manner of ElectroDB's entity indexes: each index names the access pattern of DOMAIN.md it
// serves and how its keys are composed from a case's facets. The table definition below derives from
// it, and so do shared/adapters/case-keys.ts's builders: the index keys of a case item, and the
// partitions and sort-key prefixes the queries ask for.

/** The facts of a case its index keys are composed of (read off a case by case-keys.ts's keyFacetsOf). */
export interface KeyFacets {
  readonly caseId: string;
  /** From the (random) case id: spreads the keys without a unit over partitions, so none is hot. */
  readonly shard: number;
  readonly status: string;
  readonly kind: string;
  readonly receivedAt: string;
  readonly unitId?: string;
  /** The due date of the current stage, while its clock runs. */
  readonly dueAt?: string;
  /** A sender item's one sender key: the keyed hash of the phone or of the identity number, never the plaintext (case items have none). */
  readonly senderKey?: string;
  /** The case's shard once a step of it was back-dated (entered more than 3 days after it took effect), and only then. */
  readonly backdatedShard?: number;
  /** The case's shard while it is an open repeat filing (its matter filed more than once), and only then. */
  readonly repeatShard?: number;
}
export type Facet = keyof KeyFacets;
/** A part of a key: a fixed label, or a facet of the case. Parts are joined with `#`. */
export type Segment = string | { readonly facet: Facet };

const facet = <F extends Facet>(name: F): { readonly facet: F } => ({ facet: name });

export interface CaseIndexDeclaration {
  /** The access pattern of DOMAIN.md the index serves. */
  readonly serves: string;
  readonly pk: { readonly attribute: string; readonly segments: readonly Segment[] };
  /**
   * The sort key: its prefix segments, then the order key `<orderedBy>#<caseId>`, which the staff list's
   * merge and cursor read. A case without a facet of the partition key or `orderedBy` is not in the index.
   */
  readonly sk: { readonly attribute: string; readonly prefix: readonly Segment[]; readonly orderedBy: "receivedAt" | "dueAt" };
  readonly projection: Projection;
}

export const caseIndexes = {
  byStatus: {
    serves: "2. the reception queue (received cases, oldest first); a status over every unit; the open cases a recompute reads",
    pk: { attribute: "gsiStatusPk", segments: ["S", facet("status"), facet("shard")] },
    sk: { attribute: "gsiStatusSk", prefix: [], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byKind: {
    serves: "3. the cases of one kind by status, over every unit",
    pk: { attribute: "gsiKindPk", segments: ["K", facet("kind"), facet("shard")] },
    sk: { attribute: "gsiKindSk", prefix: [facet("status")], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byReceipt: {
    serves: "every case by receipt, oldest or newest first (the staff list without a filter)",
    pk: { attribute: "gsiAllPk", segments: ["ALL", facet("shard")] },
    sk: { attribute: "gsiAllSk", prefix: [], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byUnit: {
    serves: "3. a unit's cases by status, oldest or newest first",
    pk: { attribute: "gsiUnitPk", segments: ["U", facet("unitId")] },
    sk: { attribute: "gsiUnitSk", prefix: [facet("status")], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byUnitKind: {
    serves: "3. a unit's cases by status, filtered by kind",
    pk: { attribute: "gsiUnitKindPk", segments: ["U", facet("unitId"), "K", facet("kind")] },
    sk: { attribute: "gsiUnitKindSk", prefix: [facet("status")], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byDue: {
    serves: "4. open cases by the due date of their current stage, across units: the overdue register, the approaching list, the sweep",
    pk: { attribute: "gsiDuePk", segments: ["DUE", facet("shard")] },
    sk: { attribute: "gsiDueSk", prefix: [], orderedBy: "dueAt" },
    projection: "ALL",
  },
  byUnitDue: {
    serves: "4. a unit's open cases by the due date of their current stage",
    pk: { attribute: "gsiUnitDuePk", segments: ["UDUE", facet("unitId")] },
    sk: { attribute: "gsiUnitDueSk", prefix: [], orderedBy: "dueAt" },
    projection: "ALL",
  },
  bySender: {
    serves: "6. earlier filings by the same sender, through the keyed hash: one sender item per key of a case (a phone, an identity number), not the case items",
    pk: { attribute: "gsiSenderPk", segments: ["SENDER", facet("senderKey")] },
    sk: { attribute: "gsiSenderSk", prefix: [], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byRepeat: {
    serves: "6. the open repeat filings, by receipt: the third filing of a matter is prolonged from the day it is filed, which no date range finds",
    pk: { attribute: "gsiRepeatPk", segments: ["REPEAT", facet("repeatShard")] },
    sk: { attribute: "gsiRepeatSk", prefix: [], orderedBy: "receivedAt" },
    projection: "ALL",
  },
  byBackdated: {
    serves: "the cases with a back-dated step (GET /staff/cases?flag=backdated), by receipt: inspectors review what paper moved",
    pk: { attribute: "gsiBackdatedPk", segments: ["BACKDATED", facet("backdatedShard")] },
    sk: { attribute: "gsiBackdatedSk", prefix: [], orderedBy: "receivedAt" },
    projection: "ALL",
  },
} as const satisfies Record<string, CaseIndexDeclaration>;

export type CaseIndexName = keyof typeof caseIndexes;

/** The table's view of the declaration: names, key attributes and projections. */
const indexDefinitions = (declared: Record<string, CaseIndexDeclaration>): IndexDefinition[] =>
  Object.entries(declared).map(([indexName, ix]) => ({ indexName, partitionKey: s(ix.pk.attribute), sortKey: s(ix.sk.attribute), projection: ix.projection }));

export const tables = {
  /** Cases, their events and their lookup items (tracking code → case): one table, generic keys. */
  cases: {
    logicalName: "Cases",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    // Sparse indexes over case items (bySender over sender items), declared in caseIndexes above.
    indexes: indexDefinitions(caseIndexes),
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
  /**
   * Stream records a consumer could not process, kept until an admin replays them (shared/adapters/failed-records.ts):
   *   FAILED · <consumer>.<eventID>   one item per consumer and record: a redelivery of the record overwrites it
   * One fixed partition, read with a Query: failures are rare, and an empty store is the normal state.
   */
  failedRecords: {
    logicalName: "FailedRecords",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    indexes: [],
  },
  /**
   * Idempotency claims (shared/adapters/idempotency.ts), written in the transaction of the case they answer:
   * `id` the hash of route and key, `requestHash`, `answer` (sealed), `expiration` (epoch seconds, 24 hours on).
   */
  idempotency: {
    logicalName: "Idempotency",
    partitionKey: s("id"),
    indexes: [],
    timeToLiveAttribute: "expiration",
  },
  /**
   * Abuse limits (shared/adapters/abuse-store.ts), each item forgotten by TTL:
   *   RATE#<scope>#<seconds>#<window start>#<client hash>   a client's requests in one fixed window
   *   SPENT#<hash of the challenge>                         a spent proof-of-work solution, until just after it expires
   */
  abuse: {
    logicalName: "Abuse",
    partitionKey: s("pk"),
    indexes: [],
    timeToLiveAttribute: "expiresAt",
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
