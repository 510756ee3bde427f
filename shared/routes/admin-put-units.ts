// PUT /admin/units: replaces the whole unit registry, refused whole with field errors when invalid.
import { unitRegistrySchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors, dependencyErrors } from "./common.ts";

export const PutUnits = defineRoute({
  name: "PutUnits",
  method: "PUT",
  path: "/admin/units",
  entry: "functions/admin-put-units.ts",
  auth: routeRoles.PutUnits,
  tables: { reference: "readWrite" },
  summary: "Replace the whole unit registry",
  tags: ["admin"],
  // The registry checks the whole list, ids listed twice, unknown parents and cycles (shared/domain/reference.ts).
  request: { body: unitRegistrySchema, bodyCheckedBy: "domain" },
  responses: {
    200: answer("The registry as stored", unitRegistrySchema),
    400: problem(400, "Refused whole: `errors` names each field (`3.parentId`: an unknown parent or a cycle; `2.unitId`: listed twice)"),
    ...staffErrors,
    ...bodyErrors,
    ...dependencyErrors,
  },
});
