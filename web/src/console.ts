// The staff sign-in page (served at /console): user name + password → Cognito → the ID token in sessionStorage.
import { initI18n, onLangChange, t, type MessageKey } from "./i18n/index.ts";
import { byId, describedBy } from "./lib/dom.ts";
import { loadConfig, signIn } from "./console/cognito.ts";
import { currentStaff, keepToken, safeNext, staffOf } from "./console/session.ts";
import { alertBox } from "./console/shell.ts";

const params = new URLSearchParams(location.search);
const next = safeNext(params.get("next"));
if (currentStaff()) location.replace(next);

const form = byId<HTMLFormElement>("signin-form");
const username = byId<HTMLInputElement>("username");
const password = byId<HTMLInputElement>("password");
const submit = byId<HTMLButtonElement>("submit");
const notice = byId("notice");
initI18n();
const alert = alertBox("alert");

let fieldErrors: { username?: MessageKey; password?: MessageKey } = {};
let sending = false;
const reason = params.get("reason");
const noticeKey: MessageKey | null = reason === "expired" ? "signin.expired" : reason === "signedOut" ? "signin.signedOut" : null;

function render(): void {
  for (const [name, control] of [["username", username], ["password", password]] as const) {
    const key = fieldErrors[name];
    const node = byId(`${name}-error`);
    node.hidden = !key;
    node.textContent = key ? t(key) : "";
    if (key) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    describedBy(control, `${name}-error`, Boolean(key));
  }
  notice.hidden = !noticeKey;
  notice.textContent = noticeKey ? t(noticeKey) : "";
  submit.firstElementChild!.textContent = t(sending ? "signin.sending" : "signin.submit");
}

const failures: Record<string, MessageKey> = {
  wrong: "signin.err.wrong",
  newPassword: "signin.err.newPassword",
  throttled: "signin.err.throttled",
  network: "signin.err.network",
  config: "signin.err.config",
  other: "signin.err.other",
};

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  const name = username.value.trim();
  fieldErrors = {};
  if (!name) fieldErrors.username = "signin.err.username";
  if (!password.value) fieldErrors.password = "signin.err.password";
  alert.clear();
  render();
  if (fieldErrors.username || fieldErrors.password) return (fieldErrors.username ? username : password).focus();

  sending = true;
  submit.disabled = true;
  form.setAttribute("aria-busy", "true");
  render();
  const config = await loadConfig();
  const result = config ? await signIn(config, name, password.value) : ({ ok: false, reason: "config" } as const);
  sending = false;
  submit.disabled = false;
  form.removeAttribute("aria-busy");
  render();
  if (result.ok) {
    if (!staffOf(result.idToken)) return alert.show("signin.err.noRole");
    keepToken(result.idToken);
    location.assign(next);
    return;
  }
  if (result.reason === "wrong") {
    password.value = "";
  }
  alert.show(failures[result.reason] ?? "signin.err.other");
});

render();
onLangChange(render);
username.focus();
