// The whole product on AWS in one stack, built from the two shared definitions: the tables from
// shared/tables.ts, one function and one API route per entry of shared/routes.ts.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import type { Construct } from "constructs";
import { routes as manifestRoutes, streamConsumers as manifestStreamConsumers, type RouteDefinition, type StreamConsumerDefinition } from "#routes";
import { schedules as manifestSchedules } from "#routes";
import { tables as tableDefinitions, tableKeys, type TableKey } from "#tables";
import { apiPathPatterns } from "./api-paths.ts";
import { ProjectHttpApi, type ThrottleLimits } from "./http-api.ts";
import { AuditTrail } from "./audit.ts";
import { ProjectFunction } from "./project-function.ts";
import { ProjectTable } from "./project-table.ts";
import { bindInvocations } from "./invocations.ts";
import { bindNotifier, notifyConfigFromContext, ScheduledFunctions } from "./schedules.ts";
import { StaffAuth } from "./staff-auth.ts";
import { StreamConsumers } from "./streams.ts";
import { Website, type WebsiteProps } from "./website.ts";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export interface DonThuStackProps extends StackProps {
  /** The route manifest; the real one by default (tests pass a small one to exercise staff routes). */
  readonly routes?: readonly RouteDefinition[];
  /** The stream consumers; the manifest's by default. */
  readonly streamConsumers?: readonly StreamConsumerDefinition[];
  /** Folder of the built pages; default web/dist. */
  readonly webAssetsDir?: string;
  /** Default-stage limits of the HTTP API; default 50 requests/s, bursts of 100. */
  readonly throttle?: ThrottleLimits;
  readonly domain?: WebsiteProps["domain"];
  readonly webAclArn?: string;
}

export class DonThuStack extends Stack {
  readonly tables: Record<TableKey, ProjectTable>;
  readonly functions: ReadonlyMap<string, ProjectFunction>;
  /** Seals the receipts idempotency records remember (they hold access keys); opened again only by the function that sealed them. */
  readonly sealKey?: kms.Key;
  /** Seals denouncers' identities: intake and reclassification may only encrypt under it; reveal and mail to the sender decrypt. */
  readonly identityKey?: kms.Key;
  /** The HMAC key of sender keys (repeat filings): a sender is recognised without keeping who they are. */
  readonly senderKey?: kms.Key;
  /** The audit chain's HMAC key and its append-only anchor bucket (Object Lock). */
  readonly audit?: AuditTrail;
  readonly staffAuth: StaffAuth;
  readonly httpApi: ProjectHttpApi;
  readonly scheduled: ScheduledFunctions;
  readonly streams: StreamConsumers;
  readonly website: Website;

  constructor(scope: Construct, id: string, props: DonThuStackProps = {}) {
    super(scope, id, props);
    const routes = props.routes ?? manifestRoutes;
    assertUniqueNames(routes);
    const consumers = props.streamConsumers ?? manifestStreamConsumers;

    this.tables = Object.fromEntries(
      tableKeys.map((key) => [key, new ProjectTable(this, key, tableDefinitions[key])]),
    ) as Record<TableKey, ProjectTable>;

    const sealers = [...routes, ...consumers, ...manifestSchedules];
    // What they sealed sits in retained tables; a deleted key would make it unreadable.
    const sealKeyProps = { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN, pendingWindow: Duration.days(30) };
    if (sealers.some((fn) => fn.seal?.receipts)) {
      this.sealKey = new kms.Key(this, "SealKey", {
        ...sealKeyProps,
        description: "Seals the receipts idempotency records keep for 24 hours (they hold access keys): envelope encryption",
      });
    }
    if (sealers.some((fn) => fn.seal?.identities)) {
      this.identityKey = new kms.Key(this, "IdentityKey", {
        ...sealKeyProps,
        description: "Seals denouncers' identities, each data key bound to its case (encryption context caseId, field)",
      });
    }
    const sealKeys = { ...(this.sealKey && { receipts: this.sealKey }), ...(this.identityKey && { identities: this.identityKey }) };

    if (routes.some((route) => route.senderKeys)) {
      this.senderKey = new kms.Key(this, "SenderKey", {
        description: "HMAC of a sender's normalised phone and identity number: links repeat filings without the plaintext",
        keySpec: kms.KeySpec.HMAC_256,
        keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
        // A new key would give every sender new keys and unlink all earlier filings.
        removalPolicy: RemovalPolicy.RETAIN,
        pendingWindow: Duration.days(30),
      });
      Validations.of(this.senderKey).acknowledge({
        id: "AwsSolutions-KMS5",
        reason: "An HMAC key: KMS rotates only symmetric encryption keys, and a rotated MAC key would unlink every earlier filing of a sender.",
      });
    }

    if ([...routes, ...consumers, ...manifestSchedules].some((fn) => fn.audit)) this.audit = new AuditTrail(this, "Audit");

    this.staffAuth = new StaffAuth(this, "StaffAuth");
    this.httpApi = new ProjectHttpApi(this, "Api", {
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      jwt: { issuer: this.staffAuth.issuer, audience: this.staffAuth.client.userPoolClientId },
    });

    const notify = notifyConfigFromContext(this);
    const functions = new Map<string, ProjectFunction>();
    for (const route of routes) {
      const fn = new ProjectFunction(this, route.name, {
        entry: path.join(projectRoot, route.entry),
        projectRoot,
        description: `${route.method} ${route.path}`,
      });
      for (const [key, access] of Object.entries(route.tables) as [TableKey, RouteDefinition["tables"][TableKey]][]) {
        if (access) fn.bindTable(this.tables[key], access);
      }
      if (route.seal) fn.bindSealKeys(route.seal, sealKeys);
      if (route.senderKeys && this.senderKey) fn.bindSenderKey(this.senderKey);
      if (route.notify) bindNotifier(fn, notify);
      if (route.audit && this.audit) this.audit.bind(fn, route.audit);
      if (route.staffPool) {
        fn.function.addEnvironment("STAFF_POOL_ID", this.staffAuth.userPool.userPoolId);
        fn.function.addEnvironment("STAFF_CLIENT_ID", this.staffAuth.client.userPoolClientId);
        fn.function.addEnvironment("STAFF_POOL_REGION", this.staffAuth.userPool.stack.region);
      }
      this.httpApi.addRoute(route, fn);
      functions.set(route.name, fn);
    }
    this.functions = functions;
    // The manifest's schedules (the SLA sweep): EventBridge Scheduler, a DLQ and its alarm; SES as `-c senderEmail`.
    this.scheduled = new ScheduledFunctions(this, "Schedules", {
      schedules: manifestSchedules,
      tables: this.tables,
      projectRoot,
      sealKeys,
      notify,
      ...(this.audit && { audit: this.audit }),
    });
    // Who invokes whom (the recompute worker, by PUT calendar / policy and by itself): one function each, nothing more.
    bindInvocations(this, [...routes, ...manifestSchedules], new Map([...functions, ...this.scheduled.functions]));
    this.streams = new StreamConsumers(this, "Streams", {
      consumers,
      notify,
      tables: this.tables,
      projectRoot,
      sealKeys,
      ...(this.audit && { audit: this.audit }),
      entryPath: (entry) => path.join(projectRoot, entry),
    });

    this.website = new Website(this, "Site", {
      apiDomainName: this.httpApi.domainName,
      apiPathPatterns: apiPathPatterns(routes),
      assetsDir: props.webAssetsDir ?? path.join(projectRoot, "web", "dist"),
      domain: props.domain,
      webAclArn: props.webAclArn,
    });

    new CfnOutput(this, "SiteUrl", {
      description: "The pages and, under the same host, the API",
      value: `https://${this.website.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, "ApiUrl", { description: "The HTTP API itself", value: this.httpApi.stage.url });
    new CfnOutput(this, "UserPoolId", { value: this.staffAuth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.staffAuth.client.userPoolClientId });
  }
}

function assertUniqueNames(routes: readonly RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const { name, method, path: routePath } of routes) {
    for (const key of [name, `${method} ${routePath}`]) {
      if (seen.has(key)) throw new Error(`The route manifest repeats ${key}`);
      seen.add(key);
    }
  }
}
