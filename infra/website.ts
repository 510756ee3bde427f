// The site: the pages from a private bucket and the API under the same CloudFront host, so the pages
// call the API same-origin (no CORS) and a citizen sees one address.
import { existsSync } from "node:fs";
import { Annotations, DefaultStackSynthesizer, Duration, Stack, Token, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { contentSecurityPolicy, pageHeaderValues } from "#http/security-headers.ts";

/**
 * CloudFront Function (cloudfront-js-2.0) on page requests: `/` and `/console/` get their index.html,
 * an extension-less path like `/track` gets `/track.html`; anything with an extension is left alone.
 */
export const pagePathRewriteCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith("/")) {
    request.uri = uri + "index.html";
  } else if (uri.slice(uri.lastIndexOf("/") + 1).indexOf(".") === -1) {
    request.uri = uri + ".html";
  }
  return request;
}`;

export interface WebsiteProps {
  /** Host name of the HTTP API, the origin of the API behaviors. */
  readonly apiDomainName: string;
  /** CloudFront path patterns that belong to the API (see api-paths.ts). */
  readonly apiPathPatterns: readonly string[];
  /** Folder of built pages to upload; when it does not exist, nothing is uploaded (and synth warns). */
  readonly assetsDir: string;
  /** An own domain: then viewers are held to TLS 1.2+. */
  readonly domain?: { readonly names: readonly string[]; readonly certificateArn: string };
  /** A WAF web ACL (scope CLOUDFRONT, created in us-east-1) to attach. */
  readonly webAclArn?: string;
  /**
   * The public routes that keep per-client limits (their path patterns, and the request headers they read): their
   * behavior forwards CloudFront-Viewer-Address, the viewer's address, which the functions believe only along with
   * the origin secret.
   */
  readonly limited?: { readonly pathPatterns: readonly string[]; readonly requestHeaders: readonly string[] };
  /** Sent to the API as header `x-origin-verify` on every request: proof that it came through this distribution. */
  readonly originSecret?: string;
}

export class Website extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployment?: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: WebsiteProps) {
    super(scope, id);

    this.logBucket = new s3.Bucket(this, "Logs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      // Viewer IPs are personal data (a denouncer's among them): keep them no longer than a year.
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.logBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket of the site bucket and of CloudFront; logging it into itself would loop and nothing else reads it.",
    });

    this.bucket = new s3.Bucket(this, "Pages", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "s3-pages/",
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      ...(props.originSecret && { customHeaders: { "x-origin-verify": props.originSecret } }),
    });
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      // With caching disabled, the all-viewer policy also forwards Authorization; Host must stay the API's.
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    // The limited public routes take no Authorization, so a list of the headers they read can replace "all viewer
    // headers" (which cannot carry CloudFront's own headers), and add the viewer's address.
    const limitedBehavior: cloudfront.BehaviorOptions | undefined = props.limited && {
      ...apiBehavior,
      originRequestPolicy: new cloudfront.OriginRequestPolicy(this, "LimitedApiRequests", {
        comment: "Public case routes: the headers they read, and the viewer's address for their per-client limits",
        headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...props.limited.requestHeaders, "CloudFront-Viewer-Address"),
        queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
        cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      }),
    };
    const limitedPatterns = new Set(props.limited?.pathPatterns ?? []);

    const pagePathRewrite = new cloudfront.Function(this, "PagePathRewrite", {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "Extension-less page paths to their .html objects",
      code: cloudfront.FunctionCode.fromInline(pagePathRewriteCode),
    });

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "Don thu: pages and API",
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeadersPolicy(this, Stack.of(this).region),
        functionAssociations: [{ function: pagePathRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(
        props.apiPathPatterns.map((pattern) => [pattern, limitedBehavior && limitedPatterns.has(pattern) ? limitedBehavior : apiBehavior]),
      ),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
      webAclId: props.webAclArn,
      ...(props.domain && {
        domainNames: [...props.domain.names],
        certificate: acm.Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "Until the province attaches its own domain (stack prop `domain`), the distribution serves the default *.cloudfront.net certificate, whose security policy CloudFront fixes; with a domain the minimum is TLS 1.2 (2021).",
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason:
          "A CLOUDFRONT-scope WAF web ACL must live in us-east-1 and costs a monthly fee; it is optional (stack prop `webAclArn`). Without it, API stage throttling bounds abuse.",
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "No geo restriction by design: Vietnamese citizens abroad may also send petitions, complaints and denunciations.",
    });

    if (existsSync(props.assetsDir)) {
      this.deployment = new s3deploy.BucketDeployment(this, "Deploy", {
        sources: [s3deploy.Source.asset(props.assetsDir)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ["/*"],
        memoryLimit: 512,
      });
      acknowledgeDeploymentHandler(this.deployment, this.bucket);
    } else {
      Annotations.of(this).addWarningV2(
        "don-thu:no-web-assets",
        `${props.assetsDir} does not exist: the pages are not uploaded. Run \`npm run build:web\` before synth or deploy.`,
      );
    }
  }
}

/**
 * The pages' security headers, the same values the local gateway sends (shared/http/security-headers.ts), plus
 * HSTS; the staff pages may connect to the region's Cognito to sign in.
 */
function pageHeadersPolicy(scope: Construct, region: string): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, "PageHeaders", {
    comment: "Pages: CSP without inline script, no framing, no referrer, nosniff, HSTS",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy([`https://cognito-idp.${region}.amazonaws.com`]), override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: pageHeaderValues.frameOptions as cloudfront.HeadersFrameOption, override: true },
      referrerPolicy: { referrerPolicy: pageHeaderValues.referrerPolicy as cloudfront.HeadersReferrerPolicy, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(pageHeaderValues.strictTransportSecuritySeconds), includeSubdomains: true, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: "Permissions-Policy", value: pageHeaderValues.permissionsPolicy, override: true },
        { header: "Cross-Origin-Opener-Policy", value: pageHeaderValues.crossOriginOpenerPolicy, override: true },
      ],
    },
  });
}

/** The upload handler is CDK's own singleton Lambda; what it is granted is CDK's choice, not ours. */
function acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment, pages: s3.Bucket): void {
  const pagesLogicalId = Stack.of(pages).getLogicalId(pages.node.defaultChild as s3.CfnBucket);
  const handler = deployment.handlerRole.node.scope;
  if (!handler) return;
  const because = "CDK's BucketDeployment handler (copies web/dist from the CDK asset bucket into the pages bucket on deploy, then invalidates CloudFront)";
  const acknowledgements: [string, string][] = [
    ["AwsSolutions-L1", `${because}: its Python runtime is fixed by aws-cdk-lib and moves with CDK upgrades.`],
    [
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      `${because}: CDK attaches the basic execution policy (its own CloudWatch logs only).`,
    ],
    ["AwsSolutions-IAM5[Action::s3:GetBucket*]", `${because}: CDK's asset-read grant, limited to the CDK asset bucket.`],
    ["AwsSolutions-IAM5[Action::s3:GetObject*]", `${because}: CDK's asset-read grant, limited to the CDK asset bucket and the pages bucket.`],
    ["AwsSolutions-IAM5[Action::s3:List*]", `${because}: listing is needed to prune pages that no longer exist.`],
    ["AwsSolutions-IAM5[Action::s3:Abort*]", `${because}: multipart uploads into the pages bucket.`],
    ["AwsSolutions-IAM5[Action::s3:DeleteObject*]", `${because}: pruning removed pages from the pages bucket.`],
    [`AwsSolutions-IAM5[Resource::${assetBucketArn(Stack.of(handler))}/*]`, `${because}: the asset objects it copies from the CDK bootstrap bucket.`],
    [`AwsSolutions-IAM5[Resource::<${pagesLogicalId}.Arn>/*]`, `${because}: every object of the pages bucket, which it owns.`],
    [
      "AwsSolutions-IAM5[Resource::*]",
      `${because}: cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on * (distribution-level scoping is not applied by the construct).`,
    ],
  ];
  for (const [id, reason] of acknowledgements) Validations.of(handler).acknowledge({ id, reason });
}

/** The bootstrap asset bucket's ARN as cdk-nag prints it: unresolved parts shown as `<AWS::...>`. */
function assetBucketArn(stack: Stack): string {
  const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  const qualifier =
    (stack.synthesizer instanceof DefaultStackSynthesizer && stack.synthesizer.bootstrapQualifier) || DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:${shown(stack.partition, "Partition")}:s3:::cdk-${qualifier}-assets-${shown(stack.account, "AccountId")}-${shown(stack.region, "Region")}`;
}
