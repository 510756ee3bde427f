// Points this test file's process at DynamoDB Local, with tables of its own, a local seal key and an anchor folder.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { testAbuseEnv } from "./challenge.ts";
import { ensureTables, localClient, localTableNames, tableEnv } from "#local/dynamodb.ts";

export async function useLocalTables(): Promise<{ endpoint: string; prefix: string }> {
  const endpoint = inject("dynamodbEndpoint");
  const prefix = `t${randomUUID().slice(0, 8)}`;
  await ensureTables(localClient(endpoint), prefix); // refuses an endpoint that is not local
  Object.assign(process.env, tableEnv(prefix), {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: "local",
    SEAL_LOCAL_KEY: randomBytes(32).toString("base64"),
    // The audit anchors of this test file (the anchor consumer writes them; the audit reads them).
    AUDIT_ANCHOR_DIR: mkdtempSync(join(tmpdir(), "don-thu-anchors-")),
    // What the runtime sets from its cognito-local; tests that sign in for real use local/auth.
    STAFF_POOL_ID: "local_test",
    STAFF_CLIENT_ID: "test-client",
    STAFF_POOL_REGION: "local",
    ...testAbuseEnv,
  });
  return { endpoint, prefix };
}

/** Every item of every table of this test file, raw: what someone with read access to the tables would see. */
export async function rawItems(endpoint: string, prefix: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(localClient(endpoint));
  const out: Record<string, unknown>[] = [];
  for (const name of Object.values(localTableNames(prefix))) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start }));
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}
