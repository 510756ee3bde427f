// Points this test file's process at DynamoDB Local, with tables of its own, and a local seal key.
import { randomBytes, randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTables, localClient, tableEnv } from "#local/dynamodb.ts";

export async function useLocalTables(): Promise<{ endpoint: string; prefix: string }> {
  const endpoint = inject("dynamodbEndpoint");
  const prefix = `t${randomUUID().slice(0, 8)}`;
  await ensureTables(localClient(endpoint), prefix); // refuses an endpoint that is not local
  Object.assign(process.env, tableEnv(prefix), {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: "local",
    SEAL_LOCAL_KEY: randomBytes(32).toString("base64"),
  });
  return { endpoint, prefix };
}
