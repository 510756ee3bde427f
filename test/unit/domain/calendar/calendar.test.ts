// The Vietnamese lunar calendar at UTC+7, the computed holidays and the official adjustments.
import { describe, expect, it } from "vitest";
import { ValidationError } from "#domain/errors.ts";
import {
  Calendar,
  formatLocalDate,
  lunarNewYear,
  lunarToSolar,
  officialAdjustments,
  parseCalendarAdjustments,
  parseLocalDate,
  solarToLunar,
} from "#domain/calendar/index.ts";

describe("lunar calendar", () => {
  it.each([
    [2000, "2000-02-05"],
    [2001, "2001-01-24"],
    [2020, "2020-01-25"],
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
  ])("it should put Tết %i on %s", (year, date) => {
    expect(formatLocalDate(lunarNewYear(year))).toBe(date);
  });

  it.each([
    [1985, "1985-01-21", "1985-02-20"],
    [2007, "2007-02-17", "2007-02-18"],
    [2030, "2030-02-02", "2030-02-03"],
  ])("it should put Vietnamese Tết %i on %s where the Chinese (UTC+8) one is %s", (year, vietnam, china) => {
    expect([formatLocalDate(lunarNewYear(year, 7)), formatLocalDate(lunarNewYear(year, 8))]).toEqual([vietnam, china]);
  });

  it.each([
    [2023, "2023-04-29"],
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("it should put the Hùng Kings' day (10/3 lunar) of %i on %s", (year, date) => {
    expect(formatLocalDate(lunarToSolar({ day: 10, month: 3, year, leap: false }) as number)).toBe(date);
  });

  it("it should convert back and forth over a whole year", () => {
    // Prepare
    const start = parseLocalDate("2025-01-01");
    // Act
    const mismatches = Array.from({ length: 365 }, (_, i) => start + i).filter((d) => lunarToSolar(solarToLunar(d)) !== d);
    // Assess
    expect(mismatches).toEqual([]);
  });

  it("it should know 2025's leap sixth month", () => {
    expect(solarToLunar(parseLocalDate("2025-07-25"))).toEqual({ day: 1, month: 6, year: 2025, leap: true });
  });
});

describe("Calendar", () => {
  const calendar = new Calendar(officialAdjustments());
  const reason = (date: string) => calendar.nonWorkingReason(date)?.en ?? "working";

  it("it should name weekends and holidays in Vietnamese and English", () => {
    expect([calendar.nonWorkingReason("2026-10-10"), calendar.nonWorkingReason("2026-02-17")]).toEqual([
      { code: "saturday", vi: "Thứ Bảy", en: "Saturday" },
      { code: "lunar_new_year", vi: "Tết Nguyên đán", en: "Lunar New Year" },
    ]);
  });

  it("it should give a compensatory day for a holiday on a weekend", () => {
    expect(calendar.nonWorkingReason("2026-04-27")).toEqual({
      code: "compensatory",
      holiday: "hung_kings",
      vi: "Nghỉ bù Giỗ Tổ Hùng Vương",
      en: "Compensatory day off (Hùng Kings' Commemoration Day)",
    });
  });

  it("it should compute Tết 2030 with two compensatory days (1–7 Feb)", () => {
    const days = ["2030-01-31", "2030-02-01", "2030-02-04", "2030-02-05", "2030-02-06", "2030-02-07", "2030-02-08"];
    expect(days.map(reason)).toEqual([
      "working",
      "Lunar New Year",
      "Lunar New Year",
      "Lunar New Year",
      "Compensatory day off (Lunar New Year)",
      "Compensatory day off (Lunar New Year)",
      "working",
    ]);
  });

  it("it should pick the National Day adjacent day that bridges to a weekend", () => {
    // 2021 Thu → 3 Sep, 2022 Fri → 1 Sep, 2024 Mon → 3 Sep, 2025 Tue → 1 Sep, 2026 Wed → 1 Sep
    expect(["2021-09-03", "2022-09-01", "2024-09-03", "2025-09-01", "2026-09-01"].map(reason)).toEqual(Array(5).fill("National Day"));
  });

  it("it should apply the official 2026 adjustments: 2 Jan off, Sat 10 Jan worked", () => {
    expect([reason("2026-01-02"), calendar.isWorkingDay("2026-01-10"), new Calendar().isWorkingDay("2026-01-10")]).toEqual([
      "New Year's Day (announced day off)",
      true,
      false,
    ]);
  });

  it("it should let a declared working day override a computed compensatory day (Tết 2025)", () => {
    expect([calendar.isWorkingDay("2025-02-03"), new Calendar().isWorkingDay("2025-02-03")]).toEqual([true, false]);
  });

  it("it should list Tết 2024 exactly as announced: 8–14 Feb", () => {
    const days = calendar.nonWorkingDays(2024, true).map((d) => formatLocalDate(d.day)).filter((d) => d >= "2024-02-07" && d <= "2024-02-16");
    expect(days).toEqual(["2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14"]);
  });
});

describe("parseCalendarAdjustments", () => {
  it("it should accept and sort a year's adjustments", () => {
    expect(parseCalendarAdjustments({ holidays: ["2026-08-31", "2026-01-02"], workingDays: ["2026-01-10"] }, 2026)).toEqual({
      holidays: ["2026-01-02", "2026-08-31"],
      workingDays: ["2026-01-10"],
    });
  });

  it("it should refuse bad dates, dates of another year and contradictions, with paths", () => {
    // Prepare
    const input = { holidays: ["2026-02-30", "2025-12-31", "2026-01-02"], workingDays: ["2026-01-02"] };
    // Act
    let errors: readonly { path: string; message: string }[] = [];
    try {
      parseCalendarAdjustments(input, 2026);
    } catch (e) {
      if (e instanceof ValidationError) errors = e.errors ?? [];
    }
    // Assess
    expect(errors).toEqual([{ path: "holidays.0", message: "must be a date YYYY-MM-DD" }]);
  });

  it("it should refuse a date in another year and a date listed as both", () => {
    // Prepare
    const input = { holidays: ["2025-12-31", "2026-01-02"], workingDays: ["2026-01-02"] };
    // Act
    let errors: readonly { path: string; message: string }[] = [];
    try {
      parseCalendarAdjustments(input, 2026);
    } catch (e) {
      if (e instanceof ValidationError) errors = e.errors ?? [];
    }
    // Assess
    expect(errors).toEqual([
      { path: "holidays.0", message: "must be a date in 2026" },
      { path: "workingDays.0", message: "2026-01-02 is already listed at holidays.1" },
    ]);
  });

  it("it should refuse unknown fields", () => {
    expect(() => parseCalendarAdjustments({ holidays: [], workingDays: [], extra: 1 })).toThrow(ValidationError);
  });
});
