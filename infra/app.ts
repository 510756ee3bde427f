// CDK app entry (cdk.json "app"): the one stack, checked by cdk-nag's AWS Solutions rules on every synth.
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DonThuStack } from "./stack.ts";

const app = new App();
new DonThuStack(app, "DonThuStack", {
  description: "Tracker of citizens' petitions, complaints and denunciations and their legal deadlines",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
