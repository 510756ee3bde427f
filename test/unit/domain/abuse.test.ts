// The abuse rules without a database: the window arithmetic and the limits' text, the refusals of a
// solution (each its code), the spending of a solution (the same Idempotency-Key may bring it again).
import { createChallenge } from "altcha-lib";
import { describe, expect, it } from "vitest";
import {
  admitSolution,
  enforceLimit,
  newChallenge,
  parseLimits,
  windowAt,
  type ChallengeDeps,
  type RateCounters,
  type SpentSolutions,
  type WindowAt,
} from "#domain/abuse.ts";
import { AppError, TooManyRequestsError } from "#domain/errors.ts";
import { solve } from "#test/support/challenge.ts";

const now = new Date("2026-12-02T03:05:30.000Z");
const key = "a test key of the challenges";

/** Spent solutions in memory, as the DynamoDB conditional put keeps them. */
function spentInMemory(): SpentSolutions & { readonly marks: Map<string, string | undefined> } {
  const marks = new Map<string, string | undefined>();
  return {
    marks,
    spend: async (solution, idempotencyKey) => {
      if (marks.has(solution) && (idempotencyKey === undefined || marks.get(solution) !== idempotencyKey)) return false;
      marks.set(solution, idempotencyKey);
      return true;
    },
  };
}

const deps = (over: Partial<ChallengeDeps> = {}): ChallengeDeps => ({
  challengeKey: async () => key,
  spent: spentInMemory(),
  clock: { now: () => now },
  challenge: { maxNumber: 500, ttlSeconds: 600 },
  ...over,
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "admitted",
    (err: AppError) => `${err.status} ${err.code}`,
  );

describe("windowAt", () => {
  it("should place an instant in its fixed window: its start, its TTL a minute past its end, and the whole seconds left", () => {
    const start = Date.parse("2026-12-02T03:00:00Z") / 1000;
    expect(windowAt({ max: 20, seconds: 600 }, now)).toEqual({ limit: { max: 20, seconds: 600 }, start, expiresAt: start + 660, retryAfterSeconds: 270 });
    expect(windowAt({ max: 100, seconds: 86_400 }, now).start).toBe(Date.parse("2026-12-02T00:00:00Z") / 1000);
  });

  it("should never ask to wait less than a second, even on a window's last millisecond", () => {
    expect(windowAt({ max: 1, seconds: 600 }, new Date("2026-12-02T03:09:59.999Z")).retryAfterSeconds).toBe(1);
    expect(windowAt({ max: 1, seconds: 600 }, new Date("2026-12-02T03:10:00.000Z")).retryAfterSeconds).toBe(600);
  });
});

describe("parseLimits", () => {
  it("should read max/seconds pairs and refuse anything else", () => {
    expect(parseLimits("20/600, 100/86400")).toEqual([
      { max: 20, seconds: 600 },
      { max: 100, seconds: 86_400 },
    ]);
    for (const bad of ["", "20", "0/600", "20/0", "twenty/600", "20/600;"]) expect(() => parseLimits(bad), bad).toThrow(/is not a limit/);
  });
});

describe("enforceLimit", () => {
  const limits = { submit: [{ max: 20, seconds: 600 }, { max: 100, seconds: 86_400 }], track: [{ max: 60, seconds: 600 }] };
  const counters = (full: (w: WindowAt) => boolean): RateCounters & { seen: WindowAt[] } => {
    const seen: WindowAt[] = [];
    return { seen, take: async (_scope, _client, windows) => (seen.push(...windows), windows.filter(full)) };
  };

  it("should count the request in every window of its scope, and let it through", async () => {
    const c = counters(() => false);
    await enforceLimit("submit", "client-hash", { counters: c, clock: { now: () => now }, limits });
    expect(c.seen.map((w) => w.limit.seconds)).toEqual([600, 86_400]);
  });

  it("should refuse with 429 rate_limited and the wait of the longest full window", async () => {
    const c = counters(() => true);
    const refusal = await enforceLimit("submit", "client-hash", { counters: c, clock: { now: () => now }, limits }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect(refusal).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 75_270, params: { retryAfterSeconds: 75_270 } });
  });
});

describe("admitSolution", () => {
  it("should admit a solution of its own challenge, once", async () => {
    const d = deps();
    const solution = await solve(await newChallenge(d));
    expect(await codeOf(admitSolution(solution, undefined, d))).toBe("admitted");
    expect(await codeOf(admitSolution(solution, undefined, d))).toBe("400 challenge_reused");
  });

  it("should let the Idempotency-Key that spent a solution bring it again, and no other key", async () => {
    const d = deps();
    const solution = await solve(await newChallenge(d));
    expect(await codeOf(admitSolution(solution, "key-1", d))).toBe("admitted");
    expect(await codeOf(admitSolution(solution, "key-1", d))).toBe("admitted");
    expect(await codeOf(admitSolution(solution, "key-2", d))).toBe("400 challenge_reused");
    expect(await codeOf(admitSolution(solution, undefined, d))).toBe("400 challenge_reused");
    // Only hashes are kept: the Idempotency-Key itself is nowhere in the marks.
    expect([...(d.spent as ReturnType<typeof spentInMemory>).marks.values()]).not.toContain("key-1");
  });

  it("should refuse a missing solution as challenge_required", async () => {
    expect(await codeOf(admitSolution(undefined, undefined, deps()))).toBe("400 challenge_required");
    expect(await codeOf(admitSolution("", undefined, deps()))).toBe("400 challenge_required");
  });

  it("should refuse what another key signed, a weaker algorithm, a challenge without expiry and unreadable text as challenge_invalid", async () => {
    const d = deps();
    const foreign = await solve(await newChallenge({ ...d, challengeKey: async () => "someone else's key" }));
    const noExpiry = await solve({ ...(await createChallenge({ hmacKey: key, maxnumber: 500 })), algorithm: "SHA-256" } as never);
    const sha1 = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(await solve(await newChallenge(d)), "base64").toString()), algorithm: "SHA-1" })).toString("base64");
    for (const solution of [foreign, noExpiry, sha1, "%%%", Buffer.from("[]").toString("base64")]) {
      expect(await codeOf(admitSolution(solution, undefined, d))).toBe("400 challenge_invalid");
    }
  });

  it("should refuse a solution once its challenge's ten minutes are over as challenge_expired, not before", async () => {
    const d = deps();
    const solution = await solve(await newChallenge(d));
    const at = (ms: number) => deps({ spent: spentInMemory(), clock: { now: () => new Date(now.getTime() + ms) } });
    // altcha keeps whole seconds: expiry is at now + 600 s, rounded down.
    expect(await codeOf(admitSolution(solution, undefined, at(599_000)))).toBe("admitted");
    expect(await codeOf(admitSolution(solution, undefined, at(601_000)))).toBe("400 challenge_expired");
  });
});
