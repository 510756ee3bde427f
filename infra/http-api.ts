// The HTTP API: one Lambda integration per manifest route, JSON access logs, default-stage throttling and
// a throttle of its own on each public route (a public flood cannot use up what reception needs), the
// Cognito JWT authorizer on every staff route (the handlers check the role from the claims), and no
// execute-api endpoint: it is reached through CloudFront, on a domain of its own.
import { Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { RouteDefinition } from "#routes";
import type { ProjectFunction } from "./project-function.ts";

export interface ThrottleLimits {
  /** Steady requests per second across the whole API. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ProjectHttpApiProps {
  readonly throttle: ThrottleLimits;
  /** Issuer URL and audience (client id) of the staff tokens. */
  readonly jwt: { readonly issuer: string; readonly audience: string };
  readonly accessLogRetention?: logs.RetentionDays;
  /** Each public route's own limits, apart from the staff routes' (which keep the stage's). */
  readonly publicThrottle: ThrottleLimits;
  /** The API's own (regional) domain: with the execute-api endpoint disabled, what CloudFront calls. */
  readonly domain: { readonly name: string; readonly certificateArn: string };
}

// HTTP API context variables only. The route key, not the path: a path holds tracking codes.
const accessLogFields = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integrationStatus",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  errorMessage: "$context.error.message",
  staffSubject: "$context.authorizer.claims.sub",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
};

export class ProjectHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly domainName: apigw.DomainName;
  /** The API's own host name, for the CloudFront origin (its DNS record points at `domainName.regionalDomainName`). */
  readonly originDomainName: string;
  private readonly authorizer: HttpJwtAuthorizer;
  private readonly publicThrottle: ThrottleLimits;
  /** Route key → its own limits (CloudFormation RouteSettings of the stage). */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: ProjectHttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, "HttpApi", {
      description: "Citizens' petitions, complaints and denunciations: public intake and staff API",
      createDefaultStage: false,
      // Only through CloudFront (its WAF, its origin secret), on the domain below.
      disableExecuteApiEndpoint: true,
    });
    this.domainName = new apigw.DomainName(this, "Domain", {
      domainName: props.domain.name,
      certificate: acm.Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn),
    });
    this.originDomainName = props.domain.name;
    this.publicThrottle = props.publicThrottle;

    this.accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
    });

    this.stage = new apigw.HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
      domainMapping: { domainName: this.domainName },
    });

    this.authorizer = new HttpJwtAuthorizer("StaffJwt", props.jwt.issuer, {
      authorizerName: "staff-cognito-jwt",
      jwtAudience: [props.jwt.audience],
    });
  }

  /** Route one manifest entry to its function; staff routes get the JWT authorizer, public ones none. */
  addRoute(route: RouteDefinition, fn: ProjectFunction): apigw.HttpRoute[] {
    const isPublic = route.auth === "public";
    const added = this.api.addRoutes({
      path: route.path,
      methods: [apigw.HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.name}Integration`, fn.function),
      authorizer: isPublic ? undefined : this.authorizer,
    });
    if (isPublic) {
      this.routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: this.publicThrottle.rateLimit, ThrottlingBurstLimit: this.publicThrottle.burstLimit };
      (this.stage.node.defaultChild as apigw.CfnStage).addPropertyOverride("RouteSettings", this.routeSettings);
      for (const httpRoute of added) {
        Validations.of(httpRoute).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: `${route.method} ${route.path} is a public citizen route, unauthenticated by design (API.md "Public (no account)"); abuse is bounded by the WAF, this route's own throttle, the per-client limits and the proof of work of the handler (shared/http/abuse-guard.ts).`,
        });
      }
    }
    return added;
  }


}
