// The sweep's decision (the ladder at 0, 7 and 30 days past the deadline, on local Asia/Ho_Chi_Minh days)
// and its run over in-memory ports: one event per level, exactly once, failures counted per case.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "#domain/audit.ts";
import type { CaseEvent, CaseRecord } from "#domain/case.ts";
import { defaultDeadlineContext, processingDeadline } from "#domain/deadlines/index.ts";
import type { NotificationLedger, Notifier, OutgoingMessage, StaffAddresses } from "#domain/notifications.ts";
import { StaleVersionError } from "#domain/ports.ts";
import { decideEscalation, runSweep, type DueCaseSource, type SweepDeps } from "#domain/sweep.ts";

const ctx = defaultDeadlineContext();
const DAY = 86_400_000;
const receivedAt = "2026-10-05T02:00:00.000Z"; // a Monday morning in Viet Nam

function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const base = { kind: "petition" as const, anonymous: false, status: "received" as const, receivedAt };
  const processing = processingDeadline(base, ctx)!;
  return {
    ...base,
    caseId: randomUUID(),
    trackingCode: "DT-ABCD-EFGH",
    subject: "Kiến nghị sửa đường",
    content: "Đường liên xã bị hư hỏng nặng sau mùa mưa.",
    channel: "online",
    language: "vi",
    unitId: "so-gtvt",
    submitter: { fullName: "Trần Văn Bình", phone: "0909000111", email: "binh@example.vn" },
    updatedAt: receivedAt,
    version: 1,
    deadlines: { processing },
    lastAt: receivedAt,
    lastSeq: 1,
    lastHash: GENESIS_HASH,
    ...overrides,
  };
}

const dueAt = caseRecord().deadlines.processing!.dueAt;
/** `days` whole local days after the due date's end, plus `ms`. */
const after = (days: number, ms = 0) => new Date(Date.parse(dueAt) + days * DAY + ms);

describe("decideEscalation: the ladder", () => {
  it("should end the due date at 23:59:59.999 in Viet Nam (16:59:59.999Z)", () => {
    expect(dueAt).toMatch(/T16:59:59\.999Z$/);
  });

  it.each([
    ["at the deadline's last millisecond", after(0), undefined],
    ["one millisecond later, the first local day after it (00:00 UTC+7)", after(0, 1), [1]],
    ["seven days after it", after(7), [1]],
    ["on the eighth day after it", after(7, 1), [1, 2]],
    ["thirty days after it", after(30), [1, 2]],
    ["on the thirty-first day after it", after(30, 1), [1, 2, 3]],
  ])("%s", (_, now, levels) => {
    expect(decideEscalation(caseRecord(), now, ctx)?.levels).toEqual(levels);
  });

  it("should name the stage, the deadline and the days overdue", () => {
    expect(decideEscalation(caseRecord(), after(8, 1), ctx)).toEqual({ levels: [1, 2], stage: "processing", dueAt, daysOverdue: 9 });
  });

  it("should decide only the levels above the one recorded, and nothing once it is recorded", () => {
    expect(decideEscalation(caseRecord({ escalationRecorded: 1 }), after(31), ctx)?.levels).toEqual([2, 3]);
    expect(decideEscalation(caseRecord({ escalationRecorded: 3 }), after(31), ctx)).toBeUndefined();
  });

  it("should not escalate a resolved case or an anonymous denunciation", () => {
    expect(decideEscalation(caseRecord({ status: "resolved" }), after(40), ctx)).toBeUndefined();
    expect(decideEscalation(caseRecord({ kind: "denunciation", anonymous: true, deadlines: {} }), after(40), ctx)).toBeUndefined();
  });
});

// ---- the run, on in-memory ports ----

class MemoryCases {
  readonly records = new Map<string, CaseRecord>();
  readonly events: CaseEvent[] = [];
  async update(record: CaseRecord, event: CaseEvent, expected: number) {
    await Promise.resolve();
    if (this.records.get(record.caseId)?.version !== expected) throw new StaleVersionError(record.caseId);
    this.records.set(record.caseId, record);
    this.events.push(event);
  }
  async getRecord(caseId: string) {
    return this.records.get(caseId);
  }
}

class MemoryLedger implements NotificationLedger {
  readonly marks = new Set<string>();
  async claim(caseId: string, key: string, recipient: string) {
    const k = `${caseId}|${key}|${recipient}`;
    if (this.marks.has(k)) return false;
    this.marks.add(k);
    return true;
  }
  async release(caseId: string, key: string, recipient: string) {
    this.marks.delete(`${caseId}|${key}|${recipient}`);
  }
}

class Outbox implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  failNext = 0;
  async send(m: OutgoingMessage) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("SES said no to binh@example.vn");
    }
    this.sent.push(m);
  }
}

const addresses: StaffAddresses = {
  unitHead: (unitId) => (unitId === "so-gtvt" ? "truong@sogtvt.vn" : "mac-dinh@tinh.vn"),
  inspectionTeam: "thanhtra@tinh.vn",
  provinceLeadership: "lanhdao@tinh.vn",
};

function world(records: CaseRecord[], raw: Record<string, unknown>[] = []) {
  const cases = new MemoryCases();
  for (const r of records) cases.records.set(r.caseId, r);
  const due: DueCaseSource = {
    async *dueBefore() {
      // What the index would hold: the items as they are now (cases that were escalated since included).
      yield { items: [...cases.records.values()].slice(0, 2) };
      yield { items: [...[...cases.records.values()].slice(2), ...raw] };
    },
  };
  const notifier = new Outbox();
  const ledger = new MemoryLedger();
  const deps = (now: Date, over: Partial<SweepDeps> = {}): SweepDeps => ({ due, cases, clock: { now: () => now }, deadlines: ctx, notifier, ledger, addresses, ...over });
  return { cases, notifier, ledger, deps };
}

describe("runSweep", () => {
  it("should record levels 1, 2 and 3 of a case that jumped straight to 3, each as its own chained event, and notify each audience", async () => {
    const c = caseRecord();
    const w = world([c]);

    const summary = await runSweep(w.deps(after(31)));

    expect(summary).toEqual({
      scanned: 0, queried: 2, due: 1, escalated: 1, levelsRecorded: 3, notificationsSent: 4, notificationsSkipped: 0, failed: 0, failedCaseIds: [],
    });
    expect(w.cases.events.map((e) => [e.type, e.seq, e.data?.level, e.actor.kind])).toEqual([
      ["escalated", 2, 1, "system"],
      ["escalated", 3, 2, "system"],
      ["escalated", 4, 3, "system"],
    ]);
    expect(w.cases.events[0]!.data).toEqual({ level: 1, daysOverdue: 31, stage: "processing", dueAt });
    expect(w.cases.records.get(c.caseId)).toMatchObject({ escalationRecorded: 3, version: 4, lastSeq: 4, lastHash: w.cases.events[2]!.hash });
    expect(w.cases.events.map((e) => e.prevHash)).toEqual([GENESIS_HASH, w.cases.events[0]!.hash, w.cases.events[1]!.hash]);
    expect(w.notifier.sent.map((m) => m.to)).toEqual(["truong@sogtvt.vn", "binh@example.vn", "thanhtra@tinh.vn", "lanhdao@tinh.vn"]);
  });

  it("should add nothing when run again", async () => {
    const w = world([caseRecord(), caseRecord({ escalationRecorded: 1 })]);
    await runSweep(w.deps(after(8)));
    const events = w.cases.events.length;
    const sent = w.notifier.sent.length;

    const again = await runSweep(w.deps(after(8, 60_000)));

    expect(again).toMatchObject({ due: 2, escalated: 0, levelsRecorded: 0, notificationsSent: 0, failed: 0 });
    expect(w.cases.events).toHaveLength(events);
    expect(w.notifier.sent).toHaveLength(sent);
  });

  it("should record and notify each level once when two sweeps run at the same time", async () => {
    const w = world([caseRecord(), caseRecord(), caseRecord()]);

    const [a, b] = await Promise.all([runSweep(w.deps(after(31))), runSweep(w.deps(after(31)))]);

    expect(a.failed + b.failed).toBe(0);
    expect(a.levelsRecorded + b.levelsRecorded).toBe(9);
    expect(w.cases.events).toHaveLength(9);
    for (const c of w.cases.records.values()) expect(w.cases.events.filter((e) => e.caseId === c.caseId).map((e) => e.data?.level)).toEqual([1, 2, 3]);
    expect(w.notifier.sent).toHaveLength(12);
  });

  it("should count a case it cannot read as failed and still sweep the others", async () => {
    const w = world([caseRecord(), caseRecord()], [{ pk: "CASE#x", caseId: "5a1d0c7e-0000-4000-8000-000000000000", status: "in_progress", version: "two" }]);

    const summary = await runSweep(w.deps(after(1)));

    expect(summary).toMatchObject({ due: 3, escalated: 2, failed: 1, failedCaseIds: ["5a1d0c7e-0000-4000-8000-000000000000"] });
  });

  it("should record nothing when a notice cannot be sent, release its marker, and send and record on the next run", async () => {
    const c = caseRecord();
    const w = world([c]);
    w.notifier.failNext = 1;
    const warnings: unknown[] = [];

    const first = await runSweep(w.deps(after(1), { warn: (m, d) => warnings.push(d) }));
    const second = await runSweep(w.deps(after(1, 60_000)));

    expect(first).toMatchObject({ escalated: 0, failed: 1, failedCaseIds: [c.caseId] });
    expect(JSON.stringify(warnings)).not.toContain("binh@example.vn");
    expect(second).toMatchObject({ escalated: 1, levelsRecorded: 1, notificationsSent: 2, failed: 0 });
    expect(w.notifier.sent.map((m) => m.to)).toEqual(["truong@sogtvt.vn", "binh@example.vn"]);
  });

  it("should not send again what a crashed run sent before recording it", async () => {
    const c = caseRecord();
    const w = world([c]);
    w.ledger.marks.add(`${c.caseId}|ESC#${dueAt}#L1|unit_head`);
    w.ledger.marks.add(`${c.caseId}|ESC#${dueAt}#L1|citizen`);

    const summary = await runSweep(w.deps(after(1)));

    expect(summary).toMatchObject({ levelsRecorded: 1, notificationsSent: 0 });
    expect(w.notifier.sent).toEqual([]);
  });

  it("should still record the levels, counting every notice skipped, without a notifier or an address", async () => {
    const noMail = world([caseRecord({ submitter: { fullName: "Trần Văn Bình", phone: "0909000111" } })]);
    const noAddress = world([caseRecord()]);

    const a = await runSweep(noMail.deps(after(31), { notifier: undefined }));
    const b = await runSweep(noAddress.deps(after(8), { addresses: { unitHead: () => undefined } }));

    expect(a).toMatchObject({ levelsRecorded: 3, notificationsSent: 0, notificationsSkipped: 4 });
    expect(b).toMatchObject({ levelsRecorded: 2, notificationsSent: 1, notificationsSkipped: 2 });
    expect(noAddress.notifier.sent.map((m) => m.to)).toEqual(["binh@example.vn"]);
  });
});
