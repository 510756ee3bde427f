// One function per entry of the manifest's `schedules`, invoked by EventBridge Scheduler at its rate, and
// one dead-letter queue for all of them with an alarm on its depth. Scheduler invokes Lambda asynchronously:
// a run that fails (the sweep throws when a case failed) is retried twice by Lambda, then sent to the DLQ by
// the function's on-failure destination; a delivery Scheduler cannot make lands in the same DLQ.
// Notifiers (the sweep here; the stream consumers through `bindNotifier`) send with SES as the identity
// given by `-c senderEmail=...`; without it they record but send nothing.
import { Duration, Stack, Validations } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import path from "node:path";
import type { Access, ScheduleDefinition } from "#routes";
import type { TableKey } from "#tables";
import type { AuditTrail } from "./audit.ts";
import { ProjectFunction } from "./project-function.ts";
import type { ProjectTable } from "./project-table.ts";

/** Who the notifiers write to and as whom: CDK context, e.g. `-c senderEmail=no-reply@thanhtra.example.gov.vn`. */
export interface NotifyConfig {
  /** The SES identity (an address, or an address of a verified domain) the mail is sent from. */
  readonly senderEmail?: string | undefined;
  /** `unitId=address` pairs, comma-separated: the head of each unit (level 1). */
  readonly unitHeads?: string | undefined;
  readonly unitHeadDefault?: string | undefined;
  readonly inspectionTo?: string | undefined;
  readonly leadershipTo?: string | undefined;
}

/** The notify configuration from the app's context: senderEmail, notifyUnitHeads, notifyUnitHeadDefault, notifyInspectionTo, notifyLeadershipTo. */
export function notifyConfigFromContext(scope: Construct): NotifyConfig {
  const context = (key: string): string | undefined => {
    const value: unknown = scope.node.tryGetContext(key);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  return {
    senderEmail: context("senderEmail"),
    unitHeads: context("notifyUnitHeads"),
    unitHeadDefault: context("notifyUnitHeadDefault"),
    inspectionTo: context("notifyInspectionTo"),
    leadershipTo: context("notifyLeadershipTo"),
  };
}

/** Tell a function where notifications go and let it send as the sender identity, and as nothing else. */
export function bindNotifier(fn: ProjectFunction, config: NotifyConfig): void {
  const env: Record<string, string | undefined> = {
    NOTIFY_FROM: config.senderEmail,
    NOTIFY_UNIT_HEADS: config.unitHeads,
    NOTIFY_UNIT_HEAD_DEFAULT: config.unitHeadDefault,
    NOTIFY_INSPECTION_TO: config.inspectionTo,
    NOTIFY_LEADERSHIP_TO: config.leadershipTo,
  };
  for (const [name, value] of Object.entries(env)) if (value) fn.function.addEnvironment(name, value);
  const sender = config.senderEmail;
  if (!sender) return;
  const domain = sender.split("@")[1];
  const stack = Stack.of(fn);
  const identity = (name: string) => stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
  // SES authorizes against the identity that is verified: the address itself, or its domain.
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources: [identity(sender), ...(domain ? [identity(domain)] : [])],
      conditions: { StringEquals: { "ses:FromAddress": sender } },
    }),
  );
}

export interface ScheduledFunctionsProps {
  readonly schedules: readonly ScheduleDefinition[];
  readonly tables: Record<TableKey, ProjectTable>;
  readonly projectRoot: string;
  readonly sealKey?: kms.IKey | undefined;
  readonly notify: NotifyConfig;
  /** The audit chain's key, for the schedules that append case events. */
  readonly audit?: AuditTrail;
}

export class ScheduledFunctions extends Construct {
  readonly functions = new Map<string, ProjectFunction>();
  readonly schedules = new Map<string, scheduler.Schedule>();
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledFunctionsProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, "DeadLetters", {
      // SSE-SQS: Scheduler and Lambda destinations can write to it without a key policy of ours.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is itself the dead-letter queue of the scheduled functions (Scheduler's target DLQ and the functions' on-failure destination); a DLQ of a DLQ would only move the problem.",
    });
    this.deadLetterAlarm = new cloudwatch.Alarm(this, "DeadLettersAlarm", {
      alarmDescription: "A scheduled run (the SLA sweep) failed after its retries: read the function's log for the failed case ids.",
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    for (const definition of props.schedules) {
      const fn = new ProjectFunction(this, definition.name, {
        entry: path.join(props.projectRoot, definition.entry),
        projectRoot: props.projectRoot,
        description: `every ${definition.everyMinutes} minutes`,
        // A run must end before the next one starts.
        timeout: Duration.minutes(Math.min(definition.everyMinutes - 1, 15)),
      });
      for (const [key, access] of Object.entries(definition.tables) as [TableKey, Access | undefined][]) {
        if (access) fn.bindTable(props.tables[key], access);
      }
      if (definition.seal && props.sealKey) fn.bindSealKey(props.sealKey);
      if (definition.audit && props.audit) props.audit.bind(fn, definition.audit);
      bindNotifier(fn, props.notify);
      fn.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.minutes(Math.max(definition.everyMinutes * 2, 1)),
        onFailure: new destinations.SqsDestination(this.deadLetterQueue),
      });

      // An own role per schedule, so that its one finding is acknowledged on it and nowhere else.
      const invoker = new iam.Role(this, `${definition.name}Invoker`, {
        assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", { conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } } }),
        description: `EventBridge Scheduler invokes ${definition.name}`,
      });
      const fnArn = Stack.of(this).resolve(fn.function.functionArn) as { "Fn::GetAtt"?: [string, string] };
      Validations.of(invoker).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${fnArn["Fn::GetAtt"]?.[0] ?? "?"}.Arn>:*]`,
        reason: `CDK's grantInvoke covers the function and its versions and aliases (<arn>:*) of ${definition.name} only; Scheduler invokes the unqualified function.`,
      });

      const schedule = new scheduler.Schedule(this, `${definition.name}Schedule`, {
        description: `${definition.name}: every ${definition.everyMinutes} minutes`,
        schedule: scheduler.ScheduleExpression.rate(Duration.minutes(definition.everyMinutes)),
        target: new targets.LambdaInvoke(fn.function, {
          role: invoker,
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 3,
          // A run Scheduler could not deliver within one period is superseded by the next one.
          maxEventAge: Duration.minutes(Math.max(definition.everyMinutes, 1)),
        }),
      });
      this.functions.set(definition.name, fn);
      this.schedules.set(definition.name, schedule);
    }
  }
}
