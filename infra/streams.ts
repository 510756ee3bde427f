// The stream consumers of the manifest (shared/routes.ts `streamConsumers`) on AWS: one function each,
// fed by its source table's DynamoDB stream through an event source mapping that
// - starts at TRIM_HORIZON: when the mapping is first created (or re-created) it reads everything still in
//   the stream (24 hours) instead of skipping what changed before it existed; the consumers are idempotent
//   (the aggregates count a case version once), so reading a record twice is harmless, missing one is not;
// - reports partial batch failures and bisects a failing batch, so one bad record neither blocks nor
//   replays its whole batch;
// - retries a failing record 3 times and gives up on records older than 6 hours (while they are still in
//   the stream for 18 more hours, so an operator can re-drive them from the failure record);
// - sends what it gave up on (shard, sequence numbers, never the images) to an encrypted, SSL-only SQS
//   queue kept 14 days, with an alarm as soon as one message waits there.
// A consumer parks a record it cannot process in the failure store (the FailedRecords table, replayed by
// an admin through POST /admin/failed-records/{id}/replay) and reports it processed; the retries and the
// queue are the last resort, for a record the store itself could not take.
import { bindNotifier, type NotifyConfig } from "./schedules.ts";
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Validations } from "aws-cdk-lib";
import { Construct } from "constructs";
import type { StreamConsumerDefinition } from "#routes";
import type { TableKey } from "#tables";
import type { AuditTrail } from "./audit.ts";
import { ProjectFunction } from "./project-function.ts";
import type { ProjectTable } from "./project-table.ts";

export const STREAM_SETTINGS = {
  startingPosition: lambda.StartingPosition.TRIM_HORIZON,
  defaultBatchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 3,
  maxRecordAge: Duration.hours(6),
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  /** Long enough for a batch of 100 records with retried transactions. */
  timeout: Duration.seconds(60),
  failureRetention: Duration.days(14),
} as const;

export interface StreamConsumersProps {
  readonly consumers: readonly StreamConsumerDefinition[];
  readonly tables: Record<TableKey, ProjectTable>;
  readonly projectRoot: string;
  readonly sealKey?: kms.IKey;
  readonly entryPath: (entry: string) => string;
  /** Where notifications go, for the consumers that send them. */
  readonly notify?: NotifyConfig;
  /** The audit chain's key and anchor bucket, for the consumers that anchor. */
  readonly audit?: AuditTrail;
}

export interface StreamConsumer {
  readonly fn: ProjectFunction;
  readonly failures: sqs.Queue;
  readonly failureAlarm: cloudwatch.Alarm;
}

export class StreamConsumers extends Construct {
  readonly consumers: ReadonlyMap<string, StreamConsumer>;

  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);
    const consumers = new Map<string, StreamConsumer>();
    for (const def of props.consumers) {
      const source = props.tables[def.source];
      if (!source.table.tableStreamArn) throw new Error(`stream consumer ${def.name}: table ${def.source} has no stream`);

      const fn = new ProjectFunction(this, def.name, {
        entry: props.entryPath(def.entry),
        projectRoot: props.projectRoot,
        description: `Stream consumer of ${source.definition.logicalName}`,
        timeout: STREAM_SETTINGS.timeout,
      });
      for (const [key, access] of Object.entries(def.tables) as [TableKey, StreamConsumerDefinition["tables"][TableKey]][]) {
        if (access) fn.bindTable(props.tables[key], access);
      }
      if (def.seal && props.sealKey) fn.bindSealKey(props.sealKey);
      if (def.notify && props.notify) bindNotifier(fn, props.notify);
      if (def.audit && props.audit) props.audit.bind(fn, def.audit);

      const failures = new sqs.Queue(this, `${def.name}Failures`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: STREAM_SETTINGS.failureRetention,
      });
      Validations.of(failures).acknowledge({
        id: "AwsSolutions-SQS3",
        reason: `This queue is itself the on-failure destination of ${def.name}'s event source mapping: it holds the shard and sequence numbers of records given up on, for an operator to re-drive; a queue behind it would add nothing.`,
      });

      fn.function.addEventSource(
        new DynamoEventSource(source.table, {
          startingPosition: STREAM_SETTINGS.startingPosition,
          batchSize: def.batchSize ?? STREAM_SETTINGS.defaultBatchSize,
          maxBatchingWindow: STREAM_SETTINGS.maxBatchingWindow,
          retryAttempts: STREAM_SETTINGS.retryAttempts,
          maxRecordAge: STREAM_SETTINGS.maxRecordAge,
          bisectBatchOnError: STREAM_SETTINGS.bisectBatchOnError,
          reportBatchItemFailures: STREAM_SETTINGS.reportBatchItemFailures,
          onFailure: new SqsDlq(failures),
        }),
      );
      Validations.of(fn.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "Two actions without resource-level permissions: X-Ray's PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams, which the event source mapping's grant adds on *; the stream itself is read only through its own ARN.",
      });

      const failureAlarm = new cloudwatch.Alarm(this, `${def.name}FailuresAlarm`, {
        alarmDescription: `Stream records ${def.name} gave up on are waiting in its failure queue: figures kept from the stream may be missing changes until they are re-driven.`,
        metric: failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      consumers.set(def.name, { fn, failures, failureAlarm });
    }
    this.consumers = consumers;
  }
}
