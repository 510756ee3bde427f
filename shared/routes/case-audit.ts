// GET /staff/cases/{caseId}/audit: the case's events and whether their keyed chain verifies against its anchors.
import { z } from "zod";
import { auditSchema } from "#domain/staff-cases.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { caseIdParam } from "./common.ts";

export const CaseAudit = defineRoute({
  name: "CaseAudit",
  method: "GET",
  path: "/staff/cases/{caseId}/audit",
  entry: "functions/case-audit.ts",
  auth: routeRoles.CaseAudit,
  tables: { cases: "read", reference: "read" },
  audit: "verify",
  summary: "The case's immutable events and whether their keyed chain verifies against the anchored heads",
  tags: ["staff"],
  request: { params: z.object({ caseId: caseIdParam }) },
  responses: {
    200: answer(
      "The audit chain. " +
        "Each event carries `hash` (SHA-256 over the previous event's hash and its own canonical content) and, from `macVersion` 1 on, `mac`: " +
        "HMAC-SHA-256 of that hash under an audit key that whoever writes the tables does not hold (a KMS HMAC key on AWS). Each chain head is " +
        "anchored within a minute in an append-only store outside the tables (S3 Object Lock on AWS). `chainValid` is false when an event was " +
        "edited (`reason` `hash_mismatch`, or `mac_mismatch` when it was re-hashed without the key), deleted (`missing_event`), or when the case " +
        "and its events were put back to an earlier state (`rolled_back`: an anchored head the table no longer holds); `brokenAt` names the " +
        "sequence number. `anchoredThrough` is the latest anchored sequence number: later events (the last minute) are not anchored yet, which " +
        "is not a failure. `unkeyedThrough` counts the events of a case written before the keyed chain, verified by their hashes only.",
      auditSchema,
    ),
    ...staffErrors,
    404: problem(404, "No such case"),
  },
});
