// The submission form's rules, without the DOM: values → request body, light checks mirroring the
// server's schema (the server stays the authority), and server errors → fields and messages.
import type { CaseKind, CaseSubmission } from "#domain/case.ts";
import type { MessageKey } from "../i18n/index.ts";
import type { Problem } from "./api.ts";

export const kinds = ["complaint", "denunciation", "petition", "reflection"] as const satisfies readonly CaseKind[];

export const fields = [
  "kind",
  "subject",
  "content",
  "fullName",
  "phone",
  "email",
  "address",
  "nationalId",
  "unitHint",
  "language",
] as const;
export type Field = (typeof fields)[number];

export interface FormValues {
  kind: CaseKind | "";
  subject: string;
  content: string;
  anonymous: boolean;
  fullName: string;
  phone: string;
  email: string;
  address: string;
  nationalId: string;
  unitHint: string;
  language: "vi" | "en";
}

/** An error on a field (or on the form when `field` is null): a catalog key, else the server's words. */
export interface FormError {
  readonly field: Field | null;
  readonly key?: MessageKey;
  readonly message?: string;
}

const identityFields = ["fullName", "phone", "email", "address", "nationalId"] as const;

/** Whether the law requires the sender's name and contact for this fill of the form. */
export const identityRequired = (v: Pick<FormValues, "kind" | "anonymous">): boolean =>
  v.kind === "complaint" || (v.kind === "denunciation" && !v.anonymous);

/** Whether the identity fields are sent at all: an anonymous denunciation sends none. */
export const identityShown = (v: Pick<FormValues, "kind" | "anonymous">): boolean => !(v.kind === "denunciation" && v.anonymous);

/** The request body: subject and content as typed, identity trimmed, empty fields left out. */
export function toSubmission(v: FormValues): CaseSubmission {
  const body: CaseSubmission = { kind: v.kind as CaseKind, subject: v.subject, content: v.content, language: v.language };
  if (v.unitHint.trim()) body.unitHint = v.unitHint.trim();
  if (identityShown(v)) {
    const submitter: Record<string, string> = {};
    for (const name of identityFields) {
      const value = name === "nationalId" ? v[name].replace(/\s/g, "") : v[name].trim();
      if (value) submitter[name] = value;
    }
    if (Object.keys(submitter).length > 0) body.submitter = submitter as CaseSubmission["submitter"];
  }
  return body;
}

const phonePattern = /^\+?[0-9][0-9 .-]{6,18}[0-9]$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks a browser can make before sending; an empty list lets the server decide. */
export function validate(v: FormValues): FormError[] {
  const errors: FormError[] = [];
  const add = (field: Field, key: MessageKey) => errors.push({ field, key });
  if (!v.kind) add("kind", "err.kind.required");
  if (v.subject.trim().length < 5) add("subject", "err.subject.short");
  else if (v.subject.length > 200) add("subject", "err.subject.long");
  if (v.content.trim().length < 20) add("content", "err.content.short");
  else if (v.content.length > 20_000) add("content", "err.content.long");
  if (identityShown(v)) {
    const anyIdentity = identityFields.some((name) => v[name].trim() !== "");
    if ((identityRequired(v) || anyIdentity) && v.fullName.trim().length < 2) add("fullName", "err.fullName.required");
    else if (v.fullName.trim().length > 120) add("fullName", "err.fullName.long");
    if (identityRequired(v) && !v.phone.trim() && !v.email.trim() && !v.address.trim()) add("phone", "err.contact.required");
    if (v.phone.trim() && !phonePattern.test(v.phone.trim())) add("phone", "err.phone.invalid");
    if (v.email.trim() && (!emailPattern.test(v.email.trim()) || v.email.trim().length > 254)) add("email", "err.email.invalid");
    if (v.address.trim() && v.address.trim().length < 5) add("address", "err.address.short");
    else if (v.address.trim().length > 300) add("address", "err.address.long");
    if (v.nationalId.trim() && !/^[0-9]{12}$/.test(v.nationalId.replace(/\s/g, ""))) add("nationalId", "err.nationalId.invalid");
  }
  if (v.unitHint.trim().length > 120) add("unitHint", "err.unitHint.long");
  return errors;
}

const fieldOfPath: Record<string, Field> = {
  kind: "kind",
  subject: "subject",
  content: "content",
  submitter: "fullName",
  "submitter.fullName": "fullName",
  "submitter.phone": "phone",
  "submitter.email": "email",
  "submitter.address": "address",
  "submitter.nationalId": "nationalId",
  unitHint: "unitHint",
  language: "language",
};

/** Picks the localized message for a server error on a known field, by what the message says. */
function keyFor(path: string, message: string, code?: string): MessageKey | undefined {
  // The server's rule codes say it exactly; the words are read only for schema limits.
  if (code === "contact_required") return "err.contact.required";
  if (code === "identity_required") return "err.submitter.required";
  if (code === "control_character" || code === "bidi_override") return "err.text.characters";
  if (code === "invalid_text") return "err.text.invalid";
  const m = message.toLowerCase();
  const tooShort = /at least|too small|too short|required|blank/.test(m);
  const tooLong = /at most|too big|too long/.test(m);
  switch (path) {
    case "kind":
      return "err.kind.required";
    case "subject":
      return tooLong ? "err.subject.long" : tooShort ? "err.subject.short" : undefined;
    case "content":
      return tooLong ? "err.content.long" : tooShort ? "err.content.short" : undefined;
    case "submitter":
      return "err.submitter.required";
    case "submitter.fullName":
      return tooLong ? "err.fullName.long" : "err.fullName.required";
    case "submitter.phone":
      return /e-?mail|address/.test(m) ? "err.contact.required" : "err.phone.invalid";
    case "submitter.email":
      return "err.email.invalid";
    case "submitter.address":
      return tooLong ? "err.address.long" : tooShort ? "err.address.short" : undefined;
    case "submitter.nationalId":
      return "err.nationalId.invalid";
    case "unitHint":
      return tooLong ? "err.unitHint.long" : undefined;
    case "language":
      return "err.language.invalid";
    default:
      return undefined;
  }
}

/** A 400's `errors` as form errors: on their field when known, with the server's words as fallback. */
export function fromServer(errors: NonNullable<Problem["errors"]>): FormError[] {
  const out: FormError[] = [];
  for (const { path, message, code } of errors) {
    const field = fieldOfPath[path] ?? null;
    const key = field ? keyFor(path, message, code) : undefined;
    const error: FormError = key ? { field, key, message } : { field, message: field ? message : `${path}: ${message}` };
    if (!out.some((e) => e.field === error.field && e.field !== null)) out.push(error);
  }
  return out;
}

/** A short, stable digest of the body: a new Idempotency-Key is drawn only when it changes. */
export function fingerprint(body: CaseSubmission): string {
  const text = JSON.stringify(body);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}:${text.length}`;
}
