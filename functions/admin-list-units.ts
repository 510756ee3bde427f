// GET /admin/units: the unit registry (every staff role: the console shows unit names).
import { listUnits } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("ListUnits", async () => json(200, await listUnits(referenceDeps())));
