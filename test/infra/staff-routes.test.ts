// The staff side, which the manifest does not have yet: a small manifest with staff routes proves that
// every non-public route gets the Cognito JWT authorizer and that the user pool matches the roles.
import type { CfnResource } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { roles } from "#routes";
import type { DonThuStack } from "../../infra/stack.ts";
import { staffManifest } from "./configurations.ts";
import type { Finding } from "./synth.ts";
import { synthesized } from "./synthesized.ts";

const manifest = staffManifest;
let stack: DonThuStack;
let template: Template;
let findings: readonly Finding[];

beforeAll(() => {
  ({ stack, template, findings } = synthesized("staffRoutes"));
});

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnResource);

describe("staff routes", () => {
  it("cdk-nag finds nothing unacknowledged with staff routes either", () => {
    expect(findings).toEqual([]);
  });

  it("puts the JWT authorizer on every non-public route and none on public ones", () => {
    const [authorizerId] = Object.keys(template.findResources("AWS::ApiGatewayV2::Authorizer"));
    for (const route of manifest) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
        RouteKey: `${route.method} ${route.path}`,
        ...(route.auth === "public"
          ? { AuthorizationType: "NONE", AuthorizerId: Match.absent() }
          : { AuthorizationType: "JWT", AuthorizerId: { Ref: authorizerId } }),
      });
    }
  });

  it("trusts tokens of the staff user pool issued to the console client", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
    const userPoolId = logicalId(stack.staffAuth.userPool);
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.staffAuth.client) }],
        Issuer: { "Fn::GetAtt": [userPoolId, "ProviderURL"] },
      },
    });
  });

  it("routes the staff and admin path prefixes to the API on CloudFront", () => {
    const config = Object.values(template.findResources("AWS::CloudFront::Distribution"))[0]!.Properties.DistributionConfig;
    expect(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual(["/admin/*", "/health", "/staff/*"]);
  });
});

describe("staff user pool", () => {
  it("has one group per role", () => {
    const groups = Object.values(template.findResources("AWS::Cognito::UserPoolGroup")).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it("carries a mutable unitId attribute, a strong password policy, no self sign-up, threat protection", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      Schema: Match.arrayWith([{ Name: "unitId", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: Match.anyValue() }]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      DeletionProtection: "ACTIVE",
    });
  });

  it("lets the console sign in without a secret, and not write its own unit or groups", () => {
    const [client] = Object.values(template.findResources("AWS::Cognito::UserPoolClient")).map((c) => c.Properties);
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows.sort()).toEqual(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]);
    expect(client.WriteAttributes).toEqual(["name"]);
  });
});
