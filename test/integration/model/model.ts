// The model of the model-based test: what the contract (API.md, DOMAIN.md, issue 9) says the product
// holds after a sequence of commands, kept as simply as possible. Per case: kind, status, unit,
// named / anonymous / sealed, version, the facts its deadlines depend on, and the writes it accepted.
// Deadlines and flags come from the pure engine (shared/domain/deadlines), the only oracle borrowed
// from the product; everything else (which actions a state allows, what is counted, who is a repeat
// sender) is written here from the contract, apart from the product's code.
import {
  computeDeadlines,
  defaultPolicy,
  deriveFlags,
  type CaseDeadlines,
  type DeadlineContext,
  type DeadlineFacts,
} from "#domain/deadlines/index.ts";
import { Calendar, officialAdjustments, type CalendarAdjustments } from "#domain/calendar/index.ts";
import { matterKey, normalisedPhone, type Person } from "./texts.ts";

export const kinds = ["complaint", "denunciation", "petition", "reflection"] as const;
export type Kind = (typeof kinds)[number];
export type Status = "received" | "in_progress" | "transferred" | "guided" | "rejected" | "archived" | "resolved" | "closed" | "withdrawn";
export const channels = ["in_person", "mail", "transfer", "hotline", "online"] as const;
export type Channel = (typeof channels)[number];
export type Complexity = "normal" | "complex" | "very_complex";

export const isOpen = (s: Status): boolean => s === "received" || s === "in_progress";

export interface Unit {
  readonly unitId: string;
  readonly name: string;
  readonly remoteArea: boolean;
}
export const units: readonly Unit[] = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", remoteArea: false },
  { unitId: "ubnd-xa-vinh-hau", name: "Ủy ban nhân dân xã Vĩnh Hậu", remoteArea: true },
  { unitId: "thanh-tra-tinh", name: "Thanh tra tỉnh", remoteArea: false },
];
export const UNASSIGNED = "-";

export interface Submitter {
  fullName: string;
  phone?: string;
  email?: string;
  nationalId?: string;
  address?: string;
}

/** A write the product answered 200 to, as the timeline must show it. */
export interface ExpectedEvent {
  /** The action (`classify`), or `received` / `identity_revealed`. */
  readonly action: string;
  /** When it took effect; none for an act of the system's own clock (a reveal), matched by type alone. */
  readonly at?: string;
  readonly byStaff: boolean;
  /** Entered more than 3 days after it took effect (API.md: marked `backdated` on the timeline). */
  readonly backdated: boolean;
}

export interface ModelCase {
  readonly caseId: string;
  readonly trackingCode: string;
  /** The order of filing in the scenario: case #n in messages. */
  readonly n: number;
  readonly filedKind: Kind;
  kind: Kind;
  status: Status;
  unitId?: string;
  /** The identity exactly as sent; none for an anonymous letter. */
  readonly submitter?: Submitter;
  readonly person?: Person;
  /** Is or ever was a denunciation: its sender's identity is sealed for good (DOMAIN.md "Reclassification"). */
  everDenunciation: boolean;
  readonly subject: string;
  readonly channel: Channel;
  readonly receivedAt: string;
  /** This filing's rank among the same sender's filings of the same matter (DOMAIN.md "Repeat filings"). */
  readonly filingCount: number;
  complexity?: Complexity;
  round?: 1 | 2;
  remoteArea?: boolean;
  processingExtended?: boolean;
  acceptedAt?: string;
  extensions: { days: number; at: string }[];
  suspensions: { from: string; to?: string }[];
  resolvedAt?: string;
  version: number;
  /** The version the last read showed: the stream must hold at least this one before the figures are read. */
  storedVersion?: number;
  /** When the last staff or citizen event took effect: a paper action may not take effect before it. */
  lastPaperAt: string;
  readonly events: ExpectedEvent[];
  /** Once the case has left the open states its deadlines are history: computed then, with the context then. */
  frozen?: { readonly ctx: DeadlineContext; readonly asOf: string };
}

export interface Model {
  readonly cases: ModelCase[];
  nextPerson: number;
  /** The deadline context in force: the default policy and the calendar with the admin's changes. */
  ctx: DeadlineContext;
  /** Years the admin stored, over the shipped official adjustments. */
  readonly calendarYears: Map<number, CalendarAdjustments>;
  /** The days off this scenario added, so a later change can take one back. */
  readonly daysOffAdded: string[];
  /** How many times the figures were read: the report's grouping alternates. */
  figuresRead: number;
}

export function newModel(): Model {
  return { cases: [], nextPerson: 0, ctx: contextWith(new Map()), calendarYears: new Map(), daysOffAdded: [], figuresRead: 0 };
}

export function contextWith(years: ReadonlyMap<number, CalendarAdjustments>): DeadlineContext {
  const adjustments = officialAdjustments();
  for (const [year, a] of years) adjustments.set(year, { holidays: [...a.holidays], workingDays: [...a.workingDays] });
  return { policy: defaultPolicy(), calendar: new Calendar(adjustments) };
}

// ---- local dates (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) ----

export const DAY = 86_400_000;
const OFFSET = 7 * 3_600_000;
export const localDay = (at: string | number): number => Math.floor(((typeof at === "number" ? at : Date.parse(at)) + OFFSET) / DAY);
export const formatDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const localDate = (at: string | number): string => formatDay(localDay(at));
export const BACKDATED_MS = 3 * DAY;

// ---- the deadline facts and the engine's answers ----

export const isNamed = (c: Pick<ModelCase, "submitter">): boolean => c.submitter !== undefined;
/** A denunciation without its sender's identity is anonymous information, with no statutory deadline. */
export const isAnonymousDenunciation = (c: Pick<ModelCase, "kind" | "submitter">): boolean => c.kind === "denunciation" && !isNamed(c);
/** The identity is sealed: a named case that is or ever was a denunciation. */
export const isSealed = (c: Pick<ModelCase, "everDenunciation" | "submitter">): boolean => c.everDenunciation && isNamed(c);

export function factsOf(c: ModelCase): DeadlineFacts {
  return {
    kind: c.kind,
    anonymous: isAnonymousDenunciation(c),
    status: c.status,
    receivedAt: c.receivedAt,
    ...(c.processingExtended && { processingExtended: true }),
    ...(c.round !== undefined && { round: c.round }),
    ...(c.complexity !== undefined && { complexity: c.complexity }),
    ...(c.remoteArea !== undefined && { remoteArea: c.remoteArea }),
    ...(c.acceptedAt !== undefined && { acceptedAt: c.acceptedAt }),
    extensions: c.extensions.map((e) => ({ ...e })),
    suspensions: c.suspensions.map((s) => ({ ...s })),
    filingCount: c.filingCount,
  };
}

/** The deadlines the engine gives the case's facts now; for a case no longer open, as they stood when it left. */
export function expectedDeadlines(c: ModelCase, m: Model, now: number): CaseDeadlines {
  if (c.frozen) return computeDeadlines(factsOf(c), c.frozen.ctx, { asOf: c.frozen.asOf });
  return computeDeadlines(factsOf(c), m.ctx, { asOf: new Date(now) });
}

export interface ExpectedFlags {
  readonly flags: readonly string[];
  readonly escalationLevel: number;
  readonly daysOverdue: number;
}
export function expectedFlags(c: ModelCase, m: Model, now: number): ExpectedFlags {
  if (!isOpen(c.status)) return { flags: [], escalationLevel: 0, daysOverdue: 0 };
  const d = deriveFlags(factsOf(c), new Date(now), m.ctx);
  return { flags: d.flags, escalationLevel: d.escalationLevel, daysOverdue: d.daysOverdue };
}

/** Marks the case's deadlines as history when an action takes it out of the open states. */
export function freezeIfClosed(c: ModelCase, m: Model, at: string): void {
  if (!isOpen(c.status) && !c.frozen) c.frozen = { ctx: m.ctx, asOf: at };
}

// ---- repeat filings ----

/** The earlier filings of the same matter by the same sender (phone or identity number), this one excluded. */
export function earlierFilingsOfSameMatter(m: Model, s: Submitter | undefined, kind: Kind, subject: string): ModelCase[] {
  if (!s) return [];
  const phone = s.phone && normalisedPhone(s.phone);
  return m.cases.filter(
    (c) =>
      c.submitter !== undefined &&
      ((phone !== undefined && c.submitter.phone !== undefined && normalisedPhone(c.submitter.phone) === phone) ||
        (s.nationalId !== undefined && c.submitter.nationalId === s.nationalId)) &&
      c.filedKind === kind &&
      matterKey(c.subject) === matterKey(subject),
  );
}

// ---- the figures: a brute-force recount from the model ----

/** The one on-time rate (the inspection report's definition, which GET /stats must share): a case open past its deadline is already late. */
export function onTimeRate(f: { resolvedOnTime: number; resolvedLate: number; openOverdue: number }): number | null {
  const d = f.resolvedOnTime + f.resolvedLate + f.openOverdue;
  return d === 0 ? null : f.resolvedOnTime / d;
}

export interface Row {
  received: number;
  accepted: number;
  resolvedOnTime: number;
  resolvedLate: number;
  openWithinDeadline: number;
  openOverdue: number;
  onTimeRate: number | null;
  medianResolutionDays: number | null;
  agingBands: Record<string, number>;
}

const bandOf = (days: number) => (days <= 10 ? "0-10" : days <= 30 ? "11-30" : days <= 60 ? "31-60" : days <= 90 ? "61-90" : "90+");
const emptyRow = () => ({
  received: 0, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, openWithinDeadline: 0, openOverdue: 0,
  agingBands: { "0-10": 0, "11-30": 0, "31-60": 0, "61-90": 0, "90+": 0 } as Record<string, number>, days: [] as number[],
});

export interface Resolution {
  readonly onTime: boolean;
  readonly days: number;
}
/** On time when resolved by the end of the resolution deadline as it stood at the resolution (none: on time). */
export function resolutionOf(c: ModelCase, m: Model): Resolution | undefined {
  if ((c.status !== "resolved" && c.status !== "closed") || !c.resolvedAt) return undefined;
  const due = expectedDeadlines(c, m, Date.parse(c.resolvedAt)).resolution?.dueAt;
  return { onTime: due === undefined || Date.parse(c.resolvedAt) <= Date.parse(due), days: localDay(c.resolvedAt) - localDay(c.receivedAt) };
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.floor(s.length / 2)] as number)) / 2;
};

/** The report's rows for [from, to] grouped by unit or kind, every registered unit (or every kind) listed, and the totals. */
export function recountReport(m: Model, from: string, to: string, groupBy: "unit" | "kind", now: number): { rows: Record<string, Row>; totals: Row; oldestOpen: string[] } {
  const within = (at: string | undefined) => at !== undefined && localDate(at) >= from && localDate(at) <= to;
  const groups = new Map<string, ReturnType<typeof emptyRow>>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyRow()));
    return g;
  };
  if (groupBy === "kind") kinds.forEach(group);
  else units.forEach((u) => group(u.unitId));
  const total = emptyRow();
  const today = localDay(now);
  for (const c of m.cases) {
    const targets = [group(groupBy === "unit" ? (c.unitId ?? UNASSIGNED) : c.kind), total];
    for (const g of targets) {
      if (within(c.receivedAt)) g.received++;
      if (within(c.acceptedAt)) g.accepted++;
      const r = resolutionOf(c, m);
      if (r && within(c.resolvedAt)) {
        if (r.onTime) g.resolvedOnTime++;
        else g.resolvedLate++;
        g.days.push(r.days);
      }
      if (isOpen(c.status) && within(c.receivedAt)) {
        if (expectedFlags(c, m, now).flags.includes("overdue")) g.openOverdue++;
        else g.openWithinDeadline++;
        const band = bandOf(today - localDay(c.receivedAt));
        g.agingBands[band] = (g.agingBands[band] ?? 0) + 1;
      }
    }
  }
  const finish = ({ days, ...g }: ReturnType<typeof emptyRow>): Row => ({ ...g, onTimeRate: onTimeRate(g), medianResolutionDays: median(days) });
  const oldestOpen = m.cases
    .filter((c) => isOpen(c.status) && localDate(c.receivedAt) <= to)
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
    .slice(0, 10)
    .map((c) => c.caseId);
  return { rows: Object.fromEntries([...groups].map(([k, g]) => [k, finish(g)])), totals: finish(total), oldestOpen };
}

export interface StatsRow {
  received: number;
  resolved: number;
  resolvedOnTime: number;
}
/** GET /stats of a year per unit: volumes and resolutions, every registered unit listed. */
export function recountStats(m: Model, year: number): Record<string, StatsRow> {
  const inYear = (at: string | undefined) => at !== undefined && localDate(at).startsWith(`${year}-`);
  const out: Record<string, StatsRow> = Object.fromEntries(units.map((u) => [u.unitId, { received: 0, resolved: 0, resolvedOnTime: 0 }]));
  for (const c of m.cases) {
    const row = (out[c.unitId ?? UNASSIGNED] ??= { received: 0, resolved: 0, resolvedOnTime: 0 });
    if (inYear(c.receivedAt)) row.received++;
    const r = resolutionOf(c, m);
    if (r && inYear(c.resolvedAt)) {
      row.resolved++;
      if (r.onTime) row.resolvedOnTime++;
    }
  }
  return out;
}

// ---- confidentiality ----

/** Every plaintext spelling of a denouncer's identity that must appear nowhere, with whose it is. */
export function forbiddenPlaintexts(m: Model, spellings: (v: string) => string[]): Map<string, string> {
  const fields = ["fullName", "phone", "email", "nationalId", "address"] as const;
  const allowed = new Set<string>();
  for (const c of m.cases) {
    if (!c.submitter || isSealed(c)) continue;
    for (const f of fields) for (const s of spellings(c.submitter[f] ?? "")) allowed.add(s);
  }
  const out = new Map<string, string>();
  for (const c of m.cases) {
    if (!c.submitter || !isSealed(c)) continue;
    for (const f of fields) {
      const v = c.submitter[f];
      if (v === undefined) continue;
      for (const s of spellings(v)) if (s.length >= 5 && !allowed.has(s)) out.set(s, `the ${f} of the denouncer of case #${c.n} (${c.caseId})`);
    }
  }
  return out;
}
