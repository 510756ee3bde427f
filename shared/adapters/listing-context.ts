// The adapters of the staff lists (the staff list and the overdue register), built once per warm
// function; the deadline context is the stored policy and calendar, like every other use case's.
import { DynamoCaseQueries } from "./case-queries.ts";
import { loadDeadlineContext } from "./deadline-context.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { systemClock } from "#domain/ports.ts";
import type { ListingDeps } from "#domain/listing.ts";
import { tableName } from "#tables";

let cases: DynamoCaseQueries | undefined;
export async function listingDeps(): Promise<ListingDeps> {
  cases ??= new DynamoCaseQueries(dynamoDocumentClient(), tableName("cases"));
  return { cases, clock: systemClock, deadlines: await loadDeadlineContext() };
}
