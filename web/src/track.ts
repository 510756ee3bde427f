// The tracking page (served at /track): code + key → the case's status, deadlines and history.
// The key lives only in the input and in the request header: never in the URL or in storage.
import { applyMessages, initI18n, lang, onLangChange, t, type MessageKey } from "./i18n/index.ts";
import { trackCase, type Deadline, type TrackAnswer } from "./lib/api.ts";
import { byId, describedBy, el } from "./lib/dom.ts";
import { deadlineNotes, dueLine, stepsList } from "./lib/deadline-text.ts";
import { formatInstant } from "./lib/format.ts";
import { compact } from "./lib/normalize.ts";

const form = byId<HTMLFormElement>("track-form");
const codeInput = byId<HTMLInputElement>("code");
const keyInput = byId<HTMLInputElement>("key");
const toggle = byId<HTMLButtonElement>("toggle-key");
const submitButton = byId<HTMLButtonElement>("submit");
const alertBox = byId("alert");
const result = byId("result");

let shown: TrackAnswer | null = null;
let alertKey: MessageKey | null = null;
let fieldErrors: { code?: MessageKey; key?: MessageKey } = {};
let sending = false;

function renderFieldErrors(): void {
  for (const [name, control] of [["code", codeInput], ["key", keyInput]] as const) {
    const key = fieldErrors[name];
    const node = byId(`${name}-error`);
    node.hidden = !key;
    node.textContent = key ? t(key) : "";
    if (key) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    describedBy(control, `${name}-error`, Boolean(key));
  }
}

function renderAlert(): void {
  alertBox.hidden = !alertKey;
  alertBox.textContent = alertKey ? t(alertKey) : "";
}

function deadlineItem(stage: "processing" | "resolution", deadline: Deadline): HTMLElement {
  return el(
    "div",
    { className: "deadline-box" },
    el("p", { className: "deadline-stage" }, t(`deadline.${stage}`)),
    el("p", { className: "deadline-date" }, dueLine(deadline)),
    ...deadlineNotes(deadline),
    el("p", { className: "hint" }, deadline.explanation[lang()]),
    stepsList(deadline, t("track.steps")),
  );
}

function renderResult(): void {
  result.hidden = !shown;
  if (!shown) return;
  const language = lang();
  byId("result-title").textContent = t("track.resultTitle", { code: shown.trackingCode });
  byId("r-kind").textContent = t(`kind.${shown.kind}`);
  byId("r-subject").textContent = shown.subject;
  byId("r-status").textContent = t(`status.${shown.status}`);
  byId("r-received").textContent = formatInstant(shown.receivedAt, language);
  byId("r-updated").textContent = formatInstant(shown.updatedAt, language);
  const deadlines = byId("r-deadlines");
  const items = (["processing", "resolution"] as const).flatMap((stage) => {
    const deadline = shown?.deadlines[stage];
    return deadline ? [deadlineItem(stage, deadline)] : [];
  });
  deadlines.replaceChildren(...(items.length > 0 ? items : [el("p", {}, t("track.noDeadline"))]));
  byId("r-milestones").replaceChildren(
    ...shown.milestones.map((m) => {
      const item = el(
        "li",
        {},
        el("time", { dateTime: m.at, className: "timeline-time" }, formatInstant(m.at, language)),
        el("span", { className: "timeline-status" }, t(`status.${m.status}`)),
      );
      if (m.note) item.append(el("span", { className: "timeline-note" }, m.note));
      return item;
    }),
  );
}

function setSending(on: boolean): void {
  sending = on;
  submitButton.disabled = on;
  form.setAttribute("aria-busy", String(on));
  submitButton.firstElementChild!.textContent = t(on ? "track.loading" : "track.submit");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  const code = compact(codeInput.value);
  const key = compact(keyInput.value);
  fieldErrors = {};
  if (!code) fieldErrors.code = "track.err.code";
  if (!key) fieldErrors.key = "track.err.key";
  renderFieldErrors();
  alertKey = null;
  renderAlert();
  if (fieldErrors.code || fieldErrors.key) return (fieldErrors.code ? codeInput : keyInput).focus();

  shown = null;
  renderResult();
  setSending(true);
  const outcome = await trackCase(code, key);
  setSending(false);
  if (outcome.ok) {
    shown = outcome.value;
    renderResult();
    byId("result-title").focus();
    return;
  }
  const status = outcome.problem?.status;
  alertKey =
    status === undefined ? "track.err.network"
    : status === 404 || status === 400 ? "track.notFound"
    : status === 429 ? "track.err.429"
    : "track.err.5xx";
  renderAlert();
  alertBox.focus();
});

function renderToggle(): void {
  const visible = keyInput.type === "text";
  toggle.firstElementChild!.textContent = t(visible ? "track.hide" : "track.show");
}
toggle.addEventListener("click", () => {
  keyInput.type = keyInput.type === "password" ? "text" : "password";
  renderToggle();
});

initI18n();
renderToggle();
const fromUrl = new URLSearchParams(location.search).get("code");
if (fromUrl) {
  codeInput.value = fromUrl;
  keyInput.focus();
}
onLangChange(() => {
  applyMessages();
  renderToggle();
  renderFieldErrors();
  renderAlert();
  if (sending) submitButton.firstElementChild!.textContent = t("track.loading");
  renderResult();
});
