// GET /cases/track/{trackingCode}: the citizen follows a case with its access key.
import { trackCase } from "#domain/intake.ts";
import { abuseDeps, trackingDeps } from "#adapters/context.ts";
import { abuseGuard } from "#http/abuse-guard.ts";
import { routeHandler } from "#http/handler.ts";
import { TrackCase } from "#routes/track-case.ts";

export const handler = routeHandler(TrackCase, async ({ params, headers }) => ({
  status: 200,
  body: await trackCase(params.trackingCode, headers["X-Access-Key"], await trackingDeps()),
})).use(abuseGuard({ scope: "track" }, abuseDeps));
