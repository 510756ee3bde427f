// GET /staff/config: the staff pool the pages sign in to, from the environment the stack (or the local runtime) sets.
import { routeHandler } from "#http/handler.ts";
import { StaffConfig, staffConfigSchema } from "#routes/staff-config.ts";

export const handler = routeHandler(StaffConfig, async () => {
  const region = process.env.STAFF_POOL_REGION ?? process.env.AWS_REGION ?? "";
  // parse throws on a missing variable: a deployment mistake, answered as a 500 without detail.
  const config = staffConfigSchema.parse({
    region,
    userPoolId: process.env.STAFF_POOL_ID,
    clientId: process.env.STAFF_CLIENT_ID,
    cognitoEndpoint: process.env.COGNITO_ENDPOINT || `https://cognito-idp.${region}.amazonaws.com/`,
  });
  return { status: 200, body: config, headers: { "Cache-Control": "public, max-age=300" } };
});
