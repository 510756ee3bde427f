// GET /staff/cases: staff list cases by status, unit, kind and flag, a page at a time; a handler sees its unit only.
import { listStaffCases } from "#domain/listing.ts";
import { listingDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { ListStaffCases } from "#routes/list-staff-cases.ts";

export const handler = routeHandler(ListStaffCases, async ({ query, principal }) => ({
  status: 200,
  body: await listStaffCases(query, principal, await listingDeps()),
}));
