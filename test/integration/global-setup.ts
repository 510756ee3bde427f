// Starts one DynamoDB Local (in memory) for the integration tier; each test file makes its own tables.
import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "#local/dynamodb.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal();
  project.provide("dynamodbEndpoint", db.endpoint);
  return () => db.stop();
}
