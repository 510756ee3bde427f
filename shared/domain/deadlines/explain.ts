// The explanation of a counted deadline, for a clerk to check by hand: the structured steps (the pages
// translate them from their catalogs) and one sentence in Vietnamese and one in English. Every date
// the count skipped is listed in order, every declared working day that counted is named, every
// extension and suspension comes with its dates and days, and a count over a year without official
// calendar data says it is provisional. Built only when a deadline's explanation is read (count.ts).
import type { Calendar, DeclaredWorkingDay, NonWorkingReason } from "../calendar/calendar.ts";
import { formatLocalDate, weekdayOf, type EpochDay } from "../calendar/local-date.ts";
import type { CountInput, CountSuspension } from "./count.ts";
import type { Explanation, ExplanationStep } from "./schema.ts";

/** What the count found, as the explanation reads it. */
export interface Counted {
  readonly input: CountInput;
  readonly calendar: Calendar;
  /** The days counted: the period, its extensions and the paused days. */
  readonly total: number;
  /** Each suspension with the paused dates [from, end) it added, `days` of them in the period's unit. */
  readonly pauses: readonly { readonly suspension: CountSuspension; readonly from: EpochDay; readonly end: EpochDay; readonly days: number }[];
  /** The open suspension, if any: since when, counted to which day, the days used and left. */
  readonly open: { readonly since: EpochDay; readonly asOf: EpochDay; readonly daysUsed: number; readonly daysLeft: number } | undefined;
  readonly lastDay: EpochDay;
  readonly dueDay: EpochDay;
  readonly dueAt: string;
  readonly provisionalYears: readonly number[];
}

interface Day {
  readonly day: EpochDay;
  readonly reason: { readonly code: string; readonly vi: string; readonly en: string };
}

// The calendar's reasons are a fixed table: each is copied out (without its holiday code) once.
const reasonsOut = new WeakMap<object, Day["reason"]>();
function reasonOut(r: NonWorkingReason | DeclaredWorkingDay["reason"]): Day["reason"] {
  let out = reasonsOut.get(r);
  if (!out) reasonsOut.set(r, (out = { code: r.code, vi: r.vi, en: r.en }));
  return out;
}

function nonWorkingDays(calendar: Calendar, from: EpochDay, to: EpochDay): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d++) {
    const code = calendar.codeOf(d);
    if (code !== 0) out.push({ day: d, reason: reasonOut(calendar.reasonOfCode(code) as NonWorkingReason) });
  }
  return out;
}

export function explain(c: Counted): Explanation {
  const { input, calendar } = c;
  const firstDay = input.eventDay + 1;
  const skipped = input.unit === "working" ? nonWorkingDays(calendar, firstDay, c.lastDay) : [];
  const rolled = nonWorkingDays(calendar, c.lastDay, c.dueDay - 1);
  // A worked day off counts in a working-day period; in a calendar-day one it matters where the period ends.
  const declared = (input.unit === "working" ? calendar.declaredWorkingDays(firstDay, c.lastDay) : calendar.declaredWorkingDays(c.lastDay, c.dueDay)).map(
    (d) => ({ day: d.day, reason: reasonOut(d.reason) }),
  );
  return { steps: steps(c, skipped, rolled, declared), ...sentences(c, skipped, rolled, declared) };
}

function steps(c: Counted, skipped: readonly Day[], rolled: readonly Day[], declared: readonly Day[]): ExplanationStep[] {
  const { input } = c;
  const f = formatLocalDate;
  const out: ExplanationStep[] = [
    { type: "start", event: input.event, at: input.at, date: f(input.eventDay), firstDay: f(input.eventDay + 1) },
    { type: "period", days: input.days, unit: input.unit, basis: { vi: input.basis.vi, en: input.basis.en } },
  ];
  input.extensions.forEach((e, i) =>
    out.push({
      type: "extension",
      stage: input.stage,
      days: e.days,
      unit: input.unit,
      ...(e.day !== undefined && { date: f(e.day) }),
      ordinal: i + 1,
      ...(e.extendedTo !== undefined && { extendedTo: e.extendedTo }),
      ...(e.decisionRef !== undefined && { decisionRef: e.decisionRef }),
      basis: { vi: e.basis.vi, en: e.basis.en },
    }),
  );
  for (const p of c.pauses) {
    const s = p.suspension;
    out.push({
      type: "suspension",
      from: f(s.from),
      ...(s.to !== undefined ? { to: f(s.to) } : c.open && { asOf: f(c.open.asOf) }),
      days: p.days,
      unit: input.unit,
      open: s.to === undefined,
      ...(s.decisionRef !== undefined && { decisionRef: s.decisionRef }),
    });
  }
  for (const d of skipped) out.push({ type: "skipped", date: f(d.day), reason: d.reason });
  for (const d of declared) out.push({ type: "declaredWorking", date: f(d.day), reason: d.reason });
  out.push({ type: "lastDay", date: f(c.lastDay), counted: c.total });
  if (c.dueDay > c.lastDay) {
    out.push({ type: "rollover", from: f(c.lastDay), to: f(c.dueDay), skipped: rolled.map((d) => ({ date: f(d.day), reason: d.reason })) });
  }
  out.push({ type: "due", dueDate: f(c.dueDay), dueAt: c.dueAt });
  if (c.open) out.push({ type: "paused", since: f(c.open.since), daysUsed: c.open.daysUsed, daysLeft: c.open.daysLeft, unit: input.unit });
  if (c.provisionalYears.length > 0) out.push({ type: "provisional", years: [...c.provisionalYears] });
  return out;
}

// ---- sentences ----

const WEEKDAY_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const WEEKDAY_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
// Dates as the sentences write them, memoised per day: an explanation writes the same days over and over.
const viDates = new Map<EpochDay, string>();
const enDates = new Map<EpochDay, string>();
const vDate = (d: EpochDay): string => {
  let text = viDates.get(d);
  if (text === undefined) {
    const iso = formatLocalDate(d);
    viDates.set(d, (text = `${WEEKDAY_VI[weekdayOf(d)]} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`));
  }
  return text;
};
const eDate = (d: EpochDay): string => {
  let text = enDates.get(d);
  if (text === undefined) enDates.set(d, (text = `${WEEKDAY_EN[weekdayOf(d)]} ${formatLocalDate(d)}`));
  return text;
};

const isWeekend = (code: string) => code === "saturday" || code === "sunday";
/** Each day by its date, in order; a day that is not a plain weekend says why. */
const listVi = (days: readonly Day[]) => days.map((d) => (isWeekend(d.reason.code) ? vDate(d.day) : `${vDate(d.day)} (${d.reason.vi})`)).join(", ");
const listEn = (days: readonly Day[]) => days.map((d) => (isWeekend(d.reason.code) ? eDate(d.day) : `${eDate(d.day)} (${d.reason.en})`)).join(", ");
const namedVi = (days: readonly Day[]) => days.map((d) => `${vDate(d.day)} (${d.reason.vi})`).join(", ");
const namedEn = (days: readonly Day[]) => days.map((d) => `${eDate(d.day)} (${d.reason.en})`).join(", ");
const byDecisionVi = (ref: string | undefined) => (ref === undefined ? "" : ` theo quyết định số ${ref}`);
const byDecisionEn = (ref: string | undefined) => (ref === undefined ? "" : ` by decision ${ref}`);

function sentences(c: Counted, skipped: readonly Day[], rolled: readonly Day[], declared: readonly Day[]): { vi: string; en: string } {
  const { input } = c;
  const working = input.unit === "working";
  const uVi = working ? "ngày làm việc" : "ngày";
  const uEn = working ? "working days" : "calendar days";
  const vi: string[] = [];
  const en: string[] = [];

  vi.push(`${input.event === "received" ? "Nhận đơn" : "Thụ lý"} ${vDate(input.eventDay)}, thời hạn ${input.days} ${uVi}, tính từ ngày hôm sau`);
  en.push(`${input.event === "received" ? "Received" : "Accepted"} on ${eDate(input.eventDay)}, a period of ${input.days} ${uEn}, counted from the next day`);
  input.extensions.forEach((e, i) => {
    const onVi = e.day === undefined ? "" : ` ngày ${vDate(e.day)}`;
    const onEn = e.day === undefined ? "" : ` on ${eDate(e.day)}`;
    if (e.extendedTo !== undefined) {
      vi.push(`gia hạn xử lý đơn${onVi}${byDecisionVi(e.decisionRef)}: thêm ${e.days} ${uVi}, thành ${e.extendedTo} ${uVi}`);
      en.push(`the processing period extended${onEn}${byDecisionEn(e.decisionRef)}: ${e.days} more ${uEn}, ${e.extendedTo} in all`);
    } else {
      vi.push(`gia hạn lần ${i + 1}${onVi}${byDecisionVi(e.decisionRef)}: thêm ${e.days} ${uVi}`);
      en.push(`extension ${i + 1}${onEn}${byDecisionEn(e.decisionRef)}: ${e.days} more ${uEn}`);
    }
  });
  for (const p of c.pauses) {
    const s = p.suspension;
    if (s.to === undefined) {
      const asOf = c.open?.asOf ?? s.from;
      vi.push(`đang tạm đình chỉ từ ${vDate(s.from)}${byDecisionVi(s.decisionRef)}: tính đến hết ${vDate(asOf)} đã cộng thêm ${p.days} ${uVi}`);
      en.push(`suspended since ${eDate(s.from)}${byDecisionEn(s.decisionRef)}: up to ${eDate(asOf)}, ${p.days} ${uEn} added`);
    } else {
      vi.push(`tạm đình chỉ từ ${vDate(s.from)} đến trước ${vDate(s.to)}${byDecisionVi(s.decisionRef)}: cộng thêm ${p.days} ${uVi}`);
      en.push(`suspended from ${eDate(s.from)} until ${eDate(s.to)}${byDecisionEn(s.decisionRef)}: ${p.days} ${uEn} added`);
    }
  }
  if (skipped.length > 0) {
    vi.push(`không tính ${skipped.length} ngày nghỉ: ${listVi(skipped)}`);
    en.push(`skipping ${skipped.length} non-working days: ${listEn(skipped)}`);
  }
  if (declared.length > 0) {
    vi.push(`vẫn tính ngày làm việc theo lịch chính thức: ${namedVi(declared)}`);
    en.push(`counting the days the official calendar makes working days: ${namedEn(declared)}`);
  }
  if (rolled.length > 0) {
    vi.push(
      `ngày thứ ${c.total} là ${vDate(c.lastDay)}, không phải ngày làm việc: không tính ${listVi(rolled)} nên thời hạn chuyển sang hết ngày làm việc tiếp theo, ${vDate(c.dueDay)}`,
    );
    en.push(`day ${c.total} is ${eDate(c.lastDay)}, not a working day: skipping ${listEn(rolled)}, the deadline moves to the end of the next working day, ${eDate(c.dueDay)}`);
  } else {
    vi.push(`hết hạn vào cuối ngày ${vDate(c.dueDay)}`);
    en.push(`ending at the end of ${eDate(c.dueDay)}`);
  }
  // Clauses apart with semicolons: the lists of dates inside them have commas.
  let textVi = `${vi.join("; ")} (23:59:59, giờ Việt Nam) — căn cứ: ${input.basis.vi}.`;
  let textEn = `${en.join("; ")} (23:59:59, Vietnam time) — basis: ${input.basis.en}.`;
  if (c.open) {
    const { since, asOf, daysUsed, daysLeft } = c.open;
    textVi += ` Thời hạn đang tạm dừng từ ${vDate(since)}: đã dùng ${daysUsed} ${uVi}, còn ${daysLeft} ${uVi} khi tiếp tục giải quyết; hạn chót trên là sớm nhất, nếu tiếp tục giải quyết từ ${vDate(asOf + 1)}.`;
    textEn += ` The deadline is paused since ${eDate(since)}: ${daysUsed} ${uEn} used, ${daysLeft} left when the case resumes; the deadline above is the earliest, if it resumes on ${eDate(asOf + 1)}.`;
  }
  if (c.provisionalYears.length > 0) {
    const years = c.provisionalYears.join(", ");
    textVi += ` Thời hạn tạm tính: chưa có lịch nghỉ chính thức năm ${years}, ngày nghỉ được tính theo lịch mặc định nên thời hạn có thể thay đổi.`;
    textEn += ` Provisional: there is no official calendar for ${years} yet; its days off are the computed default, so the deadline may still move.`;
  }
  return { vi: textVi, en: textEn };
}
