// Properties of the counting, over random dates 2000–2099, kinds and variants.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import "#domain/case.ts";
import { Calendar, formatLocalDate, officialAdjustments, parseLocalDate } from "#domain/calendar/index.ts";
import {
  defaultDeadlineContext,
  processingDeadline,
  resolutionDeadline,
  type Deadline,
  type DeadlineContext,
  type ResolutionInput,
} from "#domain/deadlines/index.ts";

const ctx = defaultDeadlineContext();
const day0 = parseLocalDate("2000-01-01");
const dayN = parseLocalDate("2099-10-01");
const dateArb = fc.integer({ min: day0, max: dayN }).map(formatLocalDate);
const instantArb = fc.tuple(dateArb, fc.integer({ min: 0, max: 86_399_999 })).map(([d, ms]) => new Date(Date.parse(`${d}T00:00:00Z`) + ms).toISOString());
const kindArb = fc.constantFrom("complaint", "denunciation", "petition", "reflection" as const);
const resolutionArb = fc.record({
  kind: kindArb,
  acceptedAt: instantArb,
  round: fc.constantFrom(1 as const, 2 as const),
  complexity: fc.constantFrom("normal" as const, "complex" as const, "very_complex" as const),
  remoteArea: fc.boolean(),
});
const addDays = (instant: string, n: number) => new Date(Date.parse(instant) + n * 86_400_000).toISOString();

const lastDayOf = (d: Deadline) => {
  const step = d.explanation.steps.find((s) => s.type === "lastDay");
  return step?.type === "lastDay" ? step.date : "";
};

describe("deadline properties", () => {
  it("it should never put a working-day deadline on a non-working day", () => {
    fc.assert(
      fc.property(kindArb, instantArb, fc.boolean(), (kind, receivedAt, processingExtended) => {
        const d = processingDeadline({ kind, anonymous: false, receivedAt, processingExtended }, ctx) as Deadline;
        expect(ctx.calendar.isWorkingDay(d.dueDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("it should never put a calendar-day deadline on a non-working day either (art. 148 rollover)", () => {
    fc.assert(
      fc.property(resolutionArb, (input) => {
        const d = resolutionDeadline(input, ctx) as Deadline;
        expect(ctx.calendar.isWorkingDay(d.dueDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("it should never make a deadline earlier by adding a holiday", () => {
    fc.assert(
      fc.property(resolutionArb, fc.integer({ min: 0, max: 60 }), fc.boolean(), (input, offset, extended) => {
        const holiday = formatLocalDate(parseLocalDate(input.acceptedAt.slice(0, 10)) + offset);
        const year = Number(holiday.slice(0, 4));
        const base = ctx.calendar.adjustmentsFor(year);
        const more: DeadlineContext = {
          ...ctx,
          calendar: ctx.calendar.withAdjustments(year, { holidays: [...base.holidays.filter((h) => h !== holiday), holiday], workingDays: base.workingDays.filter((w) => w !== holiday) }),
        };
        // Prepare the same case under both calendars; a working day declared off can only delay.
        if (base.workingDays.includes(holiday)) return;
        const p = { kind: input.kind, anonymous: false, receivedAt: input.acceptedAt, processingExtended: extended };
        expect((processingDeadline(p, more) as Deadline).dueDate >= (processingDeadline(p, ctx) as Deadline).dueDate).toBe(true);
        expect((resolutionDeadline(input, more) as Deadline).dueDate >= (resolutionDeadline(input, ctx) as Deadline).dueDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("it should move a deadline by the d suspended days after the event's own day (on its last day; the due date never earlier)", () => {
    fc.assert(
      fc.property(resolutionArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 60 }), (input, start, d) => {
        const from = addDays(input.acceptedAt, start);
        const suspended: ResolutionInput = { ...input, suspensions: [{ from, to: addDays(from, d) }] };
        const before = resolutionDeadline(input, ctx) as Deadline;
        const after = resolutionDeadline(suspended, ctx) as Deadline;
        // The day of acceptance never counts (art. 147), so a suspension from that day pauses from the next.
        const paused = start === 0 ? Math.max(0, d - 1) : d;
        expect(parseLocalDate(lastDayOf(after)) - parseLocalDate(lastDayOf(before))).toBe(paused);
        expect(after.dueDate >= before.dueDate).toBe(true);
        expect(parseLocalDate(after.dueDate) - parseLocalDate(lastDayOf(before))).toBeGreaterThanOrEqual(paused);
      }),
      { numRuns: 500 },
    );
  });

  it("it should explain with steps that add up to the deadline", () => {
    const calendar = new Calendar(officialAdjustments());
    fc.assert(
      fc.property(
        resolutionArb,
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 2 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { maxLength: 2 }),
        (input, processing, extDays, pauses) => {
          let t = input.acceptedAt;
          const suspensions = pauses.map(([gap, len]) => {
            const from = addDays(t, gap);
            t = addDays(from, len);
            return { from, to: t };
          });
          const d = processing
            ? (processingDeadline({ kind: input.kind, anonymous: false, receivedAt: input.acceptedAt, processingExtended: true }, ctx) as Deadline)
            : (resolutionDeadline({ ...input, extensions: extDays.map((days) => ({ days, at: input.acceptedAt })), suspensions }, ctx) as Deadline);
          const steps = d.explanation.steps;
          const start = steps.find((s) => s.type === "start");
          const period = steps.find((s) => s.type === "period");
          if (start?.type !== "start" || period?.type !== "period") throw new Error("missing start or period");
          const total =
            period.days +
            steps.reduce((n, s) => n + (s.type === "extension" || s.type === "suspension" ? s.days : 0), 0);
          const skipped = steps.filter((s) => s.type === "skipped").length;
          const lastDay = parseLocalDate(lastDayOf(d));
          // the period's days, plus the non-working days skipped in a working-day count, reach the last day
          expect(lastDay - parseLocalDate(start.date)).toBe(total + skipped);
          const rollover = steps.find((s) => s.type === "rollover");
          const due = rollover?.type === "rollover" ? rollover.to : lastDayOf(d);
          if (rollover?.type === "rollover") expect(parseLocalDate(rollover.to) - lastDay).toBe(rollover.skipped.length);
          expect(due).toBe(d.dueDate);
          expect(calendar.isWorkingDay(due)).toBe(true);
          expect(steps.find((s) => s.type === "due")).toEqual({ type: "due", dueDate: d.dueDate, dueAt: d.dueAt });
        },
      ),
      { numRuns: 500 },
    );
  });
});
