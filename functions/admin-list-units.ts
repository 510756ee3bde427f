// GET /admin/units: the unit registry (every staff role: the console shows unit names).
import { listUnits } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { ListUnits } from "#routes/admin-list-units.ts";

export const handler = routeHandler(ListUnits, async () => ({ status: 200, body: await listUnits(referenceDeps()) }));
