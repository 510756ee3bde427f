// One case for staff (served at /console-case?id=…): details, sender or sealed identity, deadlines with
// their explanation, the actions this role may take now (each a small form), and the timeline.
import { applyMessages, isMessageKey, lang, onLangChange, t, type MessageKey } from "./i18n/index.ts";
import { byId, describedBy, el } from "./lib/dom.ts";
import { formatInstant, formatLocalDate } from "./lib/format.ts";
import { act, getCase, listUnits, revealIdentity, type ActionName, type Identity, type Problem, type StaffCase, type Unit } from "./console/api.ts";
import { bodyOf, effectiveAtField, fieldsOf, type FieldSpec } from "./console/action-forms.ts";
import { alertBox, problemKey, startStaffPage } from "./console/shell.ts";
import { fillUnitList, flagBadges, timeLeft, unitLabel } from "./console/view.ts";
import { basisOf, deadlineNotes, dueLine, stepsList } from "./lib/deadline-text.ts";

type Stage = keyof StaffCase["deadlines"];
type Step = NonNullable<StaffCase["deadlines"][Stage]>["explanation"]["steps"][number];

const staff = startStaffPage();
const caseId = new URLSearchParams(location.search).get("id") ?? "";
const alert = alertBox("alert");
const loadingLine = byId("loading");
const panel = byId("action-panel");
const actionStatus = byId("action-status");

let shown: StaffCase | null = null;
let units: Unit[] = [];
let identity: Identity | null = null;
let openAction: ActionName | "reveal" | null = null;
let doneAction: ActionName | null = null;

const text = (key: MessageKey, params?: Record<string, string>) => t(key, params);
const fact = (label: string, ...value: Array<Node | string>) => el("div", {}, el("dt", {}, label), el("dd", {}, ...value));

// ---- reading ----

function renderFacts(c: StaffCase): void {
  const language = lang();
  const classification = [
    c.complexity ? text(`complexity.${c.complexity}`) : "",
    c.round ? text("case.round", { round: String(c.round) }) : "",
    c.remoteArea ? text("case.remote") : "",
  ].filter(Boolean);
  const rows = [
    fact(text("case.code"), el("span", { className: "code" }, c.trackingCode)),
    fact(text("case.status"), el("strong", {}, text(`status.${c.status}`))),
    fact(text("case.kind"), text(`kind.${c.kind}`)),
    fact(text("case.channel"), text(`channel.${c.channel}`)),
    fact(text("case.unit"), c.unitId ? unitLabel(units, c.unitId) : text("queue.noUnit")),
    ...(c.unitHint ? [fact(text("case.unitHint"), c.unitHint)] : []),
    ...(classification.length ? [fact(text("case.classification"), classification.join(", "))] : []),
    fact(text("case.receivedAt"), formatInstant(c.receivedAt, language)),
    fact(text("case.updatedAt"), formatInstant(c.updatedAt, language)),
    fact(text("case.flags"), flagBadges(c.flags, [...(c.anonymous ? (["flag.anonymous"] as const) : []), ...(c.backdated ? (["flag.backdated"] as const) : [])], c.escalationLevel) ?? text("case.noFlags")),
  ];
  byId("facts").replaceChildren(...rows);
}

function identityList(who: Identity): HTMLElement {
  const rows: Array<[MessageKey, string | undefined]> = [
    ["fullName.label", who.fullName],
    ["phone.label", who.phone],
    ["email.label", who.email],
    ["address.label", who.address],
    ["nationalId.label", who.nationalId],
  ];
  return el("dl", { className: "facts" }, ...rows.filter(([, v]) => v).map(([k, v]) => fact(text(k), v ?? "")));
}

function renderSender(c: StaffCase): void {
  const box = byId("sender");
  const submitter = c.submitter;
  if (submitter && "sealed" in submitter) {
    const parts: Node[] = [el("p", { className: "sealed" }, el("strong", {}, text("case.sealed"))), el("p", { className: "hint" }, text("case.sealedHint"))];
    if (identity) parts.push(el("h3", {}, text("reveal.title")), identityList(identity));
    else if ((staff.role === "handler" || staff.role === "inspector") && openAction !== "reveal") {
      const button = el("button", { type: "button", className: "button button-secondary", id: "reveal-open" }, text("reveal.button"));
      button.addEventListener("click", () => openPanel("reveal"));
      parts.push(button);
    }
    box.replaceChildren(...parts);
  } else if (submitter) box.replaceChildren(identityList(submitter));
  else box.replaceChildren(el("p", {}, text(c.anonymous ? "case.anonymous" : "case.noSender")));
}

function renderDeadlines(c: StaffCase): void {
  const current: Stage | null = c.status === "received" ? "processing" : c.status === "in_progress" ? "resolution" : null;
  const boxes = (["processing", "resolution"] as const).flatMap((stage) => {
    const deadline = c.deadlines[stage];
    if (!deadline) return [];
    const box = el(
      "div",
      { className: "deadline-box" },
      el("h3", { className: "deadline-stage" }, text(`deadline.${stage}`)),
      el("p", { className: "deadline-date" }, dueLine(deadline)),
    );
    if (stage === current) box.append(el("p", { className: "case-due" }, timeLeft(deadline, c.daysOverdue, c.flags)));
    box.append(...deadlineNotes(deadline));
    box.append(el("p", {}, deadline.explanation[lang()]), el("p", { className: "hint" }, text("case.basis", { basis: basisOf(deadline) })));
    box.append(stepsList(deadline, text("case.steps")));
    return [box];
  });
  byId("deadlines").replaceChildren(...(boxes.length ? boxes : [el("p", {}, text("case.noDeadline"))]));
}

function dataValue(key: string, value: unknown): string {
  if (typeof value === "string") {
    if (key === "unitId" || key === "toUnitId") return unitLabel(units, value);
    if (key === "kind") return text(`kind.${value}` as MessageKey);
    if (key === "complexity" || key === "outcome") return text(`${key}.${value}` as MessageKey);
    if (key.endsWith("At") || key.endsWith("DueAt")) return formatInstant(value, lang());
    return value;
  }
  if (key === "round" && typeof value === "number") return text(`round.${value}` as MessageKey);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  return JSON.stringify(value);
}

const dataLabels: Record<string, MessageKey> = {
  unitId: "field.unitId", kind: "field.kind", complexity: "field.complexity", remoteArea: "field.remoteArea", round: "field.round",
  note: "field.note", reason: "field.reason", toUnitId: "field.toUnitId", toAgency: "field.toAgency", duplicateOf: "field.duplicateOf",
  days: "field.days", outcome: "field.outcome", decisionRef: "field.decisionRef", summary: "field.summary", text: "field.text",
  resolutionDueAt: "field.resolutionDueAt", channel: "field.channel",
};

function renderTimeline(c: StaffCase): void {
  const language = lang();
  byId("timeline").replaceChildren(
    ...c.timeline.map((e) => {
      const label = (() => {
        try {
          return t(`event.${e.type}` as MessageKey);
        } catch {
          return e.type; // an event type newer than this page's catalog
        }
      })();
      const actor =
        e.actor.kind === "staff" ? text("event.by.staff", { user: e.actor.userId, role: text(`role.${e.actor.role}` as MessageKey) })
        : text(e.actor.kind === "citizen" ? "event.by.citizen" : "event.by.system");
      const item = el(
        "li",
        {},
        el("time", { dateTime: e.at, className: "timeline-time" }, formatInstant(e.at, language)),
        el("span", { className: "timeline-status" }, label),
        el("span", { className: "timeline-note" }, `${actor} · ${text("event.status", { status: text(`status.${e.status}`) })}`),
      );
      if (Math.abs(Date.parse(e.enteredAt) - Date.parse(e.at)) > 60_000) item.append(el("span", { className: "timeline-time" }, text("event.entered", { time: formatInstant(e.enteredAt, language) })));
      // Entered more than 3 days after it took effect: inspectors review such steps.
      if (e.backdated) item.append(el("span", { className: "badge badge-backdated" }, text("event.backdated")));
      const data = Object.entries(e.data ?? {}).filter(([k]) => k !== "effectiveAt");
      if (data.length) item.append(el("dl", { className: "event-data" }, ...data.map(([k, v]) => el("div", {}, el("dt", {}, dataLabels[k] ? text(dataLabels[k]) : k), el("dd", {}, dataValue(k, v))))));
      return item;
    }),
  );
}

function renderActionButtons(c: StaffCase): void {
  const buttons = c.allowedActions.map((action) => {
    const button = el("button", { type: "button", className: `button ${action === "note" ? "button-secondary" : "button-primary"}`, id: `open-${action}` }, text(`action.${action}`));
    button.setAttribute("aria-expanded", String(openAction === action));
    button.setAttribute("aria-controls", "action-panel");
    button.addEventListener("click", () => openPanel(action));
    return button;
  });
  byId("action-buttons").replaceChildren(...(buttons.length ? buttons : [el("p", {}, text("case.noActions"))]));
}

function renderStatus(): void {
  actionStatus.hidden = !doneAction;
  actionStatus.textContent = doneAction ? text("action.done", { action: text(`action.${doneAction}`) }) : "";
}

function renderCase(): void {
  const c = shown;
  byId("case").hidden = !c;
  if (!c) return;
  document.title = `${c.trackingCode} · ${text("case.docTitle")}`;
  byId("case-title").textContent = c.subject;
  byId("content").textContent = c.content;
  renderFacts(c);
  renderSender(c);
  renderDeadlines(c);
  renderActionButtons(c);
  renderTimeline(c);
  renderStatus();
}

// ---- acting ----

interface Panel {
  readonly action: ActionName | "reveal";
  readonly fields: FieldSpec[];
  readonly form: HTMLFormElement;
  readonly alert: HTMLElement;
  readonly submit: HTMLButtonElement;
}
let current: Panel | null = null;

function control(field: FieldSpec, id: string): HTMLElement {
  switch (field.kind) {
    case "textarea":
      return el("textarea", { id, name: field.name, rows: 3, maxLength: 4000 });
    case "select": {
      const select = el("select", { id, name: field.name });
      for (const [value, label] of field.options ?? []) {
        const option = el("option", { value }, t(label));
        option.dataset.i18n = label;
        select.append(option);
      }
      return select;
    }
    case "checkbox":
      return el("input", { id, name: field.name, type: "checkbox" });
    case "number":
      return el("input", { id, name: field.name, type: "text", inputMode: "numeric", autocomplete: "off", maxLength: 3 });
    case "unit": {
      const input = el("input", { id, name: field.name, type: "text", autocomplete: "off", autocapitalize: "none", spellcheck: false, maxLength: 64 });
      input.setAttribute("list", "unit-list");
      return input;
    }
    case "datetime":
      return el("input", { id, name: field.name, type: "datetime-local" });
    case "text":
      return el("input", { id, name: field.name, type: "text", autocomplete: "off", maxLength: 300 });
    case "fixed":
      return el("input", { id, name: field.name, type: "hidden", value: field.value ?? "" });
  }
}

function fieldBlock(field: FieldSpec): HTMLElement {
  const id = `a-${field.name}`;
  const label = el("label", { htmlFor: id });
  label.append(el("span", {}, t(field.label)));
  (label.firstChild as HTMLElement).dataset.i18n = field.label;
  if (!field.required && field.kind !== "checkbox") {
    const opt = el("span", { className: "opt" }, ` ${t("form.optional")}`);
    label.append(opt);
  }
  const input = control(field, id);
  const error = el("p", { className: "field-error", id: `${id}-error`, hidden: true });
  const parts: HTMLElement[] = [];
  if (field.hint) {
    const hint = el("p", { className: "hint", id: `${id}-hint` }, t(field.hint));
    hint.dataset.i18n = field.hint;
    describedBy(input, hint.id, true);
    parts.push(hint);
  }
  if (field.required) input.setAttribute("aria-required", "true");
  if (field.kind === "checkbox") return el("div", { className: "check field" }, input, label, error);
  return el("div", { className: "field" }, label, ...parts, error, input);
}

function openPanel(action: ActionName | "reveal"): void {
  if (!shown) return;
  openAction = action;
  doneAction = null;
  renderStatus();
  const fields: FieldSpec[] =
    action === "reveal" ? [{ name: "reason", kind: "textarea", label: "reveal.reason", required: true, check: (v) => (v.trim().length < 10 ? "reveal.err.reason" : undefined) }] : fieldsOf(action, shown);
  const title = action === "reveal" ? "reveal.button" : (`action.${action}` as MessageKey);
  const heading = el("h3", { id: "panel-title", tabIndex: -1 }, t(title));
  heading.dataset.i18n = title;
  const formAlert = el("div", { className: "alert", id: "panel-alert", tabIndex: -1, hidden: true });
  formAlert.setAttribute("role", "alert");
  const submit = el("button", { type: "submit", className: "button button-primary", id: "panel-submit" });
  const cancel = el("button", { type: "button", className: "button button-secondary" }, t("action.cancel"));
  cancel.dataset.i18n = "action.cancel";
  const form = el("form", { className: "action-form", noValidate: true, id: "action-form" }, heading);
  form.setAttribute("aria-labelledby", "panel-title");
  if (action === "reveal") form.append(el("p", { className: "warning", id: "reveal-warning" }, t("reveal.warning")));
  // A fixed field (the stage of an extension) is what the form is for, not something to type.
  form.append(formAlert, ...fields.filter((f) => f.kind !== "fixed").map(fieldBlock));
  if (fields.every((f) => f.kind === "fixed")) form.append(el("p", {}, t("action.noFields")));
  if (action !== "reveal") form.append(el("details", { className: "field" }, el("summary", {}, t("field.effectiveAt")), fieldBlock(effectiveAtField)));
  form.append(el("div", { className: "actions" }, submit, cancel));
  current = { action, fields, form, alert: formAlert, submit };
  renderSubmit(false);
  cancel.addEventListener("click", closePanel);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  panel.replaceChildren(form);
  if (shown) renderActionButtons(shown);
  if (action === "reveal") renderSender(shown);
  const first = form.querySelector<HTMLElement>("input, textarea, select");
  (first ?? heading).focus();
}

function closePanel(): void {
  const was = openAction;
  openAction = null;
  current = null;
  panel.replaceChildren();
  if (shown) renderCase();
  document.getElementById(was === "reveal" ? "reveal-open" : `open-${was}`)?.focus();
}

function renderSubmit(sending: boolean): void {
  if (!current) return;
  const { action, submit } = current;
  submit.disabled = sending;
  submit.textContent = sending ? t("action.sending") : action === "reveal" ? t("reveal.submit") : t("action.submit", { action: t(`action.${action}`) });
}

function values(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) out[key] = String(value);
  return out;
}

/** Marks fields: a catalog key, or the server's own words. */
function markFields(errors: ReadonlyArray<{ name: string; key?: MessageKey; message?: string }>): void {
  if (!current) return;
  for (const node of current.form.querySelectorAll<HTMLElement>(".field-error")) {
    node.hidden = true;
    node.textContent = "";
    delete node.dataset.i18n;
  }
  for (const input of current.form.querySelectorAll<HTMLElement>("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    describedBy(input, `${input.id}-error`, false);
  }
  for (const e of errors) {
    const input = document.getElementById(`a-${e.name}`);
    const node = document.getElementById(`a-${e.name}-error`);
    if (!input || !node) continue;
    node.hidden = false;
    if (e.key) {
      node.dataset.i18n = e.key;
      node.textContent = t(e.key);
    } else node.textContent = t("err.field.server", { message: e.message ?? "" });
    input.setAttribute("aria-invalid", "true");
    describedBy(input, node.id, true);
    if (input.closest("details")) input.closest("details")!.open = true;
  }
}

function panelMessage(key: MessageKey | null, params?: Record<string, string>, extra?: string, withReload = false): void {
  if (!current) return;
  const box = current.alert;
  box.hidden = !key;
  box.replaceChildren();
  if (!key) return;
  box.append(el("p", {}, t(key, params)));
  if (extra) box.append(el("p", { className: "alert-detail" }, extra));
  if (withReload) {
    const reload = el("button", { type: "button", className: "button button-secondary", id: "conflict-reload" }, t("conflict.reload"));
    reload.addEventListener("click", () => void reloadKeepingForm());
    box.append(el("p", {}, reload));
  }
  box.focus();
}

function allowedFrom(problem: Problem): string {
  const names = problem.allowedActions ?? [];
  return names.length ? names.map((n) => t(`action.${n}` as MessageKey)).join(", ") : t("err.action.409none");
}

async function send(): Promise<void> {
  if (!current || !shown) return;
  const { action, fields, form } = current;
  const typed = values(form);
  const problems = fields.flatMap((f) => {
    const key = f.check?.(typed[f.name] ?? "", typed);
    return key ? [{ name: f.name, key }] : [];
  });
  markFields(problems);
  panelMessage(null);
  if (problems.length) {
    document.getElementById(`a-${problems[0]!.name}`)?.focus();
    return;
  }
  renderSubmit(true);
  const caseNow = shown;
  if (action === "reveal") {
    const result = await revealIdentity(caseNow.caseId, (typed.reason ?? "").trim());
    renderSubmit(false);
    if (result.ok) {
      identity = result.value.identity;
      openAction = null;
      current = null;
      panel.replaceChildren();
      const fresh = await getCase(caseNow.caseId);
      if (fresh.ok) shown = fresh.value;
      renderCase();
      byId("sender-title").setAttribute("tabindex", "-1");
      byId("sender-title").focus();
      return;
    }
    const status = result.problem?.status;
    if (status === 400) return markFields([{ name: "reason", key: "reveal.err.reason" }]), panelMessage("err.action.400");
    return panelMessage(status === 422 ? "reveal.err.none" : status === 403 ? "reveal.err.403" : status === 404 ? "case.notFound" : problemKey(result.problem));
  }

  const result = await act(caseNow.caseId, action, caseNow.version, bodyOf(fields, typed));
  renderSubmit(false);
  if (result.ok) {
    shown = result.value;
    openAction = null;
    current = null;
    panel.replaceChildren();
    doneAction = action;
    renderCase();
    actionStatus.setAttribute("tabindex", "-1");
    actionStatus.focus();
    return;
  }
  const problem = result.problem;
  const fieldErrors = (problem?.errors ?? []).map((e) => ({ name: e.path.split(".")[0] ?? "", message: e.message, code: e.code }));
  const onFields = fieldErrors.filter((e) => fields.some((f) => f.name === e.name) || e.name === "effectiveAt");
  const elsewhere = fieldErrors.filter((e) => !onFields.includes(e)).map((e) => `${e.name}: ${e.message}`).join("; ");
  switch (problem?.status) {
    case 400:
      markFields(onFields.map((e) => ({ name: e.name, ...(e.name === "effectiveAt" ? { key: "err.field.effectiveAt" as MessageKey } : { message: e.message }) })));
      return panelMessage("err.action.400", undefined, elsewhere || undefined);
    case 409:
      return panelMessage("err.action.409", { actions: allowedFrom(problem) }, undefined, true);
    case 412:
      return panelMessage("err.action.412", undefined, undefined, true);
    case 422: {
      // A broken rule names its stable code: the catalog says it in the page's language.
      const rule = (e: { code?: string | undefined }) => (e.code !== undefined && isMessageKey(`err.rule.${e.code}`) ? (`err.rule.${e.code}` as MessageKey) : undefined);
      markFields(onFields.map((e) => ({ name: e.name, ...(rule(e) ? { key: rule(e) } : { message: e.message }) })));
      const known = (problem.errors ?? []).map(rule).find((k) => k !== undefined);
      return known ? panelMessage("err.action.422", undefined, t(known)) : panelMessage("err.action.422", undefined, problem.detail);
    }
    case 404:
      return panelMessage("case.notFound");
    default:
      return panelMessage(problemKey(problem));
  }
}

/** After a 412 or 409: read the case again, keep the open form and what was typed in it. */
async function reloadKeepingForm(): Promise<void> {
  if (!current) return;
  const result = await getCase(caseId);
  if (!result.ok) return panelMessage(result.problem?.status === 404 ? "case.notFound" : problemKey(result.problem));
  shown = result.value;
  renderCase();
  const action = current.action;
  if (action !== "reveal" && !shown.allowedActions.includes(action)) {
    current.submit.hidden = true;
    return panelMessage("conflict.gone", { action: t(`action.${action}`) });
  }
  panelMessage("conflict.reloaded");
}

// ---- start ----

async function load(): Promise<void> {
  if (!caseId) {
    alert.show("case.noId");
    return;
  }
  loadingLine.textContent = t("case.loading");
  const result = await getCase(caseId);
  loadingLine.textContent = "";
  if (!result.ok) {
    const status = result.problem?.status;
    alert.show(status === 404 || status === 400 ? "case.notFound" : problemKey(result.problem));
    return;
  }
  shown = result.value;
  renderCase();
  byId("case-title").focus();
}

onLangChange(() => {
  applyMessages();
  renderCase();
  renderSubmit(false);
  if (current) {
    const extra = current.form.querySelector(".warning");
    if (extra) extra.textContent = t("reveal.warning");
  }
});
void load();
void listUnits().then((found) => {
  units = found;
  fillUnitList(byId<HTMLDataListElement>("unit-list"), units);
  if (shown) renderCase();
});
