// Explanations a clerk can check by hand (issue 9): the skipped days listed as dates in order, the
// declared working days named where they count, each extension and suspension with its dates, days and
// decision, a paused deadline's days used and left, and a count over a year without official calendar
// data marked provisional. On the default policy and the shipped 2023–2026 calendar.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import "#domain/case.ts";
import { formatLocalDate, parseLocalDate } from "#domain/calendar/index.ts";
import {
  defaultDeadlineContext,
  defaultPolicyInput,
  parsePolicy,
  processingDeadline,
  resolutionDeadline,
  type Deadline,
  type DeadlineContext,
  type ExplanationStep,
} from "#domain/deadlines/index.ts";

const ctx = defaultDeadlineContext();
/** 10:00 local time on a local date. */
const at = (date: string) => `${date}T03:00:00.000Z`;
const stepsOf = <T extends ExplanationStep["type"]>(d: Deadline | undefined, type: T) =>
  (d?.explanation.steps ?? []).filter((s): s is Extract<ExplanationStep, { type: T }> => s.type === type);
const petition = (receivedAt: string) => processingDeadline({ kind: "petition", anonymous: false, receivedAt }, ctx);

describe("skipped days", () => {
  it("should list every day a working-day count skips, as dates in order, weekends and holidays alike", () => {
    // Prepare / Act: received Wed 2025-12-31, over New Year 2026 (2 Jan announced off)
    const d = petition(at("2025-12-31"));
    // Assess
    expect(stepsOf(d, "skipped").map((s) => [s.date, s.reason.code])).toEqual([
      ["2026-01-01", "new_year"],
      ["2026-01-02", "official_day_off"],
      ["2026-01-03", "saturday"],
      ["2026-01-04", "sunday"],
      ["2026-01-11", "sunday"],
    ]);
    expect(d?.explanation.vi).toContain(
      "không tính 5 ngày nghỉ: Thứ Năm 01/01/2026 (Tết Dương lịch), Thứ Sáu 02/01/2026 (Nghỉ Tết Dương lịch theo thông báo), Thứ Bảy 03/01/2026, Chủ nhật 04/01/2026, Chủ nhật 11/01/2026",
    );
    expect(d?.explanation.en).toContain("skipping 5 non-working days: Thu 2026-01-01 (New Year's Day), Fri 2026-01-02 (New Year's Day (announced day off)), Sat 2026-01-03, Sun 2026-01-04, Sun 2026-01-11");
  });

  it("should list the rollover days of a calendar-day period that ends on a day off", () => {
    // Prepare / Act: complaint accepted Thu 2026-10-01, day 30 is Sat 10-31 (DOMAIN.md)
    const d = resolutionDeadline({ kind: "complaint", acceptedAt: at("2026-10-01") }, ctx);
    // Assess
    expect(stepsOf(d, "rollover")).toEqual([
      {
        type: "rollover",
        from: "2026-10-31",
        to: "2026-11-02",
        skipped: [
          { date: "2026-10-31", reason: { code: "saturday", vi: "Thứ Bảy", en: "Saturday" } },
          { date: "2026-11-01", reason: { code: "sunday", vi: "Chủ nhật", en: "Sunday" } },
        ],
      },
    ]);
    expect(stepsOf(d, "skipped")).toEqual([]);
    expect(d?.explanation.vi).toContain(
      "ngày thứ 30 là Thứ Bảy 31/10/2026, không phải ngày làm việc: không tính Thứ Bảy 31/10/2026, Chủ nhật 01/11/2026 nên thời hạn chuyển sang hết ngày làm việc tiếp theo, Thứ Hai 02/11/2026",
    );
  });
});

describe("declared working days", () => {
  it("should name a declared working Saturday that a working-day count counts", () => {
    // Prepare / Act: Sat 2026-01-10 is worked for the 2 January bridge
    const d = petition(at("2025-12-31"));
    // Assess
    expect(stepsOf(d, "declaredWorking")).toEqual([
      { type: "declaredWorking", date: "2026-01-10", reason: { code: "working_saturday", vi: "Thứ Bảy làm việc theo thông báo chính thức", en: "Saturday declared a working day" } },
    ]);
    expect(d?.explanation.vi).toContain("vẫn tính ngày làm việc theo lịch chính thức: Thứ Bảy 10/01/2026 (Thứ Bảy làm việc theo thông báo chính thức)");
  });

  it("should name a cancelled compensatory day", () => {
    // Prepare / Act: Tết 2025, Mon 3 Feb would be the compensatory day of Sat 1 Feb, but is worked
    const d = processingDeadline({ kind: "complaint", anonymous: false, receivedAt: at("2025-01-24") }, ctx);
    // Assess
    expect(stepsOf(d, "declaredWorking").map((s) => [s.date, s.reason.code, s.reason.vi])).toEqual([
      ["2025-02-03", "cancelled_compensatory", "Không nghỉ bù Tết Nguyên đán theo thông báo chính thức"],
    ]);
  });

  it("should not name a declared working day outside the counted span", () => {
    // Prepare / Act: received Mon 2026-01-12, after the worked Saturday
    const d = petition(at("2026-01-12"));
    // Assess
    expect([stepsOf(d, "declaredWorking"), d?.explanation.vi.includes("lịch chính thức")]).toEqual([[], false]);
  });

  it("should name a declared working day a calendar-day period ends on", () => {
    // Prepare: a 30-day period whose day 30 is Sat 2026-08-22, worked for the National Day bridge
    const d = resolutionDeadline({ kind: "petition", acceptedAt: at("2026-07-23") }, ctx);
    // Assess: no rollover, the Saturday named
    expect([d?.dueDate, stepsOf(d, "rollover").length, stepsOf(d, "declaredWorking").map((s) => s.date)]).toEqual(["2026-08-22", 0, ["2026-08-22"]]);
  });
});

describe("extensions and suspensions", () => {
  it("should give each extension and suspension its dates, days and decision number", () => {
    // Prepare
    const d = resolutionDeadline(
      {
        kind: "denunciation",
        complexity: "complex",
        acceptedAt: at("2026-10-01"),
        extensions: [{ days: 30, at: at("2026-10-20"), decisionRef: "05/QĐ-GH" }],
        suspensions: [{ from: at("2026-10-10"), to: at("2026-10-20"), decisionRef: "07/QĐ-TĐC" }],
      },
      ctx,
    );
    // Assess: 30 + 30 + 10 paused = day 70, Thu 12-10
    expect([...stepsOf(d, "extension"), ...stepsOf(d, "suspension")]).toEqual([
      {
        type: "extension",
        stage: "resolution",
        days: 30,
        unit: "calendar",
        date: "2026-10-20",
        ordinal: 1,
        decisionRef: "05/QĐ-GH",
        basis: { vi: "Luật Tố cáo 2018, Điều 30", en: "Law on Denunciations 2018, art. 30 (resolution period and its extensions)" },
      },
      { type: "suspension", from: "2026-10-10", to: "2026-10-20", days: 10, unit: "calendar", open: false, decisionRef: "07/QĐ-TĐC" },
    ]);
    expect(d?.dueDate).toBe("2026-12-10");
    expect(d?.explanation.vi).toContain("gia hạn lần 1 ngày Thứ Ba 20/10/2026 theo quyết định số 05/QĐ-GH: thêm 30 ngày");
    expect(d?.explanation.vi).toContain("tạm đình chỉ từ Thứ Bảy 10/10/2026 đến trước Thứ Ba 20/10/2026 theo quyết định số 07/QĐ-TĐC: cộng thêm 10 ngày");
  });

  it("should explain a denunciation's processing extension: its day, its decision, and the period it makes", () => {
    // Prepare / Act
    const d = processingDeadline(
      { kind: "denunciation", anonymous: false, receivedAt: at("2026-10-05"), processingExtended: true, processingExtension: { at: at("2026-10-08"), decisionRef: "03/QĐ-GH" } },
      ctx,
    );
    // Assess
    expect(stepsOf(d, "extension").map(({ basis: _b, ...s }) => s)).toEqual([
      { type: "extension", stage: "processing", days: 3, unit: "working", date: "2026-10-08", ordinal: 1, extendedTo: 10, decisionRef: "03/QĐ-GH" },
    ]);
    expect(d?.explanation.vi).toContain("gia hạn xử lý đơn ngày Thứ Năm 08/10/2026 theo quyết định số 03/QĐ-GH: thêm 3 ngày làm việc, thành 10 ngày làm việc");
  });
});

describe("a paused deadline", () => {
  const open = { kind: "complaint" as const, acceptedAt: at("2026-10-01"), suspensions: [{ from: at("2026-10-10"), decisionRef: "07/QĐ-TĐC" }] };

  it("should tell the days used before the pause and the days left when the case resumes, and since when", () => {
    // Prepare / Act: 10-02..10-09 used (8 of 30 days)
    const d = resolutionDeadline(open, ctx, { asOf: at("2026-10-20") });
    // Assess
    expect([d?.suspended, stepsOf(d, "paused")]).toEqual([
      { since: "2026-10-10", asOf: "2026-10-20", daysUsed: 8, daysLeft: 22, unit: "calendar" },
      [{ type: "paused", since: "2026-10-10", daysUsed: 8, daysLeft: 22, unit: "calendar" }],
    ]);
    expect(d?.explanation.vi).toContain("Thời hạn đang tạm dừng từ Thứ Bảy 10/10/2026: đã dùng 8 ngày, còn 22 ngày khi tiếp tục giải quyết");
  });

  it("should count the days used and left in working days for a working-day period", () => {
    // Prepare: a policy whose petitions are resolved within 15 working days
    const input = defaultPolicyInput() as { periods: { stage: string; kinds: string[]; days: number; unit: string }[] };
    for (const p of input.periods) if (p.stage === "resolution" && p.kinds.includes("petition")) Object.assign(p, { days: 15, unit: "working" });
    const working: DeadlineContext = { ...ctx, policy: parsePolicy(input) };
    // Act: accepted Thu 2026-10-01, suspended Mon 10-12: Fri 10-02 and Mon–Fri 10-05..10-09 used (6 working days)
    const d = resolutionDeadline({ kind: "petition", acceptedAt: at("2026-10-01"), suspensions: [{ from: at("2026-10-12") }] }, working, { asOf: at("2026-10-14") });
    // Assess: resumed Thu 10-15, 9 working days left end on Tue 10-27
    expect([d?.suspended, d?.dueDate]).toEqual([{ since: "2026-10-12", asOf: "2026-10-14", daysUsed: 6, daysLeft: 9, unit: "working" }, "2026-10-27"]);
  });

  it("should be, as of any day, the deadline the case would have if it resumed the next day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: parseLocalDate("2023-01-01"), max: parseLocalDate("2026-06-01") }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom("complaint" as const, "denunciation" as const, "petition" as const),
        (acceptedDay, after, pausedFor, kind) => {
          const acceptedAt = at(formatLocalDate(acceptedDay));
          const from = at(formatLocalDate(acceptedDay + after));
          const asOf = at(formatLocalDate(acceptedDay + after + pausedFor));
          const resumed = at(formatLocalDate(acceptedDay + after + pausedFor + 1));
          // Every kind's normal resolution period is 30 calendar days in the default policy.
          const paused = resolutionDeadline({ kind, acceptedAt, suspensions: [{ from }] }, ctx, { asOf }) as Deadline;
          const closed = resolutionDeadline({ kind, acceptedAt, suspensions: [{ from, to: resumed }] }, ctx) as Deadline;
          expect(paused.dueAt).toBe(closed.dueAt);
          expect(paused.suspended?.daysUsed).toBe(after - 1);
          expect(paused.suspended?.daysLeft).toBe(Math.max(0, 30 - (after - 1)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("provisional deadlines", () => {
  it("should mark provisional a deadline counted over a year without official calendar data, naming the year", () => {
    // Prepare / Act: received Mon 2026-12-28, 10 working days run into 2027
    const d = petition(at("2026-12-28"));
    // Assess
    expect([d?.provisional, stepsOf(d, "provisional")]).toEqual([true, [{ type: "provisional", years: [2027] }]]);
    expect(d?.explanation.vi).toContain("Thời hạn tạm tính: chưa có lịch nghỉ chính thức năm 2027");
  });

  it("should not mark one within years that have official data, nor once the year's data is entered", () => {
    // Prepare
    const entered: DeadlineContext = { ...ctx, calendar: ctx.calendar.withAdjustments(2027, { holidays: [], workingDays: [] }) };
    // Act
    const within = petition(at("2026-10-05"));
    const afterEntry = processingDeadline({ kind: "petition", anonymous: false, receivedAt: at("2026-12-28") }, entered);
    // Assess
    expect([within?.provisional, stepsOf(within, "provisional"), afterEntry?.provisional]).toEqual([undefined, [], undefined]);
  });
});

describe("the explanation", () => {
  it("should read the same once copied, serialised or written: it is built on first read and kept", () => {
    // Prepare
    const d = petition(at("2025-12-31")) as Deadline;
    // Act
    const copies = [JSON.parse(JSON.stringify(d)), structuredClone(d), { ...d }];
    // Assess
    for (const copy of copies) expect(copy).toEqual({ dueAt: d.dueAt, dueDate: d.dueDate, basis: d.basis, explanation: d.explanation });
    expect(d.explanation).toBe(d.explanation);
  });

  it("should say nothing in English in its Vietnamese sentence", () => {
    const english = /\b(the|of|day|days|working|calendar|Saturday|Sunday|Year|Lunar|National|extension|extended|suspended|basis|Circular|Law|art)\b/;
    fc.assert(
      fc.property(
        fc.integer({ min: parseLocalDate("2023-01-01"), max: parseLocalDate("2027-06-01") }),
        fc.constantFrom("complaint" as const, "denunciation" as const, "petition" as const, "reflection" as const),
        fc.boolean(),
        (day, kind, open) => {
          const acceptedAt = at(formatLocalDate(day));
          const p = processingDeadline({ kind, anonymous: false, receivedAt: acceptedAt, processingExtended: true, processingExtension: { at: acceptedAt, decisionRef: "1/QĐ" } }, ctx);
          const r = resolutionDeadline(
            { kind, complexity: "very_complex", acceptedAt, extensions: [{ days: 10, at: acceptedAt, decisionRef: "2/QĐ" }], suspensions: [{ from: acceptedAt, ...(open ? {} : { to: at(formatLocalDate(day + 9)) }) }] },
            ctx,
            { asOf: at(formatLocalDate(day + 20)) },
          );
          for (const d of [p, r]) expect(d?.explanation.vi ?? "").not.toMatch(english);
        },
      ),
      { numRuns: 200 },
    );
  });
});
