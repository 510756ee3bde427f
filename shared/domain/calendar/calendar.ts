// The working calendar: weekends, the computed default holidays, and each year's official
// adjustments on top. Each year is computed once into a byte per day, so a lookup is an array read.
import type { CalendarAdjustments } from "./adjustments.ts";
import { computedHolidays, holidayCodes, type HolidayCode } from "./holidays.ts";
import { epochDayOf, parseLocalDate, weekdayOf, yearOf, type EpochDay } from "./local-date.ts";

export type NonWorkingCode = "saturday" | "sunday" | HolidayCode | "compensatory" | "official_day_off";

export interface NonWorkingReason {
  readonly code: NonWorkingCode;
  /** The holiday a compensatory or announced day off belongs to, when there is one. */
  readonly holiday?: HolidayCode;
  readonly vi: string;
  readonly en: string;
}

const HOLIDAY_NAMES: Readonly<Record<HolidayCode, { vi: string; en: string }>> = {
  new_year: { vi: "Tết Dương lịch", en: "New Year's Day" },
  lunar_new_year: { vi: "Tết Nguyên đán", en: "Lunar New Year" },
  hung_kings: { vi: "Giỗ Tổ Hùng Vương", en: "Hùng Kings' Commemoration Day" },
  reunification: { vi: "Ngày Giải phóng miền Nam, thống nhất đất nước", en: "Reunification Day" },
  labour_day: { vi: "Ngày Quốc tế Lao động", en: "International Labour Day" },
  national_day: { vi: "Quốc khánh", en: "National Day" },
};

// Reason table, indexed by the byte stored per day; 0 is a working day.
const REASONS: (NonWorkingReason | undefined)[] = [undefined];
const codeOfReason = (r: NonWorkingReason): number => REASONS.push(r) - 1;
const SATURDAY = codeOfReason({ code: "saturday", vi: "Thứ Bảy", en: "Saturday" });
const SUNDAY = codeOfReason({ code: "sunday", vi: "Chủ nhật", en: "Sunday" });
const HOLIDAY = new Map<HolidayCode, number>();
const COMPENSATORY = new Map<HolidayCode, number>();
const ANNOUNCED = new Map<HolidayCode, number>();
for (const h of holidayCodes) {
  const n = HOLIDAY_NAMES[h];
  HOLIDAY.set(h, codeOfReason({ code: h, vi: n.vi, en: n.en }));
  COMPENSATORY.set(h, codeOfReason({ code: "compensatory", holiday: h, vi: `Nghỉ bù ${n.vi}`, en: `Compensatory day off (${n.en})` }));
  ANNOUNCED.set(h, codeOfReason({ code: "official_day_off", holiday: h, vi: `Nghỉ ${n.vi} theo thông báo`, en: `${n.en} (announced day off)` }));
}
const OFFICIAL = codeOfReason({ code: "official_day_off", vi: "Ngày nghỉ theo thông báo chính thức", en: "Official day off (announced)" });

/** Why a day that would be off by default is worked: an adjustment's working day, named for the explanation. */
export type DeclaredWorkingCode = "working_saturday" | "cancelled_compensatory" | "declared_working_day";
export interface DeclaredWorkingReason {
  readonly code: DeclaredWorkingCode;
  readonly vi: string;
  readonly en: string;
}
export interface DeclaredWorkingDay {
  readonly day: EpochDay;
  readonly reason: DeclaredWorkingReason;
}

function declaredReason(previous: NonWorkingReason | undefined): DeclaredWorkingReason {
  if (previous?.code === "saturday") return { code: "working_saturday", vi: "Thứ Bảy làm việc theo thông báo chính thức", en: "Saturday declared a working day" };
  if (previous?.code === "compensatory" && previous.holiday) {
    const n = HOLIDAY_NAMES[previous.holiday];
    return { code: "cancelled_compensatory", vi: `Không nghỉ bù ${n.vi} theo thông báo chính thức`, en: `Compensatory day off for ${n.en} cancelled` };
  }
  return { code: "declared_working_day", vi: "Ngày làm việc theo thông báo chính thức", en: "Declared a working day" };
}

/** An announced day off within this many days of a holiday is named after that holiday. */
const NEAR_HOLIDAY_DAYS = 7;

export type DateInput = string | EpochDay;
const toDay = (date: DateInput): EpochDay => (typeof date === "number" ? date : parseLocalDate(date));

interface YearTable {
  readonly start: EpochDay;
  readonly codes: Uint8Array;
  /** The year's working days that are off by default (a worked Saturday, a cancelled compensatory day), in order. */
  readonly declared: readonly DeclaredWorkingDay[];
}

type YearInput = ReadonlyMap<number, CalendarAdjustments> | Readonly<Record<string, CalendarAdjustments>>;

export class Calendar {
  private readonly adjustments: ReadonlyMap<number, CalendarAdjustments>;
  private readonly years = new Map<number, YearTable>();
  private last: YearTable | undefined;

  constructor(adjustments: YearInput = new Map()) {
    this.adjustments =
      adjustments instanceof Map
        ? new Map(adjustments)
        : new Map(Object.entries(adjustments as Record<string, CalendarAdjustments>).map(([y, a]) => [Number(y), a]));
  }

  /** A new calendar with `year`'s adjustments replaced (the calendar itself is immutable). */
  withAdjustments(year: number, adjustments: CalendarAdjustments): Calendar {
    const next = new Map(this.adjustments);
    next.set(year, adjustments);
    return new Calendar(next);
  }

  adjustmentsFor(year: number): CalendarAdjustments {
    return this.adjustments.get(year) ?? { holidays: [], workingDays: [] };
  }

  /** Every year's adjustments, for storing or comparing calendars. */
  allAdjustments(): ReadonlyMap<number, CalendarAdjustments> {
    return this.adjustments;
  }

  /**
   * Whether `year` has official data (shipped announcements or an admin's entry): without it, its
   * days off are the computed default and a deadline counted over it is provisional.
   */
  hasOfficialData(year: number): boolean {
    return this.adjustments.has(year);
  }

  /** The declared working days from `from` to `to` (inclusive), in order. */
  declaredWorkingDays(from: EpochDay, to: EpochDay): DeclaredWorkingDay[] {
    const out: DeclaredWorkingDay[] = [];
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      for (const d of this.yearTable(year).declared) if (d.day >= from && d.day <= to) out.push(d);
    }
    return out;
  }

  isWorkingDay(date: DateInput): boolean {
    return this.codeOf(toDay(date)) === 0;
  }

  nonWorkingReason(date: DateInput): NonWorkingReason | undefined {
    return REASONS[this.codeOf(toDay(date))];
  }

  /** The non-working days of a year with their reasons (weekends excluded unless `withWeekends`). */
  nonWorkingDays(year: number, withWeekends = false): { day: EpochDay; reason: NonWorkingReason }[] {
    const { start, codes } = this.yearTable(year);
    const out: { day: EpochDay; reason: NonWorkingReason }[] = [];
    codes.forEach((c, i) => {
      if (c !== 0 && (withWeekends || (c !== SATURDAY && c !== SUNDAY))) out.push({ day: start + i, reason: REASONS[c] as NonWorkingReason });
    });
    return out;
  }

  /** 0 for a working day, otherwise the index of the reason; the hot path of every count. */
  codeOf(day: EpochDay): number {
    // A count reads day after day of one year: keep that year's table at hand rather than finding its year each time.
    let t = this.last;
    if (t === undefined || day < t.start || day >= t.start + t.codes.length) {
      const year = yearOf(day);
      t = this.last = this.years.get(year) ?? this.yearTable(year);
    }
    return t.codes[day - t.start] as number;
  }

  reasonOfCode(code: number): NonWorkingReason | undefined {
    return REASONS[code];
  }

  private yearTable(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    const start = epochDayOf(year, 1, 1);
    const codes = new Uint8Array(epochDayOf(year + 1, 1, 1) - start);
    for (let i = 0; i < codes.length; i++) {
      const w = weekdayOf(start + i);
      codes[i] = w === 6 ? SATURDAY : w === 0 ? SUNDAY : 0;
    }
    const holidays = computedHolidays(year);
    for (const h of holidays) {
      codes[h.day - start] = ((h.compensatory ? COMPENSATORY : HOLIDAY).get(h.holiday)) as number;
    }
    const adj = this.adjustments.get(year);
    const declared: DeclaredWorkingDay[] = [];
    if (adj) {
      for (const date of adj.holidays) {
        const day = parseLocalDate(date);
        if (day < start || day >= start + codes.length) continue;
        const current = codes[day - start] as number;
        if (current !== 0 && current !== SATURDAY && current !== SUNDAY) continue; // already a holiday: keep its name
        let near: { dist: number; holiday: HolidayCode } | undefined;
        for (const h of holidays) {
          const dist = Math.abs(h.day - day);
          if (!h.compensatory && dist <= NEAR_HOLIDAY_DAYS && (!near || dist < near.dist)) near = { dist, holiday: h.holiday };
        }
        codes[day - start] = near ? (ANNOUNCED.get(near.holiday) as number) : OFFICIAL;
      }
      for (const date of adj.workingDays) {
        const day = parseLocalDate(date);
        if (day < start || day >= start + codes.length) continue;
        const previous = codes[day - start] as number;
        if (previous !== 0) declared.push({ day, reason: declaredReason(REASONS[previous]) });
        codes[day - start] = 0;
      }
      declared.sort((a, b) => a.day - b.day);
    }
    const table = { start, codes, declared };
    this.years.set(year, table);
    return table;
  }
}
