// CDK app entry (cdk.json "app"): the one stack, checked by cdk-nag's AWS Solutions rules on every synth.
// Context: -c apiDomainName=api.example.vn -c apiCertificateArn=arn:... (required); optional -c domainNames=a.example.vn,b.example.vn
// -c certificateArn=arn:... -c webAclArn=arn:...
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DonThuEdgeStack } from "./edge-stack.ts";
import { DonThuStack } from "./stack.ts";

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};
const domainNames = context("domainNames")?.split(",").map((name) => name.trim());
const certificateArn = context("certificateArn");
if (domainNames && !certificateArn) throw new Error("domainNames needs certificateArn (an ACM certificate in us-east-1)");

const apiDomainName = context("apiDomainName");
const apiCertificateArn = context("apiCertificateArn");
if (!apiDomainName || !apiCertificateArn) {
  throw new Error("-c apiDomainName=api.example.vn -c apiCertificateArn=arn:... (an ACM certificate in the stack's region): the API is reached through CloudFront on a domain of its own");
}

const region = process.env.CDK_DEFAULT_REGION;
// A CLOUDFRONT-scope web ACL can only be made in us-east-1: elsewhere it is a small stack of its own there,
// deployed first (`cdk deploy DonThuEdgeStack`), whose WebAclArn output is then given as -c webAclArn=….
if (region && region !== "us-east-1") new DonThuEdgeStack(app, "DonThuEdgeStack", { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: "us-east-1" } });

new DonThuStack(app, "DonThuStack", {
  description: "Tracker of citizens' petitions, complaints and denunciations and their legal deadlines",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  domain: domainNames && certificateArn ? { names: domainNames, certificateArn } : undefined,
  webAclArn: context("webAclArn"),
  apiDomain: { name: apiDomainName, certificateArn: apiCertificateArn },
  // -c limitsSubmit=20/600,100/86400 -c limitsTrack=60/600 -c challengeMaxNumber=100000 (README "Abuse limits").
  abuseSettings: Object.fromEntries(
    ([["limitsSubmit", "LIMITS_SUBMIT"], ["limitsTrack", "LIMITS_TRACK"], ["challengeMaxNumber", "CHALLENGE_MAX_NUMBER"], ["challengeTtlSeconds", "CHALLENGE_TTL_SECONDS"]] as const)
      .flatMap(([key, env]) => (context(key) ? [[env, context(key)!]] : [])),
  ),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
