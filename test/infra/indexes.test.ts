// The deployed tables' indexes are the declared ones: for every table, the template's global secondary
// indexes (names, key schemas, projections) and attribute definitions, against shared/tables.ts's
// caseIndexes for the Cases table, and against none for the others.
import path from "node:path";
import type { CfnResource } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { caseIndexes, tableKeys, tables, type CaseIndexDeclaration, type TableKey } from "#tables";
import { apiDomain } from "./configurations.ts";
import { synthesize, type Synthesized } from "./synth.ts";

let synthesized: Synthesized;

beforeAll(() => {
  // Wiring only: the handlers need not be bundled.
  synthesized = synthesize({ webAssetsDir: path.join(import.meta.dirname, "fixtures", "web"), bundle: false, apiDomain });
});

const declaredIndexes: Record<TableKey, Record<string, CaseIndexDeclaration>> = { cases: caseIndexes, reference: {}, stats: {}, failedRecords: {}, idempotency: {}, abuse: {} };

function tableProperties(key: TableKey) {
  const { stack, template } = synthesized;
  const id = stack.getLogicalId(stack.tables[key].table.node.defaultChild as CfnResource);
  return template.toJSON().Resources[id].Properties as {
    KeySchema: { AttributeName: string; KeyType: string }[];
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: unknown; Projection: unknown }[];
  };
}

describe("table indexes", () => {
  it.each(tableKeys)("%s: the template's indexes are the declared ones, with their key schemas and projections", (key) => {
    const declared = Object.entries(declaredIndexes[key]).map(([name, ix]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: ix.pk.attribute, KeyType: "HASH" },
        { AttributeName: ix.sk.attribute, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: ix.projection },
    }));
    const byName = (a: { IndexName: string }, b: { IndexName: string }) => a.IndexName.localeCompare(b.IndexName);

    expect([...(tableProperties(key).GlobalSecondaryIndexes ?? [])].sort(byName)).toEqual(declared.sort(byName));
  });

  it.each(tableKeys)("%s: the attribute definitions are the table's keys and the declared index keys, all strings", (key) => {
    const properties = tableProperties(key);
    const indexAttributes = Object.values(declaredIndexes[key]).flatMap((ix) => [ix.pk.attribute, ix.sk.attribute]);
    const definition = tables[key];
    const tableAttributes = [definition.partitionKey.name, ...("sortKey" in definition ? [definition.sortKey.name] : [])];

    expect(properties.KeySchema.map((k) => k.AttributeName)).toEqual(tableAttributes);
    expect([...properties.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [...new Set([...tableAttributes, ...indexAttributes])].sort().map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
    );
  });
});
