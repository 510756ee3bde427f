// GET /inspection/overdue: the overdue register, most overdue first.
import { overdueRegister } from "#domain/inspection.ts";
import { listingDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { InspectionOverdue } from "#routes/inspection-overdue.ts";

export const handler = routeHandler(InspectionOverdue, async ({ query }) => ({ status: 200, body: await overdueRegister(query, await listingDeps()) }));
