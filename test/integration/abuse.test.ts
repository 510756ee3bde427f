// The proof of work of POST /cases and the equal answers of tracking, through the local gateway on
// DynamoDB Local: each refused solution is a 400 naming why and stores no case; an idempotent retry may
// bring its spent solution again; an unknown code and a wrong key answer the same bytes after the same reads.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "#domain/ports.ts";
import { solve, solvedChallenge } from "#test/support/challenge.ts";
import { spyOnDynamo } from "#test/support/dynamo-spy.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  api = await startTestGateway();
});
afterAll(() => api?.close());
afterEach(() => vi.restoreAllMocks());

const petition = {
  kind: "petition",
  subject: "Kiến nghị sửa đường liên ấp",
  content: "Đường liên ấp Phú Hiệp bị sụt lún nhiều đoạn, xe máy đi lại rất nguy hiểm vào mùa mưa.",
  submitter: { fullName: "Phạm Văn Lộc", phone: "0907 111 222" },
};

const storedCases = async () => (await rawItems(endpoint, prefix)).filter((item) => item.sk === "CASE").length;
const submit = (headers: Record<string, string>) => api.post("/cases", petition, headers);
const problemOf = async (res: Response) => ({ status: res.status, type: res.headers.get("content-type"), body: await res.json() });

function refusal(code: string) {
  return {
    status: 400,
    type: "application/problem+json; charset=utf-8",
    body: {
      type: "https://don-thu.example/problems/invalid-request",
      title: "Invalid request",
      status: 400,
      code,
      detail: expect.any(String),
      errors: [{ path: "X-Altcha", message: expect.any(String), code }],
    },
  };
}

/** A solution re-encoded with one field changed. */
const tampered = (solution: string, change: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(solution, "base64").toString("utf8")), ...change })).toString("base64");

describe("POST /cases: the proof of work", () => {
  it("should refuse a submission without a solution (challenge_required), storing nothing", async () => {
    const before = await storedCases();
    expect(await problemOf(await submit({ "x-altcha": "" }))).toEqual(refusal("challenge_required"));
    expect(await storedCases()).toBe(before);
  });

  it("should refuse a forged, a wrong and an unreadable solution (challenge_invalid), storing nothing", async () => {
    const before = await storedCases();
    const good = await solvedChallenge(api.url);
    const { number } = JSON.parse(Buffer.from(good, "base64").toString("utf8")) as { number: number };
    const wrongNumber = tampered(good, { number: number + 1 });
    const forgedSignature = tampered(good, { signature: "0".repeat(64) });
    // A challenge of our shape signed with another key: a solver cannot mint its own.
    const otherSalt = tampered(good, { salt: "00112233445566778899aabb?expires=4102444800&" });

    for (const solution of [wrongNumber, forgedSignature, otherSalt, "not base64 JSON at all"]) {
      expect(await problemOf(await submit({ "x-altcha": solution }))).toEqual(refusal("challenge_invalid"));
    }
    expect(await storedCases()).toBe(before);
  });

  it("should refuse a solution of a challenge issued more than ten minutes ago (challenge_expired), storing nothing", async () => {
    const before = await storedCases();
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    vi.spyOn(systemClock, "now").mockReturnValue(elevenMinutesAgo);
    const old = await solvedChallenge(api.url);
    vi.restoreAllMocks();

    expect(await problemOf(await submit({ "x-altcha": old }))).toEqual(refusal("challenge_expired"));
    expect(await storedCases()).toBe(before);
  });

  it("should accept a solution once, and refuse it again (challenge_reused), with or without another Idempotency-Key", async () => {
    const solution = await solvedChallenge(api.url);
    const first = await submit({ "x-altcha": solution });
    const before = await storedCases();

    const again = await problemOf(await submit({ "x-altcha": solution }));
    const withKey = await problemOf(await submit({ "x-altcha": solution, "idempotency-key": crypto.randomUUID() }));

    expect(first.status).toBe(201);
    expect(again).toEqual(refusal("challenge_reused"));
    expect(withKey).toEqual(refusal("challenge_reused"));
    expect(await storedCases()).toBe(before);
  });

  it("should answer a retry with the same Idempotency-Key and the same, spent solution with the first case", async () => {
    const solution = await solvedChallenge(api.url);
    const key = crypto.randomUUID();
    const first = await submit({ "x-altcha": solution, "idempotency-key": key });
    const before = await storedCases();
    const retry = await submit({ "x-altcha": solution, "idempotency-key": key });
    const otherKey = await problemOf(await submit({ "x-altcha": solution, "idempotency-key": crypto.randomUUID() }));

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect(otherKey).toEqual(refusal("challenge_reused"));
    expect(await storedCases()).toBe(before);
  });

  it("should not ask staff registering a letter for a challenge", async () => {
    const staff = await startTestGateway({ verifyToken: fakeStaffVerifier });
    try {
      const res = await staff.post("/staff/cases", { ...petition, channel: "mail" }, bearer("reception"));
      expect(res.status).toBe(201);
    } finally {
      await staff.close();
    }
  });

  it("should answer a challenge that is never cached, with a cost and an expiry ten minutes ahead", async () => {
    const now = Date.now();
    const res = await api.get("/cases/challenge");
    const body = await res.json();
    const expires = Number(new URLSearchParams(body.salt.split("?")[1]).get("expires"));

    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ algorithm: "SHA-256", challenge: expect.stringMatching(/^[0-9a-f]{64}$/), maxnumber: 1000, salt: expect.any(String), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(expires * 1000).toBeGreaterThan(now + 9 * 60_000);
    expect(expires * 1000).toBeLessThanOrEqual(now + 10 * 60_000 + 1000);
    // And the test's own solver finds its number, as the browser's does.
    await expect(solve(body)).resolves.toEqual(expect.any(String));
  });
});

describe("GET /cases/track/{code}: equal answers", () => {
  it("should answer an unknown code and a known code with a wrong key with the same bytes, after the same reads", async () => {
    const { trackingCode } = await (await api.post("/cases", petition)).json();
    const wrongKey = "ABCDE-FGHJK-MNPQR-STVWX";
    const dynamo = spyOnDynamo();

    const known = await api.get(`/cases/track/${trackingCode}`, { "x-access-key": wrongKey });
    const knownBytes = await known.text();
    const knownReads = dynamo.sent.filter((s) => !s.command.startsWith("Update")).map((s) => s.command);
    dynamo.reset();
    const unknown = await api.get("/cases/track/ZZZZ-ZZZZ", { "x-access-key": wrongKey });
    const unknownBytes = await unknown.text();
    const unknownReads = dynamo.sent.filter((s) => !s.command.startsWith("Update")).map((s) => s.command);

    expect(known.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknownBytes).toBe(knownBytes);
    expect(Object.fromEntries(unknown.headers)).toMatchObject({ "content-type": known.headers.get("content-type"), "content-length": known.headers.get("content-length") });
    // The per-client counter (an UpdateItem) aside, one read of the tracking lookup each, and no read of the case.
    expect(knownReads).toEqual(["GetCommand"]);
    expect(unknownReads).toEqual(knownReads);
  });
});
