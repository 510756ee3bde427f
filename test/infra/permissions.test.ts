// Least privilege, over every function of the synthesized stack (routes, stream consumers, schedules): no
// statement anywhere Scans or grants dynamodb:*; public routes never delete; each function reaches each table
// with exactly the actions its declaration names; only the functions that reveal an identity or write to its
// owner may decrypt identities, and intake may only encrypt them.
import type { CfnResource } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { routes, schedules, streamConsumers, type Access, type SealUse } from "#routes";
import { tableKeys, tables, type TableKey } from "#tables";
import { tableActions, type ProjectFunction } from "../../infra/project-function.ts";
import type { DonThuStack } from "../../infra/stack.ts";
import { synthesized } from "./synthesized.ts";

let stack: DonThuStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesized("stack"));
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}

interface Declared {
  readonly name: string;
  readonly public: boolean;
  readonly tables: Partial<Record<TableKey, Access>>;
  readonly seal?: SealUse | undefined;
  readonly fn: () => ProjectFunction;
}

// Every function the stack makes from the manifest, with what it declares.
const declared: readonly Declared[] = [
  ...routes.map((r) => ({ name: r.name, public: r.auth === "public", tables: r.tables, seal: r.seal, fn: () => stack.functions.get(r.name)! })),
  ...streamConsumers.map((c) => ({ name: c.name, public: false, tables: c.tables, seal: c.seal, fn: () => stack.streams.consumers.get(c.name)!.fn })),
  ...schedules.map((s) => ({ name: s.name, public: false, tables: s.tables, seal: s.seal, fn: () => stack.scheduled.functions.get(s.name)! })),
];

const logicalId = (resource: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(resource.node.defaultChild as CfnResource);
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

function allStatements(): Statement[] {
  const resources = Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>);
  return resources.flatMap((r) => {
    if (r.Type === "AWS::IAM::Policy") return (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    if (r.Type === "AWS::IAM::Role") return ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
    return [];
  });
}

function statementsOf(fn: ProjectFunction): Statement[] {
  const roleId = logicalId(fn.role);
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** The actions of the statements that name this resource's ARN (a table's `Arn`, not its `StreamArn`). */
const actionsOnArn = (statements: Statement[], id: string): string[] =>
  [...new Set(statements.filter((s) => JSON.stringify(s.Resource).includes(`["${id}","Arn"]`)).flatMap(actionsOf))].sort();

describe("every policy statement of the stack", () => {
  it("allows no Scan and no dynamodb:* (nor *), on any resource", () => {
    const statements = allStatements().filter((s) => s.Effect === "Allow");

    const offending = statements.flatMap(actionsOf).filter((a) => /^dynamodb:(Scan|\*)$/i.test(a) || a === "*" || /^dynamodb:.*\*/.test(a));

    expect(statements.length).toBeGreaterThan(declared.length);
    expect(offending).toEqual([]);
  });
});

describe.each(declared.map((d) => [d.name, d] as const))("%s", (_name, d) => {
  it("reaches each table with exactly the actions its declaration names, and no other table", () => {
    const statements = statementsOf(d.fn());

    const granted = Object.fromEntries(tableKeys.map((key) => [key, actionsOnArn(statements, logicalId(stack.tables[key].table))]));

    const expected = Object.fromEntries(
      tableKeys.map((key) => {
        const access = d.tables[key];
        return [key, access ? [...tableActions(access).read, ...tableActions(access).write].sort() : []];
      }),
    );
    expect(granted).toEqual(expected);
  });

  it("reaches a table's indexes only when it reads a table that has indexes, and never writes to them", () => {
    const statements = statementsOf(d.fn());

    const onIndexes = statements.filter((s) => JSON.stringify(s.Resource).includes("/index/*"));

    const readsIndexed = tableKeys.filter((key) => d.tables[key] && tables[key].indexes.length > 0);
    expect(onIndexes.flatMap(actionsOf).sort()).toEqual(readsIndexed.length ? ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"] : []);
  });
});

describe("the public functions (no staff token)", () => {
  it("delete nothing, on any table", () => {
    const publicOnes = declared.filter((d) => d.public);

    const deleting = publicOnes.map((d) => [d.name, statementsOf(d.fn()).flatMap(actionsOf).filter((a) => /Delete/.test(a))] as const);

    expect(publicOnes.map((d) => d.name)).toEqual(expect.arrayContaining(["SubmitCase", "TrackCase", "PublicStats", "Health", "OpenApi"]));
    expect(deleting.filter(([, actions]) => actions.length > 0)).toEqual([]);
  });
});

describe("the identity key", () => {
  it("is its own key, rotated and retained", () => {
    const key = template.toJSON().Resources[logicalId(stack.identityKey!)];

    expect([key.Type, key.Properties.EnableKeyRotation, key.DeletionPolicy]).toEqual(["AWS::KMS::Key", true, "Retain"]);
    expect(logicalId(stack.identityKey!)).not.toBe(logicalId(stack.sealKey!));
  });

  it("may be decrypted with only by the functions that reveal an identity or write to its owner, and only for identities", () => {
    const id = logicalId(stack.identityKey!);

    const decrypting = declared.filter((d) => actionsOnArn(statementsOf(d.fn()), id).includes("kms:Decrypt")).map((d) => d.name);

    // The notifier and the sweep write to a denouncer; the admin's replay runs the notifier again on a record it parked.
    expect(decrypting.sort()).toEqual(["NotifyOnEvent", "ReplayFailedRecord", "RevealIdentity", "Sweep"]);
    for (const d of declared) {
      for (const s of statementsOf(d.fn()).filter((s) => JSON.stringify(s.Resource).includes(`["${id}","Arn"]`))) {
        expect(s.Condition, d.name).toEqual({ StringEquals: { "kms:EncryptionContext:field": "submitter" } });
      }
    }
  });

  it("lets intake and reclassification encrypt (GenerateDataKey) and nothing more", () => {
    const id = logicalId(stack.identityKey!);

    const sealing = Object.fromEntries(
      declared.map((d) => [d.name, actionsOnArn(statementsOf(d.fn()), id)] as const).filter(([, actions]) => actions.includes("kms:GenerateDataKey")),
    );

    expect(sealing).toEqual({
      SubmitCase: ["kms:GenerateDataKey"],
      RegisterCase: ["kms:GenerateDataKey"],
      StaffCaseAction: ["kms:GenerateDataKey"],
    });
  });

  it("leaves the receipts' key to the two intakes (public and reception, both idempotent), for their own receipts", () => {
    const id = logicalId(stack.sealKey!);

    const users = declared.filter((d) => actionsOnArn(statementsOf(d.fn()), id).length > 0).map((d) => d.name);
    expect(users).toEqual(["SubmitCase", "RegisterCase"]);
    for (const name of users) {
      const conditions = statementsOf(stack.functions.get(name)!).filter((s) => JSON.stringify(s.Resource).includes(`["${id}","Arn"]`)).map((s) => s.Condition);
      expect(conditions, name).toEqual([{ StringEquals: { "kms:EncryptionContext:field": "receipt" } }]);
    }
  });
});
