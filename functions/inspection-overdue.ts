// GET /inspection/overdue: the overdue register, most overdue first.
import { overdueFiltersSchema, overdueRegister } from "#domain/inspection.ts";
import { listingDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { parse } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("InspectionOverdue", async (event) =>
  json(200, await overdueRegister(parse(overdueFiltersSchema, event.queryStringParameters ?? {}), await listingDeps())),
);
