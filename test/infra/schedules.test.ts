// The manifest's schedules on AWS: one EventBridge Scheduler schedule per entry at its rate invoking its
// function, an encrypted SSL-only dead-letter queue with an alarm on its depth, the function's async
// failures sent there, and SES permission for the sender identity given by context, for that sender only.
import type { CfnResource } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { schedules } from "#routes";
import { tableEnvVar } from "#tables";
import type { DonThuStack } from "../../infra/stack.ts";
import { notifyContext } from "./configurations.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;
let nagFindings: string[];

/** Synthesized with the notify context and cdk-nag, without bundling handlers (test/infra/stack.test.ts bundles them). */
beforeAll(() => {
  const synth = synthesized("schedules");
  ({ stack, template } = synth);
  nagFindings = synth.findings.map((f) => `${f.rule} ${f.paths.join(" ")}`);
});

const logicalId = (resource: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(resource.node.defaultChild as CfnResource);
const sweep = schedules.find((s) => s.name === "Sweep")!;

describe("schedules", () => {
  it("should leave no cdk-nag finding unacknowledged, with notifications on", () => {
    expect(nagFindings).toEqual([]);
  });

  it("should invoke the sweep's function every 15 minutes through EventBridge Scheduler, with retries and the DLQ", () => {
    const fnId = logicalId(stack.scheduled.functions.get("Sweep")!.function);
    const dlqId = logicalId(stack.scheduled.deadLetterQueue);

    template.resourceCountIs("AWS::Scheduler::Schedule", schedules.length);
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: `rate(${sweep.everyMinutes} minutes)`,
      State: "ENABLED",
      Target: Match.objectLike({
        Arn: { "Fn::GetAtt": [fnId, "Arn"] },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [dlqId, "Arn"] } },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: sweep.everyMinutes * 60 },
      }),
    });
  });

  it("should send a run that failed after Lambda's two retries to the same DLQ", () => {
    const dlqId = logicalId(stack.scheduled.deadLetterQueue);

    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: logicalId(stack.scheduled.functions.get("Sweep")!.function) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [dlqId, "Arn"] } } },
    });
  });

  it("should keep the DLQ encrypted and refuse any request without TLS", () => {
    const dlqId = logicalId(stack.scheduled.deadLetterQueue);

    expect(template.toJSON().Resources[dlqId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } }, Principal: { AWS: "*" } }),
        ]),
      },
    });
  });

  it("should alarm as soon as one message sits in the DLQ", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [logicalId(stack.scheduled.deadLetterQueue), "QueueName"] } }],
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 1,
    });
  });

  it("should give the sweep its tables, the identity key and the notify configuration from context", () => {
    const fn = template.toJSON().Resources[logicalId(stack.scheduled.functions.get("Sweep")!.function)].Properties;

    expect(fn.Timeout).toBe((sweep.everyMinutes - 1) * 60);
    expect(Object.keys(fn.Environment.Variables)).toEqual(expect.arrayContaining([tableEnvVar("cases"), tableEnvVar("reference"), "IDENTITY_KMS_KEY_ARN"]));
    expect(fn.Environment.Variables).toMatchObject({
      NOTIFY_FROM: notifyContext.senderEmail,
      NOTIFY_INSPECTION_TO: notifyContext.notifyInspectionTo,
      NOTIFY_LEADERSHIP_TO: notifyContext.notifyLeadershipTo,
      NOTIFY_UNIT_HEADS: notifyContext.notifyUnitHeads,
    });
    expect(fn.Environment.Variables[tableEnvVar("idempotency")]).toBeUndefined();
  });

  it("should let the sweep send mail only as the sender identity (address or its domain) and only from that address", () => {
    const roleId = logicalId(stack.scheduled.functions.get("Sweep")!.role);
    const statements = Object.values(template.findResources("AWS::IAM::Policy"))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes("ses:"));

    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { "ses:FromAddress": notifyContext.senderEmail } });
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(":identity/no-reply@thanhtra.example.gov.vn");
    expect(resources).toContain(":identity/thanhtra.example.gov.vn");
    expect(resources).not.toContain("*");
  });

  it("should give the stream consumer that notifies citizens the sender and SES, and the aggregator neither", () => {
    const variables = (name: string) =>
      template.toJSON().Resources[logicalId(stack.streams.consumers.get(name)!.fn.function)].Properties.Environment.Variables as Record<string, unknown>;

    expect(variables("NotifyOnEvent")).toMatchObject({ NOTIFY_FROM: notifyContext.senderEmail });
    expect(variables("AggregateCases").NOTIFY_FROM).toBeUndefined();
  });
});
