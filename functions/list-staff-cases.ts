// GET /staff/cases: staff list cases by status, unit, kind and flag, a page at a time; a handler sees its unit only.
import { listFiltersSchema, listStaffCases } from "#domain/listing.ts";
import { listingDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { parse } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("ListStaffCases", async (event, principal) => {
  const filters = parse(listFiltersSchema, event.queryStringParameters ?? {});
  return json(200, await listStaffCases(filters, principal, await listingDeps()));
});
