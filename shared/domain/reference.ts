// Reference data an admin edits: the unit registry, each year's calendar adjustments and the
// versioned deadline policy; the use cases that read and replace them, and the deadline context
// they make together. A change of calendar or policy starts a job that recomputes every open case (jobs.ts).
import { z } from "zod";
import {
  Calendar,
  calendarAdjustmentsSchema,
  calendarYearSchema,
  formatLocalDate,
  localDateSchema,
  officialAdjustments,
  officialCalendar,
  parseCalendarAdjustments,
  MAX_YEAR,
  MIN_YEAR,
  type CalendarAdjustments,
} from "./calendar/index.ts";
import { defaultPolicy, parsePolicy, policySchema, type DeadlineContext, type Policy } from "./deadlines/index.ts";
import { fieldErrors, ForbiddenError, NotFoundError, parse, ValidationError, type FieldError } from "./errors.ts";
import type { Clock } from "./ports.ts";
import { mayAdminister, type Principal } from "./access.ts";
import { requestRecompute, type JobDeps } from "./jobs.ts";
import { singleLineText, unitIdSchema } from "./vocabulary.ts";

// ---- units ----

export { unitIdSchema };

export const unitSchema = z
  .object({
    unitId: unitIdSchema,
    name: singleLineText(2, 200).trim(),
    parentId: unitIdSchema.optional(),
    /** A remote area with difficult travel (vùng sâu, vùng xa): longer legal resolution periods. */
    remoteArea: z.boolean().default(false),
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

export const MAX_UNITS = 2000;
export const unitRegistrySchema = z.array(unitSchema).max(MAX_UNITS);

/**
 * Parses a whole registry, refusing it with every field error: a unit id listed twice, a parent
 * that is not in the registry, a unit that is its own ancestor.
 */
export function parseUnits(input: unknown): Unit[] {
  const parsed = unitRegistrySchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(fieldErrors(parsed.error), "The unit registry is invalid.");
  }
  const units = parsed.data;
  const errors: FieldError[] = [];
  const indexOf = new Map<string, number>();
  units.forEach((u, i) => {
    const earlier = indexOf.get(u.unitId);
    if (earlier !== undefined) errors.push({ path: `${i}.unitId`, message: `${u.unitId} is already listed at ${earlier}` });
    else indexOf.set(u.unitId, i);
  });
  units.forEach((u, i) => {
    if (u.parentId === undefined) return;
    if (!indexOf.has(u.parentId)) {
      errors.push({ path: `${i}.parentId`, message: `${u.parentId} is not a unit of the registry` });
      return;
    }
    // Walk up from the unit; meeting it again is a cycle. A cycle is reported once, at each member.
    const path = [u.unitId];
    let at: string | undefined = u.parentId;
    while (at !== undefined && path.length <= units.length) {
      if (at === u.unitId) {
        errors.push({ path: `${i}.parentId`, message: `forms a cycle: ${[...path, at].join(" → ")}` });
        return;
      }
      path.push(at);
      const next = indexOf.get(at);
      at = next === undefined ? undefined : units[next]?.parentId;
    }
  });
  if (errors.length > 0) throw new ValidationError(errors, "The unit registry is invalid.");
  return units;
}

// ---- calendar ----

export const dayReasonViewSchema = z.object({
  code: z.string(),
  holiday: z.string().optional(),
  vi: z.string(),
  en: z.string(),
});

export const calendarSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("admin"), updatedAt: z.iso.datetime(), updatedBy: z.string() }),
  z.object({
    kind: z.literal("official"),
    entries: z.array(z.object({ date: localDateSchema, note: z.string(), source: z.string() })),
  }),
]);

export const calendarViewSchema = z.object({
  year: z.number().int(),
  /** Official days off of the year, beyond the computed default. */
  holidays: z.array(localDateSchema),
  /** Declared working days (e.g. a Saturday worked to bridge a holiday). */
  workingDays: z.array(localDateSchema),
  /** Every non-working weekday of the year as the calendar now counts it, with its name. */
  computed: z.array(z.object({ date: localDateSchema, reason: dayReasonViewSchema })),
  /** Where `holidays` and `workingDays` come from; absent when the year has no adjustment. */
  source: calendarSourceSchema.optional(),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;

export interface StoredCalendarYear extends CalendarAdjustments {
  readonly year: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const yearMessage = `must be a year from ${MIN_YEAR} to ${MAX_YEAR}`;
/** A path's year as written, four digits, 2000–2100: the year as a number. */
export const yearParamSchema = z
  .string(yearMessage)
  .regex(/^\d{4}$/, yearMessage)
  .transform(Number)
  .refine((year) => calendarYearSchema.safeParse(year).success, yearMessage);

/** A path's year, 2000–2100; anything else is a 400 naming `year`. */
export function parseYear(raw: string | undefined): number {
  return parse(z.object({ year: yearParamSchema }), { year: raw }).year;
}

/** The shipped official adjustments overlaid by the ones an admin stored: a stored year replaces the shipped one. */
export function effectiveAdjustments(stored: readonly StoredCalendarYear[]): Map<number, CalendarAdjustments> {
  const map = officialAdjustments();
  for (const y of stored) map.set(y.year, { holidays: [...y.holidays], workingDays: [...y.workingDays] });
  return map;
}

/** What an admin sees of a year: the adjustments in force, where they come from, and the year's days off. */
export function calendarView(year: number, stored: StoredCalendarYear | undefined): CalendarView {
  const official = officialCalendar[year];
  const adjustments: CalendarAdjustments = stored ?? officialAdjustments().get(year) ?? { holidays: [], workingDays: [] };
  const calendar = new Calendar(new Map([[year, adjustments]]));
  const source: CalendarView["source"] = stored
    ? { kind: "admin", updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }
    : official
      ? { kind: "official", entries: [...official.holidays, ...official.workingDays].map((e) => ({ ...e })) }
      : undefined;
  return {
    year,
    holidays: [...adjustments.holidays],
    workingDays: [...adjustments.workingDays],
    computed: calendar.nonWorkingDays(year).map(({ day, reason }) => ({
      date: formatLocalDate(day),
      reason: { code: reason.code, ...(reason.holiday && { holiday: reason.holiday }), vi: reason.vi, en: reason.en },
    })),
    ...(source && { source }),
  };
}

// ---- policy ----

export interface StoredPolicy {
  readonly policy: Policy;
  readonly storedAt: string;
  readonly storedBy: string;
}

export const policyViewSchema = z.object({
  version: z.number().int(),
  /** `default`: the policy shipped with the product (no admin has stored one yet). */
  source: z.enum(["default", "admin"]),
  storedAt: z.iso.datetime().optional(),
  storedBy: z.string().optional(),
  policy: policySchema,
});
export type PolicyView = z.infer<typeof policyViewSchema>;

/** The body of PUT /admin/policy: a whole policy; its version, if sent, is ignored (the store numbers versions). */
export const policyBodySchema = z.record(z.string(), z.unknown());

const policyView = (stored: StoredPolicy | undefined): PolicyView =>
  stored
    ? { version: stored.policy.version, source: "admin", storedAt: stored.storedAt, storedBy: stored.storedBy, policy: stored.policy }
    : { version: defaultPolicy().version, source: "default", policy: defaultPolicy() };

// ---- the store ----

/** Someone stored a policy under the version number this write wanted. */
export class PolicyVersionTakenError extends Error {}

export interface ReferenceStore {
  getUnits(): Promise<readonly Unit[] | undefined>;
  putUnits(units: readonly Unit[], meta: { updatedAt: string; updatedBy: string }): Promise<void>;
  getCalendarYear(year: number): Promise<StoredCalendarYear | undefined>;
  /** Every year an admin has stored. */
  getCalendarYears(): Promise<StoredCalendarYear[]>;
  putCalendarYear(year: StoredCalendarYear): Promise<void>;
  /** A stored policy version, or the latest one when `version` is not given. */
  getPolicy(version?: number): Promise<StoredPolicy | undefined>;
  /** Stores a new version; throws PolicyVersionTakenError if that version exists. */
  putPolicy(policy: StoredPolicy): Promise<void>;
}

/** The deadline context from the store: the current policy and the shipped calendar overlaid by the stored years. */
export async function deadlineContextFrom(store: ReferenceStore): Promise<DeadlineContext> {
  const [policy, years] = await Promise.all([store.getPolicy(), store.getCalendarYears()]);
  return { policy: policy?.policy ?? defaultPolicy(), calendar: new Calendar(effectiveAdjustments(years)) };
}

// ---- use cases ----

export interface ReferenceDeps {
  readonly reference: ReferenceStore;
  readonly clock: Clock;
}
export type ReferenceChangeDeps = ReferenceDeps & Omit<JobDeps, "clock"> & {
  /** Called once the change is stored, so this warm function stops using its cached context. */
  readonly onContextChanged?: () => void;
};

const requireAdmin = (actor: Principal) => {
  if (!mayAdminister(actor)) throw new ForbiddenError("Only an admin may change reference data.", { code: "admin_only" });
};

/** The registry, sorted as stored; empty until an admin stores one. */
export async function listUnits(deps: ReferenceDeps): Promise<Unit[]> {
  return [...((await deps.reference.getUnits()) ?? [])];
}

export async function replaceUnits(input: unknown, actor: Principal, deps: ReferenceDeps): Promise<Unit[]> {
  requireAdmin(actor);
  const units = parseUnits(input);
  await deps.reference.putUnits(units, { updatedAt: deps.clock.now().toISOString(), updatedBy: actor.userId });
  return units;
}

export async function getCalendar(year: number, deps: ReferenceDeps): Promise<CalendarView> {
  return calendarView(year, await deps.reference.getCalendarYear(year));
}

/** A change stored: the job that recomputes the open cases under it. */
export interface ReferenceChange {
  readonly jobId: string;
}

export async function replaceCalendar(year: number, input: unknown, actor: Principal, deps: ReferenceChangeDeps): Promise<ReferenceChange> {
  requireAdmin(actor);
  const adjustments = parseCalendarAdjustments(input, year);
  const stored: StoredCalendarYear = { year, ...adjustments, updatedAt: deps.clock.now().toISOString(), updatedBy: actor.userId };
  await deps.reference.putCalendarYear(stored);
  deps.onContextChanged?.();
  const job = await requestRecompute(`calendar ${year}`, actor.userId, deps);
  return { jobId: job.jobId };
}

export async function getPolicy(version: number | undefined, deps: ReferenceDeps): Promise<PolicyView> {
  if (version === undefined) return policyView(await deps.reference.getPolicy());
  const stored = await deps.reference.getPolicy(version);
  if (stored) return policyView(stored);
  if (version === defaultPolicy().version) return policyView(undefined);
  throw new NotFoundError(`There is no policy version ${version}.`, { code: "unknown_policy_version" });
}

export const policyQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict();

const POLICY_ATTEMPTS = 5;

/** Stores the policy as the next version, refusing it whole (400, nothing stored) when invalid; then starts the recompute of open cases. */
export async function replacePolicy(input: unknown, actor: Principal, deps: ReferenceChangeDeps): Promise<ReferenceChange> {
  requireAdmin(actor);
  const body = policyBodySchema.safeParse(input);
  if (!body.success) throw new ValidationError([{ path: "(body)", message: "must be a policy object" }], "The deadline policy is invalid.");
  for (let attempt = 1; ; attempt++) {
    const current = await deps.reference.getPolicy();
    const version = (current?.policy.version ?? defaultPolicy().version) + 1;
    const policy = parsePolicy({ ...body.data, version });
    const stored: StoredPolicy = { policy, storedAt: deps.clock.now().toISOString(), storedBy: actor.userId };
    try {
      await deps.reference.putPolicy(stored);
    } catch (err) {
      // Another admin stored a version at the same moment: take the next number.
      if (err instanceof PolicyVersionTakenError && attempt < POLICY_ATTEMPTS) continue;
      throw err;
    }
    deps.onContextChanged?.();
    const job = await requestRecompute(`policy v${version}`, actor.userId, deps);
    return { jobId: job.jobId };
  }
}

export { calendarAdjustmentsSchema };
