// The abuse limits in the template: the WAF web ACL with its per-IP rate rules and AWS's common rules on the
// distribution, no execute-api endpoint, a throttle of their own on the public routes, the abuse key and
// CloudFront's origin secret given only to the functions that need them, with GenerateMac as their one KMS action.
import type { CfnResource } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { ABUSE_KEY_ENV, EDGE_SECRET_ENV } from "#adapters/abuse-keys.ts";
import { routes } from "#routes";
import type { DonThuStack } from "../../infra/stack.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesized("stack"));
});

const logicalId = (resource: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(resource.node.defaultChild as CfnResource);
const only = (type: string) => {
  const found = Object.values(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0]!.Properties;
};

describe("WAF", () => {
  it("should guard the distribution with a CLOUDFRONT web ACL: a rate rule per IP, one on /cases, and AWS's common rules", () => {
    const acl = only("AWS::WAFv2::WebACL");
    const distribution = only("AWS::CloudFront::Distribution");

    expect(acl.Scope).toBe("CLOUDFRONT");
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(distribution.DistributionConfig.WebACLId).toEqual({ "Fn::GetAtt": [stack.getLogicalId(stack.edgeAcl!.acl), "Arn"] });
    const rules = acl.Rules as { Name: string; Action?: unknown; Statement: Record<string, any> }[];
    expect(rules.map((r) => r.Name)).toEqual(["RequestsPerIp", "CaseRequestsPerIp", "AwsCommonRules"]);
    expect(rules[0]).toMatchObject({ Action: { Block: {} }, Statement: { RateBasedStatement: { AggregateKeyType: "IP", Limit: 2000, EvaluationWindowSec: 300 } } });
    expect(rules[1]).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: "IP", Limit: 300, ScopeDownStatement: { ByteMatchStatement: { SearchString: "/cases", PositionalConstraint: "STARTS_WITH" } } } },
    });
    expect(rules[2]!.Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" });
  });
});

describe("HTTP API", () => {
  it("should disable the execute-api endpoint and be reached on its own domain, where CloudFront sends the API paths with its origin secret", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: true });
    template.hasResourceProperties("AWS::ApiGatewayV2::DomainName", { DomainName: "api.donthu.example.gov.vn" });
    const origins = only("AWS::CloudFront::Distribution").DistributionConfig.Origins as { DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
    const api = origins.find((o) => o.DomainName === "api.donthu.example.gov.vn");
    expect(api?.OriginCustomHeaders?.map((h) => h.HeaderName)).toEqual(["x-origin-verify"]);
    expect(JSON.stringify(api?.OriginCustomHeaders?.[0]?.HeaderValue)).toContain(logicalId(stack.edgeSecret!));
  });

  it("should throttle every public route on its own, and no staff route (they keep the stage's limits)", () => {
    const stage = only("AWS::ApiGatewayV2::Stage");
    const publicKeys = routes.filter((r) => r.auth === "public").map((r) => `${r.method} ${r.path}`);

    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(Object.keys(stage.RouteSettings).sort()).toEqual(publicKeys.sort());
    for (const key of publicKeys) expect(stage.RouteSettings[key]).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
  });
});

describe("the abuse key and the origin secret", () => {
  it("should reach the limited functions only, which may GenerateMac with the key and nothing else", () => {
    const keyId = logicalId(stack.abuseKey!);
    for (const route of routes) {
      const fn = stack.functions.get(route.name)!;
      const env = (template.toJSON().Resources[logicalId(fn.function)].Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const actions = Object.values(template.findResources("AWS::IAM::Policy"))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${logicalId(fn.role)}"`))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((s) => JSON.stringify(s.Resource).includes(`"${keyId}"`))
        .flatMap((s) => [s.Action].flat());
      expect([route.name, ABUSE_KEY_ENV in env, EDGE_SECRET_ENV in env, actions]).toEqual([route.name, !!route.abuseKeys, !!route.tables.abuse, route.abuseKeys ? ["kms:GenerateMac"] : []]);
    }
    template.hasResourceProperties("AWS::KMS::Key", { KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" });
    expect(routes.filter((r) => r.abuseKeys).map((r) => r.name).sort()).toEqual(["GetChallenge", "SubmitCase", "TrackCase"]);
  });

  it("should keep the counters and spent solutions in a table whose items expire", () => {
    template.hasResourceProperties("AWS::DynamoDB::GlobalTable", { TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true }, KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] });
  });
});
