// Use cases of the public intake: a citizen submits a case, and follows it with its code and key.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  caseKindSchema,
  caseStatusSchema,
  deadlinesAt,
  deadlinesSchema,
  isAnonymous,
  type CaseEvent,
  type CaseEventType,
  type CaseSubmission,
  type Channel,
} from "./case.ts";
import { accessKeyMatches, canonicalCode, hashAccessKey, isTrackingCode, newAccessKey, newTrackingCode } from "./codes.ts";
import { processingDeadline, type DeadlineContext } from "./deadlines/index.ts";
import { startCase } from "./events.ts";
import { NotFoundError } from "./errors.ts";
import { claimFor, IdempotencyKeyTakenError, replay, type IdempotencyKey } from "./idempotency.ts";
import { protectsSender, sealIdentity } from "./identity.ts";
import { repeatFilingFacts, type FilingDeps } from "./filings.ts";
import { TrackingCodeTakenError, type CaseRepository, type Clock, type Sealer, type TrackingLookup } from "./ports.ts";

export const submissionReceiptSchema = z.object({
  caseId: z.uuid(),
  trackingCode: z.string(),
  accessKey: z.string(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  anonymous: z.boolean(),
  receivedAt: z.iso.datetime(),
  deadlines: deadlinesSchema,
});
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;

export const milestoneSchema = z.object({ at: z.iso.datetime(), status: caseStatusSchema, note: z.string().optional() });

export const trackingViewSchema = z.object({
  trackingCode: z.string(),
  kind: caseKindSchema,
  subject: z.string(),
  status: caseStatusSchema,
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deadlines: deadlinesSchema,
  milestones: z.array(milestoneSchema),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;

/** Event types a citizen sees on the tracking page; classification, staff notes, identity reveals, escalations and recomputes are not among them. */
const milestoneTypes: ReadonlySet<CaseEventType> = new Set<CaseEventType>([
  "received", "accepted", "transferred", "guided", "rejected", "archived",
  "extended", "suspended", "resumed", "resolved", "closed", "withdrawn",
]);

export interface IntakeDeps extends FilingDeps {
  readonly cases: CaseRepository;
  readonly sealer: Sealer;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
}

export interface Receipt {
  readonly channel: Channel;
  /** When the letter was received; now for the web form, earlier for a letter registered by staff. */
  readonly receivedAt?: Date;
  /** Who entered it: the citizen on the web form, or a reception officer. */
  readonly actor?: CaseEvent["actor"];
}

const MAX_CODE_ATTEMPTS = 5;

/**
 * Files a case. With `once`, the request's Idempotency-Key is claimed in the same transaction: a retry of
 * the same body answers the first case again and stores nothing, another body is a 422.
 */
export async function submitCase(
  input: CaseSubmission,
  deps: IntakeDeps,
  receipt: Receipt = { channel: "online" },
  once?: IdempotencyKey,
): Promise<SubmissionReceipt> {
  const now = deps.clock.now();
  const receivedAt = (receipt.receivedAt ?? now).toISOString();
  const anonymous = isAnonymous(input);
  // The law protects a denouncer's identity: it is sealed before it is stored.
  const sealed = protectsSender(input.kind) && input.submitter;
  const processing = processingDeadline({ kind: input.kind, anonymous, receivedAt }, deps.deadlines);
  const accessKey = newAccessKey();
  const caseId = randomUUID();
  // The sender's earlier filings, found by keyed hashes computed before the identity is sealed.
  const repeat = await repeatFilingFacts({ caseId, kind: input.kind, subject: input.subject, submitter: input.submitter, sealed: Boolean(sealed) }, deps);
  const fresh = {
    caseId,
    kind: input.kind,
    subject: input.subject,
    content: input.content,
    status: "received" as const,
    anonymous,
    channel: receipt.channel,
    language: input.language ?? "vi",
    ...(input.unitHint !== undefined && { unitHint: input.unitHint }),
    ...(input.submitter && !sealed && { submitter: input.submitter }),
    ...(sealed && { sealedSubmitter: await sealIdentity(caseId, sealed, deps.sealer) }),
    ...repeat,
    receivedAt,
    deadlines: processing ? { processing } : {},
  };
  const data = { channel: receipt.channel, ...(repeat.filingCount > 1 && { filingCount: repeat.filingCount }) };
  const first = { type: "received", at: receivedAt, actor: receipt.actor ?? { kind: "citizen" }, data } as const;
  // What the key is claimed for: the body as sent, with what the route adds to it.
  const request = { ...input, channel: receipt.channel, ...(receipt.receivedAt && { receivedAt }) };
  for (let attempt = 1; ; attempt++) {
    const { next: record, event } = startCase({ ...fresh, trackingCode: newTrackingCode() }, first, now);
    const { caseId, trackingCode, kind, status, deadlines } = record;
    // The answer exists before the write, so the case and the claim that answers it again commit together.
    const answer: SubmissionReceipt = { caseId, trackingCode, accessKey, kind, status, anonymous, receivedAt, deadlines };
    const claim = once && (await claimFor(once, request, answer, deps.sealer, now));
    try {
      await deps.cases.create(record, event, hashAccessKey(accessKey), claim);
    } catch (err) {
      if (err instanceof TrackingCodeTakenError && attempt < MAX_CODE_ATTEMPTS) continue;
      if (err instanceof IdempotencyKeyTakenError) return replay(err.stored, request, submissionReceiptSchema, deps.sealer);
      throw err;
    }
    return answer;
  }
}

/** The citizen's view of a case. An unknown code and a wrong key are the same 404: no oracle. */
/** What an unknown code's key is checked against, so that it costs what a known code's wrong key costs. */
const unknownCodeHash = hashAccessKey(newAccessKey());

/**
 * An unknown code and a known code with a wrong key do the same work (one read of the tracking lookup, one
 * key verification) and give the same 404: no oracle, in the answer or in its timing. Only a matching key reads the case.
 */
export async function trackCase(
  trackingCode: string,
  accessKey: string | undefined,
  deps: Pick<IntakeDeps, "cases" | "clock" | "deadlines"> & { readonly tracking: TrackingLookup },
): Promise<TrackingView> {
  const code = canonicalCode(trackingCode);
  const notFound = new NotFoundError("No case has this tracking code and access key.");
  if (!isTrackingCode(code) || !accessKey) throw notFound;
  const lookup = await deps.tracking.find(code);
  const matches = accessKeyMatches(accessKey, lookup?.accessKeyHash ?? unknownCodeHash);
  if (!lookup || !matches) throw notFound;
  const found = await deps.cases.get(lookup.caseId);
  if (!found) throw notFound;
  const { record, events } = found;
  return {
    trackingCode: record.trackingCode,
    kind: record.kind,
    subject: record.subject,
    status: record.status,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    deadlines: deadlinesAt(record, deps.clock.now(), deps.deadlines),
    milestones: events
      .filter((e) => milestoneTypes.has(e.type))
      .map((e) => ({ at: e.at, status: e.status, ...(e.publicNote !== undefined && { note: e.publicNote }) })),
  };
}
