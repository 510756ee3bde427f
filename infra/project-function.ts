// The one Lambda construct of the project: every function gets the same runtime, bundling, logging and
// tracing, and reaches a table or a key only through bindTable / bindSealKeys / bindSenderKey.
// Learned from Powertools' FunctionWithLogGroup (powertools-lambda-typescript, examples/app/cdk).
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { sealKeyEnv } from "#adapters/sealer.ts";
import type { SealedField } from "#domain/ports.ts";
import type { Access, SealUse } from "#routes";
import { tableEnvVar } from "#tables";
import type { ProjectTable } from "./project-table.ts";

/** Environment variable through which a function that computes sender keys learns the KMS HMAC key (shared/adapters/sender-keys.ts). */
export const SENDER_KEY_ENV = "SENDER_KEY_KMS_ARN";
/** Every function reports under one Powertools service name. */
export const SERVICE_NAME = "don-thu";

// ESM bundles still meet CommonJS dependencies that call require(); give them one.
const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The item actions of each access level: no level has Scan, only `readWriteDelete` has DeleteItem. */
export function tableActions(access: Access): { readonly read: readonly string[]; readonly write: readonly string[] } {
  const read = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
  const write = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"];
  if (access === "read") return { read, write: [] };
  // A stream consumer recording a failure: it writes its item, and reads nothing.
  if (access === "write") return { read: [], write: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"] };
  return { read, write: access === "readWriteDelete" ? [...write, "dynamodb:DeleteItem"] : write };
}

/** The stack's sealing keys: one for denouncers' identities, one for idempotent receipts. */
export interface SealKeys {
  readonly identities?: kms.IKey;
  readonly receipts?: kms.IKey;
}

function required(key: kms.IKey | undefined, what: string): kms.IKey {
  if (!key) throw new Error(`a function seals ${what}, but the stack made no key for them`);
  return key;
}

export interface ProjectFunctionProps {
  /** Absolute path of the handler module; it exports `handler`. */
  readonly entry: string;
  /** Project root: where package.json, package-lock.json and tsconfig.json live. */
  readonly projectRoot: string;
  readonly description?: string;
  readonly logRetention?: logs.RetentionDays;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
}

export class ProjectFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: write to this log group only, nothing else.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    const bundling: NodejsFunctionProps["bundling"] = {
      forceDockerBundling: false,
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      format: OutputFormat.ESM,
      target: "node22",
      mainFields: ["module", "main"],
      banner: requireShim,
      // The pinned SDK in package-lock.json is the one the tests ran against; don't trade it for the runtime's.
      bundleAwsSDK: true,
    };

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      bundling,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
    });

    Validations.of(this.function).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "The runtime is pinned on purpose (nodejs22.x, supported LTS) so that a CDK upgrade never swaps the runtime under deployed functions untested; moving to a newer runtime is a deliberate change of this file together with the esbuild target.",
    });
    Validations.of(this.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions (AWS Service Authorization Reference, AWS X-Ray).",
    });
  }

  /**
   * Tell the function a table's physical name and grant it exactly the access named, as explicit actions: never
   * Scan, DeleteItem only for `readWriteDelete`. Reads reach the table's indexes (if it has any); writes only the table.
   */
  bindTable(table: ProjectTable, access: Access): void {
    this.function.addEnvironment(tableEnvVar(table.key), table.table.tableName);
    const { read, write } = tableActions(access);
    const hasIndexes = table.definition.indexes.length > 0;
    if (read.length > 0) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...read],
          resources: [table.table.tableArn, ...(hasIndexes ? [`${table.table.tableArn}/index/*`] : [])],
        }),
      );
    }
    if (write.length > 0) this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...write], resources: [table.table.tableArn] }));
    // No kms grant: the tables are encrypted under the AWS managed key (project-table.ts).
    if (hasIndexes) {
      const arn = this.function.stack.resolve(table.table.tableArn) as { "Fn::GetAtt"?: [string, string] };
      const logicalId = arn["Fn::GetAtt"]?.[0];
      if (logicalId) {
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
          reason: `Queries by index: the grant covers the indexes of the ${table.key} table only (its ARN followed by /index/*), which the table's access patterns read; no other table or resource.`,
        });
      }
    }
  }

  /**
   * Let the function seal, or seal and open, the values the manifest names (route.ts SealUse), each under its own
   * key, and only with that field's encryption context: intake may seal identities (GenerateDataKey) but never open
   * them (Decrypt), which only the functions that reveal an identity or write to its owner may.
   */
  bindSealKeys(use: SealUse, keys: SealKeys): void {
    if (use.identities) {
      const key = required(keys.identities, "identities");
      this.function.addEnvironment(sealKeyEnv.submitter, key.keyArn);
      this.grantKey(key, use.identities === "open" ? ["kms:Decrypt"] : ["kms:GenerateDataKey"], "submitter");
    }
    if (use.receipts) {
      const key = required(keys.receipts, "receipts");
      this.function.addEnvironment(sealKeyEnv.receipt, key.keyArn);
      this.grantKey(key, ["kms:GenerateDataKey", "kms:Decrypt"], "receipt");
    }
  }

  private grantKey(key: kms.IKey, actions: readonly string[], field: SealedField): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [key.keyArn],
        conditions: { StringEquals: { "kms:EncryptionContext:field": field } },
      }),
    );
  }

  /** Let the function compute sender keys: HMAC under the given KMS key, which never leaves KMS. */
  bindSenderKey(key: kms.IKey): void {
    this.function.addEnvironment(SENDER_KEY_ENV, key.keyArn);
    key.grant(this.function, "kms:GenerateMac");
  }
}
