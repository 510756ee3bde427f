// GET /cases/challenge: a fresh proof-of-work challenge for one submission.
import { newChallenge } from "#domain/abuse.ts";
import { challengeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { GetChallenge } from "#routes/get-challenge.ts";

export const handler = routeHandler(GetChallenge, async () => ({
  status: 200,
  body: await newChallenge(challengeDeps()),
  headers: { "Cache-Control": "no-store" },
}));
