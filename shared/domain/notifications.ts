// Notifications: the port that sends an e-mail, the ledger that makes each notification go out once,
// and the pure builders of every message (citizen: in the case's language; staff: Vietnamese, then English).
// A builder is handed only codes, kinds, units and dates: never a subject, a content or a sender, so no
// message can reveal who filed a case. A citizen's message goes to the citizen's own address only.
import { z } from "zod";
import { caseEventTypeSchema, type CaseEvent, type CaseEventType, type CaseKind, type CaseRecord, type Language } from "./case.ts";
import { formatLocalDate, localDayOfInstant } from "./calendar/local-date.ts";
import type { Stage } from "./deadlines/policy.ts";
import { UnopenableSealError, type CaseRepository, type Sealer } from "./ports.ts";
import { openIdentity } from "./identity.ts";

export const outgoingMessageSchema = z
  .object({
    to: z.email(),
    subject: z.string().min(1).max(300),
    text: z.string().min(1),
    html: z.string().optional(),
  })
  .strict();
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;

/** Sends one e-mail (SES on AWS, a file in DATA_DIR/outbox locally). Throws when it could not. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * Sent-markers: `claim` writes the marker of one notification only if it is absent (true: this caller
 * sends it; false: it was sent already, or is being sent). `release` removes it after a failed send so a
 * retry sends it again.
 */
export interface NotificationLedger {
  claim(caseId: string, key: string, recipient: Recipient, at: string): Promise<boolean>;
  release(caseId: string, key: string, recipient: Recipient): Promise<void>;
}

export type Audience = "unit_head" | "inspection_team" | "province_leadership";
export type Recipient = Audience | "citizen";

/** Where staff notifications go: configuration (see shared/adapters/notifier-config.ts), not data. */
export interface StaffAddresses {
  /** The head of a unit; the default head when the unit has no address of its own or the case has no unit yet. */
  unitHead(unitId: string | undefined): string | undefined;
  readonly inspectionTeam?: string | undefined;
  readonly provinceLeadership?: string | undefined;
}

export const addressOf = (audience: Audience, caseUnit: string | undefined, addresses: StaffAddresses): string | undefined =>
  audience === "unit_head" ? addresses.unitHead(caseUnit) : audience === "inspection_team" ? addresses.inspectionTeam : addresses.provinceLeadership;

/** What a message may say about a case: nothing that names or reaches a person. */
export type NoticeCase = Pick<CaseRecord, "caseId" | "trackingCode" | "kind" | "unitId" | "language">;

export interface EscalationNotice {
  readonly level: 1 | 2 | 3;
  readonly audience: Audience;
  readonly stage: Stage;
  readonly dueAt: string;
  readonly daysOverdue: number;
}

// ---- the catalog ----

const kindNames: Record<Language, Record<CaseKind, string>> = {
  vi: { complaint: "khiếu nại", denunciation: "tố cáo", petition: "kiến nghị", reflection: "phản ánh" },
  en: { complaint: "complaint", denunciation: "denunciation", petition: "petition", reflection: "report" },
};
const stageNames: Record<Language, Record<Stage, string>> = {
  vi: { processing: "xử lý đơn", resolution: "giải quyết" },
  en: { processing: "processing", resolution: "resolution" },
};
const audienceNames: Record<Language, Record<Audience, string>> = {
  vi: { unit_head: "Thủ trưởng đơn vị", inspection_team: "Tổ công tác / Thanh tra", province_leadership: "Lãnh đạo tỉnh" },
  en: { unit_head: "Head of the unit", inspection_team: "Inspection team", province_leadership: "Province leadership" },
};

/** A local (Asia/Ho_Chi_Minh) date: 19/10/2026 in Vietnamese, 2026-10-19 in English. */
export function localDate(instant: string, language: Language): string {
  const iso = formatLocalDate(localDayOfInstant(instant));
  if (language === "en") return iso;
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

const footer: Record<Language, string> = {
  vi: "Đây là thư tự động của hệ thống theo dõi đơn thư; vui lòng không trả lời thư này.",
  en: "This is an automatic message of the case tracker; please do not reply to it.",
};

// ---- staff ----

function escalationText(c: NoticeCase, n: EscalationNotice, lang: Language): { subject: string; body: string } {
  const due = localDate(n.dueAt, lang);
  const unit = c.unitId ?? (lang === "vi" ? "(chưa phân loại)" : "(not classified yet)");
  if (lang === "vi") {
    return {
      subject: `[Cấp ${n.level}] Hồ sơ ${c.trackingCode} quá hạn ${n.daysOverdue} ngày`,
      body: [
        `Kính gửi: ${audienceNames.vi[n.audience]}`,
        "",
        `Hồ sơ ${c.trackingCode} (${kindNames.vi[c.kind]}) đã quá thời hạn ${stageNames.vi[n.stage]} (${due}) ${n.daysOverdue} ngày và được chuyển lên cấp ${n.level}.`,
        `Đơn vị: ${unit}`,
        `Mã hồ sơ nội bộ: ${c.caseId}`,
      ].join("\n"),
    };
  }
  return {
    subject: `[Level ${n.level}] Case ${c.trackingCode} is ${n.daysOverdue} day(s) overdue`,
    body: [
      `To: ${audienceNames.en[n.audience]}`,
      "",
      `Case ${c.trackingCode} (${kindNames.en[c.kind]}) is ${n.daysOverdue} day(s) past its ${stageNames.en[n.stage]} deadline (${due}) and has been escalated to level ${n.level}.`,
      `Unit: ${unit}`,
      `Case id: ${c.caseId}`,
    ].join("\n"),
  };
}

/** The escalation notice to staff: Vietnamese first, then English; the case's codes and dates only. */
export function staffEscalationMessage(c: NoticeCase, notice: EscalationNotice, to: string): OutgoingMessage {
  const vi = escalationText(c, notice, "vi");
  const en = escalationText(c, notice, "en");
  return { to, subject: `${vi.subject} / ${en.subject}`, text: [vi.body, "", "---", "", en.body, "", footer.vi, footer.en].join("\n") };
}

// ---- citizens ----

export const citizenNotices = ["accepted", "extended", "resolved", "overdue"] as const;
export type CitizenNotice = (typeof citizenNotices)[number];

export interface CitizenNoticeFacts {
  readonly notice: CitizenNotice;
  /** accepted, extended: the new deadline (of the stage extended); overdue: the deadline that has passed. */
  readonly dueAt?: string | undefined;
  readonly stage?: Stage | undefined;
}

/** "Thời hạn xử lý đơn", "Thời hạn giải quyết đơn": the period an extension moved, before the kind's name. */
const periodOfVi: Record<Stage, string> = { processing: "Thời hạn xử lý đơn", resolution: "Thời hạn giải quyết đơn" };

function citizenText(c: NoticeCase, f: CitizenNoticeFacts, lang: Language): { subject: string; lines: string[] } {
  const code = c.trackingCode;
  const kind = kindNames[lang][c.kind];
  const due = f.dueAt ? localDate(f.dueAt, lang) : undefined;
  if (lang === "vi") {
    const subject = {
      accepted: `Đơn của ông/bà đã được thụ lý (mã hồ sơ ${code})`,
      extended: `${periodOfVi[f.stage ?? "resolution"]} đã được gia hạn (mã hồ sơ ${code})`,
      resolved: `Đơn của ông/bà đã có kết quả giải quyết (mã hồ sơ ${code})`,
      overdue: `Đơn của ông/bà đã quá thời hạn (mã hồ sơ ${code})`,
    }[f.notice];
    const line = {
      accepted: `Đơn ${kind} của ông/bà (mã hồ sơ ${code}) đã được thụ lý để giải quyết.${due ? ` Thời hạn giải quyết: ${due}.` : ""}`,
      extended: `${periodOfVi[f.stage ?? "resolution"]} ${kind} của ông/bà (mã hồ sơ ${code}) đã được gia hạn${due ? ` đến ${due}` : ""}.`,
      resolved: `Đơn ${kind} của ông/bà (mã hồ sơ ${code}) đã có kết quả giải quyết.`,
      overdue: `Đơn ${kind} của ông/bà (mã hồ sơ ${code}) đã quá thời hạn ${f.stage ? stageNames.vi[f.stage] : "giải quyết"}${due ? ` (${due})` : ""}. Cơ quan có thẩm quyền đã được báo cáo để đôn đốc.`,
    }[f.notice];
    return {
      subject,
      lines: ["Kính gửi ông/bà,", "", line, "", "Ông/bà có thể theo dõi hồ sơ trên trang tra cứu bằng mã hồ sơ và mã truy cập được cấp khi nộp đơn."],
    };
  }
  const subject = {
    accepted: `Your ${kind} has been accepted (tracking code ${code})`,
    extended: `The ${stageNames.en[f.stage ?? "resolution"]} period of your ${kind} has been extended (tracking code ${code})`,
    resolved: `Your ${kind} has been resolved (tracking code ${code})`,
    overdue: `Your ${kind} is overdue (tracking code ${code})`,
  }[f.notice];
  const line = {
    accepted: `Your ${kind} (tracking code ${code}) has been accepted for resolution.${due ? ` It is due by ${due}.` : ""}`,
    extended: `The ${stageNames.en[f.stage ?? "resolution"]} period of your ${kind} (tracking code ${code}) has been extended${due ? ` to ${due}` : ""}.`,
    resolved: `Your ${kind} (tracking code ${code}) has been resolved.`,
    overdue: `Your ${kind} (tracking code ${code}) is past its ${f.stage ? stageNames.en[f.stage] : "resolution"} deadline${due ? ` (${due})` : ""}. The competent authority has been notified to follow it up.`,
  }[f.notice];
  return { subject, lines: ["Dear citizen,", "", line, "", "You can follow the case on the tracking page with its tracking code and the access key you were given when you filed it."] };
}

/** A message to the citizen, in the case's language: the tracking code, never the access key (only its hash is kept). */
export function citizenMessage(c: NoticeCase, facts: CitizenNoticeFacts, to: string): OutgoingMessage {
  const { subject, lines } = citizenText(c, facts, c.language);
  return { to, subject, text: [...lines, "", footer[c.language]].join("\n") };
}

// ---- the citizen's address ----

const contactSchema = z.object({ email: z.string().optional() }).loose();

/**
 * The citizen's own e-mail address, if they gave one: in the clear for a complaint, petition or
 * reflection, sealed for a denouncer (opened here only to write to that very address).
 */
export async function citizenEmail(record: Pick<CaseRecord, "caseId" | "submitter" | "sealedSubmitter">, sealer: Sealer | undefined): Promise<string | undefined> {
  if (record.submitter) return record.submitter.email;
  if (!record.sealedSubmitter || !sealer) return undefined;
  try {
    return contactSchema.parse(await openIdentity(record, record.sealedSubmitter, sealer)).email;
  } catch (err) {
    // Sealed for another case (or altered): that address is not this case's sender, so no mail goes to it.
    if (err instanceof UnopenableSealError) return undefined;
    throw err;
  }
}

// ---- sending once ----

export interface SendOnceDeps {
  readonly notifier: Notifier;
  readonly ledger: NotificationLedger;
}

/**
 * Sends a message unless its marker exists: the marker is claimed first (conditional write), released
 * again if the send fails so that a retry sends it. 'sent' | 'already'; throws when the send failed.
 */
export async function sendOnce(caseId: string, key: string, recipient: Recipient, message: OutgoingMessage, at: string, deps: SendOnceDeps): Promise<"sent" | "already"> {
  if (!(await deps.ledger.claim(caseId, key, recipient, at))) return "already";
  try {
    await deps.notifier.send(message);
  } catch (err) {
    await deps.ledger.release(caseId, key, recipient);
    throw err;
  }
  return "sent";
}

// ---- the citizen's notification of a new event (the stream consumer's use case) ----

export interface EventNoticeDeps {
  /** None when no sender is configured: nothing is sent (outcome "disabled"). */
  readonly notifier?: Notifier | undefined;
  readonly ledger: NotificationLedger;
  readonly cases: Pick<CaseRepository, "getRecord">;
  readonly sealer?: Sealer;
  readonly now: () => Date;
}

const eventNotices: Partial<Record<CaseEventType, CitizenNotice>> = { accepted: "accepted", extended: "extended", resolved: "resolved" };

/** An event as a stream consumer may first see it: its type as stored, not yet read as one of the vocabulary's. */
type ReadEvent = Pick<CaseEvent, "caseId" | "seq" | "data"> & { readonly type: string };

/** What the event says the citizen should hear, if anything. */
export function citizenNoticeOf(event: Pick<ReadEvent, "type" | "data">): CitizenNoticeFacts | undefined {
  const type = caseEventTypeSchema.safeParse(event.type);
  const notice = type.success ? eventNotices[type.data] : undefined;
  if (!notice) return undefined;
  // An extension of a denunciation's processing (extend with stage processing) moves the processing deadline.
  const stage: Stage | undefined = event.data?.stage === "processing" ? "processing" : undefined;
  const due = stage === "processing" ? event.data?.processingDueAt : event.data?.resolutionDueAt;
  const dueAt = typeof due === "string" ? due : undefined;
  return { notice, ...(dueAt && { dueAt }), ...(stage && { stage }) };
}

export type EventNoticeOutcome = "sent" | "already" | "not-notifiable" | "no-address" | "no-case" | "disabled";

/** Tells the citizen about an accepted, extended or resolved case, once per event (marker `<seq>`). */
export async function notifyCitizenOfEvent(event: ReadEvent, deps: EventNoticeDeps): Promise<EventNoticeOutcome> {
  const facts = citizenNoticeOf(event);
  if (!facts) return "not-notifiable";
  const { notifier } = deps;
  if (!notifier) return "disabled";
  const record = await deps.cases.getRecord(event.caseId);
  if (!record) return "no-case";
  const to = await citizenEmail(record, deps.sealer);
  if (!to) return "no-address";
  const message = citizenMessage(record, facts, to);
  return sendOnce(record.caseId, String(event.seq), "citizen", message, deps.now().toISOString(), { notifier, ledger: deps.ledger });
}

/** An error as a log line may show it: a mail service's message can quote the address it refused, which may be a denouncer's. */
export function describeError(err: unknown): string {
  // A schema error names the fields that failed, not the values (nor its long message).
  const text =
    err instanceof z.ZodError
      ? `invalid item: ${[...new Set(err.issues.map((i) => i.path.join(".")))].join(", ")}`
      : err instanceof Error
        ? `${err.name}: ${err.message}`
        : String(err);
  return text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, "<address>");
}
