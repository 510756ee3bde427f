// GET /admin/units: the unit registry (every staff role: the console shows unit names).
import { unitRegistrySchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const ListUnits = defineRoute({
  name: "ListUnits",
  method: "GET",
  path: "/admin/units",
  entry: "functions/admin-list-units.ts",
  auth: routeRoles.ListUnits,
  tables: { reference: "read" },
  summary: "The unit registry: every unit with its parent and whether it is a remote area",
  tags: ["admin"],
  responses: { 200: answer("The whole registry (empty until an admin stores one)", unitRegistrySchema), ...staffErrors, ...dependencyErrors },
});
