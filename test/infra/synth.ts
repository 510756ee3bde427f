// Synthesizes the stack the way `cdk synth` does (cdk.json context, cdk-nag AwsSolutions) into a temporary
// folder, and returns the template and the unacknowledged cdk-nag findings. The infra tests' stacks are
// synthesized once per run, in child processes started by test/infra/global-setup.ts (`tsx test/infra/synth.ts
// <name> <file>`): a synthesis is long and synchronous, and inside a test worker it would block the worker's
// event loop, and with it the worker's RPC to vitest, for as long as it takes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { App, Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { DonThuStack, projectRoot } from "../../infra/stack.ts";
import { configurations, type ConfigurationName, type SynthProps } from "./configurations.ts";

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

function app(props: SynthProps, outdir: string): { app: App; stack: DonThuStack } {
  const { bundle = true, context: extra = {}, ...stackProps } = props;
  const context: Record<string, unknown> = { ...cdkJson.context, ...extra };
  // An empty list skips asset bundling.
  if (!bundle) context["aws:cdk:bundling-stacks"] = [];
  const cdkApp = new App({ outdir, context });
  return { app: cdkApp, stack: new DonThuStack(cdkApp, "DonThuStack", stackProps) };
}

export function synthesize(props: SynthProps): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), "don-thu-cdk-"));
  try {
    const { app: cdkApp, stack } = app(props, outdir);
    Validations.of(cdkApp).addPlugins(new AwsSolutionsChecks(cdkApp));
    const assembly = cdkApp.synth();
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

/**
 * The stack of a configuration built again without bundling and without synthesis (about a second): the
 * same construct paths, so the same logical IDs as in the synthesized template.
 */
export function construct(props: SynthProps): DonThuStack {
  const outdir = mkdtempSync(path.join(tmpdir(), "don-thu-cdk-"));
  try {
    return app({ ...props, bundle: false }, outdir).stack;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** What a child process hands the tests: the template and the findings, as JSON. */
export interface SynthesisFile {
  readonly template: Record<string, unknown>;
  readonly findings: readonly Finding[];
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [name, file] = process.argv.slice(2) as [ConfigurationName, string];
  if (!(name in configurations) || !file) throw new Error(`usage: synth.ts <${Object.keys(configurations).join("|")}> <file.json>`);
  const { template, findings } = synthesize(configurations[name]);
  writeFileSync(file, JSON.stringify({ template: template.toJSON(), findings } satisfies SynthesisFile));
}
