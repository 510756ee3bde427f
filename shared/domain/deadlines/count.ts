// Counting a period by the Civil Code 2015, art. 147–148, on local dates of Asia/Ho_Chi_Minh:
// day 1 is the day after the event; working-day periods count only working days; a calendar-day
// period whose last day is not a working day ends at the end of the next working day. Extensions
// and paused (suspended) days are added to the period. Pure: the calendar and policy are inputs.
import type { Calendar, NonWorkingReason } from "../calendar/calendar.ts";
import { endOfLocalDay, formatLocalDate, weekdayOf, type EpochDay } from "../calendar/local-date.ts";
import type { CountUnit } from "./policy.ts";
import type { Deadline, ExplanationStep } from "./schema.ts";

export interface CountInput {
  readonly event: "received" | "accepted";
  /** The event's instant (ISO) and its local date. */
  readonly at: string;
  readonly eventDay: EpochDay;
  readonly days: number;
  readonly unit: CountUnit;
  readonly basis: string;
  readonly extensions: readonly { readonly days: number; readonly day: EpochDay; readonly basis: string }[];
  /** Paused local dates [from, to); `to` undefined while open. */
  readonly suspensions: readonly { readonly from: EpochDay; readonly to?: EpochDay }[];
  /** For an open suspension: the paused dates run to this day inclusive (the earliest resumption is the next day). */
  readonly asOf?: EpochDay;
}

const MAX_SCAN_DAYS = 3660;

export function countDeadline(input: CountInput, calendar: Calendar): Deadline {
  const { eventDay, unit } = input;
  const steps: ExplanationStep[] = [];
  steps.push({ type: "start", event: input.event, at: input.at, date: formatLocalDate(eventDay), firstDay: formatLocalDate(eventDay + 1) });
  steps.push({ type: "period", days: input.days, unit, basis: input.basis });
  let total = input.days;
  input.extensions.forEach((e, i) => {
    total += e.days;
    steps.push({ type: "extension", days: e.days, unit, date: formatLocalDate(e.day), ordinal: i + 1, basis: e.basis });
  });
  let openSince: EpochDay | undefined;
  let pausedTotal = 0;
  for (const s of input.suspensions) {
    const open = s.to === undefined;
    const end = open ? Math.max(s.from, (input.asOf ?? s.from) + 1) : s.to;
    let paused = 0;
    if (end > s.from) {
      if (unit === "calendar") paused = end - s.from;
      else for (let d = s.from; d < end; d++) if (calendar.codeOf(d) === 0) paused++;
    }
    if (open) openSince = s.from;
    pausedTotal += paused;
    total += paused;
    steps.push({ type: "suspension", from: formatLocalDate(s.from), ...(open ? {} : { to: formatLocalDate(s.to as EpochDay) }), days: paused, open });
  }

  let lastDay: EpochDay;
  const skipped: { day: EpochDay; reason: NonWorkingReason }[] = [];
  if (unit === "working") {
    let counted = 0;
    let d = eventDay;
    while (counted < total) {
      d++;
      if (d - eventDay > MAX_SCAN_DAYS) throw new RangeError("no working days left to count");
      const code = calendar.codeOf(d);
      if (code === 0) counted++;
      else skipped.push({ day: d, reason: calendar.reasonOfCode(code) as NonWorkingReason });
    }
    lastDay = d;
    for (const s of skipped) steps.push({ type: "skipped", date: formatLocalDate(s.day), reason: reasonOut(s.reason) });
  } else {
    lastDay = eventDay + total;
  }
  steps.push({ type: "lastDay", date: formatLocalDate(lastDay), counted: total });

  let dueDay = lastDay;
  const rolled: { day: EpochDay; reason: NonWorkingReason }[] = [];
  for (let code = calendar.codeOf(dueDay); code !== 0; code = calendar.codeOf(dueDay)) {
    rolled.push({ day: dueDay, reason: calendar.reasonOfCode(code) as NonWorkingReason });
    dueDay++;
    if (dueDay - lastDay > MAX_SCAN_DAYS) throw new RangeError("no working day to roll over to");
  }
  if (rolled.length > 0) {
    steps.push({
      type: "rollover",
      from: formatLocalDate(lastDay),
      to: formatLocalDate(dueDay),
      skipped: rolled.map((r) => ({ date: formatLocalDate(r.day), reason: reasonOut(r.reason) })),
    });
  }
  const dueAt = endOfLocalDay(dueDay);
  const dueDate = formatLocalDate(dueDay);
  steps.push({ type: "due", dueDate, dueAt });

  const sentences = explain(input, { total, pausedTotal, skipped, lastDay, dueDay, rolled, openSince });
  return {
    dueAt,
    dueDate,
    basis: input.basis,
    ...(openSince !== undefined && {
      suspended: { since: formatLocalDate(openSince), asOf: formatLocalDate(Math.max(openSince, input.asOf ?? openSince)) },
    }),
    explanation: { steps, vi: sentences.vi, en: sentences.en },
  };
}

const reasonOut = (r: NonWorkingReason) => ({ code: r.code, vi: r.vi, en: r.en });

// ---- sentences ----

const WEEKDAY_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const WEEKDAY_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const vDate = (d: EpochDay) => {
  const iso = formatLocalDate(d);
  return `${WEEKDAY_VI[weekdayOf(d)]} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
};
const eDate = (d: EpochDay) => `${WEEKDAY_EN[weekdayOf(d)]} ${formatLocalDate(d)}`;

function grouped(days: readonly { reason: NonWorkingReason }[], lang: "vi" | "en"): string {
  const counts = new Map<string, number>();
  for (const d of days) counts.set(d.reason[lang], (counts.get(d.reason[lang]) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ");
}

interface Counted {
  total: number;
  pausedTotal: number;
  skipped: readonly { day: EpochDay; reason: NonWorkingReason }[];
  lastDay: EpochDay;
  dueDay: EpochDay;
  rolled: readonly { day: EpochDay; reason: NonWorkingReason }[];
  openSince: EpochDay | undefined;
}

function explain(input: CountInput, c: Counted): { vi: string; en: string } {
  const working = input.unit === "working";
  const unitVi = working ? "ngày làm việc" : "ngày";
  const unitEn = working ? "working days" : "calendar days";
  const extDays = input.extensions.reduce((s, e) => s + e.days, 0);
  const vi: string[] = [];
  const en: string[] = [];
  vi.push(`${input.event === "received" ? "Nhận đơn" : "Thụ lý"} ${vDate(input.eventDay)}`);
  en.push(`${input.event === "received" ? "Received" : "Accepted"} on ${eDate(input.eventDay)}`);
  let periodVi = `thời hạn ${input.days} ${unitVi}`;
  let periodEn = `a period of ${input.days} ${unitEn}`;
  if (extDays > 0) {
    periodVi += ` cộng ${extDays} ${unitVi} gia hạn (${input.extensions.length} lần)`;
    periodEn += ` plus ${extDays} days of extension (${input.extensions.length})`;
  }
  if (c.pausedTotal > 0 || c.openSince !== undefined) {
    periodVi += ` cộng ${c.pausedTotal} ${unitVi} tạm đình chỉ`;
    periodEn += ` plus ${c.pausedTotal} suspended days`;
  }
  vi.push(`${periodVi}, tính từ ngày hôm sau`);
  en.push(`${periodEn}, counted from the next day`);
  if (c.skipped.length > 0) {
    vi.push(`không tính ${c.skipped.length} ngày nghỉ (${grouped(c.skipped, "vi")})`);
    en.push(`skipping ${c.skipped.length} non-working days (${grouped(c.skipped, "en")})`);
  }
  if (c.rolled.length > 0) {
    vi.push(
      `ngày cuối ${vDate(c.lastDay)} là ngày nghỉ (${grouped(c.rolled, "vi")}) nên thời hạn chuyển sang hết ngày làm việc tiếp theo ${vDate(c.dueDay)}`,
    );
    en.push(`end on ${eDate(c.lastDay)}, a non-working day (${grouped(c.rolled, "en")}), so the deadline moves to the end of the next working day, ${eDate(c.dueDay)}`);
  } else {
    vi.push(`hết hạn vào cuối ngày ${vDate(c.dueDay)}`);
    en.push(`end at the end of ${eDate(c.dueDay)}`);
  }
  let tailVi = ` (23:59:59, giờ Việt Nam) — căn cứ: ${input.basis}`;
  let tailEn = ` (23:59:59, Vietnam time) — basis: ${input.basis}`;
  if (c.openSince !== undefined) {
    tailVi += `; đang tạm đình chỉ từ ${vDate(c.openSince)}, thời hạn sẽ lùi thêm khi tiếp tục giải quyết`;
    tailEn += `; suspended since ${eDate(c.openSince)}, so the deadline moves later until the case resumes`;
  }
  return { vi: `${vi.join(", ")}${tailVi}.`, en: `${en.join(", ")}${tailEn}.` };
}
