// The case: its kinds, statuses and the citizen's submission, as zod schemas (the only definition
// of each type).
import { z } from "zod";
import { computeDeadlines, deadlineFactsSchema, deadlineSchema, type DeadlineContext } from "./deadlines/index.ts";
import { caseEventTypeSchema, caseKindSchema, caseStatusSchema, isOpen, instantSchema, escalationLevelSchema } from "./vocabulary.ts";

export { caseEventTypeSchema, caseKinds, caseKindSchema, caseStatuses, caseStatusSchema, isOpen, openStatuses } from "./vocabulary.ts";
export type { CaseEventType, CaseKind, CaseStatus } from "./vocabulary.ts";

export const languageSchema = z.enum(["vi", "en"]);
export type Language = z.infer<typeof languageSchema>;

/** Not blank: at least `min` characters once surrounding white space is ignored; stored as sent. */
const text = (min: number, max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v.trim().length >= min, `must be at least ${min} characters`);

export const submitterSchema = z
  .object({
    fullName: text(2, 120),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 .-]{6,18}[0-9]$/, "must be a phone number: digits, optionally spaced, + for abroad")
      .optional(),
    email: z.email("must be an e-mail address").max(254).optional(),
    nationalId: z.string().regex(/^[0-9]{12}$/, "must be the 12 digits of a citizen identity card (CCCD)").optional(),
    address: text(5, 300).optional(),
  })
  .strict();
export type Submitter = z.infer<typeof submitterSchema>;

const hasContact = (s: Partial<Submitter>) => Boolean(s.phone || s.email || s.address);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const caseSubmissionSchema = z
  .object({
    kind: caseKindSchema,
    subject: text(5, 200),
    content: text(20, 20_000),
    submitter: submitterSchema.optional(),
    unitHint: text(1, 120).optional(),
    language: languageSchema.optional(),
  })
  .strict()
  .superRefine(
    (body, ctx) => {
      // The law names who a complaint or a signed denunciation comes from and how to reach them.
      if (!body.submitter) {
        if (body.kind === "complaint") {
          ctx.addIssue({
            code: "custom",
            path: ["submitter"],
            message: "a complaint needs the sender's full name and a phone, e-mail or address",
            params: { code: "identity_required" },
          });
        }
        return;
      }
      if ((body.kind === "complaint" || body.kind === "denunciation") && !hasContact(body.submitter)) {
        ctx.addIssue({
          code: "custom",
          path: ["submitter", "phone"],
          message: "give at least a phone, an e-mail or an address",
          params: { code: "contact_required" },
        });
      }
    },
    // Also when other fields are invalid, so the sender learns every problem at once.
    { when: ({ value }) => isRecord(value) && caseKindSchema.safeParse(value.kind).success && (value.submitter === undefined || isRecord(value.submitter)) },
  );
export type CaseSubmission = z.infer<typeof caseSubmissionSchema>;

/** A denunciation without its sender's identity is kept as anonymous information, with no legal deadline. */
export const isAnonymous = (s: Pick<CaseSubmission, "kind" | "submitter">): boolean => s.kind === "denunciation" && !s.submitter;

export const channelSchema = z.enum(["online", "in_person", "mail", "transfer", "hotline"]);
export type Channel = z.infer<typeof channelSchema>;

// ---- The stored case and its timeline ----


export const deadlinesSchema = z.object({
  processing: deadlineSchema.optional(),
  resolution: deadlineSchema.optional(),
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

const instant = instantSchema;

export const caseRecordSchema = deadlineFactsSchema.extend({
  caseId: z.uuid(),
  trackingCode: z.string(),
  subject: z.string(),
  content: z.string(),
  channel: channelSchema,
  language: languageSchema,
  unitHint: z.string().optional(),
  /** The unit that handles the case, set when reception classifies it. */
  unitId: z.string().optional(),
  /** The sender, in the clear: only for kinds whose sender the law does not protect. */
  submitter: submitterSchema.optional(),
  /** A denouncer's identity, sealed (envelope-encrypted); opened only by reveal-identity. */
  sealedSubmitter: z.string().optional(),
  /** Keyed hashes of the sender's phone and of their identity number (filings.ts): find their earlier filings without the plaintext. */
  senderKeys: z.array(z.string()).min(1).max(2).optional(),
  /** The matter as filed: a hash of the kind filed and the subject, normalised (filings.ts). */
  matterKey: z.string().optional(),
  /** The first filing of the same matter, when this case is a later filing of it or was archived as its duplicate. */
  matterOf: z.uuid().optional(),
  /** The sender's earlier cases when this one was filed, oldest first; staff only, and never on a sealed case. */
  relatedCaseIds: z.array(z.uuid()).optional(),
  /** When the resolution took effect: on time or late is judged against the resolution deadline. */
  resolvedAt: instant.optional(),
  /** The highest escalation level the sweep has recorded for the current deadline (0–3). */
  escalationRecorded: escalationLevelSchema.optional(),
  /** What the last decision said: transfer, guidance, rejection, archive, resolution. */
  decision: z.record(z.string(), z.unknown()).optional(),
  updatedAt: instant,
  version: z.number().int().positive(),
  deadlines: deadlinesSchema,
  /** When the case's last step took effect (system events aside, events.ts movesFloor): an action entered later may not take effect before it. */
  lastAt: instant,
  /** A step of the case was entered more than 3 days after it took effect (an event marked `backdated`): inspectors list these. */
  backdated: z.literal(true).optional(),
  /** The last event's sequence number and hash: the head of the case's audit chain. */
  lastSeq: z.number().int().positive(),
  lastHash: z.string(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const actorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("citizen") }),
  z.object({ kind: z.literal("staff"), userId: z.string(), username: z.string().optional(), role: z.string() }),
  z.object({ kind: z.literal("system") }),
]);
export type EventActor = z.infer<typeof actorSchema>;

export const caseEventSchema = z.object({
  caseId: z.uuid(),
  seq: z.number().int().positive(),
  type: caseEventTypeSchema,
  /** When it took effect (on paper, it may be earlier than the entry). */
  at: instant,
  /** When it was entered in the system. */
  enteredAt: instant,
  actor: actorSchema,
  status: caseStatusSchema,
  /** A note the citizen may read on the tracking page. */
  /** Entered more than 3 days after it took effect (a staff action entered from paper): inspectors review these. */
  backdated: z.literal(true).optional(),
  publicNote: z.string().optional(),
  /** What the action carried (reason, days, outcome…) and what it changed; never a sealed identity. */
  data: z.record(z.string(), z.unknown()).optional(),
  /** The audit chain: the previous event's hash, and this event's over it and its own content. */
  prevHash: z.string(),
  hash: z.string(),
  /** The chain's version (audit.ts): 1 for events MAC'd under the audit key; absent on events from before the keyed chain. */
  macVersion: z.literal(1).optional(),
  /** HMAC-SHA-256 of the hash under the audit key (base64url), added when the event is written. */
  mac: z.string().optional(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

/**
 * The deadlines as they stand at `now`: an open case's from its facts (so a paused deadline counts its
 * pause up to today, and the flags derived at the same time agree with it); a finished case's as
 * they were when it finished, what its on-time figure was judged against.
 */
export function deadlinesAt(record: CaseRecord, now: string | Date, ctx: DeadlineContext): Deadlines {
  return isOpen(record.status) ? computeDeadlines(record, ctx, { asOf: now }) : record.deadlines;
}

/** The deadline the case is waiting on now, if its clock is running: a paused one is due at no date. */
export function currentDueAt(record: Pick<CaseRecord, "status" | "deadlines">): string | undefined {
  const current = record.status === "received" ? record.deadlines.processing : record.status === "in_progress" ? record.deadlines.resolution : undefined;
  return current && !current.suspended ? current.dueAt : undefined;
}

/** Escalation levels belong to one deadline: when the current deadline moves, the ladder starts again. */
export function withEscalationFor<R extends Pick<CaseRecord, "status" | "deadlines" | "escalationRecorded">>(before: Pick<CaseRecord, "status" | "deadlines">, next: R): R {
  if (next.escalationRecorded === undefined || currentDueAt(before) === currentDueAt(next)) return next;
  const { escalationRecorded: _reset, ...rest } = next;
  return rest as R;
}
