// The abuse limits in front of a public route's use case: the client's per-window limit, then (for a
// submission) the proof of work. Middy middleware, added to the route's handler, so a refused request
// reaches no use case and stores nothing; its error becomes problem+json in problem.ts like any other.
import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { admitSolution, enforceLimit, type ChallengeDeps, type LimitDeps, type LimitScope } from "#domain/abuse.ts";
import { header } from "./request.ts";

export interface GuardDeps extends LimitDeps, ChallengeDeps {
  /** The keyed hash of the request's client address: what the counters are keyed by. */
  clientOf(event: APIGatewayProxyEventV2): Promise<string>;
}

export interface GuardOptions {
  readonly scope: LimitScope;
  /** Whether the request must carry a solved challenge in `X-Altcha`. */
  readonly challenge?: boolean;
}

export const abuseGuard = (
  options: GuardOptions,
  deps: () => GuardDeps,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  before: async ({ event }) => {
    const d = deps();
    await enforceLimit(options.scope, await d.clientOf(event), d);
    if (options.challenge) await admitSolution(header(event, "X-Altcha"), header(event, "Idempotency-Key"), d);
  },
});
