// In an infra test: a stack synthesized by the global setup, read back, with its constructs for their logical IDs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { inject } from "vitest";
import { configurations, type ConfigurationName } from "./configurations.ts";
import { construct, type SynthesisFile, type Synthesized } from "./synth.ts";

export function synthesized(name: ConfigurationName): Synthesized {
  const file = join(inject("infraSynthDir"), `${name}.json`);
  const { template, findings } = JSON.parse(readFileSync(file, "utf8")) as SynthesisFile;
  return { stack: construct(configurations[name]), template: Template.fromJSON(template), findings };
}
