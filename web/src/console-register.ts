// Registering a letter received off-line (served at /console-register): the citizen's body plus the
// channel and the time received; the answer's tracking code and access key are handed to the sender.
import { onLangChange, t, type MessageKey } from "./i18n/index.ts";
import { byId, describedBy } from "./lib/dom.ts";
import { formatLocalDate } from "./lib/format.ts";
import { lang } from "./i18n/index.ts";
import { fields, fromServer, toSubmission, validate, type Field, type FormError, type FormValues } from "./lib/form-rules.ts";
import { groups } from "./lib/normalize.ts";
import { registerCase, vietnamInstant, type Registered } from "./console/api.ts";
import { alertBox, problemKey, startStaffPage } from "./console/shell.ts";

startStaffPage();
const form = byId<HTMLFormElement>("register-form");
const submit = byId<HTMLButtonElement>("submit");
const done = byId("done");
const alert = alertBox("alert");
let errors: FormError[] = [];
let receivedAtError: MessageKey | null = null;
let answer: Registered | null = null;
let sending = false;

const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? "";

function read(): FormValues {
  const identity = ["fullName", "phone", "email", "address", "nationalId"].some((id) => value(id).trim());
  return {
    kind: value("kind") as FormValues["kind"],
    subject: value("subject"),
    content: value("content"),
    anonymous: value("kind") === "denunciation" && !identity,
    fullName: value("fullName"),
    phone: value("phone"),
    email: value("email"),
    address: value("address"),
    nationalId: value("nationalId"),
    unitHint: value("unitHint"),
    language: value("language") === "en" ? "en" : "vi",
  };
}

function renderErrors(): void {
  for (const field of [...fields, "receivedAt"] as Array<Field | "receivedAt">) {
    const node = document.getElementById(`${field}-error`);
    const input = document.getElementById(field);
    if (!node || !input) continue;
    const error = field === "receivedAt" ? (receivedAtError ? { key: receivedAtError } : undefined) : errors.find((e) => e.field === field);
    node.hidden = !error;
    node.textContent = error ? (error.key ? t(error.key) : (error as FormError).message ?? "") : "";
    if (error) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    describedBy(input, node.id, Boolean(error));
  }
  submit.disabled = sending;
  submit.firstElementChild!.textContent = t(sending ? "register.sending" : "register.submit");
}

function renderDone(): void {
  done.hidden = !answer;
  form.hidden = Boolean(answer);
  if (!answer) return;
  byId("done-code").textContent = groups(answer.trackingCode).join(" ");
  byId("done-key").textContent = groups(answer.accessKey).join(" ");
  const due = answer.deadlines.processing;
  byId("done-deadline").textContent = due ? t("done.deadline", { date: formatLocalDate(due.dueDate, lang()) }) : t("done.noDeadline");
  byId<HTMLAnchorElement>("done-open").href = `/console-case?id=${encodeURIComponent(answer.caseId)}`;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  const values = read();
  errors = validate(values);
  const receivedAt = value("receivedAt");
  receivedAtError = receivedAt && Date.parse(vietnamInstant(receivedAt)) > Date.now() ? "register.err.receivedAt" : null;
  alert.clear();
  renderErrors();
  if (errors.length || receivedAtError) {
    document.getElementById(receivedAtError ? "receivedAt" : (errors[0]?.field ?? "kind"))?.focus();
    return;
  }
  sending = true;
  renderErrors();
  const result = await registerCase({ ...toSubmission(values), channel: value("channel"), ...(receivedAt && { receivedAt: vietnamInstant(receivedAt) }) });
  sending = false;
  renderErrors();
  if (result.ok) {
    answer = result.value;
    renderDone();
    byId("done-title").focus();
    return;
  }
  if (result.problem?.status === 400) {
    const serverErrors = result.problem.errors ?? [];
    errors = fromServer(serverErrors.filter((e) => e.path !== "receivedAt" && e.path !== "channel"));
    if (serverErrors.some((e) => e.path === "receivedAt")) receivedAtError = "register.err.receivedAt";
    renderErrors();
    alert.show("err.action.400", {}, errors.filter((e) => e.field === null).map((e) => e.message).join("; ") || undefined);
    return;
  }
  alert.show(problemKey(result.problem));
});

byId("again").addEventListener("click", () => {
  answer = null;
  form.reset();
  renderDone();
  byId("kind").focus();
});
onLangChange(() => {
  renderErrors();
  renderDone();
});
renderErrors();
