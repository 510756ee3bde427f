// The staff list's domain: its filters, the window each flag narrows to, the summary, the use case.
import { describe, expect, it } from "vitest";
import { ValidationError } from "#domain/errors.ts";
import { defaultDeadlineContext, deriveFlags } from "#domain/deadlines/index.ts";
import {
  flagWindow,
  listFiltersSchema,
  listStaffCases,
  toSummary,
  type CaseListQuery,
  type CaseLister,
  type ListedCase,
} from "#domain/listing.ts";
import { parse } from "#domain/errors.ts";

const ctx = defaultDeadlineContext();

const errorsOf = (query: Record<string, string>) => {
  try {
    parse(listFiltersSchema, query);
  } catch (err) {
    if (err instanceof ValidationError) return (err.errors ?? []).map((e) => e.path);
  }
  return [];
};

describe("listFiltersSchema", () => {
  it("should default to oldest first, 25 a page", () => {
    expect(parse(listFiltersSchema, {})).toEqual({ order: "asc", limit: 25 });
  });

  it("should read every filter from query-string text", () => {
    expect(parse(listFiltersSchema, { status: "received", unitId: "so-tn-mt", kind: "complaint", flag: "overdue", limit: "7", order: "desc", cursor: "abc" })).toEqual({
      status: "received",
      unitId: "so-tn-mt",
      kind: "complaint",
      flag: "overdue",
      limit: 7,
      order: "desc",
      cursor: "abc",
    });
  });

  it.each([
    [{ status: "lost" }, ["status"]],
    [{ flag: "late", kind: "letter" }, ["kind", "flag"]],
    [{ limit: "0" }, ["limit"]],
    [{ limit: "101" }, ["limit"]],
    [{ limit: "2.5" }, ["limit"]],
    [{ unitId: "SO TN" }, ["unitId"]],
    [{ cursor: "" }, ["cursor"]],
    [{ sort: "receivedAt" }, ["sort"]],
  ])("should name each bad parameter: %j", (query, paths) => {
    expect(errorsOf(query)).toEqual(paths);
  });
});

describe("flagWindow", () => {
  // Thursday 2026-03-05, 10:00 in Hà Nội; Monday 9 March is the 3rd working day counting today.
  const now = "2026-03-05T03:00:00.000Z";

  it("overdue: due before the start of today", () => {
    expect(flagWindow("overdue", now, ctx)).toEqual({ on: "dueAt", before: "2026-03-04T17:00:00.000Z" });
  });

  it("approaching: due from today until before the 4th working day (Tuesday 10 March)", () => {
    expect(flagWindow("approaching", now, ctx)).toEqual({ on: "dueAt", from: "2026-03-04T17:00:00.000Z", before: "2026-03-09T17:00:00.000Z" });
  });

  it("prolonged: received more than 30 days before today, and the open repeat filings", () => {
    expect(flagWindow("prolonged", now, ctx)).toEqual({ on: "receivedAt", before: "2026-02-02T17:00:00.000Z", repeatFilings: true });
  });

  it("should hold every case deriveFlags flags over a year of receipts (a recent third filing: the repeat filings)", () => {
    for (let d = 0; d < 400; d += 1) {
      const receivedAt = new Date(Date.parse(now) - d * 86_400_000 - 3_600_000).toISOString();
      const c = { kind: "complaint" as const, anonymous: false, status: "received" as const, receivedAt };
      const derived = deriveFlags(c, now, ctx);
      const dueAt = derived.deadline?.dueAt as string;
      for (const flag of derived.flags) {
        const w = flagWindow(flag, now, ctx);
        const at = w.on === "dueAt" ? dueAt : receivedAt;
        expect(at >= (w.from ?? "") && at < w.before, `${flag} of a case received ${d} days ago`).toBe(true);
      }
    }
  });
});

const listed = (over: Partial<ListedCase> = {}): ListedCase => ({
  caseId: "7f3c1e2a-0000-4000-8000-000000000001",
  trackingCode: "ABCD-EFGH",
  kind: "complaint",
  subject: "Khiếu nại về đất đai",
  status: "received",
  receivedAt: "2026-01-05T02:00:00.000Z",
  updatedAt: "2026-01-05T02:00:00.000Z",
  anonymous: false,
  version: 3,
  ...over,
});

describe("toSummary", () => {
  it("should carry the derived flags, escalation and current deadline, and nothing of the sender", () => {
    const now = "2026-03-05T03:00:00.000Z";
    const c = { ...listed({ unitId: "so-tn-mt" }), submitter: { fullName: "Nguyễn Văn A" }, sealedSubmitter: "x" } as ListedCase;
    const d = deriveFlags(c, now, ctx);

    expect(toSummary(c, now, ctx)).toEqual({
      caseId: c.caseId,
      trackingCode: "ABCD-EFGH",
      kind: "complaint",
      subject: "Khiếu nại về đất đai",
      status: "received",
      unitId: "so-tn-mt",
      receivedAt: c.receivedAt,
      updatedAt: c.updatedAt,
      anonymous: false,
      currentDeadline: { stage: "processing", dueAt: d.deadline?.dueAt, dueDate: d.deadline?.dueDate },
      flags: ["overdue", "prolonged"],
      escalationLevel: 3,
      daysOverdue: d.daysOverdue,
      version: 3,
    });
  });

  it("should show no deadline and no flag on a closed case", () => {
    const s = toSummary(listed({ status: "closed" }), "2026-09-01T00:00:00.000Z", ctx);

    expect(s).toMatchObject({ flags: [], escalationLevel: 0, daysOverdue: 0 });
    expect(s.currentDeadline).toBeUndefined();
  });
});

describe("listStaffCases", () => {
  const clock = { now: () => new Date("2026-03-05T03:00:00.000Z") };
  const lister = (cases: ListedCase[]) => {
    const calls: CaseListQuery[] = [];
    const cases_: CaseLister = {
      async list(query, select) {
        calls.push(query);
        return { items: cases.map(select).filter((v) => v !== undefined) };
      },
    };
    return { calls, deps: { cases: cases_, clock, deadlines: ctx } };
  };

  it("should ask for the handler's unit and the flag's window, and keep only cases that carry the flag", async () => {
    const old = listed({ unitId: "u1" });
    const fresh = listed({ caseId: "7f3c1e2a-0000-4000-8000-000000000002", unitId: "u1", receivedAt: "2026-03-04T02:00:00.000Z" });
    const { calls, deps } = lister([old, fresh]);

    const page = await listStaffCases({ flag: "overdue", order: "asc", limit: 10 }, { role: "handler", unitId: "u1" }, deps);

    expect(calls).toEqual([{ unitId: "u1", window: flagWindow("overdue", clock.now(), ctx), order: "asc", limit: 10 }]);
    expect(page.items.map((c) => c.caseId)).toEqual([old.caseId]);
  });

  it("should drop a case of another unit even if the index returned it", async () => {
    const { deps } = lister([listed({ unitId: "u2" })]);

    const page = await listStaffCases({ order: "asc", limit: 10 }, { role: "handler", unitId: "u1" }, deps);

    expect(page).toEqual({ items: [] });
  });

  it("should not read at all for another unit, nor for a flag on a closed status", async () => {
    const { calls, deps } = lister([listed()]);

    await listStaffCases({ unitId: "u2", order: "asc", limit: 10 }, { role: "handler", unitId: "u1" }, deps);
    await listStaffCases({ flag: "overdue", status: "closed", order: "asc", limit: 10 }, { role: "inspector" }, deps);

    expect(calls).toEqual([]);
  });
});
