// Counting a period by the Civil Code 2015, art. 147–148, on local dates of Asia/Ho_Chi_Minh:
// day 1 is the day after the event; working-day periods count only working days; a calendar-day
// period whose last day is not a working day ends at the end of the next working day. Extensions
// and paused (suspended) days are added to the period. Pure: the calendar and policy are inputs.
// Only the dates are computed here; the explanation (explain.ts) is built when it is first read, so
// a recompute or a flag that never shows it does not pay for it.
import type { Calendar } from "../calendar/calendar.ts";
import { endOfLocalDay, formatLocalDate, yearOf, type EpochDay } from "../calendar/local-date.ts";
import { explain, type Counted } from "./explain.ts";
import { formatBasis, type CountUnit, type LegalBasis } from "./policy.ts";
import type { Deadline, Explanation } from "./schema.ts";

export interface CountExtension {
  readonly days: number;
  /** The day it was decided, when known. */
  readonly day?: EpochDay;
  readonly basis: LegalBasis;
  readonly decisionRef?: string | undefined;
  /** For the processing extension: the period once extended. */
  readonly extendedTo?: number;
}

export interface CountSuspension {
  readonly from: EpochDay;
  /** The resumption's local date; undefined while open. */
  readonly to?: EpochDay;
  readonly decisionRef?: string | undefined;
}

export interface CountInput {
  readonly stage: "processing" | "resolution";
  readonly event: "received" | "accepted";
  /** The event's instant (ISO) and its local date. */
  readonly at: string;
  readonly eventDay: EpochDay;
  readonly days: number;
  readonly unit: CountUnit;
  readonly basis: LegalBasis;
  readonly extensions: readonly CountExtension[];
  /** Paused local dates [from, to), in order. */
  readonly suspensions: readonly CountSuspension[];
  /** For an open suspension: the paused dates run to this day inclusive (the earliest resumption is the next day). */
  readonly asOf?: EpochDay;
}

const MAX_SCAN_DAYS = 3660;

/** The days of [from, to) a period of this unit counts: every day, or the working days. */
function countable(from: EpochDay, to: EpochDay, unit: CountUnit, calendar: Calendar): number {
  if (to <= from) return 0;
  if (unit === "calendar") return to - from;
  let n = 0;
  for (let d = from; d < to; d++) if (calendar.codeOf(d) === 0) n++;
  return n;
}

export function countDeadline(input: CountInput, calendar: Calendar): Deadline {
  const { eventDay, unit } = input;
  const firstDay = eventDay + 1;
  const period = input.days + input.extensions.reduce((n, e) => n + e.days, 0);

  // The event's own day is never counted (art. 147), so a pause starts on the first day at the earliest.
  const pauses: Counted["pauses"][number][] = [];
  let pausedTotal = 0;
  let open: Counted["open"];
  for (const s of input.suspensions) {
    const from = Math.max(s.from, firstDay);
    const asOf = Math.max(s.from, input.asOf ?? s.from);
    const end = s.to === undefined ? Math.max(from, asOf + 1) : Math.max(from, s.to);
    const days = countable(from, end, unit, calendar);
    if (s.to === undefined) {
      const daysUsed = countable(firstDay, from, unit, calendar) - pausedTotal;
      open = { since: s.from, asOf, daysUsed, daysLeft: Math.max(0, period - daysUsed) };
    }
    pauses.push({ suspension: s, from, end, days });
    pausedTotal += days;
  }
  const total = period + pausedTotal;

  let lastDay: EpochDay;
  if (unit === "working") {
    let counted = 0;
    let d = eventDay;
    while (counted < total) {
      d++;
      if (d - eventDay > MAX_SCAN_DAYS) throw new RangeError("no working days left to count");
      if (calendar.codeOf(d) === 0) counted++;
    }
    lastDay = d;
  } else {
    lastDay = eventDay + total;
  }
  let dueDay = lastDay;
  while (calendar.codeOf(dueDay) !== 0) {
    dueDay++;
    if (dueDay - lastDay > MAX_SCAN_DAYS) throw new RangeError("no working day to roll over to");
  }

  const provisionalYears: number[] = [];
  for (let y = yearOf(firstDay); y <= yearOf(dueDay); y++) if (!calendar.hasOfficialData(y)) provisionalYears.push(y);

  const dueAt = endOfLocalDay(dueDay);
  const counted: Counted = { input, calendar, total, pauses, open, lastDay, dueDay, dueAt, provisionalYears };
  let explanation: Explanation | undefined;
  return {
    dueAt,
    dueDate: formatLocalDate(dueDay),
    basis: formatBasis(input.basis),
    ...(open && {
      suspended: { since: formatLocalDate(open.since), asOf: formatLocalDate(open.asOf), daysUsed: open.daysUsed, daysLeft: open.daysLeft, unit },
    }),
    ...(provisionalYears.length > 0 && { provisional: true }),
    // Built on first read and kept; an own enumerable property, so a copy, JSON, a zod parse or a
    // DynamoDB write sees it like any other.
    get explanation() {
      return (explanation ??= explain(counted));
    },
  };
}
