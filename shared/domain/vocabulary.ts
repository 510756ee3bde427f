// The words every part of the domain shares: kinds of case, their statuses, the events of their
// timeline, staff roles and unit ids. Imports nothing of the domain, so any module may import it
// without a cycle.
import { z } from "zod";
import { unitIdPattern } from "./patterns.ts";

export const caseKinds = ["complaint", "denunciation", "petition", "reflection"] as const;
export const caseKindSchema = z.enum(caseKinds);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const caseStatuses = [
  "received",
  "in_progress",
  "transferred",
  "guided",
  "rejected",
  "archived",
  "resolved",
  "closed",
  "withdrawn",
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Statuses in which a case still waits for the administration. */
export const openStatuses: readonly CaseStatus[] = ["received", "in_progress"];
export const isOpen = (status: CaseStatus): boolean => openStatuses.includes(status);

/** Staff roles; each is a Cognito group of the same name. */
export const roles = ["reception", "handler", "inspector", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleSchema = z.enum(roles);

/** A unit id (patterns.ts, which the pages bundle too). */
export { unitIdPattern };
export const unitIdSchema = z.string().regex(unitIdPattern, "must be a unit id: lowercase letters, digits and hyphens, e.g. so-tn-mt");

/** An instant: an ISO-8601 UTC string (API.md). */
export const instantSchema = z.iso.datetime();

/** The escalation ladder's levels: 0 (none yet), 1 the unit's head, 2 the inspection team, 3 the leadership report. */
export const escalationLevelSchema = z.number().int().min(0).max(3);

/**
 * What can happen to a case: the closed list of its events' types. Each staff action records its own
 * (workflow.ts); `received` opens the chain; the others are recorded by the reveal, the sweep and the
 * recompute.
 */
export const caseEventTypes = [
  "received",
  "classified",
  "accepted",
  "transferred",
  "guided",
  "rejected",
  "archived",
  "extended",
  "suspended",
  "resumed",
  "resolved",
  "closed",
  "withdrawn",
  "note",
  "identity_revealed",
  "escalated",
  "deadlines_recomputed",
] as const;
export const caseEventTypeSchema = z.enum(caseEventTypes);
export type CaseEventType = z.infer<typeof caseEventTypeSchema>;

// ---- text: every free text a request carries ----
// Stored in Unicode NFC; refused (400, with a code per field) when it is not well-formed (a lone surrogate, or
// U+FFFD, the mark of bytes that were not UTF-8), when it holds control characters (C0, DEL, C1; a multi-line
// field keeps tab and newline, CRLF read as LF), or, in a single-line field, a bidirectional override or
// isolate (U+202A–U+202E, U+2066–U+2069), which can make a name or a subject read as something else. A minimum
// length counts what a reader sees: grapheme clusters, not counting white space, invisible format characters
// or combining marks left alone.

/** Control characters: C0 but tab, LF (and CR, of a CRLF), DEL and C1. */
const multiLineControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/u;
const singleLineControl = /[\u0000-\u001F\u007F-\u009F]/u;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;
// With the u flag a surrogate range matches only a surrogate that is not half of a pair.
const loneSurrogate = /[\uD800-\uDFFF]/u;
const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });
const visibleCluster = /[^\p{White_Space}\p{M}\p{Cf}\p{Cc}]/u;

/** How many characters a reader sees: grapheme clusters (of the NFC text) that show something. */
export const visibleLength = (text: string): number => {
  let n = 0;
  for (const { segment } of graphemes.segment(text.normalize("NFC"))) if (visibleCluster.test(segment)) n++;
  return n;
};

/** Well-formed Unicode with nothing that was lost in decoding: no lone surrogate, no U+FFFD. */
export const isWellFormedText = (text: string): boolean => !loneSurrogate.test(text) && !text.includes("\uFFFD");

function textSchema(min: number, max: number, multiLine: boolean) {
  return z
    .string()
    .refine(isWellFormedText, { message: "is not well-formed text (invalid UTF-8 or a lone surrogate)", params: { code: "invalid_text" }, abort: true })
    .overwrite((v) => (multiLine ? v.replace(/\r\n/g, "\n") : v).normalize("NFC"))
    .refine((v) => !(multiLine ? multiLineControl : singleLineControl).test(v), {
      message: multiLine ? "must not contain control characters (tab and new lines are fine)" : "must be one line, without control characters",
      params: { code: "control_character" },
    })
    .refine((v) => multiLine || !bidiControl.test(v), { message: "must not contain bidirectional override characters", params: { code: "bidi_override" } })
    .max(max, `must be at most ${max} characters`)
    .refine((v) => visibleLength(v) >= min, { message: `must be at least ${min} characters`, params: { code: "too_short", min } });
}

/** A one-line text (subject, names, address, reasons, decision numbers): NFC, no control or bidi override characters. */
export const singleLineText = (min: number, max: number) => textSchema(min, max, false);
/** A text of several lines (the content of a letter, a note, a summary): NFC, tab and new lines allowed. */
export const multiLineText = (min: number, max: number) => textSchema(min, max, true);
