// GET /cases/track/{trackingCode}: the citizen follows a case with its access key.
import { z } from "zod";
import { trackingViewSchema } from "#domain/intake.ts";
import { answer, orNotFound, problem } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { dependencyErrors, rateLimited } from "./common.ts";

export const TrackCase = defineRoute({
  name: "TrackCase",
  method: "GET",
  path: "/cases/track/{trackingCode}",
  entry: "functions/track-case.ts",
  auth: "public",
  tables: { cases: "read", reference: "read", abuse: "readWrite" },
  abuseKeys: true,
  summary: "The citizen follows a case",
  tags: ["public"],
  request: {
    params: z.object({ trackingCode: z.string().describe("As printed (ABCD-EFGH); case, spaces and dashes do not matter") }),
    // Without a key, the same answer as with a wrong one: no oracle.
    headers: z.object({ "X-Access-Key": orNotFound(z.string(), "No case has this tracking code and access key.") }),
  },
  responses: {
    200: answer("The case as the citizen may see it", trackingViewSchema),
    404: problem(404, "No case has this code and key (the same answer for either, and without a key)"),
    429: rateLimited,
    ...dependencyErrors,
  },
});
