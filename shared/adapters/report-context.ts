// The adapters of the inspection report and the public statistics, built once per warm function.
import { systemClock } from "#domain/ports.ts";
import type { PublicStatsDeps, ReportDeps, UnitNames } from "#domain/report.ts";
import type { ReferenceStore } from "#domain/reference.ts";
import { tableName } from "#tables";
import { DynamoAggregates } from "./aggregates.ts";
import { DynamoCaseQueries } from "./case-queries.ts";
import { loadDeadlineContext, referenceStore } from "./deadline-context.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { DynamoOverdueIndex } from "./report-index.ts";

/** Unit names from the registry in the Reference table; none stored yet means ids are shown. */
export const unitNamesFrom = (store: Pick<ReferenceStore, "getUnits">): UnitNames => ({
  async names() {
    const units = await store.getUnits();
    return units && new Map(units.map((u) => [u.unitId, u.name]));
  },
});

let aggregates: DynamoAggregates | undefined;
const aggregateReader = () => (aggregates ??= new DynamoAggregates(dynamoDocumentClient(), tableName("stats")));

export async function reportDeps(): Promise<ReportDeps> {
  const db = dynamoDocumentClient();
  return {
    aggregates: aggregateReader(),
    overdue: new DynamoOverdueIndex(db, tableName("cases")),
    cases: new DynamoCaseQueries(db, tableName("cases")),
    units: unitNamesFrom(referenceStore()),
    clock: systemClock,
    deadlines: await loadDeadlineContext(),
  };
}

export function publicStatsDeps(): PublicStatsDeps {
  return { aggregates: aggregateReader(), overdue: new DynamoOverdueIndex(dynamoDocumentClient(), tableName("cases")), units: unitNamesFrom(referenceStore()), clock: systemClock };
}
