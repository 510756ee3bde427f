// The case queue (served at /console-queue): received cases oldest first by default, filters in the URL,
// the time left on each case's current deadline, flags as words, "Xem thêm" with the cursor.
import { lang, onLangChange, t } from "./i18n/index.ts";
import { byId, el } from "./lib/dom.ts";
import { formatInstant } from "./lib/format.ts";
import { listCases, listUnits, type CaseSummary, type ListQuery, type Unit } from "./console/api.ts";
import { alertBox, problemKey, startStaffPage } from "./console/shell.ts";
import { fillUnitList, flagBadges, timeLeft, unitLabel } from "./console/view.ts";

const staff = startStaffPage();
const form = byId<HTMLFormElement>("filters");
const status = byId<HTMLSelectElement>("f-status");
const kind = byId<HTMLSelectElement>("f-kind");
const unit = byId<HTMLInputElement>("f-unit");
const flag = byId<HTMLSelectElement>("f-flag");
const list = byId<HTMLOListElement>("cases");
const more = byId<HTMLButtonElement>("more");
const count = byId("count");
const alert = alertBox("alert");

let units: Unit[] = [];
let items: CaseSummary[] = [];
let nextCursor: string | undefined;
let loading = false;

// A handler sees its own unit only: the filter is fixed to it.
if (staff.role === "handler" && staff.unitId) {
  unit.value = staff.unitId;
  unit.readOnly = true;
}

function queryFromUrl(): ListQuery {
  const p = new URLSearchParams(location.search);
  const value = (name: string, fallback = "") => p.get(name) ?? fallback;
  return {
    status: value("status", "received"),
    kind: value("kind"),
    unitId: staff.role === "handler" ? (staff.unitId ?? "") : value("unitId"),
    flag: value("flag"),
  };
}

function fillForm(q: ListQuery): void {
  status.value = q.status ?? "";
  kind.value = q.kind ?? "";
  unit.value = q.unitId ?? "";
  flag.value = q.flag ?? "";
}

function caseItem(c: CaseSummary): HTMLLIElement {
  const language = lang();
  const link = el("a", { href: `/console-case?id=${encodeURIComponent(c.caseId)}`, className: "case-link" }, c.subject);
  const meta = el(
    "p",
    { className: "case-meta" },
    `${t("queue.code")}: `,
    el("span", { className: "code" }, c.trackingCode),
    ` · ${t(`kind.${c.kind}`)} · ${t(`status.${c.status}`)} · ${c.unitId ? unitLabel(units, c.unitId) : t("queue.noUnit")}`,
  );
  const received = el("p", { className: "case-meta" }, `${t("queue.received")}: ${formatInstant(c.receivedAt, language)}`);
  const due = el(
    "p",
    { className: `case-due${c.flags.includes("overdue") ? " case-due-overdue" : ""}` },
    c.currentDeadline
      ? t("due.stage", { stage: t(`deadline.${c.currentDeadline.stage}`), text: timeLeft(c.currentDeadline, c.daysOverdue, c.flags) })
      : t("due.none"),
  );
  const item = el("li", { className: "case-item", tabIndex: -1 }, el("h3", { className: "case-title" }, link), meta, received, due);
  const extra = [...(c.anonymous ? (["flag.anonymous"] as const) : []), ...(c.currentDeadline?.suspended ? (["flag.suspended"] as const) : []), ...(c.backdated ? (["flag.backdated"] as const) : [])];
  const badges = flagBadges(c.flags, extra, c.escalationLevel);
  if (badges) item.append(badges);
  return item;
}

function render(): void {
  list.replaceChildren(...items.map(caseItem));
  more.hidden = !nextCursor;
  more.disabled = loading;
  more.firstElementChild!.textContent = t(loading ? "queue.loading" : "queue.more");
  count.textContent =
    loading && items.length === 0 ? t("queue.loading")
    : items.length === 0 ? t("queue.empty")
    : t(nextCursor ? "queue.countMore" : "queue.count", { count: String(items.length) });
  if (staff.role === "handler" && staff.unitId) {
    const intro = byId("unit-intro");
    intro.hidden = false;
    intro.textContent = t("queue.introUnit", { unit: unitLabel(units, staff.unitId) });
  }
}

async function load(append: boolean): Promise<void> {
  if (loading) return;
  loading = true;
  alert.clear();
  if (!append) {
    items = [];
    nextCursor = undefined;
  }
  render();
  const q = queryFromUrl();
  const before = items.length;
  const result = await listCases({ ...q, ...(append && nextCursor ? { cursor: nextCursor } : {}) });
  loading = false;
  if (result.ok) {
    items = [...items, ...result.value.items];
    nextCursor = result.value.nextCursor;
    render();
    // After "Xem thêm", the first new case gets the focus: the reader continues where the list grew.
    if (append) (list.children[before] as HTMLElement | undefined)?.focus();
    return;
  }
  render();
  if (result.problem?.status === 400) alert.show("queue.err.filter", {}, result.problem.errors?.map((e) => `${e.path}: ${e.message}`).join("; "));
  else alert.show(problemKey(result.problem));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  const q: ListQuery = { status: status.value, kind: kind.value, unitId: staff.role === "handler" ? "" : unit.value.trim(), flag: flag.value };
  for (const [key, value] of Object.entries(q)) params.set(key, String(value ?? ""));
  history.replaceState(null, "", `?${params.toString()}`);
  void load(false).then(() => byId("results-title").focus());
});
more.addEventListener("click", () => void load(true));
onLangChange(render);

fillForm(queryFromUrl());
void load(false);
void listUnits().then((found) => {
  units = found;
  fillUnitList(byId<HTMLDataListElement>("unit-list"), units);
  render();
});
