// Synthesizes the stack once, the way `cdk synth` does (cdk.json context, cdk-nag AwsSolutions), into a
// temporary folder, and returns the template and the unacknowledged cdk-nag findings.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { DonThuStack, projectRoot, type DonThuStackProps } from "../../infra/stack.ts";

export interface Finding {
  readonly rule: string;
  readonly paths: readonly string[];
}

export interface Synthesized {
  readonly stack: DonThuStack;
  readonly template: Template;
  readonly findings: readonly Finding[];
}

const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, "cdk.json"), "utf8")) as { context: Record<string, unknown> };

export function synthesize(props: DonThuStackProps & { bundle?: boolean }): Synthesized {
  const { bundle = true, ...stackProps } = props;
  const context: Record<string, unknown> = { ...cdkJson.context };
  // An empty list skips asset bundling: for tests that check wiring, not handler code.
  if (!bundle) context["aws:cdk:bundling-stacks"] = [];
  const outdir = mkdtempSync(path.join(tmpdir(), "don-thu-cdk-"));
  try {
    const app = new App({ outdir, context });
    const stack = new DonThuStack(app, "DonThuStack", stackProps);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const assembly = app.synth();
    return {
      stack,
      template: Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>),
      findings: readFindings(path.join(assembly.directory, "validation-report.json")),
    };
  } finally {
    // The assembly holds copies of every asset (the AWS CLI layer alone is 22 MB); everything needed is read.
    rmSync(outdir, { recursive: true, force: true });
  }
}

interface ValidationReport {
  pluginReports?: {
    pluginName?: string;
    violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[];
  }[];
}

function readFindings(file: string): Finding[] {
  let report: ValidationReport;
  try {
    report = JSON.parse(readFileSync(file, "utf8")) as ValidationReport;
  } catch {
    return [];
  }
  return (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? []).map((v) => ({
      rule: v.ruleName,
      paths: (v.violatingConstructs ?? []).map((c) => c.constructPath ?? "?"),
    })),
  );
}
