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

export const tables = {
  /** Cases, their events and their lookup items (tracking code → case): one table, generic keys. */
  cases: {
    logicalName: "Cases",
    partitionKey: s("pk"),
    sortKey: s("sk"),
    indexes: [],
    stream: "NEW_AND_OLD_IMAGES",
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
