// PUT /admin/units: replaces the whole unit registry, refused whole with field errors when invalid.
import { replaceUnits } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { PutUnits } from "#routes/admin-put-units.ts";

export const handler = routeHandler(PutUnits, async ({ body, principal }) => ({
  status: 200,
  body: await replaceUnits(body, principal, referenceDeps()),
}));
