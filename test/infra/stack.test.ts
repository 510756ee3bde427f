// The deployed stack, synthesized once from the real route manifest and table definition (handlers
// bundled by the local esbuild, as `cdk synth` does): durability, least privilege, API and site wiring.
import { Match, type Template } from "aws-cdk-lib/assertions";
import type { CfnResource } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { routes, schedules, streamConsumers } from "#routes";
import { tableEnvVar, tableKeys, tables, type TableKey } from "#tables";
import { apiPathPatterns } from "../../infra/api-paths.ts";
import { SENDER_KEY_ENV, SERVICE_NAME } from "../../infra/project-function.ts";
import { sealKeyEnv } from "#adapters/sealer.ts";
import type { DonThuStack } from "../../infra/stack.ts";
import type { Finding } from "./synth.ts";
import { synthesized } from "./synthesized.ts";

const readActions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"];
const writeActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"];

let stack: DonThuStack;
let template: Template;
let findings: readonly Finding[];

beforeAll(() => {
  ({ stack, template, findings } = synthesized("stack"));
});

const logicalId = (resource: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(resource.node.defaultChild as CfnResource);

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement attached to a route function's role. */
function statementsOf(routeName: string): Statement[] {
  const fn = stack.functions.get(routeName);
  if (!fn) throw new Error(`no function for route ${routeName}`);
  const roleId = logicalId(fn.role);
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsOn(statements: Statement[], resourceLogicalId: string): string[] {
  return statements
    .filter((s) => JSON.stringify(s.Resource).includes(`"${resourceLogicalId}"`))
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe("cdk-nag AwsSolutions", () => {
  it("finds nothing that is not acknowledged with a reason", () => {
    expect(findings).toEqual([]);
  });
});

describe("tables", () => {
  it("creates exactly one table per definition", () => {
    template.resourceCountIs("AWS::DynamoDB::GlobalTable", tableKeys.length);
  });

  it.each(tableKeys)("%s: point-in-time recovery, deletion protection, on-demand, encrypted, retained", (key) => {
    const id = logicalId(stack.tables[key].table);
    const resource = template.toJSON().Resources[id];
    expect(resource.DeletionPolicy).toBe("Retain");
    expect(resource.UpdateReplacePolicy).toBe("Retain");
    expect(resource.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    // KMS without a key of ours: the AWS-managed aws/dynamodb key.
    expect(resource.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: "KMS" });
    for (const replica of resource.Properties.Replicas) {
      expect(replica.SSESpecification).toBeUndefined();
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.DeletionProtectionEnabled).toBe(true);
    }
  });

  it.each(tableKeys)("%s: keys, indexes, stream and TTL come from shared/tables.ts", (key) => {
    const definition: (typeof tables)[TableKey] = tables[key];
    const properties = template.toJSON().Resources[logicalId(stack.tables[key].table)].Properties;
    const keySchema = [
      { AttributeName: definition.partitionKey.name, KeyType: "HASH" },
      ...("sortKey" in definition ? [{ AttributeName: definition.sortKey.name, KeyType: "RANGE" }] : []),
    ];
    expect(properties.KeySchema).toEqual(keySchema);
    expect(properties.GlobalSecondaryIndexes ?? []).toHaveLength(definition.indexes.length);
    expect(properties.StreamSpecification?.StreamViewType).toBe("stream" in definition ? definition.stream : undefined);
    expect(properties.TimeToLiveSpecification).toEqual(
      "timeToLiveAttribute" in definition ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
    );
  });
});

describe("functions", () => {
  it("creates one function per route with the project defaults", () => {
    for (const route of routes) {
      const id = logicalId(stack.functions.get(route.name)!.function);
      const fn = template.toJSON().Resources[id].Properties;
      expect(fn.Runtime).toBe("nodejs22.x");
      expect(fn.Architectures).toEqual(["arm64"]);
      expect(fn.TracingConfig).toEqual({ Mode: "Active" });
      expect(fn.LoggingConfig).toEqual({ LogFormat: "JSON", LogGroup: { Ref: logicalId(stack.functions.get(route.name)!.logGroup) } });
      expect(fn.Environment.Variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: SERVICE_NAME, NODE_OPTIONS: "--enable-source-maps" });
    }
    template.resourceCountIs("AWS::Lambda::Function", routes.length + streamConsumers.length + schedules.length + 1); // + CDK's BucketDeployment handler
  });

  it("gives every function log group a retention", () => {
    for (const fn of stack.functions.values()) {
      expect(template.toJSON().Resources[logicalId(fn.logGroup)].Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it.each(routes.map((r) => [r.name, r] as const))("%s reaches exactly the tables the manifest names, with that access", (name, route) => {
    const statements = statementsOf(name);
    const env = template.toJSON().Resources[logicalId(stack.functions.get(name)!.function)].Properties.Environment.Variables;
    for (const key of tableKeys) {
      const actions = actionsOn(statements, logicalId(stack.tables[key].table));
      const access = route.tables[key];
      if (!access) {
        expect(actions, `${name} on ${key}`).toEqual([]);
        expect(env[tableEnvVar(key)]).toBeUndefined();
        continue;
      }
      expect(env[tableEnvVar(key)]).toEqual({ Ref: logicalId(stack.tables[key].table) });
      expect(actions).toEqual(expect.arrayContaining(readActions));
      if (access === "read") expect(actions.filter((a) => writeActions.includes(a))).toEqual([]);
      else expect(actions).toEqual(expect.arrayContaining(writeActions));
    }
  });

  it("grants on * only what X-Ray needs (the one acknowledged IAM5 finding on a function role)", () => {
    for (const route of routes) {
      const onAnything = statementsOf(route.name).filter((s) => s.Resource === "*");
      expect(onAnything.flatMap((s) => s.Action).sort(), route.name).toEqual(["xray:PutTelemetryRecords", "xray:PutTraceSegments"]);
    }
  });

  it("TrackCase reads Cases and touches nothing else", () => {
    const statements = statementsOf("TrackCase");
    expect(actionsOn(statements, logicalId(stack.tables.idempotency.table))).toEqual([]);
    expect(actionsOn(statements, logicalId(stack.tables.cases.table)).filter((a) => writeActions.includes(a))).toEqual([]);
  });

  it("grants the receipts' seal key only to routes that seal receipts, for data keys and decrypt, and tells them its ARN", () => {
    const keyId = logicalId(stack.sealKey!);
    expect(template.toJSON().Resources[keyId].Properties.EnableKeyRotation).toBe(true);
    expect(template.toJSON().Resources[keyId].DeletionPolicy).toBe("Retain");
    for (const route of routes) {
      const actions = actionsOn(statementsOf(route.name), keyId);
      const env = template.toJSON().Resources[logicalId(stack.functions.get(route.name)!.function)].Properties.Environment.Variables;
      expect([actions.sort(), env[sealKeyEnv.receipt]], route.name).toEqual(
        route.seal?.receipts ? [["kms:Decrypt", "kms:GenerateDataKey"], { "Fn::GetAtt": [keyId, "Arn"] }] : [[], undefined],
      );
    }
  });

  it("grants the sender key, an HMAC key kept on deletion, only to routes that compute sender keys, for GenerateMac alone", () => {
    const keyId = logicalId(stack.senderKey!);
    const resource = template.toJSON().Resources[keyId];
    expect([resource.Properties.KeySpec, resource.Properties.KeyUsage, resource.DeletionPolicy]).toEqual(["HMAC_256", "GENERATE_VERIFY_MAC", "Retain"]);
    for (const route of routes) {
      const actions = actionsOn(statementsOf(route.name), keyId);
      const env = template.toJSON().Resources[logicalId(stack.functions.get(route.name)!.function)].Properties.Environment.Variables;
      expect([actions, env[SENDER_KEY_ENV]], route.name).toEqual(route.senderKeys ? [["kms:GenerateMac"], { "Fn::GetAtt": [keyId, "Arn"] }] : [[], undefined]);
    }
    expect(routes.filter((r) => r.senderKeys).map((r) => r.name)).toEqual(["SubmitCase", "RegisterCase"]);
  });
});

describe("HTTP API", () => {
  it("has one route per manifest entry, public ones without an authorizer", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Route", routes.length);
    for (const route of routes) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: route.auth === "public" ? "NONE" : "JWT",
        AuthorizerId: route.auth === "public" ? Match.absent() : Match.anyValue(),
      });
    }
  });

  it("throttles the default stage and writes JSON access logs to a retained log group", () => {
    const stage = template.findResources("AWS::ApiGatewayV2::Stage");
    const [properties] = Object.values(stage).map((s) => s.Properties);
    expect(properties.StageName).toBe("$default");
    expect(properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const format = JSON.parse(properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: "$context.requestId", routeKey: "$context.routeKey", status: "$context.status" });
    const logGroupId = logicalId(stack.httpApi.accessLogs);
    expect(properties.AccessLogSettings.DestinationArn).toEqual({ "Fn::GetAtt": [logGroupId, "Arn"] });
    expect(template.toJSON().Resources[logGroupId].DeletionPolicy).toBe("Retain");
  });
});

describe("site", () => {
  const distributionConfig = () =>
    Object.values(template.findResources("AWS::CloudFront::Distribution"))[0]!.Properties.DistributionConfig;

  it("serves the pages from the private bucket through origin access control", () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig).OriginAccessControlId).toBeDefined();
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    template.resourceCountIs("Custom::CDKBucketDeployment", 1);
  });

  it("sends every API path pattern of the manifest to the API, uncached; all viewer headers but Host, or for the limited public routes their own and the viewer's address", () => {
    const behaviors = distributionConfig().CacheBehaviors as { PathPattern: string; CachePolicyId: string; OriginRequestPolicyId: unknown; AllowedMethods: string[] }[];
    const limited = apiPathPatterns(routes.filter((r) => r.abuseKeys));
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns(routes));
    expect(limited).toEqual(["/cases", "/cases/*"]);
    const limitedPolicy = { Ref: logicalId(stack.website.node.findChild("LimitedApiRequests") as never) };
    for (const behavior of behaviors) {
      expect(behavior.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toEqual(
        limited.includes(behavior.PathPattern) ? limitedPolicy : "b689b0a8-53d0-40ab-baf2-68738e2966ac", // Managed-AllViewerExceptHostHeader
      );
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "DELETE"]));
    }
    template.hasResourceProperties("AWS::CloudFront::OriginRequestPolicy", {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["Accept", "Accept-Language", "Content-Type", "Idempotency-Key", "X-Access-Key", "X-Altcha", "CloudFront-Viewer-Address"] },
      }),
    });
  });

  it("outputs the site URL, the API URL, the API domain's DNS target and the user pool ids", () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(["ApiDomainTarget", "ApiUrl", "SiteUrl", "UserPoolClientId", "UserPoolId"]);
  });
});
