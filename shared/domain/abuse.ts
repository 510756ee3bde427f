// Abuse of the public form without tracking anyone (DOMAIN.md "Abuse of the public form"): a small proof
// of work per submission (altcha), and per-client limits counted in fixed windows under a keyed hash of
// the client's address, never the address. The arithmetic and the rules are here; the counters, the
// spent-solution markers and the keys are ports.
import { createHash } from "node:crypto";
import { createChallenge, extractParams, verifySolution } from "altcha-lib";
import { z } from "zod";
import { TooManyRequestsError, ValidationError } from "./errors.ts";
import type { Clock } from "./ports.ts";

// ---- per-client limits ----

/** At most `max` requests per client in each fixed window of `seconds`. */
export interface Limit {
  readonly max: number;
  readonly seconds: number;
}

/** What is limited per client: submissions (POST /cases) and tracking look-ups (GET /cases/track/{code}). */
export type LimitScope = "submit" | "track";
export type Limits = Readonly<Record<LimitScope, readonly Limit[]>>;

/**
 * Generous for a carrier-grade NAT address (a whole family, or a commune's mobile users, behind one address)
 * and a stop to a flood: 20 submissions in 10 minutes is more than a household files in a month, and 100 a
 * day still lets a commune's help desk file for its visitors; 60 look-ups in 10 minutes lets many people
 * behind one address follow their cases while guessing a 40-bit code at that pace takes millennia.
 */
export const defaultLimits: Limits = {
  submit: [
    { max: 20, seconds: 10 * 60 },
    { max: 100, seconds: 24 * 60 * 60 },
  ],
  track: [{ max: 60, seconds: 10 * 60 }],
};

/** `20/600,100/86400` (max/seconds, comma-separated) → limits; an unreadable or empty text is refused. */
export function parseLimits(text: string): Limit[] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    const max = Number(match?.[1]);
    const seconds = Number(match?.[2]);
    if (!match || max < 1 || seconds < 1) throw new Error(`"${part}" is not a limit: write max/seconds, e.g. 20/600`);
    return { max, seconds };
  });
}

/** One fixed window of a limit at an instant: where it starts, when it may be forgotten, how long until it ends. */
export interface WindowAt {
  readonly limit: Limit;
  /** Unix seconds at which the window began: the counter's identity. */
  readonly start: number;
  /** Unix seconds after which the counter may be deleted (TTL): the window's end, plus a minute. */
  readonly expiresAt: number;
  /** Whole seconds until the window ends (at least 1): the Retry-After of a refusal. */
  readonly retryAfterSeconds: number;
}

export function windowAt(limit: Limit, now: Date): WindowAt {
  const nowSeconds = now.getTime() / 1000;
  const start = Math.floor(nowSeconds / limit.seconds) * limit.seconds;
  const end = start + limit.seconds;
  return { limit, start, expiresAt: end + 60, retryAfterSeconds: Math.max(1, Math.ceil(end - nowSeconds)) };
}

export interface RateCounters {
  /**
   * Counts one request of `client` in each window, shortest first, up to the first that is already at its max;
   * answers the full windows (an empty list: counted everywhere).
   */
  take(scope: LimitScope, client: string, windows: readonly WindowAt[]): Promise<readonly WindowAt[]>;
}

export interface LimitDeps {
  readonly counters: RateCounters;
  readonly clock: Clock;
  readonly limits: Limits;
}

/** Counts the request, or refuses it with 429 and the seconds until the last full window ends. */
export async function enforceLimit(scope: LimitScope, client: string, deps: LimitDeps): Promise<void> {
  const now = deps.clock.now();
  const full = await deps.counters.take(scope, client, deps.limits[scope].map((limit) => windowAt(limit, now)));
  if (full.length > 0) throw new TooManyRequestsError(Math.max(...full.map((w) => w.retryAfterSeconds)));
}

// ---- the proof of work of a submission ----

export interface ChallengeConfig {
  /** altcha's `maxnumber`: the solver tries on average half of it (SHA-256 each). */
  readonly maxNumber: number;
  /** How long a challenge may be solved and used. */
  readonly ttlSeconds: number;
}

/**
 * 100,000: a phone of a few million đồng does some 50,000–100,000 SHA-256 a second in a Web Worker, so it
 * solves on average in about a second, while the citizen is still typing; 10 minutes to use it.
 */
export const defaultChallengeConfig: ChallengeConfig = { maxNumber: 100_000, ttlSeconds: 10 * 60 };

/** The challenge the browser solves (altcha's own shape, which its solvers and widget read). */
export const challengeSchema = z.object({
  algorithm: z.literal("SHA-256"),
  challenge: z.string().describe("SHA-256 (hex) of the salt followed by the secret number"),
  maxnumber: z.number().int().positive().describe("The number lies between 0 and this"),
  salt: z.string().describe("Random, then `?expires=<unix seconds>&`"),
  signature: z.string().describe("HMAC-SHA-256 of the challenge under the server's key"),
});
export type Challenge = z.infer<typeof challengeSchema>;

/** What the browser sends back, base64 JSON in `X-Altcha`. */
const solutionSchema = z.object({
  algorithm: z.literal("SHA-256"),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().nonnegative(),
  salt: z.string().min(1).max(200),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface SpentSolutions {
  /**
   * Marks a solution spent until `expiresAt` (unix seconds), remembering the hash of the Idempotency-Key that
   * spent it; true when it was not spent yet, or spent by the same key (a browser retrying a lost answer).
   */
  spend(solution: string, idempotencyKey: string | undefined, expiresAt: number): Promise<boolean>;
}

export interface ChallengeDeps {
  /** The HMAC key that signs challenges (a KMS-derived secret on AWS, a local one per data directory). */
  readonly challengeKey: () => Promise<string>;
  readonly spent: SpentSolutions;
  readonly clock: Clock;
  readonly challenge: ChallengeConfig;
}

export async function newChallenge(deps: Pick<ChallengeDeps, "challengeKey" | "clock" | "challenge">): Promise<Challenge> {
  const expires = new Date(deps.clock.now().getTime() + deps.challenge.ttlSeconds * 1000);
  const made = await createChallenge({ hmacKey: await deps.challengeKey(), maxnumber: deps.challenge.maxNumber, expires, algorithm: "SHA-256" });
  return challengeSchema.parse(made);
}

export type ChallengeRefusal = "challenge_required" | "challenge_invalid" | "challenge_expired" | "challenge_reused";

const refusalDetail: Record<ChallengeRefusal, string> = {
  challenge_required: "POST /cases needs a solved challenge (GET /cases/challenge) in header X-Altcha.",
  challenge_invalid: "The X-Altcha header is not a valid solution of a challenge of ours.",
  challenge_expired: "The challenge has expired: fetch a new one from GET /cases/challenge.",
  challenge_reused: "This solution was already used: fetch a new challenge for each submission.",
};

const refuse = (code: ChallengeRefusal): ValidationError =>
  new ValidationError([{ path: "X-Altcha", message: refusalDetail[code], code }], refusalDetail[code], { code });

/**
 * Admits one submission on a solved challenge, or throws a 400 naming why not. A solution is spent once; the
 * same Idempotency-Key may bring it again (its answer then comes from the idempotency record).
 */
export async function admitSolution(header: string | undefined, idempotencyKey: string | undefined, deps: ChallengeDeps): Promise<void> {
  if (!header) throw refuse("challenge_required");
  const solution = decodeSolution(header);
  if (!solution || !(await verifySolution(solution, await deps.challengeKey(), false))) throw refuse("challenge_invalid");
  // The expiry sits in the signed salt: verified above, so it is ours; a challenge without one is not.
  const expires = Number(extractParams(solution).expires);
  if (!Number.isInteger(expires)) throw refuse("challenge_invalid");
  if (expires * 1000 < deps.clock.now().getTime()) throw refuse("challenge_expired");
  const spentOnce = await deps.spent.spend(sha256(solution.challenge), idempotencyKey === undefined ? undefined : sha256(idempotencyKey), expires + 60);
  if (!spentOnce) throw refuse("challenge_reused");
}

function decodeSolution(header: string): z.infer<typeof solutionSchema> | undefined {
  try {
    return solutionSchema.parse(JSON.parse(Buffer.from(header, "base64").toString("utf8")));
  } catch {
    return undefined;
  }
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64url");
