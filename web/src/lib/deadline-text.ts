// A deadline as the pages show it, from the catalogs: its paused state (the days used and left), its
// provisional mark, and each step of its explanation, so a clerk or a citizen can check it by hand.
// The tracking page and the staff case page share it.
import type { Deadline, ExplanationStep } from "#domain/deadlines/schema.ts";
import { lang, t } from "../i18n/index.ts";
import { el } from "./dom.ts";
import { formatLocalDate } from "./format.ts";

const d = (date: string) => formatLocalDate(date, lang());
const unitWord = (unit: "working" | "calendar") => t(`step.unit.${unit}`);
const on = (date: string | undefined) => (date === undefined ? "" : t("step.on", { date: d(date) }));
const byDecision = (ref: string | undefined) => (ref === undefined ? "" : t("step.byDecision", { ref }));

export function stepText(step: ExplanationStep): string {
  switch (step.type) {
    case "start":
      return t("step.start", { event: t(`step.event.${step.event}`), date: d(step.date), firstDay: d(step.firstDay) });
    case "period":
      return t("step.period", { days: String(step.days), unit: unitWord(step.unit), basis: step.basis[lang()] });
    case "extension": {
      const common = { on: on(step.date), decision: byDecision(step.decisionRef), days: String(step.days), unit: unitWord(step.unit) };
      return step.extendedTo === undefined
        ? t("step.extension", { ...common, ordinal: String(step.ordinal) })
        : t("step.extensionProcessing", { ...common, total: String(step.extendedTo) });
    }
    case "suspension": {
      const common = { from: d(step.from), decision: byDecision(step.decisionRef), days: String(step.days), unit: unitWord(step.unit) };
      return step.to === undefined
        ? t("step.suspensionOpen", { ...common, asOf: d(step.asOf ?? step.from) })
        : t("step.suspension", { ...common, to: d(step.to) });
    }
    case "skipped":
      return t("step.skipped", { date: d(step.date), reason: step.reason[lang()] });
    case "declaredWorking":
      return t("step.declaredWorking", { date: d(step.date), reason: step.reason[lang()] });
    case "lastDay":
      return t("step.lastDay", { counted: String(step.counted), date: d(step.date) });
    case "rollover":
      return t("step.rollover", { from: d(step.from), to: d(step.to), reasons: step.skipped.map((s) => `${d(s.date)}: ${s.reason[lang()]}`).join("; ") });
    case "due":
      return t("step.due", { date: d(step.dueDate) });
    case "paused":
      return t("step.paused", { since: d(step.since), used: String(step.daysUsed), left: String(step.daysLeft), unit: unitWord(step.unit) });
    case "provisional":
      return t("step.provisional", { years: step.years.join(", ") });
  }
}

/** The due line: the date, or for a paused deadline the date it would be if the case resumed the next day. */
export function dueLine(deadline: Deadline): string {
  const date = d(deadline.dueDate);
  return deadline.suspended ? t("deadline.pausedDue", { asOf: d(deadline.suspended.asOf), date }) : t("deadline.due", { date });
}

/** What a reader needs beside the due date: the pause and the provisional mark, when there are. */
export function deadlineNotes(deadline: Deadline): HTMLElement[] {
  const notes: HTMLElement[] = [];
  const paused = deadline.suspended;
  if (paused) {
    notes.push(
      el("p", { className: "deadline-paused" }, t("deadline.paused", { since: d(paused.since), used: String(paused.daysUsed), left: String(paused.daysLeft), unit: unitWord(paused.unit) })),
    );
  }
  if (deadline.provisional) {
    const years = deadline.explanation.steps.flatMap((s) => (s.type === "provisional" ? s.years : []));
    notes.push(el("p", { className: "deadline-provisional" }, t("deadline.provisional", { years: years.join(", ") })));
  }
  return notes;
}

/** The legal basis of the period, in the page's language. */
export const basisOf = (deadline: Deadline): string => {
  const period = deadline.explanation.steps.find((s) => s.type === "period");
  return period?.type === "period" ? period.basis[lang()] : deadline.basis;
};

/** The explanation's steps, one per line, in a disclosure whose summary is `summary`. */
export const stepsList = (deadline: Deadline, summary: string): HTMLElement =>
  el("details", {}, el("summary", {}, summary), el("ol", { className: "steps" }, ...deadline.explanation.steps.map((s) => el("li", {}, stepText(s)))));
