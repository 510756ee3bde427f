// The invariants checked after every step, each a named check (checker.ts) with a message that says
// which case, which field, what the product shows and what the contract expects.
import type { Deadline } from "#domain/deadlines/index.ts";
import type { Checker } from "./checker.ts";
import {
  expectedDeadlines,
  expectedFlags,
  forbiddenPlaintexts,
  isAnonymousDenunciation,
  localDate,
  localDay,
  recountReport,
  recountStats,
  type Model,
  type ModelCase,
  type Row,
} from "./model.ts";
import type { Answer, RealSystem } from "./system.ts";
import { spellings } from "./texts.ts";

/** The event type a timeline shows for an action (either spelling is the action's). */
const eventTypeOf: Record<string, string> = {
  classify: "classified", accept: "accepted", transfer: "transferred", guide: "guided", reject: "rejected", archive: "archived",
  extend: "extended", suspend: "suspended", resume: "resumed", resolve: "resolved", close: "closed", withdraw: "withdrawn",
  received: "received", identity_revealed: "identity_revealed",
};
const sameType = (type: unknown, action: string) => type === action || type === eventTypeOf[action];

export const problemOf = (a: Answer): string => (a.status >= 400 ? `${a.body?.title ?? ""}: ${a.body?.detail ?? a.text.slice(0, 200)}` : "");

export interface StepScope {
  /** Cases whose state this step may have changed, read back and checked one by one. */
  readonly cases: readonly ModelCase[];
  /** System writes (sweep, recompute, reveal, linking) may have moved these versions: read them again. */
  readonly resync: ReadonlySet<ModelCase>;
  /** Whether anything was written: GET /stats and the tables are then checked too. */
  readonly changed: boolean;
  readonly delivery: { readonly shuffled: boolean; readonly seed: number };
  /** Read the inspection report and the staff list too. */
  readonly inspect?: boolean;
}

/**
 * After a step: the cases it touched read back and checked; the stream read until it holds every
 * version written, handed to the consumers; then the figures, the tables and the staff answers. Reads
 * are taken again when a local midnight passed during them (flags and deadlines go by the day).
 */
export async function afterStep(m: Model, r: RealSystem, ck: Checker, scope: StepScope): Promise<void> {
  const versions = new Map(scope.cases.map((c) => [c, c.version]));
  await ck.timed("cases", () => byTheDay(ck, async () => {
    for (const [c, v] of versions) c.version = v;
    for (const c of scope.cases) await checkCase(m, r, ck, c, scope.resync.has(c));
  }));
  const delivered = await ck.timed("stream", () => r.drain(scope.delivery, new Map(m.cases.map((c) => [c.caseId, c.storedVersion ?? 0]))));
  ck.that("stream-delivery", delivered.givenUp.length === 0, () =>
    delivered.givenUp
      .map((g) => `${g.consumer} gave up on a ${g.record.eventName} record of ${g.record.dynamodb?.Keys?.pk?.S}/${g.record.dynamodb?.Keys?.sk?.S} (${g.reason})${describeImage(m, g.record.dynamodb?.Keys?.pk?.S)}`)
      .join("; "),
  );
  const inspect = scope.inspect === true || process.env.MODEL_FIGURES === "every-step";
  if (scope.changed || inspect) await ck.timed("figures", () => byTheDay(ck, () => checkFigures(m, r, ck, inspect)));
  await ck.timed("answers", async () => checkAnswers(m, r, ck));
  r.staffAnswers = [];
}

/** Runs checks whose answers depend on the local date; when midnight passes during them they are taken again. */
async function byTheDay(ck: Checker, fn: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const day = localDay(Date.now());
    const held = await ck.held(fn);
    if (localDay(Date.now()) === day || attempt === 2) return held.commit();
    held.discard();
  }
}

function describeImage(m: Model, pk: string | undefined): string {
  const c = m.cases.find((x) => pk === `CASE#${x.caseId}`);
  return c ? `: case #${c.n}, a ${isAnonymousDenunciation(c) ? "anonymous " : ""}${c.kind} (${c.status})` : "";
}

// ---- one case ----

async function checkCase(m: Model, r: RealSystem, ck: Checker, c: ModelCase, resync: boolean): Promise<void> {
  const got = await r.read(c.caseId);
  const now = Date.now();
  const who = `case #${c.n}`;
  if (!ck.that("versions", got.status === 200, () => `GET /staff/cases/{id} of ${who} answered ${got.status} ${problemOf(got)}`)) return;
  const d = got.body;
  c.storedVersion = d.version;
  ck.that("versions", got.etag === `"${d.version}"`, () => `GET ${who}: ETag ${got.etag} is not its version ${d.version}`);
  if (resync) {
    ck.that("versions", d.version >= c.version, () => `${who}: the version went back from ${c.version} to ${d.version}`);
    c.version = d.version;
  } else {
    ck.that("versions", d.version === c.version, () => `${who}: GET shows version ${d.version}, the last accepted write answered version ${c.version}`);
  }

  const state = { status: d.status, kind: d.kind, unitId: d.unitId, subject: d.subject };
  const want = { status: c.status, kind: c.kind, unitId: c.unitId, subject: c.subject };
  ck.that("state", JSON.stringify(state) === JSON.stringify(want), () => `${who}: GET shows ${JSON.stringify(state)}, expected ${JSON.stringify(want)}`);
  if (c.kind === "denunciation") {
    ck.that("state", d.anonymous === !c.submitter, () => `${who}, a ${c.submitter ? "named" : "nameless"} denunciation, shows anonymous: ${d.anonymous}`);
  }

  checkTimeline(ck, c, d.timeline ?? [], who);
  checkDeadlines(ck, c, m, d.deadlines ?? {}, now, who);

  const ef = expectedFlags(c, m, now);
  const shown = { flags: [...(d.flags ?? [])].sort(), escalationLevel: d.escalationLevel, daysOverdue: d.daysOverdue };
  const wanted = { flags: [...ef.flags].sort(), escalationLevel: ef.escalationLevel, daysOverdue: ef.daysOverdue };
  ck.that("flags", JSON.stringify(shown) === JSON.stringify(wanted), () => `${who} (${c.kind}, ${c.status}${c.suspensions.some((s) => !s.to) ? ", suspended" : ""}${c.filingCount > 1 ? `, filing ${c.filingCount} of the same matter` : ""}): shows ${JSON.stringify(shown)}, the engine says ${JSON.stringify(wanted)}`);

  const audit = await r.audit(c.caseId);
  ck.that("audit-chain", audit.status === 200 && audit.body?.chainValid === true, () => `${who}: audit answered ${audit.status} chainValid=${audit.body?.chainValid} brokenAt=${audit.body?.brokenAt}`);
}

interface Entry {
  type?: string;
  at?: string;
  enteredAt?: string;
  backdated?: boolean;
  actor?: { kind?: string };
}

function checkTimeline(ck: Checker, c: ModelCase, timeline: Entry[], who: string): void {
  const first = timeline[0];
  ck.that("timeline", first?.type === "received" && first.at === c.receivedAt, () => `${who}: the timeline starts with ${first?.type} at ${first?.at}, not its receipt at ${c.receivedAt}`);
  const staff = timeline.filter((e) => e.actor?.kind === "staff");
  const wanted = c.events.filter((e) => e.byStaff);
  const show = (es: { type?: string; action?: string; at?: string }[]) => es.map((e) => `${e.type ?? e.action}@${e.at ?? "now"}`).join(", ");
  const matches =
    staff.length === wanted.length &&
    wanted.every((w, i) => sameType(staff[i]?.type, w.action) && (w.at === undefined || staff[i]?.at === w.at));
  ck.that("timeline", matches, () => `${who}: staff entries on the timeline are [${show(staff)}]; the writes answered 200 were [${show(wanted)}]`);
  if (!matches) return;
  wanted.forEach((w, i) => {
    const e = staff[i] as Entry;
    if (w.action === "received") return; // a registration is not an action on paper
    ck.that("backdated", Boolean(e.backdated) === w.backdated, () =>
      `${who}: ${e.type} took effect ${e.at}, entered ${e.enteredAt}: ${w.backdated ? "more" : "less"} than 3 days apart, so it should ${w.backdated ? "" : "not "}be marked backdated (it shows backdated: ${e.backdated})`,
    );
  });
}

const projection = (dl: Deadline | undefined) =>
  dl && { dueAt: dl.dueAt, dueDate: dl.dueDate, basis: dl.basis, ...(dl.suspended && { pausedSince: dl.suspended.since }) };

function checkDeadlines(ck: Checker, c: ModelCase, m: Model, shown: Record<string, Deadline | undefined>, now: number, who: string): void {
  const expected = expectedDeadlines(c, m, now);
  for (const stage of ["processing", "resolution"] as const) {
    const a = projection(shown[stage]);
    const e = projection(expected[stage]);
    ck.that("deadlines", JSON.stringify(a) === JSON.stringify(e), () => {
      const facts = `${c.kind}${isAnonymousDenunciation(c) ? " (anonymous)" : ""}, ${c.status}, received ${c.receivedAt}${c.acceptedAt ? `, accepted ${c.acceptedAt}` : ""}${c.processingExtended ? ", processing extended" : ""}${c.extensions.length ? `, extensions ${JSON.stringify(c.extensions)}` : ""}${c.suspensions.length ? `, suspensions ${JSON.stringify(c.suspensions)}` : ""}`;
      return `${who} (${facts}): the ${stage} deadline shows ${JSON.stringify(a)}, the engine says ${JSON.stringify(e)} (as of ${localDate(now)})`;
    });
  }
}

// ---- the figures ----

const rowFields = ["received", "accepted", "resolvedOnTime", "resolvedLate", "openWithinDeadline", "openOverdue", "onTimeRate", "medianResolutionDays", "agingBands"] as const;
const same = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-9 : JSON.stringify(a) === JSON.stringify(b);

function rowDiff(key: string, got: Record<string, unknown> | undefined, want: Row): string[] {
  if (!got) return [`row ${key} is missing`];
  return rowFields.filter((f) => !same(got[f], want[f])).map((f) => `${key}.${f} is ${JSON.stringify(got[f])}, the recount ${JSON.stringify(want[f])}`);
}

/**
 * The figures after a step: GET /stats of the current year against the recount, and the tables scanned
 * for plaintext, every time; the inspection report (by unit over the year, with the on-time rates of both
 * compared, and by kind over 400 days) and the staff list when the step inspects (an `inspect` command,
 * the end of every sequence, or every step with MODEL_FIGURES=every-step: the report is the heaviest read).
 */
async function checkFigures(m: Model, r: RealSystem, ck: Checker, inspect: boolean): Promise<void> {
  const now = Date.now();
  const year = Number(localDate(now).slice(0, 4));
  const byUnit = inspect ? await checkReport(m, r, ck, `${year}-01-01`, `${year}-12-31`, "unit", now) : undefined;
  if (inspect) await checkReport(m, r, ck, localDate(now - 400 * DAY_MS), localDate(now), "kind", now);

  const stats = await r.stats(year);
  if (ck.that("stats", stats.status === 200, () => `GET /stats answered ${stats.status} ${problemOf(stats)}`)) {
    const want = recountStats(m, year);
    const got = Object.fromEntries((stats.body.units as { unitId: string }[]).map((u) => [u.unitId, u as unknown as Record<string, unknown>]));
    const diffs = [
      ...Object.entries(want).flatMap(([k, w]) =>
        !got[k] ? [`unit ${k} is missing`] : (["received", "resolved", "resolvedOnTime"] as const).filter((f) => got[k]?.[f] !== w[f]).map((f) => `${k}.${f} is ${got[k]?.[f]}, the recount ${w[f]}`),
      ),
      ...Object.keys(got).filter((k) => !(k in want) && !allZero(got[k])).map((k) => `unit ${k} is not expected: ${JSON.stringify(got[k])}`),
    ];
    ck.that("stats", diffs.length === 0, () => `GET /stats?year=${year}: ${diffs.join("; ")}${anonymousNote(m)}`);
    if (byUnit?.status === 200) {
      const reportRows = Object.fromEntries((byUnit.body.rows as { key: string; onTimeRate: number | null }[]).map((row) => [row.key, row.onTimeRate]));
      const differ = (stats.body.units as { unitId: string; onTimeRate: number | null }[])
        .filter((u) => u.unitId in reportRows && !same(u.onTimeRate, reportRows[u.unitId]))
        .map((u) => `${u.unitId}: /stats ${u.onTimeRate}, report ${reportRows[u.unitId]}`);
      if (!same(stats.body.totals?.onTimeRate, byUnit.body.totals?.onTimeRate)) differ.push(`totals: /stats ${stats.body.totals?.onTimeRate}, report ${byUnit.body.totals?.onTimeRate}`);
      ck.that("on-time-rate", differ.length === 0, () => `the on-time rate of ${year} differs between GET /stats and GET /inspection/report: ${differ.join("; ")}`);
    }
  }

  if (inspect) {
    const list = await r.list();
    ck.that("answer", list.status === 200, () => `GET /staff/cases answered ${list.status} ${problemOf(list)}`);
  }

  if (ck.enabled("identity-in-tables")) {
    await ck.timed("tables", async () => {
      const forbidden = forbiddenPlaintexts(m, spellings);
      if (forbidden.size === 0) return;
      const hits: string[] = [];
      for (const item of await r.tables()) {
        const text = JSON.stringify(item);
        for (const [value, whose] of forbidden) if (text.includes(value)) hits.push(`${whose}, "${value}", in item ${item.pk ?? item.id}/${item.sk ?? ""}`);
      }
      ck.that("identity-in-tables", hits.length === 0, () => `plaintext in the tables: ${[...new Set(hits)].slice(0, 6).join("; ")}${reclassifiedNote(m)}`);
    });
  }
}

const DAY_MS = 86_400_000;
const allZero = (row: Record<string, unknown> | undefined) =>
  Object.values(row ?? {}).every((v) => typeof v !== "number" || v === 0) &&
  Object.values((row?.agingBands ?? {}) as Record<string, number>).every((v) => v === 0);

async function checkReport(m: Model, r: RealSystem, ck: Checker, f: string, t: string, groupBy: "unit" | "kind", now: number): Promise<Answer> {
  const rep = await ck.timed("report", () => r.report(f, t, groupBy));
  if (!ck.that("report", rep.status === 200, () => `GET /inspection/report answered ${rep.status} ${problemOf(rep)}`)) return rep;
  const want = recountReport(m, f, t, groupBy, now);
  const got = Object.fromEntries((rep.body.rows as { key: string }[]).map((row) => [row.key, row]));
  const diffs = [
    ...Object.entries(want.rows).flatMap(([k, row]) => rowDiff(k, got[k], row)),
    // A group whose cases all moved elsewhere may keep a row of zeros: nothing to count, nothing wrong.
    ...Object.keys(got).filter((k) => !(k in want.rows) && !allZero(got[k])).map((k) => `row ${k} is not expected: ${JSON.stringify(got[k])}`),
    ...rowDiff("totals", rep.body.totals, want.totals),
  ];
  const oldest = (rep.body.oldestOpen as { caseId: string }[]).map((o) => o.caseId);
  if (JSON.stringify(oldest) !== JSON.stringify(want.oldestOpen)) diffs.push(`oldestOpen is [${oldest.map((id) => caseNo(m, id))}], the recount [${want.oldestOpen.map((id) => caseNo(m, id))}]`);
  ck.that("report", diffs.length === 0, () => `GET /inspection/report ${f}..${t} by ${groupBy}: ${diffs.join("; ")}${anonymousNote(m)}`);
  return rep;
}

const caseNo = (m: Model, id: string) => `#${m.cases.find((c) => c.caseId === id)?.n ?? "?"}`;
const anonymousNote = (m: Model) => {
  const anon = m.cases.filter(isAnonymousDenunciation).map((c) => `#${c.n}`);
  return anon.length ? ` (anonymous denunciations in the scenario: ${anon.join(", ")})` : "";
};
const reclassifiedNote = (m: Model) => {
  const moved = m.cases.filter((c) => c.everDenunciation && c.filedKind !== "denunciation").map((c) => `#${c.n} (filed as ${c.filedKind})`);
  return moved.length ? ` (reclassified into a denunciation: ${moved.join(", ")})` : "";
};

function checkAnswers(m: Model, r: RealSystem, ck: Checker): void {
  const forbidden = forbiddenPlaintexts(m, spellings);
  if (forbidden.size === 0) return;
  const hits: string[] = [];
  for (const a of r.staffAnswers) {
    const text = `${a.text}\n${JSON.stringify(a.body ?? null)}`;
    for (const [value, whose] of forbidden) if (text.includes(value)) hits.push(`${whose} in the answer to ${a.route.replace(/[0-9a-f-]{36}/g, (id) => caseNo(m, id))}`);
  }
  for (const msg of r.outboxMessages()) {
    const staffMessage = msg.to.endsWith("@tinh.vn");
    const text = JSON.stringify(staffMessage ? msg : { ...msg, to: undefined });
    for (const [value, whose] of forbidden) if (text.includes(value)) hits.push(`${whose} in ${staffMessage ? "a staff" : "a citizen"} e-mail "${msg.subject}"`);
  }
  ck.that("identity-in-answers", hits.length === 0, () => `a denouncer's identity in plaintext: ${[...new Set(hits)].slice(0, 6).join("; ")}${reclassifiedNote(m)}`);
}
