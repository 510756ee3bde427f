// POST /staff/cases/{caseId}/reveal-identity: a denouncer's identity, for a stated reason, recorded in the audit chain.
import { z } from "zod";
import { revealBodySchema, revealedSchema } from "#domain/staff-cases.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors, caseIdParam } from "./common.ts";

export const RevealIdentity = defineRoute({
  name: "RevealIdentity",
  method: "POST",
  path: "/staff/cases/{caseId}/reveal-identity",
  entry: "functions/reveal-identity.ts",
  auth: routeRoles.RevealIdentity,
  tables: { cases: "readWrite", reference: "read" },
  audit: "sign",
  seal: true,
  summary: "Reveal a denouncer's sealed identity, for a stated reason; the act is recorded in the audit chain",
  tags: ["staff"],
  request: { params: z.object({ caseId: caseIdParam }), body: revealBodySchema },
  responses: {
    200: answer("The identity", revealedSchema),
    400: problem(400, "No reason given, or too short"),
    ...staffErrors,
    404: problem(404, "No such case, or not one of your unit's"),
    ...bodyErrors,
    422: problem(422, "The case has no sealed identity"),
  },
});
