// The citizen's form (served at /): choose the kind, write, send once, keep the code and the key.
import { applyMessages, initI18n, lang, onLangChange, t, type MessageKey } from "./i18n/index.ts";
import { submitCase, type Outcome, type SubmitAnswer } from "./lib/api.ts";
import { proofOfWork } from "./lib/proof-of-work.ts";
import { byId, copyText, describedBy, el, session, uuid } from "./lib/dom.ts";
import { formatInstant, formatLocalDate } from "./lib/format.ts";
import {
  fields,
  fingerprint,
  fromServer,
  identityRequired,
  identityShown,
  kinds,
  toSubmission,
  validate,
  type Field,
  type FormError,
  type FormValues,
} from "./lib/form-rules.ts";
import { groups } from "./lib/normalize.ts";

const DRAFT = "dt.form.draft";
const IDEMPOTENCY = "dt.form.idempotency";

const form = byId<HTMLFormElement>("case-form");
const submitButton = byId<HTMLButtonElement>("submit");
const alertBox = byId("alert");
const summary = byId("error-summary");
const notice = byId("notice");
const languageSelect = byId<HTMLSelectElement>("language");

const textFields = ["subject", "content", "fullName", "phone", "email", "address", "nationalId", "unitHint"] as const;
const input = (name: (typeof textFields)[number]) => byId<HTMLInputElement | HTMLTextAreaElement>(name);
const anonymousBox = byId<HTMLInputElement>("anonymous");

let errors: FormError[] = [];
let alertState: { key: MessageKey; detail?: string } | null = null;
let answer: SubmitAnswer | null = null;
let sending = false;
let languageChosen = false;

function read(): FormValues {
  const kind = form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value ?? "";
  const values = { kind: kinds.find((k) => k === kind) ?? "", anonymous: anonymousBox.checked, language: languageSelect.value === "en" ? "en" : "vi" } as FormValues;
  for (const name of textFields) values[name] = input(name).value;
  return values;
}

function write(values: Partial<FormValues>): void {
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kind"]')) radio.checked = radio.value === values.kind;
  anonymousBox.checked = values.anonymous === true;
  for (const name of textFields) if (typeof values[name] === "string") input(name).value = values[name];
  if (values.language === "vi" || values.language === "en") languageSelect.value = values.language;
}

/** The identity part follows the kind: required for a complaint or a signed denunciation, hidden when anonymous. */
function updateIdentity(): void {
  const values = read();
  const required = identityRequired(values);
  const isDenunciation = values.kind === "denunciation";
  byId("anonymous-box").hidden = !isDenunciation;
  byId("identity-fields").hidden = !identityShown(values);
  const help: MessageKey =
    values.kind === "complaint" ? "identity.help.complaint" : isDenunciation ? "identity.help.denunciation" : "identity.help.optional";
  byId("identity-help").textContent = t(help);
  for (const node of form.querySelectorAll<HTMLElement>("[data-when-required]")) node.hidden = !required;
  for (const node of form.querySelectorAll<HTMLElement>("[data-when-optional]")) node.hidden = required;
  const fullName = input("fullName");
  fullName.required = required;
  for (const name of ["phone", "email", "address"] as const) describedBy(input(name), "contact-hint", required);
}

// --- errors ---------------------------------------------------------------------------------------

const controlOf = (field: Field): HTMLElement =>
  field === "kind" ? byId("kind-complaint") : byId(field);

const messageOf = (error: FormError): string => (error.key ? t(error.key) : (error.message ?? ""));

function renderErrors(): void {
  for (const field of fields) {
    const node = byId(`${field}-error`);
    const error = errors.find((e) => e.field === field);
    node.hidden = !error;
    node.textContent = error ? messageOf(error) : "";
    const controls = field === "kind" ? [...form.querySelectorAll<HTMLElement>('input[name="kind"]')] : [byId(field)];
    for (const control of controls) {
      if (error) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    describedBy(field === "kind" ? byId("kind-group") : byId(field), `${field}-error`, Boolean(error));
  }
  const list = byId("error-list");
  list.replaceChildren(
    ...errors.map((error) => {
      const text = messageOf(error);
      if (!error.field) return el("li", {}, text);
      const link = el("a", { href: `#${controlOf(error.field).id}` }, text);
      link.dataset.field = error.field;
      return el("li", {}, link);
    }),
  );
  summary.hidden = errors.length === 0;
}

function showErrors(next: FormError[]): void {
  errors = next;
  renderErrors();
  const first = fields.find((field) => errors.some((e) => e.field === field));
  if (first) focusField(first);
  else summary.focus();
}

function focusField(field: Field): void {
  const control = field === "kind" ? (form.querySelector<HTMLElement>('input[name="kind"]:checked') ?? controlOf("kind")) : controlOf(field);
  control.focus();
  const target = field === "kind" ? byId("kind-group") : (control.closest(".field") ?? control);
  target.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}

summary.addEventListener("click", (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-field]");
  if (!link) return;
  event.preventDefault();
  focusField(link.dataset.field as Field);
});

function renderAlert(): void {
  alertBox.hidden = !alertState;
  alertBox.replaceChildren();
  if (!alertState) return;
  alertBox.append(el("p", {}, t(alertState.key)));
  if (alertState.detail) alertBox.append(el("p", { className: "alert-detail" }, alertState.detail));
}

function showAlert(key: MessageKey, detail?: string): void {
  alertState = detail ? { key, detail } : { key };
  renderAlert();
  alertBox.focus();
}

// --- draft and idempotency ------------------------------------------------------------------------

let draftTimer: number | undefined;
function saveDraft(): void {
  window.clearTimeout(draftTimer);
  draftTimer = undefined;
  session.set(DRAFT, JSON.stringify({ ...read(), languageChosen }));
}
const saveDraftSoon = () => {
  window.clearTimeout(draftTimer);
  draftTimer = window.setTimeout(saveDraft, 250);
};

function restoreDraft(): void {
  const raw = session.get(DRAFT);
  if (!raw) return;
  try {
    const draft = JSON.parse(raw) as Partial<FormValues> & { languageChosen?: boolean };
    write(draft);
    languageChosen = draft.languageChosen === true;
    const typed = textFields.some((name) => (draft[name] ?? "").trim() !== "");
    if (typed) {
      notice.textContent = t("form.draftRestored");
      notice.hidden = false;
    }
  } catch {
    session.remove(DRAFT);
  }
}

/** The same body keeps its Idempotency-Key across retries and reloads; another body draws a new one. */
function idempotencyKeyFor(print: string): string {
  try {
    const stored = JSON.parse(session.get(IDEMPOTENCY) ?? "null") as { print: string; key: string } | null;
    if (stored && stored.print === print && typeof stored.key === "string") return stored.key;
  } catch {
    // a damaged record: draw a new key
  }
  const key = uuid();
  session.set(IDEMPOTENCY, JSON.stringify({ print, key }));
  return key;
}

// --- sending --------------------------------------------------------------------------------------

function setSending(on: boolean): void {
  sending = on;
  submitButton.disabled = on;
  form.setAttribute("aria-busy", String(on));
  submitButton.firstElementChild!.textContent = t(on ? "form.sending" : "form.submit");
}

/**
 * Sends with the solved challenge. A refused solution (expired, reused…) is replaced by a fresh one and sent once
 * more; a lost answer keeps its solution, which the same Idempotency-Key may bring again.
 */
async function send(body: ReturnType<typeof toSubmission>, idempotencyKey: string): Promise<Outcome<SubmitAnswer> & { noChallenge?: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const altcha = await pow.solution();
    if (!altcha) return { ok: false, network: true, noChallenge: true };
    const outcome = await submitCase(body, idempotencyKey, altcha);
    const refused = !outcome.ok && outcome.problem?.code?.startsWith("challenge_");
    // Spent (accepted, or refused for another reason with an answer): the next submission needs a new one.
    if (outcome.ok || outcome.problem) pow.renew();
    if (!refused || attempt > 0) return outcome;
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  alertState = null;
  renderAlert();
  notice.hidden = true;
  const values = read();
  const found = validate(values);
  if (found.length > 0) return showErrors(found);
  errors = [];
  renderErrors();
  saveDraft();

  const body = toSubmission(values);
  const print = fingerprint(body);
  setSending(true);
  const outcome = await send(body, idempotencyKeyFor(print));
  setSending(false);

  if (outcome.ok) return showDone(outcome.value);
  if (!outcome.problem) return showAlert(outcome.noChallenge ? "err.challenge" : "err.network");
  if (outcome.problem.code?.startsWith("challenge_")) return showAlert("err.challenge");
  const { status, errors: problemErrors, detail, title } = outcome.problem;
  if ((status === 400 || status === 422) && problemErrors && problemErrors.length > 0) return showErrors(fromServer(problemErrors));
  if (status === 422) session.remove(IDEMPOTENCY); // the key was used for another body: the next press draws a new one
  const key: MessageKey =
    status === 400 ? "err.http.400"
    : status === 413 ? "err.http.413"
    : status === 415 ? "err.http.415"
    : status === 422 ? "err.http.422"
    : status === 429 ? "err.http.429"
    : "err.http.5xx";
  showAlert(key, status >= 500 || status === 422 ? undefined : (detail ?? title));
});

// --- confirmation ---------------------------------------------------------------------------------

function renderSecret(node: HTMLElement, value: string, size: number): void {
  const parts = value.includes("-") ? value.split("-") : groups(value, size);
  node.replaceChildren(...parts.map((part) => el("span", { className: "group-chunk" }, part)));
}

function renderDone(): void {
  if (!answer) return;
  const language = lang();
  byId("done-received").textContent = t("done.received", {
    kind: t(`kind.${answer.kind}`).toLocaleLowerCase(language),
    time: formatInstant(answer.receivedAt, language),
  });
  renderSecret(byId("done-code"), answer.trackingCode, 4);
  renderSecret(byId("done-key"), answer.accessKey, 5);
  const processing = answer.deadlines.processing;
  const deadline = byId("done-deadline");
  const explanation = byId("done-explanation");
  if (answer.anonymous || !processing) {
    deadline.textContent = answer.anonymous ? t("done.noDeadline") : "";
    explanation.textContent = "";
  } else {
    deadline.textContent = t("done.deadline", { date: formatLocalDate(processing.dueDate, language) });
    explanation.textContent = processing.explanation?.[language] ?? "";
  }
  deadline.hidden = !deadline.textContent;
  explanation.hidden = !explanation.textContent;
  byId<HTMLAnchorElement>("done-track").href = `/track?code=${encodeURIComponent(answer.trackingCode)}`;
}

function showDone(value: SubmitAnswer): void {
  answer = value;
  session.remove(DRAFT);
  session.remove(IDEMPOTENCY);
  window.clearTimeout(draftTimer);
  draftTimer = undefined;
  form.reset();
  byId("form-section").hidden = true;
  byId("done").hidden = false;
  renderDone();
  window.scrollTo(0, 0);
  byId("done-title").focus();
}

for (const button of document.querySelectorAll<HTMLButtonElement>("[data-copy]")) {
  button.addEventListener("click", async () => {
    if (!answer) return;
    const which = button.dataset.copy === "key" ? "key" : "code";
    const copied = await copyText(which === "key" ? answer.accessKey : answer.trackingCode);
    const status = byId(`copy-status-${which}`);
    status.textContent = t(copied ? "done.copied" : "done.copyFailed");
    window.setTimeout(() => (status.textContent = ""), 4000);
  });
}

// --- wiring ---------------------------------------------------------------------------------------

initI18n();
// Fetched and solved now, while the citizen types: ready long before "Send".
const pow = proofOfWork();
languageSelect.value = lang();
restoreDraft();
if (!languageChosen) languageSelect.value = lang();
updateIdentity();

form.addEventListener("input", saveDraftSoon);
form.addEventListener("change", (event) => {
  if (event.target === languageSelect) languageChosen = true;
  updateIdentity();
  saveDraft();
});
window.addEventListener("pagehide", () => {
  if (draftTimer !== undefined) saveDraft();
});

onLangChange((language) => {
  if (!languageChosen) languageSelect.value = language;
  applyMessages();
  updateIdentity();
  renderErrors();
  renderAlert();
  if (!notice.hidden) notice.textContent = t("form.draftRestored");
  if (sending) submitButton.firstElementChild!.textContent = t("form.sending");
  renderDone();
  saveDraftSoon();
});
