// GET /staff/config: what the staff pages need to sign in with Cognito (all public values, no secret).
import { z } from "zod";
import { answer, problem } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { publicCache } from "./common.ts";

export const staffConfigSchema = z.object({ region: z.string(), userPoolId: z.string(), clientId: z.string(), cognitoEndpoint: z.url() });

export const StaffConfig = defineRoute({
  name: "StaffConfig",
  method: "GET",
  path: "/staff/config",
  entry: "functions/staff-config.ts",
  auth: "public",
  tables: {},
  // How the staff pages sign in: the pool, its public app client and the Cognito endpoint (no secret in it).
  staffPool: true,
  summary: "How the staff pages sign in: the Cognito region, user pool, public app client and endpoint",
  tags: ["public"],
  responses: {
    200: answer("The sign-in configuration", staffConfigSchema, publicCache),
    500: problem(500, "The deployment does not name the staff pool"),
  },
});
