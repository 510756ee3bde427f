// CDK app entry (cdk.json "app"): the one stack, checked by cdk-nag's AWS Solutions rules on every synth.
// Optional context: -c domainNames=a.example.vn,b.example.vn -c certificateArn=arn:... -c webAclArn=arn:...
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DonThuStack } from "./stack.ts";

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};
const domainNames = context("domainNames")?.split(",").map((name) => name.trim());
const certificateArn = context("certificateArn");
if (domainNames && !certificateArn) throw new Error("domainNames needs certificateArn (an ACM certificate in us-east-1)");

new DonThuStack(app, "DonThuStack", {
  description: "Tracker of citizens' petitions, complaints and denunciations and their legal deadlines",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  domain: domainNames && certificateArn ? { names: domainNames, certificateArn } : undefined,
  webAclArn: context("webAclArn"),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
