// The form of each action's body (shared/domain/workflow.ts actionBodySchemas), without the DOM: which
// fields, their checks before sending, and the body they make.
import type { MessageKey } from "../i18n/index.ts";
import type { ActionName } from "./api.ts";
import { vietnamInstant } from "./api.ts";
import { unitIdPattern } from "#domain/patterns.ts";

export type FieldKind = "text" | "textarea" | "select" | "checkbox" | "number" | "unit" | "datetime" | "fixed";

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly label: MessageKey;
  readonly hint?: MessageKey;
  readonly required?: boolean;
  /** For selects: [value, label]; value "" is "keep as is" / no choice. */
  readonly options?: ReadonlyArray<readonly [string, MessageKey]>;
  /** For a fixed field: the value the body always carries (no control is shown). */
  readonly value?: string;
  /** The message when the value is wrong; undefined when it is fine. */
  readonly check?: (value: string, all: Readonly<Record<string, string>>) => MessageKey | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const reason: FieldSpec = { name: "reason", kind: "text", label: "field.reason", required: true, check: (v) => (v.trim().length < 3 ? "err.field.reason" : undefined) };
/** The number of the written decision an extension or a suspension is taken by. */
const decisionNumber: FieldSpec = {
  name: "decisionRef",
  kind: "text",
  label: "field.decisionNumber",
  required: true,
  check: (v) => (v.trim() ? undefined : "err.field.decisionNumber"),
};
const days = (hint?: MessageKey): FieldSpec => ({
  name: "days",
  kind: "number",
  label: "field.days",
  ...(hint && { hint }),
  required: true,
  check: (v) => (/^\d{1,3}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 365 ? undefined : "err.field.days"),
});
const keep = ["", "field.keep"] as const;

const outcomesOf = (kind: string): ReadonlyArray<readonly [string, MessageKey]> =>
  kind === "complaint" || kind === "denunciation"
    ? [["", "field.outcome"], ["upheld", "outcome.upheld"], ["partly_upheld", "outcome.partly_upheld"], ["not_upheld", "outcome.not_upheld"]]
    : [["", "field.outcome"], ["answered", "outcome.answered"]];

/** What the forms read of the case: its kind (the outcomes) and its state (which stage an extension is of). */
export interface FormCase {
  readonly kind: string;
  readonly status: string;
}

/** The fields of an action for this case; every form also offers `effectiveAt`. */
export function fieldsOf(action: ActionName, c: FormCase): FieldSpec[] {
  switch (action) {
    case "classify":
      return [
        { name: "unitId", kind: "unit", label: "field.unitId", hint: "field.unitIdHint", required: true, check: (v) => (unitIdPattern.test(v.trim()) ? undefined : "err.field.unitId") },
        { name: "kind", kind: "select", label: "field.kind", options: [keep, ["complaint", "kind.complaint"], ["denunciation", "kind.denunciation"], ["petition", "kind.petition"], ["reflection", "kind.reflection"]] },
        { name: "complexity", kind: "select", label: "field.complexity", options: [keep, ["normal", "complexity.normal"], ["complex", "complexity.complex"], ["very_complex", "complexity.very_complex"]] },
        { name: "round", kind: "select", label: "field.round", options: [keep, ["1", "round.1"], ["2", "round.2"]] },
        { name: "remoteArea", kind: "checkbox", label: "field.remoteArea" },
      ];
    case "accept":
      return [{ name: "note", kind: "textarea", label: "field.note" }];
    case "transfer":
      return [
        reason,
        {
          name: "toUnitId",
          kind: "unit",
          label: "field.toUnitId",
          hint: "field.unitIdHint",
          check: (v, all) => (v.trim() ? (unitIdPattern.test(v.trim()) ? undefined : "err.field.unitId") : (all.toAgency ?? "").trim() ? undefined : "err.field.target"),
        },
        { name: "toAgency", kind: "text", label: "field.toAgency" },
      ];
    case "guide":
    case "reject":
    case "withdraw":
      return [reason];
    case "suspend":
      return [reason, decisionNumber];
    case "archive":
      return [reason, { name: "duplicateOf", kind: "text", label: "field.duplicateOf", check: (v) => (!v.trim() || uuidPattern.test(v.trim()) ? undefined : "err.field.duplicateOf") }];
    case "extend":
      // A received case is extended at the processing stage (a denunciation, once); an accepted one at resolution.
      return c.status === "received"
        ? [{ name: "stage", kind: "fixed", label: "deadline.processing", value: "processing" }, days("field.days.processingHint"), reason, decisionNumber]
        : [days(), reason, decisionNumber];
    case "resolve":
      return [
        { name: "outcome", kind: "select", label: "field.outcome", required: true, options: outcomesOf(c.kind), check: (v) => (v ? undefined : "err.field.outcome") },
        { name: "decisionRef", kind: "text", label: "field.decisionRef", required: true, check: (v) => (v.trim() ? undefined : "err.field.decisionRef") },
        { name: "summary", kind: "textarea", label: "field.summary", required: true, check: (v) => (v.trim() ? undefined : "err.field.summary") },
      ];
    case "note":
      return [{ name: "text", kind: "textarea", label: "field.text", required: true, check: (v) => (v.trim() ? undefined : "err.field.text") }];
    case "resume":
    case "close":
      return [];
  }
}

export const effectiveAtField: FieldSpec = { name: "effectiveAt", kind: "datetime", label: "field.effectiveAt", hint: "field.effectiveAtHint" };

/** The request body from the form's values: trimmed, empty optional fields left out, types as the schema wants. */
export function bodyOf(fields: readonly FieldSpec[], values: Readonly<Record<string, string>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of [...fields, effectiveAtField]) {
    const raw = field.kind === "fixed" ? (field.value ?? "") : (values[field.name] ?? "");
    if (field.kind === "checkbox") {
      if (raw === "on") body[field.name] = true;
      continue;
    }
    const value = field.kind === "textarea" || field.kind === "text" ? raw.trim() : raw;
    if (!value) continue;
    if (field.kind === "number" || field.name === "round") body[field.name] = Number(value);
    else if (field.kind === "datetime") body[field.name] = vietnamInstant(value);
    else body[field.name] = value;
  }
  return body;
}
