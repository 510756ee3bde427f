// The whole product on AWS in one stack, built from the two shared definitions: the tables from
// shared/tables.ts, one function and one API route per entry of shared/routes.ts.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { routes as manifestRoutes, streamConsumers as manifestStreamConsumers, type RouteDefinition, type StreamConsumerDefinition } from "#routes";
import { schedules as manifestSchedules } from "#routes";
import { tables as tableDefinitions, tableKeys, type TableKey } from "#tables";
import { ABUSE_KEY_ENV, EDGE_SECRET_ENV } from "#adapters/abuse-keys.ts";
import type { Route } from "#routes";
import { apiPathPatterns } from "./api-paths.ts";
import { EdgeWebAcl } from "./edge-acl.ts";
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
  /** The CLOUDFRONT-scope web ACL, made in us-east-1 (DonThuEdgeStack, infra/app.ts); by default made here, which only a us-east-1 stack may. */
  readonly webAclArn?: string;
  /**
   * The HTTP API's own domain and its ACM certificate (in the stack's region): the execute-api endpoint is disabled,
   * so CloudFront calls the API there. Point its DNS record at the output ApiDomainTarget.
   */
  readonly apiDomain: { readonly name: string; readonly certificateArn: string };
  /** The abuse limits' settings for the limited functions (LIMITS_SUBMIT, LIMITS_TRACK, CHALLENGE_MAX_NUMBER, CHALLENGE_TTL_SECONDS); unset, the defaults of shared/domain/abuse.ts. */
  readonly abuseSettings?: Readonly<Record<string, string>>;
  /** Each public route's own limits; default 20 requests/s, bursts of 40, apart from the staff routes' stage limits. */
  readonly publicThrottle?: ThrottleLimits;
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
  /** The HMAC key the abuse limits' keys derive from (challenge signatures, client address hashes). */
  readonly abuseKey?: kms.Key;
  /** CloudFront's origin secret (header x-origin-verify): a viewer address is believed only with it. */
  readonly edgeSecret?: secretsmanager.Secret;
  /** The web ACL made in this stack, when none is given. */
  readonly edgeAcl?: EdgeWebAcl;
  /** The audit chain's HMAC key and its append-only anchor bucket (Object Lock). */
  readonly audit?: AuditTrail;
  readonly staffAuth: StaffAuth;
  readonly httpApi: ProjectHttpApi;
  readonly scheduled: ScheduledFunctions;
  readonly streams: StreamConsumers;
  readonly website: Website;

  constructor(scope: Construct, id: string, props: DonThuStackProps) {
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

    if (routes.some((route) => route.abuseKeys)) {
      this.abuseKey = new kms.Key(this, "AbuseKey", {
        description: "HMAC root of the abuse limits: signs proof-of-work challenges and hashes client addresses (never stored)",
        keySpec: kms.KeySpec.HMAC_256,
        keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
        // What it keyed lives at most a day (counters, spent solutions): a new key only resets the limits.
        removalPolicy: RemovalPolicy.DESTROY,
        pendingWindow: Duration.days(7),
      });
      Validations.of(this.abuseKey).acknowledge({
        id: "AwsSolutions-KMS5",
        reason: "An HMAC key: KMS rotates only symmetric encryption keys. Replacing it (a new key) only forgets the current windows' counters and open challenges.",
      });
      this.edgeSecret = new secretsmanager.Secret(this, "EdgeOriginSecret", {
        description: "Sent by CloudFront to the API (header x-origin-verify): proof that a request came through the distribution",
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      Validations.of(this.edgeSecret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "CloudFront's origin header and the functions' environment take its value at deploy (dynamic references), so a rotation Lambda could not reach them; it is rotated by replacing the resource, which redeploys both at once.",
      });
    }
    if ([...routes, ...consumers, ...manifestSchedules].some((fn) => fn.audit)) this.audit = new AuditTrail(this, "Audit");

    this.staffAuth = new StaffAuth(this, "StaffAuth");
    this.httpApi = new ProjectHttpApi(this, "Api", {
      domain: props.apiDomain,
      publicThrottle: props.publicThrottle ?? { rateLimit: 20, burstLimit: 40 },
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
      if (route.abuseKeys && this.abuseKey && this.edgeSecret) {
        fn.function.addEnvironment(ABUSE_KEY_ENV, this.abuseKey.keyArn);
        this.abuseKey.grant(fn.function, "kms:GenerateMac");
        for (const [name, value] of Object.entries(props.abuseSettings ?? {})) fn.function.addEnvironment(name, value);
        // Only where a client is counted: the challenge function needs the key, not the client's address.
        if (route.tables.abuse) fn.function.addEnvironment(EDGE_SECRET_ENV, this.edgeSecret.secretValue.unsafeUnwrap());
      }
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

    let webAclArn = props.webAclArn;
    if (!webAclArn) {
      if (!Token.isUnresolved(this.region) && this.region !== "us-east-1") {
        throw new Error(`A CLOUDFRONT web ACL must be made in us-east-1: deploy DonThuEdgeStack, then pass its WebAclArn output (-c webAclArn=…) to this ${this.region} stack`);
      }
      this.edgeAcl = new EdgeWebAcl(this, "EdgeAcl");
      webAclArn = this.edgeAcl.acl.attrArn;
    }

    const limited = routes.filter((route) => route.abuseKeys);
    this.website = new Website(this, "Site", {
      apiDomainName: this.httpApi.originDomainName,
      ...(limited.length > 0 && this.edgeSecret && {
        limited: { pathPatterns: apiPathPatterns(limited), requestHeaders: requestHeadersOf(limited) },
        originSecret: this.edgeSecret.secretValue.unsafeUnwrap(),
      }),
      apiPathPatterns: apiPathPatterns(routes),
      assetsDir: props.webAssetsDir ?? path.join(projectRoot, "web", "dist"),
      domain: props.domain,
      webAclArn,
    });

    new CfnOutput(this, "SiteUrl", {
      description: "The pages and, under the same host, the API",
      value: `https://${this.website.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, "ApiUrl", { description: "The HTTP API itself (reached through CloudFront)", value: `https://${props.apiDomain.name}` });
    new CfnOutput(this, "ApiDomainTarget", {
      description: `Point ${props.apiDomain.name} (CNAME or alias) at this regional host name`,
      value: this.httpApi.domainName.regionalDomainName,
    });
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

/** The request headers the limited public routes read, as their contracts name them, and the body's type. */
function requestHeadersOf(routes: readonly RouteDefinition[]): string[] {
  const named = routes.flatMap((route) => Object.keys((route as Partial<Route>).request?.headers?.shape ?? {}));
  return [...new Set(["Content-Type", "Accept", "Accept-Language", ...named])].sort();
}
