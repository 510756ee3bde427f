// The adapters of the staff list, built once per warm function from its environment.
import { DynamoCaseQueries } from "./case-queries.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { systemClock } from "#domain/ports.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import type { ListingDeps } from "#domain/listing.ts";
import { tableName } from "#tables";

let deps: ListingDeps | undefined;
export function listingDeps(): ListingDeps {
  deps ??= { cases: new DynamoCaseQueries(dynamoDocumentClient(), tableName("cases")), clock: systemClock, deadlines: defaultDeadlineContext() };
  return deps;
}
