// The aggregation rules and the report's arithmetic: increments from the old and new images for every
// transition, the median from summed histograms, aging bands, the on-time rate, the period.
import { describe, expect, it } from "vitest";
import { deriveIncrements, facetOf, medianOfHistogram, type CaseFacet } from "#domain/stats.ts";
import { agingBand, inspectionReport, onTimeRate, publicStats, reportPeriod, type ReportDeps } from "#domain/report.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import { ValidationError } from "#domain/errors.ts";

const id = "0a7c7b8e-3f1c-4d1e-9a55-1f2e3d4c5b6a";
// 2026-10-09T17:30Z is local 2026-10-10 (UTC+7).
const received: CaseFacet = { caseId: id, version: 1, status: "received", kind: "complaint", receivedAt: "2026-10-09T17:30:00.000Z" };
const classified: CaseFacet = { ...received, version: 2, unitId: "so-tn-mt" };
const accepted: CaseFacet = { ...classified, version: 3, status: "in_progress", acceptedAt: "2026-10-12T03:00:00.000Z", resolutionDueAt: "2026-11-11T16:59:59.999Z" };
const resolvedOnTime: CaseFacet = { ...accepted, version: 4, status: "resolved", resolvedAt: "2026-11-02T03:00:00.000Z" };
const resolvedLate: CaseFacet = { ...accepted, version: 4, status: "resolved", resolvedAt: "2026-11-20T03:00:00.000Z" };
const zero = { received: 0, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, open: 0 };
const cell = (unitId: string, day: string, counts: Partial<typeof zero>, hist = {}) => ({ unitId, kind: "complaint", day, counts: { ...zero, ...counts }, hist });

describe("deriveIncrements", () => {
  it("should count a new case as received and open on its local day of receipt, unassigned", () => {
    expect(deriveIncrements(undefined, received)).toEqual([cell("-", "2026-10-10", { received: 1, open: 1 })]);
  });

  it("should move the case to its unit when reception classifies it", () => {
    expect(deriveIncrements(received, classified)).toEqual([cell("-", "2026-10-10", { received: -1, open: -1 }), cell("so-tn-mt", "2026-10-10", { received: 1, open: 1 })]);
  });

  it("should count an acceptance on its own day, the case still open", () => {
    expect(deriveIncrements(classified, accepted)).toEqual([cell("so-tn-mt", "2026-10-12", { accepted: 1 })]);
  });

  it("should count a resolution before the due instant as on time, with its days from receipt, and close the open count", () => {
    expect(deriveIncrements(accepted, resolvedOnTime)).toEqual([cell("so-tn-mt", "2026-10-10", { open: -1 }), cell("so-tn-mt", "2026-11-02", { resolvedOnTime: 1 }, { 23: 1 })]);
  });

  it("should count a resolution after the due instant as late", () => {
    expect(deriveIncrements(accepted, resolvedLate)).toEqual([cell("so-tn-mt", "2026-10-10", { open: -1 }), cell("so-tn-mt", "2026-11-20", { resolvedLate: 1 }, { 41: 1 })]);
  });

  it("should change nothing when a resolved case is closed, or a note bumps the version", () => {
    expect(deriveIncrements(resolvedOnTime, { ...resolvedOnTime, version: 5, status: "closed" })).toEqual([]);
    expect(deriveIncrements(accepted, { ...accepted, version: 4 })).toEqual([]);
  });

  it.each(["transferred", "guided", "rejected", "archived", "withdrawn"] as const)("should only close the open count when a case is %s", (status) => {
    expect(deriveIncrements(classified, { ...classified, version: 3, status })).toEqual([cell("so-tn-mt", "2026-10-10", { open: -1 })]);
  });

  it("should keep the acceptance of a case withdrawn while in progress", () => {
    expect(deriveIncrements(accepted, { ...accepted, version: 4, status: "withdrawn" })).toEqual([cell("so-tn-mt", "2026-10-10", { open: -1 })]);
  });

  it("should subtract a removed case whole, and count a case first seen late whole", () => {
    expect(deriveIncrements(resolvedOnTime, undefined)).toEqual([
      cell("so-tn-mt", "2026-10-10", { received: -1 }),
      cell("so-tn-mt", "2026-10-12", { accepted: -1 }),
      cell("so-tn-mt", "2026-11-02", { resolvedOnTime: -1 }, { 23: -1 }),
    ]);
    expect(deriveIncrements(undefined, resolvedOnTime).map((c) => c.counts.received + c.counts.accepted + c.counts.resolvedOnTime)).toEqual([1, 1, 1]);
  });

  it("should count a resolution without a resolution deadline as on time", () => {
    const { resolutionDueAt: _d, ...noDeadline } = resolvedLate;
    expect(deriveIncrements(undefined, noDeadline).find((c) => c.day === "2026-11-20")?.counts).toMatchObject({ resolvedOnTime: 1, resolvedLate: 0 });
  });
});

describe("facetOf", () => {
  it("should read only the counted fields of a case item, the resolution due instant from its deadlines", () => {
    const item = { ...accepted, subject: "Khiếu nại", submitter: { fullName: "Võ Thị Lan" }, deadlines: { resolution: { dueAt: "2026-11-11T16:59:59.999Z" } } };
    const { resolutionDueAt: _r, ...rest } = accepted;

    expect(facetOf(item)).toEqual({ ...rest, resolutionDueAt: "2026-11-11T16:59:59.999Z" });
  });
});

describe("medianOfHistogram", () => {
  it("should give the middle value, the mean of the two middle ones for an even count, null when empty", () => {
    expect(medianOfHistogram({ 3: 1, 10: 1, 40: 1 })).toBe(10);
    expect(medianOfHistogram({ 3: 2, 10: 1, 40: 1 })).toBe(6.5);
    expect(medianOfHistogram({ 5: 4 })).toBe(5);
    expect(medianOfHistogram({})).toBeNull();
    expect(medianOfHistogram({ 7: 0 })).toBeNull();
  });

  it("should equal the median of the listed values for summed histograms", () => {
    const values = [1, 4, 4, 9, 12, 12, 12, 30, 31, 90];
    const hist: Record<number, number> = {};
    for (const v of values) hist[v] = (hist[v] ?? 0) + 1;
    expect(medianOfHistogram(hist)).toBe(12);
  });
});

describe("agingBand and onTimeRate", () => {
  it("should band open cases by days since receipt", () => {
    expect([0, 10, 11, 30, 31, 60, 61, 90, 91, 400].map(agingBand)).toEqual(["0-10", "0-10", "11-30", "11-30", "31-60", "31-60", "61-90", "61-90", "90+", "90+"]);
  });

  it("should count open overdue cases as late in the rate, and give null for nothing to rate", () => {
    expect(onTimeRate({ resolvedOnTime: 6, resolvedLate: 1, openOverdue: 1 })).toBe(0.75);
    expect(onTimeRate({ resolvedOnTime: 0, resolvedLate: 0, openOverdue: 0 })).toBeNull();
    expect(onTimeRate({ resolvedOnTime: 0, resolvedLate: 0, openOverdue: 2 })).toBe(0);
  });
});

describe("reportPeriod", () => {
  const now = new Date("2026-12-31T18:00:00Z"); // local 2027-01-01
  it("should default to the current local year, or the year of the one date given", () => {
    expect(reportPeriod({}, now)).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    expect(reportPeriod({ from: "2026-03-01" }, now)).toEqual({ from: "2026-03-01", to: "2026-12-31" });
  });
  it("should refuse a reversed or too long period naming `to`", () => {
    expect(() => reportPeriod({ from: "2026-05-01", to: "2026-04-01" }, now)).toThrow(ValidationError);
    const tooLong = (() => {
      try {
        reportPeriod({ from: "2016-01-01", to: "2026-01-01" }, now);
      } catch (err) {
        return (err as ValidationError).errors;
      }
    })();
    expect(tooLong).toEqual([{ path: "to", message: "the period may span at most 1830 days", code: "period_too_long" }]);
  });
});

/** A year of one unit and the unassigned: three resolutions (one late), two open cases of which one overdue. */
const yearDeps = (): ReportDeps => ({
  clock: { now: () => new Date("2026-11-28T03:00:00Z") },
  deadlines: defaultDeadlineContext(),
  units: { names: async () => new Map([["so-tn-mt", "Sở Tài nguyên và Môi trường"]]) },
  aggregates: {
    readDays: async () => [
      cell("so-tn-mt", "2026-11-25", { received: 2, open: 2 }),
      cell("so-tn-mt", "2026-09-01", { received: 1, accepted: 1, open: 1 }),
      cell("so-tn-mt", "2026-10-01", { resolvedOnTime: 2, resolvedLate: 1 }, { 10: 2, 40: 1 }),
      cell("-", "2026-11-27", { received: 1, open: 1 }),
    ] as never,
  },
  overdue: { overdueBefore: async () => [{ unitId: "so-tn-mt", kind: "complaint", receivedAt: "2026-09-01T02:00:00Z" }, { kind: "petition", receivedAt: "2025-01-01T00:00:00Z" }] },
  cases: { list: async () => ({ items: [] }) },
});

describe("inspectionReport", () => {
  it("should sum the cells of each unit, split open cases by the overdue register, band them and rate them", async () => {
    const report = await inspectionReport({ from: "2026-01-01", to: "2026-12-31", groupBy: "unit" }, yearDeps());

    expect(report.rows).toEqual([
      { key: "-", name: "Chưa phân công đơn vị", received: 1, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, openWithinDeadline: 1, openOverdue: 0, onTimeRate: null, medianResolutionDays: null, agingBands: { "0-10": 1, "11-30": 0, "31-60": 0, "61-90": 0, "90+": 0 } },
      { key: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", received: 3, accepted: 1, resolvedOnTime: 2, resolvedLate: 1, openWithinDeadline: 2, openOverdue: 1, onTimeRate: 0.5, medianResolutionDays: 10, agingBands: { "0-10": 2, "11-30": 0, "31-60": 0, "61-90": 1, "90+": 0 } },
    ]);
    expect(report.totals).toMatchObject({ key: "total", name: "Tổng cộng", received: 4, openOverdue: 1, onTimeRate: 0.5 });
  });
});

describe("publicStats", () => {
  it("should publish the inspection report's figures of the unit and the year: the same on-time rate, open overdue cases counted as late", async () => {
    // Prepare
    const deps = yearDeps();
    // Act
    const [stats, report] = await Promise.all([publicStats({ year: "2026" }, deps), inspectionReport({ from: "2026-01-01", to: "2026-12-31", groupBy: "unit" }, deps)]);
    // Assess
    expect(stats).toEqual({
      year: 2026,
      units: [
        { unitId: "-", name: "Chưa phân công đơn vị", received: 1, resolved: 0, resolvedOnTime: 0, resolvedLate: 0, openOverdue: 0, onTimeRate: null },
        { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", received: 3, resolved: 3, resolvedOnTime: 2, resolvedLate: 1, openOverdue: 1, onTimeRate: 0.5 },
      ],
      totals: { received: 4, resolved: 3, resolvedOnTime: 2, resolvedLate: 1, openOverdue: 1, onTimeRate: 0.5 },
    });
    expect(stats.units.map((u) => u.onTimeRate)).toEqual(report.rows.map((r) => r.onTimeRate));
  });
});
