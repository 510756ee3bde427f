// The audit trail on AWS: the anchor bucket has Object Lock (compliance, 10 years), versioning, encryption and
// blocked public access, and only the anchor consumer may write it; the audit key is an HMAC key of its own,
// on which only the audit reader has kms:VerifyMac and only the functions that append case events have
// kms:GenerateMac; cdk-nag finds nothing unacknowledged.
import type { CfnResource } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { routes, schedules, streamConsumers } from "#routes";
import type { DonThuStack } from "../../infra/stack.ts";
import type { Finding } from "./synth.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;
let findings: readonly Finding[];

beforeAll(() => {
  ({ stack, template, findings } = synthesized("streams"));
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The execution roles (by logical id) whose identity policies allow an action on a resource that mentions `resourceId`. */
function rolesAllowed(action: string, resourceId: string): string[] {
  const out = new Set<string>();
  for (const policy of Object.values(template.findResources("AWS::IAM::Policy"))) {
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const allows = statements.some((s) => s.Effect === "Allow" && actionsOf(s).some((a) => a === action || (a.endsWith("*") && action.startsWith(a.slice(0, -1)))) && JSON.stringify(s.Resource).includes(resourceId));
    if (allows) for (const role of policy.Properties.Roles as { Ref: string }[]) out.add(role.Ref);
  }
  return [...out].sort();
}

const roleOf = (name: string): string => {
  const fn = stack.functions.get(name) ?? stack.streams.consumers.get(name)?.fn ?? stack.scheduled.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return logicalId(fn.role);
};

describe("the audit trail", () => {
  it("should find nothing cdk-nag does not see acknowledged", () => {
    expect(findings).toEqual([]);
  });

  it("should keep the anchors in a versioned, encrypted, private bucket with Object Lock in compliance mode for 10 years", () => {
    const bucket = template.toJSON().Resources[logicalId(stack.audit!.anchors)];

    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 3650 } } },
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    expect([bucket.DeletionPolicy, bucket.UpdateReplacePolicy]).toEqual(["Retain", "Retain"]);
  });

  it("should let the anchor consumer alone write the bucket, and no one delete from it", () => {
    const bucketId = logicalId(stack.audit!.anchors);
    const policy = Object.values(template.findResources("AWS::S3::BucketPolicy")).find((p) => JSON.stringify(p.Properties.Bucket).includes(bucketId));
    const denies = (policy?.Properties.PolicyDocument.Statement as (Statement & { Condition?: unknown })[]).filter((s) => s.Effect === "Deny");

    // The anchor consumer, and the admin's replay of a record it parked in the failure store.
    const writers = [...streamConsumers, ...routes].filter((c) => c.audit === "anchor").map((c) => c.name);
    expect(writers).toEqual(["AnchorAudit", "ReplayFailedRecord"]);
    expect(rolesAllowed("s3:PutObject", bucketId)).toEqual(writers.map(roleOf).sort());
    expect(denies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: expect.arrayContaining(["s3:DeleteObject", "s3:DeleteObjectVersion"]), Principal: { AWS: "*" } }),
        expect.objectContaining({ Action: expect.arrayContaining(["s3:PutObject"]), Condition: { ArnNotEquals: { "aws:PrincipalArn": expect.toSatisfy((arns: unknown[]) => arns.length === writers.length) } } }),
        expect.objectContaining({ Condition: { ArnNotEquals: { "aws:PrincipalArn": expect.arrayContaining(writers.map((name) => ({ "Fn::GetAtt": [roleOf(name), "Arn"] }))) } } }),
      ]),
    );
  });

  it("should MAC with an HMAC key of its own: GenerateMac for the functions that append events, VerifyMac for the audit reader only", () => {
    const keyId = logicalId(stack.audit!.key);
    const key = template.toJSON().Resources[keyId];
    const writers = [...routes, ...schedules].filter((r) => r.audit === "sign").map((r) => roleOf(r.name));

    expect([key.Properties.KeySpec, key.Properties.KeyUsage]).toEqual(["HMAC_256", "GENERATE_VERIFY_MAC"]);
    expect(keyId).not.toBe(logicalId(stack.senderKey!));
    expect(rolesAllowed("kms:VerifyMac", keyId)).toEqual([roleOf("CaseAudit")]);
    expect(rolesAllowed("kms:GenerateMac", keyId)).toEqual([...writers].sort());
    expect(writers).toEqual(expect.arrayContaining(["SubmitCase", "RegisterCase", "StaffCaseAction", "RevealIdentity", "PutCalendar", "PutPolicy", "Sweep"].map(roleOf)));
    expect(rolesAllowed("kms:GenerateMac", keyId)).not.toContain(roleOf("CaseAudit"));
  });

  it("should let the audit reader list the anchors, and no function read them but it", () => {
    expect(rolesAllowed("s3:ListBucketVersions", logicalId(stack.audit!.anchors))).toEqual([roleOf("CaseAudit")]);
  });
});
