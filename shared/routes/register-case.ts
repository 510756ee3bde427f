// POST /staff/cases: reception registers a letter received off-line (mail, in person, transfer, hotline).
import { z } from "zod";
import { submissionReceiptSchema } from "#domain/intake.ts";
import { staffRegistrationSchema } from "#domain/staff-cases.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors } from "./common.ts";

export const RegisterCase = defineRoute({
  name: "RegisterCase",
  method: "POST",
  path: "/staff/cases",
  entry: "functions/register-case.ts",
  auth: routeRoles.RegisterCase,
  tables: { cases: "readWrite", reference: "read" },
  audit: "sign",
  seal: true,
  senderKeys: true,
  summary: "Reception registers a letter received off-line; the receipt may be back-dated",
  tags: ["staff"],
  request: { body: staffRegistrationSchema },
  responses: {
    201: answer(
      "Registered: give the tracking code and access key to the citizen",
      submissionReceiptSchema,
      z.object({ Location: z.string().describe("/staff/cases/{caseId}") }),
    ),
    400: problem(400, "A field is invalid, or the receipt is in the future; `errors` names each one"),
    ...staffErrors,
    ...bodyErrors,
  },
});
