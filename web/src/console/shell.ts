// What every console page shares: the language switch, who is signed in, sign-out, and messages on top.
import { applyMessages, initI18n, onLangChange, t, type MessageKey } from "../i18n/index.ts";
import { byId } from "../lib/dom.ts";
import type { Problem } from "./api.ts";
import { dropToken, requireStaff, type Staff } from "./session.ts";

/** Wires the header of a signed-in page and returns who is signed in (or leaves for sign-in). */
export function startStaffPage(): Staff {
  const staff = requireStaff();
  initI18n();
  const who = byId("who");
  const render = () => {
    const role = t(`role.${staff.role}`);
    who.textContent = t("console.user", { name: staff.username, role: staff.unitId ? `${role}, ${staff.unitId}` : role });
  };
  render();
  onLangChange(render);
  addInspectionLink(staff);
  byId("sign-out").addEventListener("click", () => {
    dropToken();
    location.assign("/console?reason=signedOut");
  });
  return staff;
}

/** Inspectors and admins get the inspection dashboard in the nav (the pages list only what every role uses). */
function addInspectionLink(staff: Staff): void {
  const list = document.querySelector(".site-nav ul");
  if ((staff.role !== "inspector" && staff.role !== "admin") || !list || list.querySelector('a[href="/console-inspection"]')) return;
  const link = Object.assign(document.createElement("a"), { href: "/console-inspection" });
  link.dataset.i18n = "console.nav.inspection";
  link.textContent = t("console.nav.inspection");
  const item = document.createElement("li");
  item.append(link);
  list.append(item);
}

/** The message of a failed call that is not about one field. */
export function problemKey(problem: Problem | undefined): MessageKey {
  const status = problem?.status;
  if (status === undefined) return "console.err.network";
  if (status === 403) return "console.err.403";
  if (status === 429) return "console.err.429";
  return "console.err.5xx";
}

/** A page-level alert box: a message key, optional extra text; re-rendered on a language change. */
export function alertBox(id: string) {
  const box = byId(id);
  let current: { key: MessageKey; params?: Record<string, string>; extra?: string } | null = null;
  const render = () => {
    box.hidden = !current;
    box.replaceChildren();
    if (!current) return;
    const p = document.createElement("p");
    p.textContent = t(current.key, current.params);
    box.append(p);
    if (current.extra) {
      const detail = document.createElement("p");
      detail.className = "alert-detail";
      detail.textContent = current.extra;
      box.append(detail);
    }
  };
  onLangChange(render);
  return {
    show(key: MessageKey, params?: Record<string, string>, extra?: string, focus = true): void {
      current = { key, ...(params && { params }), ...(extra && { extra }) };
      render();
      if (focus) box.focus();
    },
    clear(): void {
      current = null;
      render();
    },
  };
}

export { applyMessages };
