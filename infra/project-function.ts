// The one Lambda construct of the project: every function gets the same runtime, bundling, logging and
// tracing, and reaches a table or a key only through bindTable / bindSealKey / bindSenderKey.
// Learned from Powertools' FunctionWithLogGroup (powertools-lambda-typescript, examples/app/cdk).
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { Access } from "#routes";
import { tableEnvVar } from "#tables";
import type { ProjectTable } from "./project-table.ts";

/** Environment variable through which a sealing function learns its KMS key. */
export const SEAL_KEY_ENV = "SEAL_KMS_KEY_ARN";
/** Environment variable through which a function that computes sender keys learns the KMS HMAC key (shared/adapters/sender-keys.ts). */
export const SENDER_KEY_ENV = "SENDER_KEY_KMS_ARN";
/** Every function reports under one Powertools service name. */
export const SERVICE_NAME = "don-thu";

// ESM bundles still meet CommonJS dependencies that call require(); give them one.
const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

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

  /** Tell the function a table's physical name and grant it exactly the access named, nothing more. */
  bindTable(table: ProjectTable, access: Access): void {
    this.function.addEnvironment(tableEnvVar(table.key), table.table.tableName);
    if (access === "readWrite") table.table.grantReadWriteData(this.function);
    else if (access === "write") table.table.grantWriteData(this.function);
    else table.table.grantReadData(this.function);
    if (table.definition.indexes.length > 0) {
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

  /** Let the function seal and open secrets with envelope encryption under the given key. */
  bindSealKey(key: kms.IKey): void {
    this.function.addEnvironment(SEAL_KEY_ENV, key.keyArn);
    key.grant(this.function, "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey");
  }

  /** Let the function compute sender keys: HMAC under the given KMS key, which never leaves KMS. */
  bindSenderKey(key: kms.IKey): void {
    this.function.addEnvironment(SENDER_KEY_ENV, key.keyArn);
    key.grant(this.function, "kms:GenerateMac");
  }
}
