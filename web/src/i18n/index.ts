// The current language: catalogs, the persisted choice, and applying messages to the page.
import { en } from "./en.ts";
import { vi, type MessageKey, type Messages } from "./vi.ts";

export type Lang = "vi" | "en";
export type { MessageKey };

const catalogs: Record<Lang, Messages> = { vi, en };
const storageKey = "dt.lang";
const listeners: Array<(lang: Lang) => void> = [];

const stored = (): Lang | null => {
  try {
    const value = localStorage.getItem(storageKey);
    return value === "vi" || value === "en" ? value : null;
  } catch {
    return null; // storage disabled: stay in the default language
  }
};

let current: Lang = stored() ?? "vi";

export const lang = (): Lang => current;

/** Whether the catalogs have this key: for codes the server names (a rule's code), which a page may not know yet. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(vi, key);

/** The message in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string> = {}, language: Lang = current): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Applies the catalog to every `data-i18n` (text) and `data-i18n-attr` ("attr:key,attr:key") element. */
export function applyMessages(root: ParentNode = document): void {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-attr]")) {
    for (const pair of (el.dataset.i18nAttr ?? "").split(",")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim() as MessageKey));
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-lang]")) {
    el.lang = t(el.dataset.i18nLang as MessageKey);
  }
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  applyMessages();
  for (const listener of listeners) listener(next);
}

export const onLangChange = (listener: (lang: Lang) => void): void => {
  listeners.push(listener);
};

/** Wires the header's language button and applies the stored language. */
export function initI18n(): void {
  applyMessages();
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang-switch]")) {
    button.addEventListener("click", () => setLang(current === "vi" ? "en" : "vi"));
  }
}
