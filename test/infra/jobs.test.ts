// The recompute job on AWS: PUT calendar / policy are told the worker's name and may invoke that one function
// and nothing else; the worker may invoke itself (to hand over before its time runs out) through a policy of
// its own; no other function may invoke any; GET /admin/jobs reads the Reference table only.
import type { CfnResource } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { functionEnvVar, RECOMPUTE_WORKER, routes, schedules } from "#routes";
import { tableEnvVar } from "#tables";
import type { DonThuStack } from "../../infra/stack.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>; // any: CloudFormation's JSON, read a few fields

beforeAll(() => {
  const synth = synthesized("schedules");
  stack = synth.stack;
  resources = synth.template.toJSON().Resources;
});

const logicalId = (resource: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(resource.node.defaultChild as CfnResource);
const fnOf = (name: string) => stack.functions.get(name) ?? stack.scheduled.functions.get(name)!;
const statementsOf = (roleName: string) =>
  Object.values(resources)
    .filter((r) => r.Type === "AWS::IAM::Policy" && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === logicalId(fnOf(roleName).role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
const invokes = (name: string) => statementsOf(name).filter((s) => [s.Action].flat().includes("lambda:InvokeFunction"));
const workerArn = () => ({ "Fn::GetAtt": [logicalId(fnOf(RECOMPUTE_WORKER).function), "Arn"] });

describe("the recompute job", () => {
  it("should let PUT calendar and PUT policy invoke the worker, by its name, and no other function", () => {
    for (const name of ["PutCalendar", "PutPolicy"]) {
      const env = resources[logicalId(fnOf(name).function)]!.Properties.Environment.Variables;

      expect(env[functionEnvVar(RECOMPUTE_WORKER)]).toEqual({ Ref: logicalId(fnOf(RECOMPUTE_WORKER).function) });
      expect(invokes(name).map((s) => s.Resource)).toEqual([workerArn()]);
    }
  });

  it("should let the worker invoke itself only, and no other function invoke anything", () => {
    const others = [...routes.map((r) => r.name), ...schedules.map((s) => s.name)].filter((n) => !["PutCalendar", "PutPolicy", RECOMPUTE_WORKER].includes(n));

    expect(invokes(RECOMPUTE_WORKER).map((s) => s.Resource)).toEqual([workerArn()]);
    for (const name of others) expect(invokes(name), name).toEqual([]);
  });

  it("should give GET /admin/jobs/{jobId} the Reference table's name and no other table", () => {
    const env = resources[logicalId(fnOf("GetJob").function)]!.Properties.Environment.Variables;

    expect(Object.keys(env).filter((k) => k.startsWith("TABLE_"))).toEqual([tableEnvVar("reference")]);
  });
});
