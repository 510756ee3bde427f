// The reference data's pure rules: the unit registry's validation, a calendar year as an admin sees
// it, the stored years over the shipped ones, and an open case's deadlines recomputed with its event.
import { describe, expect, it } from "vitest";
import { calendarView, effectiveAdjustments, parseUnits, parseYear, type StoredCalendarYear } from "#domain/reference.ts";
import { recomputedCase } from "#domain/recompute.ts";
import { Calendar, officialAdjustments } from "#domain/calendar/index.ts";
import { computeDeadlines, defaultDeadlineContext, defaultPolicy, type DeadlineContext } from "#domain/deadlines/index.ts";
import { verifyChain, chainEvent, GENESIS_HASH } from "#domain/audit.ts";
import type { CaseRecord } from "#domain/case.ts";
import { ValidationError } from "#domain/errors.ts";

const fieldErrorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors ?? [];
    throw err;
  }
  throw new Error("expected a ValidationError");
};

describe("parseUnits", () => {
  it("should accept a registry with Vietnamese names and default remoteArea to false", () => {
    const units = parseUnits([
      { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú" },
      { unitId: "ubnd-xa-vinh-hau", name: "UBND xã Vĩnh Hậu", parentId: "ubnd-huyen-an-phu", remoteArea: true },
    ]);

    expect(units).toEqual([
      { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú", remoteArea: false },
      { unitId: "ubnd-xa-vinh-hau", name: "UBND xã Vĩnh Hậu", parentId: "ubnd-huyen-an-phu", remoteArea: true },
    ]);
  });

  it("should refuse the whole registry, naming a duplicate id, an unknown parent and a malformed id", () => {
    const errors = fieldErrorsOf(() =>
      parseUnits([
        { unitId: "a", name: "Đơn vị A" },
        { unitId: "a", name: "Đơn vị A lần hai" },
        { unitId: "b", name: "Đơn vị B", parentId: "khong-co" },
      ]),
    );
    const malformed = fieldErrorsOf(() => parseUnits([{ unitId: "Sở-TNMT", name: "Sở" }, { unitId: "x", name: "Xã X", extra: 1 }]));

    expect(errors).toEqual([
      { path: "1.unitId", message: "a is already listed at 0" },
      { path: "2.parentId", message: "khong-co is not a unit of the registry" },
    ]);
    expect(malformed.map((e) => e.path)).toEqual(["0.unitId", "1.extra"]);
  });

  it("should refuse a cycle, naming each unit on it, and a unit that is its own parent", () => {
    const errors = fieldErrorsOf(() =>
      parseUnits([
        { unitId: "tinh", name: "Tỉnh" },
        { unitId: "a", name: "Đơn vị A", parentId: "b" },
        { unitId: "b", name: "Đơn vị B", parentId: "c" },
        { unitId: "c", name: "Đơn vị C", parentId: "a" },
        { unitId: "d", name: "Đơn vị D", parentId: "d" },
        { unitId: "e", name: "Đơn vị E", parentId: "a" },
      ]),
    );

    expect(errors).toEqual([
      { path: "1.parentId", message: "forms a cycle: a → b → c → a" },
      { path: "2.parentId", message: "forms a cycle: b → c → a → b" },
      { path: "3.parentId", message: "forms a cycle: c → a → b → c" },
      { path: "4.parentId", message: "forms a cycle: d → d" },
    ]);
  });

  it("should refuse a body that is not a list", () => {
    expect(fieldErrorsOf(() => parseUnits({ units: [] }))).toEqual([{ path: "(body)", message: expect.any(String) }]);
  });
});

describe("parseYear", () => {
  it.each(["2000", "2026", "2100"])("should accept %s", (y) => expect(parseYear(y)).toBe(Number(y)));
  it.each(["1999", "2101", "20x6", "", undefined])("should refuse %s naming year", (y) => {
    expect(fieldErrorsOf(() => parseYear(y))).toEqual([{ path: "year", message: "must be a year from 2000 to 2100" }]);
  });
});

describe("calendarView", () => {
  it("should show the shipped official adjustments with their sources and every named day off of the year", () => {
    const view = calendarView(2026, undefined);

    expect(view).toMatchObject({
      year: 2026,
      holidays: ["2026-01-02", "2026-08-31"],
      workingDays: ["2026-01-10", "2026-08-22"],
      source: { kind: "official", entries: expect.arrayContaining([expect.objectContaining({ date: "2026-01-02", source: expect.stringContaining("12729/VPCP-KGVX") })]) },
    });
    const byDate = new Map(view.computed.map((d) => [d.date, d.reason]));
    expect(byDate.get("2026-01-01")).toEqual({ code: "new_year", vi: "Tết Dương lịch", en: "New Year's Day" });
    expect(byDate.get("2026-01-02")).toMatchObject({ code: "official_day_off", holiday: "new_year" });
    expect(byDate.get("2026-09-02")).toMatchObject({ code: "national_day", vi: "Quốc khánh" });
    expect(byDate.get("2026-02-17")).toMatchObject({ code: "lunar_new_year" });
    expect(view.computed.every((d) => !["2026-01-10", "2026-01-03"].includes(d.date))).toBe(true); // weekends are not listed
    expect(view.computed.map((d) => d.date)).toEqual([...view.computed.map((d) => d.date)].sort());
  });

  it("should show a stored year instead of the shipped one, with who stored it", () => {
    const stored: StoredCalendarYear = { year: 2026, holidays: ["2026-11-25"], workingDays: [], updatedAt: "2026-11-20T01:00:00.000Z", updatedBy: "sub-admin" };

    const view = calendarView(2026, stored);

    expect(view).toMatchObject({ holidays: ["2026-11-25"], workingDays: [], source: { kind: "admin", updatedAt: stored.updatedAt, updatedBy: "sub-admin" } });
    expect(view.computed.find((d) => d.date === "2026-11-25")?.reason).toEqual({ code: "official_day_off", vi: "Ngày nghỉ theo thông báo chính thức", en: "Official day off (announced)" });
    expect(view.computed.some((d) => d.date === "2026-01-02")).toBe(false);
  });

  it("should have no source for a year with no adjustment", () => {
    const view = calendarView(2031, undefined);

    expect(view.source).toBeUndefined();
    expect(view).toMatchObject({ holidays: [], workingDays: [] });
    expect(view.computed.some((d) => d.reason.code === "new_year")).toBe(true);
  });
});

describe("effectiveAdjustments", () => {
  it("should overlay stored years on the shipped ones, year by year", () => {
    const map = effectiveAdjustments([{ year: 2026, holidays: ["2026-11-25"], workingDays: [], updatedAt: "2026-11-20T01:00:00.000Z", updatedBy: "x" }]);

    expect(map.get(2026)).toEqual({ holidays: ["2026-11-25"], workingDays: [] });
    expect(map.get(2025)).toEqual(officialAdjustments().get(2025));
  });
});

describe("recomputedCase", () => {
  const ctx = defaultDeadlineContext();
  const withHoliday: DeadlineContext = {
    policy: defaultPolicy(),
    calendar: new Calendar(effectiveAdjustments([{ year: 2026, holidays: ["2026-11-25"], workingDays: [], updatedAt: "2026-11-20T00:00:00.000Z", updatedBy: "x" }])),
  };
  const cause = (reason: string) => ({ reason, requestedBy: "sub-admin1", jobId: "mhv3k2a0b1c2d3e4f5a6" });
  const now = new Date("2026-11-27T03:00:00.000Z");

  function petition(status: CaseRecord["status"] = "received"): CaseRecord {
    const facts = { kind: "petition" as const, anonymous: false, status, receivedAt: "2026-11-20T02:00:00.000Z" };
    const first = chainEvent(GENESIS_HASH, {
      caseId: "7b0e7c1a-0000-4000-8000-000000000001", seq: 1, type: "received", at: facts.receivedAt, enteredAt: facts.receivedAt,
      actor: { kind: "citizen" }, status: "received",
    });
    return {
      ...facts, caseId: first.caseId, trackingCode: "DT-TEST", subject: "Kiến nghị sửa đường", content: "…", channel: "online", language: "vi",
      updatedAt: facts.receivedAt, version: 1, deadlines: computeDeadlines(facts, ctx), lastAt: facts.receivedAt, lastSeq: 1, lastHash: first.hash,
    };
  }

  it("should move an open case's processing deadline past a new holiday and chain a deadlines_recomputed event", () => {
    const record = petition();

    const change = recomputedCase(record, withHoliday, cause("calendar 2026"), now);

    expect(record.deadlines.processing?.dueDate).toBe("2026-12-04");
    expect(change?.next).toMatchObject({ version: 2, lastSeq: 2, lastAt: record.lastAt, updatedAt: now.toISOString(), deadlines: { processing: { dueDate: "2026-12-07" } } });
    expect(change?.event).toMatchObject({
      seq: 2, type: "deadlines_recomputed", at: now.toISOString(), actor: { kind: "system" }, status: "received",
      data: { reason: "calendar 2026", requestedBy: "sub-admin1", jobId: "mhv3k2a0b1c2d3e4f5a6", changes: [{ stage: "processing", from: record.deadlines.processing?.dueAt, to: "2026-12-07T16:59:59.999Z" }] },
    });
    expect(change?.next.lastHash).toBe(change?.event.hash);
    expect(change?.event.prevHash).toBe(record.lastHash);
  });

  it("should leave a case alone when nothing moves, and a closed case whatever moves", () => {
    expect(recomputedCase(petition(), ctx, cause("policy v2"), now)).toBeUndefined();
    expect(recomputedCase(petition("closed"), withHoliday, cause("calendar 2026"), now)).toBeUndefined();
  });

  it("should not move a case already recomputed under the same context, so a page run again writes nothing", () => {
    const once = recomputedCase(petition(), withHoliday, cause("calendar 2026"), now);

    expect(once).toBeDefined();
    expect(recomputedCase(once!.next, withHoliday, cause("calendar 2026"), new Date("2026-11-27T04:00:00.000Z"))).toBeUndefined();
  });

  it("should keep the chain verifiable", () => {
    const record = petition();
    const first = chainEvent(GENESIS_HASH, {
      caseId: record.caseId, seq: 1, type: "received", at: record.receivedAt, enteredAt: record.receivedAt, actor: { kind: "citizen" }, status: "received",
    });

    const change = recomputedCase(record, withHoliday, cause("calendar 2026"), now);

    expect(verifyChain([first, change!.event], change!.next)).toEqual({ chainValid: true });
  });
});
