// GET /cases/track/{trackingCode}: the citizen follows a case with its access key.
import { trackCase } from "#domain/intake.ts";
import { caseDeps } from "#adapters/context.ts";
import { httpHandler } from "#http/handler.ts";
import { header } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = httpHandler(async (event) => {
  const view = await trackCase(event.pathParameters?.trackingCode ?? "", header(event, "x-access-key"), await caseDeps());
  return json(200, view);
});
