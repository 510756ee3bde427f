// A bounded flood through the local gateway on DynamoDB Local, from real source addresses: one client
// (127.0.0.1, whatever X-Forwarded-For it writes) sends 150 submissions, each with a valid solution, as
// fast as it can; exactly the limit is stored, the rest are 429 with Retry-After, and a second client
// (127.0.0.2, the same loopback, another TCP peer) is not affected. The clock is held inside one window,
// so the window's edge can never fall inside the flood.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "#domain/ports.ts";
import { problemSchema } from "#http/problem.ts";
import { solvedChallenge } from "#test/support/challenge.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";

let api: TestGateway;
let endpoint: string;
let prefix: string;

const SENT = 150;
const LIMIT = 20;
/** Five minutes into a ten-minute window: a refusal waits 300 s. */
const frozenAt = new Date("2026-12-02T03:05:00.000Z");

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  Object.assign(process.env, { LIMITS_SUBMIT: `${LIMIT}/600,100/86400`, LIMITS_TRACK: "5/600" });
  vi.spyOn(systemClock, "now").mockReturnValue(frozenAt);
  api = await startTestGateway();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
});

const petition = {
  kind: "petition",
  subject: "Kiến nghị lắp đèn đường",
  content: "Đoạn đường từ chợ xã về trường tiểu học không có đèn chiếu sáng, học sinh đi học buổi tối rất nguy hiểm.",
};

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request whose TCP connection comes from `from` (a loopback address), as a second client would. */
function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(path, api.url);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, headers, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end(body);
  });
}

const submitFrom = (from: string, solution: string, i: number) =>
  send(from, "POST", "/cases", { "content-type": "application/json", "x-altcha": solution, "x-forwarded-for": `203.0.113.${i % 250}` }, JSON.stringify(petition));

const storedCases = async () => (await rawItems(endpoint, prefix)).filter((item) => item.sk === "CASE").length;

describe("a flood of submissions from one client address", () => {
  it("should store exactly the limit, refuse the rest with 429 and Retry-After, and leave another address its own limit", async () => {
    const solutions = await Promise.all(Array.from({ length: SENT }, () => solvedChallenge(api.url)));
    const started = performance.now();
    const replies = await Promise.all(solutions.map((solution, i) => submitFrom("127.0.0.1", solution, i)));
    const elapsedMs = performance.now() - started;
    const stored = await storedCases();
    const refused = replies.filter((r) => r.status === 429);
    console.log(
      `flood: sent ${SENT} from one address, stored ${stored}, refused ${refused.length} (429), in ${(elapsedMs / 1000).toFixed(2)} s; limit ${LIMIT} per 10 minutes`,
    );

    expect(replies.filter((r) => r.status === 201)).toHaveLength(LIMIT);
    expect(refused).toHaveLength(SENT - LIMIT);
    expect(stored).toBe(LIMIT);
    for (const reply of refused) {
      const body = problemSchema.parse(JSON.parse(reply.body));
      expect(reply.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(reply.headers["retry-after"]).toBe("300");
      expect(body).toEqual({
        type: "https://don-thu.example/problems/too-many-requests",
        title: "Too many requests",
        status: 429,
        code: "rate_limited",
        params: { retryAfterSeconds: 300 },
        detail: expect.any(String),
      });
    }

    const other = await submitFrom("127.0.0.2", await solvedChallenge(api.url), 0);
    expect(other.status).toBe(201);
    expect(await storedCases()).toBe(LIMIT + 1);
    // A refused client stays refused, its solution unspent: nothing was stored for it.
    expect((await submitFrom("127.0.0.1", await solvedChallenge(api.url), 0)).status).toBe(429);
  });

  it("should limit tracking look-ups per address, guessed codes or not, and not another address's", async () => {
    const look = (from: string) => send(from, "GET", "/cases/track/ABCD-EFGH", { "x-access-key": "ABCDE-FGHJK-MNPQR-STVWX" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await look("127.0.0.3")).status);
    const otherAddress = await look("127.0.0.4");

    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    expect(otherAddress.status).toBe(404);
  });
});
