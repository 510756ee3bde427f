// The failure store on AWS: its table (from shared/tables.ts, retained, PITR), reached only by the stream
// consumers (which may only write it) and the two admin routes (the list reads it, the replay reads and
// writes it, with the consumers' own tables, seal key and sender); every consumer's event source mapping
// keeps bounded retries and an encrypted on-failure queue as the last resort; cdk-nag finds nothing.
import type { CfnResource } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { streamConsumers } from "#routes";
import { tableEnvVar } from "#tables";
import type { DonThuStack } from "../../infra/stack.ts";
import type { ProjectFunction } from "../../infra/project-function.ts";
import type { Finding } from "./synth.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;
let findings: readonly Finding[];

beforeAll(() => {
  // The real manifest with notifications configured, as `cdk deploy -c senderEmail=…` builds it.
  ({ stack, template, findings } = synthesized("schedules"));
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
const storeId = () => logicalId(stack.tables.failedRecords.table);

/** Every function of the stack (routes, consumers, schedules) by name. */
function allFunctions(): Map<string, ProjectFunction> {
  const out = new Map<string, ProjectFunction>(stack.functions);
  for (const [name, c] of stack.streams.consumers) out.set(name, c.fn);
  for (const [name, fn] of stack.scheduled.functions) out.set(name, fn);
  return out;
}

/** The DynamoDB actions a function's role is granted on the failure store. */
function storeActions(fn: ProjectFunction): string[] {
  const roleId = logicalId(fn.role);
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
    .filter((s) => JSON.stringify(s.Resource).includes(`"${storeId()}"`))
    .flatMap((s) => [s.Action].flat())
    .sort();
}

const envOf = (fn: ProjectFunction): Record<string, unknown> => template.toJSON().Resources[logicalId(fn.function)].Properties.Environment?.Variables ?? {};

describe("the failure store of the stream consumers", () => {
  it("should find nothing cdk-nag does not see acknowledged", () => {
    expect(findings).toEqual([]);
  });

  it("should be a retained, point-in-time-recoverable table keyed pk · sk, with no index and no stream", () => {
    const table = template.toJSON().Resources[storeId()];

    expect(table.Type).toBe("AWS::DynamoDB::GlobalTable");
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.StreamSpecification).toBeUndefined();
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it("should be reached by the consumers and the two admin routes only: the consumers write, the list reads, the replay does both", () => {
    const reaching = [...allFunctions()].filter(([, fn]) => storeActions(fn).length > 0 || tableEnvVar("failedRecords") in envOf(fn)).map(([name]) => name);
    const actions = Object.fromEntries(reaching.map((name) => [name, storeActions(allFunctions().get(name)!)]));

    expect(reaching.sort()).toEqual([...streamConsumers.map((c) => c.name), "ListFailedRecords", "ReplayFailedRecord"].sort());
    for (const c of streamConsumers) {
      expect(actions[c.name], c.name).toEqual(expect.arrayContaining(["dynamodb:UpdateItem", "dynamodb:PutItem"]));
      expect(actions[c.name]!.filter((a) => /Get|Query|Scan/.test(a)), c.name).toEqual([]);
    }
    expect(actions.ListFailedRecords).toEqual(expect.arrayContaining(["dynamodb:Query", "dynamodb:GetItem"]));
    expect(actions.ListFailedRecords!.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    expect(actions.ReplayFailedRecord).toEqual(expect.arrayContaining(["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]));
  });

  it("should give the replay the consumers' tables, the seal key and the sender, as the consumers have them", () => {
    const replay = stack.functions.get("ReplayFailedRecord")!;
    const env = envOf(replay);

    expect(Object.keys(env)).toEqual(expect.arrayContaining([tableEnvVar("failedRecords"), tableEnvVar("stats"), tableEnvVar("cases"), "SEAL_KMS_KEY_ARN", "NOTIFY_FROM"]));
    expect(Object.keys(env)).not.toContain(tableEnvVar("reference"));
  });

  it("should keep, as the last resort behind the store, bounded retries and an encrypted on-failure queue on every consumer's mapping", () => {
    for (const def of streamConsumers) {
      const consumer = stack.streams.consumers.get(def.name)!;
      const queue = template.toJSON().Resources[logicalId(consumer.failures)];

      template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        FunctionName: { Ref: logicalId(consumer.fn.function) },
        MaximumRetryAttempts: 3,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [logicalId(consumer.failures), "Arn"] } } },
      });
      expect(queue.Properties.SqsManagedSseEnabled, def.name).toBe(true);
    }
  });
});
