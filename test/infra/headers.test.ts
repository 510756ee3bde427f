// The site's response headers policy on CloudFront: the same values as the local gateway's (shared/http/
// security-headers.ts), plus HSTS, on every page.
import type { CfnResource } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, pageHeaderValues } from "#http/security-headers.ts";
import type { DonThuStack } from "../../infra/stack.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synthesized("stack"));
});

/** A template string value, its `Fn::Join` pieces joined and `{ Ref: "AWS::Region" }` read as `<region>`. */
const flat = (value: unknown): string => {
  if (typeof value === "string") return value;
  const join = (value as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
  if (join) return join[1].map(flat).join(join[0]);
  if ((value as { Ref?: string }).Ref === "AWS::Region") return "<region>";
  throw new Error(`unexpected template value ${JSON.stringify(value)}`);
};

describe("the pages' response headers policy", () => {
  const policy = () => {
    const policies = template.findResources("AWS::CloudFront::ResponseHeadersPolicy");
    expect(Object.keys(policies)).toHaveLength(1);
    const [[id, resource]] = Object.entries(policies) as [[string, { Properties: { ResponseHeadersPolicyConfig: Record<string, any> } }]];
    return { id, config: resource.Properties.ResponseHeadersPolicyConfig };
  };

  it("is the default (pages) behavior's policy", () => {
    const config = Object.values(template.findResources("AWS::CloudFront::Distribution"))[0]!.Properties.DistributionConfig;

    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policy().id });
    expect(stack.website.distribution).toBeDefined();
  });

  it("sends the shared CSP (no inline script, no framing), with the region's Cognito as the one other origin", () => {
    const csp = flat(policy().config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);

    expect(csp).toBe(contentSecurityPolicy(["https://cognito-idp.<region>.amazonaws.com"]));
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it("sends no-referrer, nosniff, DENY, two years of HSTS, the permissions policy and COOP, each overriding the origin", () => {
    const { SecurityHeadersConfig: security, CustomHeadersConfig: custom } = policy().config;

    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: "DENY", Override: true },
      ReferrerPolicy: { ReferrerPolicy: "no-referrer", Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: pageHeaderValues.strictTransportSecuritySeconds, IncludeSubdomains: true, Override: true },
    });
    expect(custom.Items).toEqual([
      { Header: "Permissions-Policy", Value: pageHeaderValues.permissionsPolicy, Override: true },
      { Header: "Cross-Origin-Opener-Policy", Value: "same-origin", Override: true },
    ]);
  });
});
