// One way to change a case: every event (a filing, a staff action, a reveal, an escalation, a
// recompute) is chained to the case's audit trail here, and the case's version, chain head and times
// move with it, so the case and its event always agree when the repository writes them together.
import { chainEvent, GENESIS_HASH } from "./audit.ts";
import { withEscalationFor, type CaseEvent, type CaseEventType, type CaseRecord, type EventActor } from "./case.ts";

/** The fields only this module sets: the case's version, the head of its chain, its times and whether a step of it was back-dated. */
type ChainFields = "version" | "lastSeq" | "lastHash" | "updatedAt" | "lastAt" | "backdated";

/** What an event changes on the case besides its chain fields; its status among them. */
export type CaseChanges = Partial<Omit<CaseRecord, ChainFields | "caseId">>;

export interface NewEvent {
  readonly type: CaseEventType;
  /** When it took effect: on paper, possibly before `now`, when it is entered. */
  readonly at: string;
  readonly actor: EventActor;
  readonly data?: Record<string, unknown> | undefined;
  /** A note the citizen may read on the tracking page. */
  readonly publicNote?: string | undefined;
  /** What the event changes; a field changed to `undefined` is removed from the case. */
  readonly changes?: CaseChanges;
}

/**
 * Events that do not move the floor of later effective times (the case's `lastAt`): what the system
 * does on its own (an escalation, a recompute) and the opening of a sealed identity. They record when
 * something was done to the file, not a step of the case's history that paper can precede: a letter
 * registered weeks after it arrived is escalated by the next sweep, and staff must still enter its
 * classification and acceptance on their real, earlier dates. Every other event (the filing, each
 * staff action, a note) moves the floor to its effective time.
 */
const keepsFloor: ReadonlySet<CaseEventType> = new Set<CaseEventType>(["escalated", "deadlines_recomputed", "identity_revealed"]);

/** Whether an event of this type moves the floor of the effective times that may follow it. */
export const movesFloor = (type: CaseEventType): boolean => !keepsFloor.has(type);

/** A staff action that takes effect more than this before it is entered is marked `backdated` (API.md). */
export const BACKDATED_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** A step of the case's history entered by staff from paper more than 3 days after it took effect (not the filing). */
const isBackdated = (e: NewEvent, now: Date): boolean =>
  e.actor.kind === "staff" && e.type !== "received" && movesFloor(e.type) && now.getTime() - Date.parse(e.at) > BACKDATED_AFTER_MS;

export interface Appended {
  readonly next: CaseRecord;
  readonly event: CaseEvent;
}

/**
 * The case after `e`, and `e` chained after the case's last event. The event records the status the
 * case has after it; a change that moves the current deadline starts the escalation ladder again.
 */
export function appendEvent(record: CaseRecord, e: NewEvent, now: Date): Appended {
  const enteredAt = now.toISOString();
  const { backdated: _kept, ...changes } = (e.changes ?? {}) as CaseChanges & { backdated?: unknown };
  const merged = Object.fromEntries(Object.entries({ ...record, ...changes }).filter(([, value]) => value !== undefined)) as CaseRecord;
  const changed = withEscalationFor(record, merged);
  const event = chainEvent(record.lastHash, {
    caseId: record.caseId,
    seq: record.lastSeq + 1,
    type: e.type,
    at: e.at,
    enteredAt,
    actor: e.actor,
    status: changed.status,
    ...(e.publicNote !== undefined && { publicNote: e.publicNote }),
    ...(e.data !== undefined && { data: e.data }),
    ...(isBackdated(e, now) && { backdated: true as const }),
  });
  const next: CaseRecord = {
    ...changed,
    version: record.version + 1,
    updatedAt: enteredAt,
    lastAt: movesFloor(e.type) ? e.at : record.lastAt,
    lastSeq: event.seq,
    lastHash: event.hash,
    // Once a step was back-dated the case stays listed for inspectors (GET /staff/cases?flag=backdated).
    ...((record.backdated || event.backdated) && { backdated: true as const }),
  };
  return { next, event };
}

/** A new case at version 1 and its first event: the same append, from the start of the chain. */
export function startCase(fresh: Omit<CaseRecord, ChainFields>, e: Omit<NewEvent, "changes">, now: Date): Appended {
  const genesis: CaseRecord = { ...fresh, version: 0, lastSeq: 0, lastHash: GENESIS_HASH, updatedAt: e.at, lastAt: e.at };
  return appendEvent(genesis, e, now);
}
