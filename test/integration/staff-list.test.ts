// GET /staff/cases through the local gateway on DynamoDB Local: every filter combination pages to exactly
// the brute-force answer, in order; a handler sees its unit only; bad filters and forged cursors are 400s;
// and the DynamoDB client is only ever sent Query (and Get) commands: no Scan.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { dynamoDocumentClient } from "#adapters/context.ts";
import { DynamoCaseRepository } from "#adapters/case-repository.ts";
import { auditSignerFromEnv } from "#adapters/audit-keys.ts";
import { currentDueAt } from "#adapters/case-keys.ts";
import { tableName } from "#tables";
import { chainEvent, GENESIS_HASH } from "#domain/audit.ts";
import { newTrackingCode } from "#domain/codes.ts";
import { caseKinds, type CaseKind, type CaseRecord, type CaseStatus } from "#domain/case.ts";
import { computeDeadlines, defaultDeadlineContext, deriveFlags, type Flag } from "#domain/deadlines/index.ts";
import { toSummary, type CaseSummary } from "#domain/listing.ts";
import { scopeFilters, type Viewer } from "#domain/access.ts";

const ctx = defaultDeadlineContext();
const DAY = 86_400_000;
const units = ["so-tn-mt", "ubnd-xa-a", "so-xd"] as const;
const now = new Date();
const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000).toISOString();

let api: TestGateway;
const seeded: CaseRecord[] = [];
const sent: string[] = [];

/** Fake tokens: the gateway's verifier maps each to the claims Cognito would put in an ID token. */
const principals: Record<string, Viewer> = {
  inspector: { role: "inspector" },
  reception: { role: "reception" },
  admin: { role: "admin" },
  "handler-so-tn-mt": { role: "handler", unitId: "so-tn-mt" },
  "handler-ubnd-xa-a": { role: "handler", unitId: "ubnd-xa-a" },
};
const verifyToken = (token: string) => {
  const p = principals[token];
  return p && { sub: randomUUID(), "cognito:username": token, token_use: "id", "cognito:groups": `[${p.role}]`, ...(p.unitId && { "custom:unitId": p.unitId }) };
};

/** Deterministic pseudo-random numbers: the same seed gives the same cases. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

interface Seed {
  days: number;
  status: CaseStatus;
  kind: CaseKind;
  unitId?: string;
  anonymous?: boolean;
  suspended?: boolean;
  filingCount?: number;
}

function seeds(): Seed[] {
  const r = random(2026);
  const pick = <V>(list: readonly V[]): V => list[Math.floor(r() * list.length)] as V;
  const list: Seed[] = Array.from({ length: 52 }, () => {
    const status = pick<CaseStatus>(["received", "received", "received", "in_progress", "in_progress", "in_progress", "closed", "resolved", "archived", "transferred"]);
    const kind = pick(caseKinds);
    return {
      days: Math.floor(r() * 150),
      status,
      kind,
      ...((status !== "received" || r() < 0.5) && { unitId: pick(units) }),
      ...(kind === "denunciation" && r() < 0.4 && { anonymous: true }),
      ...(status === "in_progress" && r() < 0.2 && { suspended: true }),
    };
  });
  // Due within a few working days, a third filing (old and recent), and cases not yet assigned.
  list.push(
    { days: 11, status: "received", kind: "complaint", unitId: "so-tn-mt" },
    { days: 12, status: "received", kind: "petition", unitId: "ubnd-xa-a" },
    { days: 12, status: "received", kind: "complaint" },
    { days: 13, status: "received", kind: "reflection", unitId: "so-tn-mt" },
    { days: 100, status: "in_progress", kind: "complaint", unitId: "so-tn-mt", filingCount: 3 },
    { days: 5, status: "received", kind: "complaint", unitId: "so-tn-mt", filingCount: 3 },
    { days: 1, status: "received", kind: "petition" },
    { days: 0, status: "received", kind: "denunciation" },
  );
  return list;
}

function record(s: Seed, i: number): CaseRecord {
  const receivedAt = ago(s.days, (i % 7) + 1);
  const accepted = s.status !== "received" && s.status !== "transferred" && s.status !== "archived";
  const acceptedAt = accepted ? new Date(Math.min(Date.parse(receivedAt) + 2 * DAY, now.getTime() - 3_600_000)).toISOString() : undefined;
  const facts = {
    kind: s.kind,
    anonymous: s.anonymous ?? false,
    status: s.status,
    receivedAt,
    ...(acceptedAt && { acceptedAt }),
    ...(s.suspended && acceptedAt && { suspensions: [{ from: new Date(Date.parse(acceptedAt) + 3_600_000).toISOString() }] }),
    ...(s.filingCount && { filingCount: s.filingCount }),
  };
  return {
    ...facts,
    caseId: randomUUID(),
    trackingCode: newTrackingCode(),
    subject: `Đơn số ${i}: khiếu nại về đất đai`,
    content: "Nội dung chi tiết của đơn, đủ dài để là một đơn thật sự.",
    channel: "mail",
    language: "vi",
    ...(s.unitId && { unitId: s.unitId }),
    ...(s.kind === "denunciation" && !s.anonymous
      ? { sealedSubmitter: "sealed:Trần Thị Tố Cáo" }
      : !s.anonymous && { submitter: { fullName: "Nguyễn Văn Bình", phone: "0912345678" } }),
    updatedAt: acceptedAt ?? receivedAt,
    version: 1,
    deadlines: computeDeadlines(facts, ctx, { asOf: now }),
    lastAt: acceptedAt ?? receivedAt,
    lastSeq: 1,
    lastHash: "",
  };
}

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken });
  const repo = new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases"), () => auditSignerFromEnv());
  for (const [i, s] of seeds().entries()) {
    const r = record(s, i);
    const event = chainEvent(GENESIS_HASH, { caseId: r.caseId, seq: 1, type: "received", at: r.receivedAt, enteredAt: r.receivedAt, actor: { kind: "system" }, status: "received" });
    r.lastHash = event.hash;
    await repo.create(r, event, "hash");
    seeded.push(r);
  }
  // Recorded from here on: every command the handlers send.
  const client = dynamoDocumentClient();
  const send = client.send.bind(client);
  vi.spyOn(client, "send").mockImplementation(((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    sent.push(command.constructor.name);
    return (send as (...a: unknown[]) => unknown)(command, ...rest);
  }) as typeof client.send);
});
afterAll(() => api?.close());

interface Filters {
  status?: CaseStatus;
  unitId?: string;
  kind?: CaseKind;
  flag?: Flag;
  order?: "asc" | "desc";
}

/** What the list must answer, from the seeded records alone. */
function expected(token: string, requested: Filters): CaseSummary[] {
  const f = scopeFilters(requested, principals[token] as Viewer);
  if (!f) return [];
  const byDue = f.flag === "overdue" || f.flag === "approaching";
  const key = (c: CaseRecord) => `${byDue ? currentDueAt(c) : c.receivedAt}#${c.caseId}`;
  return seeded
    .filter((c) => (!f.status || c.status === f.status) && (!f.kind || c.kind === f.kind) && (!f.unitId || c.unitId === f.unitId))
    .filter((c) => !f.flag || deriveFlags(c, now, ctx).flags.includes(f.flag))
    .sort((a, b) => (key(a) < key(b) ? -1 : 1) * (f.order === "desc" ? -1 : 1))
    .map((c) => toSummary(c, now, ctx));
}

const query = (f: Filters & { limit?: number; cursor?: string }) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();

async function list(token: string, f: Filters & { limit?: number; cursor?: string }) {
  const res = await api.get(`/staff/cases?${query(f)}`, { authorization: `Bearer ${token}` });
  return { status: res.status, body: await res.json() };
}

/** Every page with limit 7, following nextCursor. */
async function allPages(token: string, f: Filters) {
  const pages: CaseSummary[][] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await list(token, { ...f, limit: 7, ...(cursor && { cursor }) });
    expect(status).toBe(200);
    pages.push(body.items);
    cursor = body.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

const combos: Filters[] = [];
for (const flag of [undefined, "overdue", "approaching", "prolonged"] as const)
  for (const unitId of [undefined, "so-tn-mt"])
    for (const kind of [undefined, "complaint"] as const)
      for (const status of [undefined, "received", "in_progress", "closed"] as const)
        combos.push({ ...(flag && { flag }), ...(unitId && { unitId }), ...(kind && { kind }), ...(status && { status }) });

describe("GET /staff/cases", () => {
  it("should have seeded cases of every flag, so the comparisons below mean something", () => {
    const flags = new Set(seeded.flatMap((c) => deriveFlags(c, now, ctx).flags));

    expect([...flags].sort()).toEqual(["approaching", "overdue", "prolonged"]);
    expect(seeded).toHaveLength(60);
  });

  it.each(combos.map((f) => [query(f) || "(no filter)", f] as const))("inspector, %s: pages of 7 concatenate to exactly the expected list", async (_, f) => {
    const pages = await allPages("inspector", f);

    expect(pages.flat()).toEqual(expected("inspector", f));
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
  });

  it.each([{}, { flag: "overdue" }, { flag: "prolonged", kind: "complaint" }, { unitId: "ubnd-xa-a", status: "in_progress" }, { kind: "petition" }] as Filters[])(
    "newest first with order=desc: %j",
    async (f) => {
      const pages = await allPages("admin", { ...f, order: "desc" });

      expect(pages.flat()).toEqual(expected("admin", { ...f, order: "desc" }));
    },
  );

  it("should list the cases not yet assigned to a unit to reception", async () => {
    const items = (await allPages("reception", { status: "received" })).flat();

    expect(items).toEqual(expected("reception", { status: "received" }));
    expect(items.some((c) => c.unitId === undefined)).toBe(true);
  });

  it("should never show the sender, sealed or not, nor the content", async () => {
    const text = JSON.stringify((await allPages("admin", {})).flat());

    expect(text).not.toContain("Nguyễn Văn Bình");
    expect(text).not.toContain("Tố Cáo");
    expect(text).not.toMatch(/submitter|sealed|content|senderKey/);
  });

  it("should flag a recent third filing prolonged, and list it under flag=prolonged", async () => {
    const recent = seeded.find((c) => c.filingCount === 3 && c.status === "received") as CaseRecord;

    const all = (await allPages("inspector", { unitId: "so-tn-mt", status: "received" })).flat();
    const prolonged = (await allPages("inspector", { flag: "prolonged" })).flat();

    expect(all.find((c) => c.caseId === recent.caseId)?.flags).toContain("prolonged");
    expect(prolonged.map((c) => c.caseId)).toContain(recent.caseId);
  });
});

describe("a handler sees its unit only", () => {
  const handlerCombos = combos.filter((f) => !f.unitId);

  it.each(handlerCombos.map((f) => [query(f) || "(no filter)", f] as const))("handler, %s: its unit's cases, exactly", async (_, f) => {
    const pages = await allPages("handler-so-tn-mt", f);

    expect(pages.flat()).toEqual(expected("handler-so-tn-mt", f));
    expect(pages.flat().every((c) => c.unitId === "so-tn-mt")).toBe(true);
  });

  it("should answer an empty list, not a 404, when a handler asks for another unit", async () => {
    const res = await list("handler-so-tn-mt", { unitId: "ubnd-xa-a" });

    expect(res).toEqual({ status: 200, body: { items: [] } });
  });

  it("should refuse another unit's cursor with a 400 naming cursor", async () => {
    const other = await list("inspector", { unitId: "ubnd-xa-a", limit: 1 });
    expect(other.body.nextCursor).toEqual(expect.any(String));

    const res = await list("handler-so-tn-mt", { cursor: other.body.nextCursor });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: "cursor", message: "belongs to a list with other filters", code: "invalid_cursor" }]);
  });
});

describe("bad input", () => {
  it.each([
    ["status=lost", "status"],
    ["kind=letter", "kind"],
    ["flag=late", "flag"],
    ["unitId=Not%20A%20Unit", "unitId"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=many", "limit"],
    ["order=sideways", "order"],
    ["status=received&status=closed", "status"],
    ["page=2", "page"],
  ])("should answer 400 naming the field for %s", async (qs, field) => {
    const res = await api.get(`/staff/cases?${qs}`, { authorization: "Bearer inspector" });
    const body = await res.json();

    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
  });

  it.each([
    ["garbage", "not-a-cursor!"],
    ["base64 of nonsense", Buffer.from("hello").toString("base64url")],
    ["a hand-made key into another partition", Buffer.from(JSON.stringify({ v: 1, k: "U#ubnd-xa-a", q: "AAAAAAAAAAAA" })).toString("base64url")],
    ["a well-formed key with a wrong binding", Buffer.from(JSON.stringify({ v: 1, k: `2026-01-01T00:00:00.000Z#${randomUUID()}`, q: "AAAAAAAAAAAA" })).toString("base64url")],
  ])("should answer 400 naming cursor for a forged cursor: %s", async (_, cursor) => {
    const res = await list("handler-so-tn-mt", { cursor });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["cursor"]);
  });

  it("should answer 401 without a token", async () => {
    expect((await api.get("/staff/cases")).status).toBe(401);
  });
});

describe("no Scan", () => {
  it("should have sent DynamoDB only Query and Get commands for every request above", () => {
    expect(sent.length).toBeGreaterThan(100);
    expect(new Set(sent)).toEqual(new Set(["QueryCommand"]));
    expect(sent.every((name) => name === "QueryCommand" || name === "GetCommand")).toBe(true);
  });
});
