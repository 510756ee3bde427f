// GET /staff/config: the staff pool the pages sign in to, from the environment the stack (or the local runtime) sets.
import { staffConfigSchema } from "#http/api-docs.ts";
import { httpHandler } from "#http/handler.ts";
import { json } from "#http/response.ts";

export const handler = httpHandler(async () => {
  const region = process.env.STAFF_POOL_REGION ?? process.env.AWS_REGION ?? "";
  // parse throws on a missing variable: a deployment mistake, answered as a 500 without detail.
  const config = staffConfigSchema.parse({
    region,
    userPoolId: process.env.STAFF_POOL_ID,
    clientId: process.env.STAFF_CLIENT_ID,
    cognitoEndpoint: process.env.COGNITO_ENDPOINT || `https://cognito-idp.${region}.amazonaws.com/`,
  });
  return json(200, config, { "cache-control": "public, max-age=300" });
});
