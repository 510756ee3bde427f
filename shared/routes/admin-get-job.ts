// GET /admin/jobs/{jobId}: a job's progress (the recompute that a change of calendar or policy started).
import { z } from "zod";
import { jobIdSchema, jobViewSchema } from "#domain/jobs.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, orNotFound, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { dependencyErrors } from "./common.ts";

export const GetJob = defineRoute({
  name: "GetJob",
  method: "GET",
  path: "/admin/jobs/{jobId}",
  entry: "functions/admin-get-job.ts",
  auth: routeRoles.GetJob,
  tables: { reference: "read" },
  summary: "A job's progress: its status, the open cases done of the total, how many moved",
  tags: ["admin"],
  request: { params: z.object({ jobId: orNotFound(jobIdSchema, "No such job.") }) },
  responses: {
    200: answer("The job", jobViewSchema),
    ...staffErrors,
    ...dependencyErrors,
    404: problem(404, "No such job"),
  },
});
