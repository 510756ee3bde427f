// The stream consumers on AWS: one event source mapping per manifest consumer with the settings that make
// a stream safe to consume (bisect, partial batch failures, capped retries, a maximum record age, TRIM_HORIZON),
// an encrypted SSL-only failure queue with an alarm on its depth, the Stats table granted to the aggregator only;
// cdk-nag finds nothing unacknowledged.
import { Match, type Template } from "aws-cdk-lib/assertions";
import type { CfnResource } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { streamConsumers } from "#routes";
import { tableEnvVar } from "#tables";
import type { DonThuStack } from "../../infra/stack.ts";
import type { Finding } from "./synth.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;
let findings: readonly Finding[];

beforeAll(() => {
  ({ stack, template, findings } = synthesized("streams"));
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);

describe("stream consumers", () => {
  it("should find nothing cdk-nag does not see acknowledged", () => {
    expect(findings).toEqual([]);
  });

  it("should map each manifest consumer to its source table's stream with the safe settings", () => {
    const mappings = template.findResources("AWS::Lambda::EventSourceMapping");
    expect(Object.keys(mappings)).toHaveLength(streamConsumers.length);
    for (const def of streamConsumers) {
      const consumer = stack.streams.consumers.get(def.name);
      if (!consumer) throw new Error(`no consumer ${def.name}`);
      template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        FunctionName: { Ref: logicalId(consumer.fn.function) },
        EventSourceArn: { "Fn::GetAtt": [logicalId(stack.tables[def.source].table), "StreamArn"] },
        StartingPosition: "TRIM_HORIZON",
        BatchSize: def.batchSize ?? 100,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        MaximumRetryAttempts: 3,
        MaximumRecordAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [logicalId(consumer.failures), "Arn"] } } },
      });
    }
  });

  it("should keep what was given up on in an encrypted queue that refuses plain HTTP, and alarm on one message", () => {
    const consumer = stack.streams.consumers.get("AggregateCases");
    if (!consumer) throw new Error("no AggregateCases consumer");
    const queueId = logicalId(consumer.failures);

    template.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    expect(template.toJSON().Resources[queueId].Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId, "QueueName"] } }],
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 1,
    });
  });

  it("should tell the aggregator the Stats table, and give it the Stats table only among the data tables", () => {
    const consumer = stack.streams.consumers.get("AggregateCases");
    if (!consumer) throw new Error("no AggregateCases consumer");
    const fn = template.toJSON().Resources[logicalId(consumer.fn.function)];
    const roleId = logicalId(consumer.fn.role);
    const statements = Object.values(template.findResources("AWS::IAM::Policy"))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const on = (table: "cases" | "stats" | "reference") => statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId(stack.tables[table].table)}"`)).flatMap((s) => [s.Action].flat());

    expect(Object.keys(fn.Properties.Environment.Variables)).toContain(tableEnvVar("stats"));
    expect(on("stats")).toEqual(expect.arrayContaining(["dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"]));
    expect(on("reference")).toEqual([]);
    expect(on("cases").every((a) => a.startsWith("dynamodb:") && /Stream|DescribeStream|GetRecords|GetShardIterator/.test(a))).toBe(true);
    expect(fn.Properties.Timeout).toBe(60);
  });
});
