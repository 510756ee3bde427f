// Extension limits, the accept/extend/suspend/resume actions, recompute, and flags.
import { describe, expect, it } from "vitest";
import "#domain/case.ts";
import { BusinessRuleError, ConflictError } from "#domain/errors.ts";
import {
  acceptCase,
  checkExtension,
  computeDeadlines,
  defaultDeadlineContext,
  deriveFlags,
  extendCase,
  recomputeDeadlines,
  resumeCase,
  suspendCase,
  type DeadlineFacts,
} from "#domain/deadlines/index.ts";
import { Calendar, officialAdjustments } from "#domain/calendar/index.ts";

const ctx = defaultDeadlineContext();
const at = (date: string) => `${date}T03:00:00.000Z`;
const denunciation = (complexity: "normal" | "complex" | "very_complex", extensions: { days: number; at: string }[] = []) => ({
  kind: "denunciation" as const,
  complexity,
  acceptedAt: at("2026-03-02"),
  extensions,
});

const refusal = (fn: () => void): { type: string; detail: string } | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof BusinessRuleError) return { type: "BusinessRuleError", detail: e.detail ?? "" };
    throw e;
  }
};

describe("checkExtension", () => {
  it("it should refuse any extension of a complaint", () => {
    // Prepare / Act
    const refused = refusal(() => checkExtension({ kind: "complaint", acceptedAt: at("2026-03-02") }, { days: 10, at: at("2026-03-10") }, ctx));
    // Assess
    expect(refused).toEqual({ type: "BusinessRuleError", detail: "The policy allows no extension for a normal complaint." });
  });

  it("it should refuse an extension of a normal denunciation", () => {
    // Prepare / Act
    const refused = refusal(() => checkExtension(denunciation("normal"), { days: 10, at: at("2026-03-10") }, ctx));
    // Assess
    expect(refused).toEqual({ type: "BusinessRuleError", detail: "The policy allows no extension for a normal denunciation." });
  });

  it("it should refuse a second extension of a complex denunciation, naming the limit", () => {
    // Prepare
    const c = denunciation("complex", [{ days: 30, at: at("2026-03-20") }]);
    // Act
    const refused = refusal(() => checkExtension(c, { days: 10, at: at("2026-03-25") }, ctx));
    // Assess
    expect(refused?.detail).toBe(
      "A complex denunciation may be extended at most 1 time(s) (Law on Denunciations 2018, art. 30 (resolution period and its extensions)); it has been extended 1 time(s).",
    );
  });

  it("it should refuse a third extension of a very complex denunciation", () => {
    // Prepare
    const c = denunciation("very_complex", [
      { days: 30, at: at("2026-03-20") },
      { days: 30, at: at("2026-04-20") },
    ]);
    // Act
    const refused = refusal(() => checkExtension(c, { days: 5, at: at("2026-05-01") }, ctx));
    // Assess
    expect(refused?.detail).toMatch(/^A very complex denunciation may be extended at most 2 time\(s\)/);
  });

  it("it should refuse an extension of more than 30 days", () => {
    // Prepare / Act
    const refused = refusal(() => checkExtension(denunciation("very_complex"), { days: 31, at: at("2026-03-10") }, ctx));
    // Assess
    expect(refused?.detail).toBe("An extension may be at most 30 days (Law on Denunciations 2018, art. 30 (resolution period and its extensions)).");
  });

  it("it should allow the second 30-day extension of a very complex denunciation", () => {
    // Prepare
    const c = denunciation("very_complex", [{ days: 30, at: at("2026-03-20") }]);
    // Act
    const refused = refusal(() => checkExtension(c, { days: 30, at: at("2026-04-20") }, ctx));
    // Assess
    expect(refused).toBeUndefined();
  });

  it("it should refuse an extension decided after the deadline has passed", () => {
    // Prepare: due Wed 2026-04-01
    const c = denunciation("complex");
    // Act
    const refused = refusal(() => checkExtension(c, { days: 30, at: "2026-04-01T17:00:00Z" }, ctx));
    // Assess
    expect(refused?.detail).toBe("An extension must be decided before the resolution deadline (2026-04-01) passes.");
  });
});

const received: DeadlineFacts = {
  kind: "denunciation",
  anonymous: false,
  status: "received",
  receivedAt: at("2026-02-25"),
  complexity: "very_complex",
};

describe("actions", () => {
  it("it should accept a received case and start the resolution period, leaving its status to the state machine", () => {
    // Prepare / Act
    const { facts, deadlines } = acceptCase(received, { at: at("2026-03-02") }, ctx);
    // Assess
    expect({ status: facts.status, acceptedAt: facts.acceptedAt, resolution: deadlines.resolution?.dueDate, processing: deadlines.processing?.dueDate }).toEqual({
      status: "received",
      acceptedAt: at("2026-03-02"),
      resolution: "2026-04-01",
      processing: "2026-03-06",
    });
  });

  it("it should extend, suspend and resume, moving the deadline each time", () => {
    // Prepare
    const accepted = acceptCase(received, { at: at("2026-03-02") }, ctx).facts;
    // Act
    const extended = extendCase(accepted, { days: 30, at: at("2026-03-20") }, ctx);
    const suspended = suspendCase(extended.facts, { at: at("2026-04-10") }, ctx);
    const resumed = resumeCase(suspended.facts, { at: at("2026-04-20") }, ctx);
    // Assess: 30 + 30 = day 60 Fri 1 May → Mon 4 May; 03-03..04-09 used (38 days), 22 left; +10 paused = day 70 Mon 11 May
    expect([extended.deadlines.resolution?.dueDate, suspended.deadlines.resolution?.suspended, resumed.deadlines.resolution?.dueDate]).toEqual([
      "2026-05-04",
      { since: "2026-04-10", asOf: "2026-04-10", daysUsed: 38, daysLeft: 22, unit: "calendar" },
      "2026-05-11",
    ]);
  });

  it("it should refuse to suspend a suspended case and to resume a running one", () => {
    // Prepare
    const accepted = acceptCase(received, { at: at("2026-03-02") }, ctx).facts;
    const suspended = suspendCase(accepted, { at: at("2026-03-10") }, ctx).facts;
    // Act / Assess
    expect(() => suspendCase(suspended, { at: at("2026-03-11") }, ctx)).toThrow(ConflictError);
    expect(() => resumeCase(accepted, { at: at("2026-03-11") }, ctx)).toThrow(ConflictError);
  });

  it("it should refuse a resumption before its suspension", () => {
    // Prepare
    const accepted = acceptCase(received, { at: at("2026-03-02") }, ctx).facts;
    const suspended = suspendCase(accepted, { at: at("2026-03-10") }, ctx).facts;
    // Act / Assess
    expect(() => resumeCase(suspended, { at: at("2026-03-09") }, ctx)).toThrow(BusinessRuleError);
  });
});

describe("recomputeDeadlines", () => {
  it("it should report no change when nothing changed", () => {
    // Prepare
    const facts = { ...received, status: "in_progress" as const, acceptedAt: at("2026-03-02") };
    const deadlines = computeDeadlines(facts, ctx);
    // Act
    const result = recomputeDeadlines({ ...facts, deadlines }, ctx);
    // Assess
    expect({ changed: result.changed, changes: result.changes }).toEqual({ changed: false, changes: [] });
  });

  it("it should report the moved stage when a day off is added to the calendar", () => {
    // Prepare: petition received Mon 2026-10-05, due Mon 10-19; 2026-10-12 declared a day off
    const facts: DeadlineFacts = { kind: "petition", anonymous: false, status: "received", receivedAt: at("2026-10-05") };
    const deadlines = computeDeadlines(facts, ctx);
    const calendar = new Calendar(officialAdjustments()).withAdjustments(2026, {
      holidays: ["2026-01-02", "2026-08-31", "2026-10-12"],
      workingDays: ["2026-01-10", "2026-08-22"],
    });
    // Act
    const result = recomputeDeadlines({ ...facts, deadlines }, { ...ctx, calendar });
    // Assess
    expect({ changed: result.changed, changes: result.changes }).toEqual({
      changed: true,
      changes: [{ stage: "processing", from: "2026-10-19T16:59:59.999Z", to: "2026-10-20T16:59:59.999Z" }],
    });
  });
});

describe("deriveFlags", () => {
  const petition: DeadlineFacts = { kind: "petition", anonymous: false, status: "received", receivedAt: at("2026-10-05") };
  const flagsAt = (facts: DeadlineFacts, now: string) => {
    const f = deriveFlags(facts, now, ctx);
    return { flags: f.flags, escalationLevel: f.escalationLevel, daysOverdue: f.daysOverdue };
  };

  it("it should not flag a case with 4 working days left", () => {
    expect(flagsAt(petition, at("2026-10-14"))).toEqual({ flags: [], escalationLevel: 0, daysOverdue: 0 });
  });

  it("it should flag approaching with 3 working days left (today included)", () => {
    expect(flagsAt(petition, at("2026-10-15"))).toEqual({ flags: ["approaching"], escalationLevel: 0, daysOverdue: 0 });
  });

  it("it should still be approaching at the last millisecond of the due date", () => {
    expect(flagsAt(petition, "2026-10-19T16:59:59.999Z")).toEqual({ flags: ["approaching"], escalationLevel: 0, daysOverdue: 0 });
  });

  it("it should be overdue at level 1 one millisecond later", () => {
    expect(flagsAt(petition, "2026-10-19T17:00:00.000Z")).toEqual({ flags: ["overdue"], escalationLevel: 1, daysOverdue: 1 });
  });

  it("it should stay at level 1 at 7 days overdue and reach level 2 past 7 days", () => {
    expect([flagsAt(petition, at("2026-10-26")).escalationLevel, flagsAt(petition, at("2026-10-27")).escalationLevel]).toEqual([1, 2]);
  });

  it("it should reach level 3 and prolonged past 30 days overdue", () => {
    expect([flagsAt(petition, at("2026-11-18")), flagsAt(petition, at("2026-11-19"))]).toEqual([
      { flags: ["overdue"], escalationLevel: 2, daysOverdue: 30 },
      { flags: ["overdue", "prolonged"], escalationLevel: 3, daysOverdue: 31 },
    ]);
  });

  it("it should flag prolonged a case open more than 90 days even within its deadline", () => {
    // Prepare: received 2026-01-05, accepted 2026-04-01 (due 2026-05-01 → Mon 05-04)
    const facts: DeadlineFacts = { kind: "complaint", anonymous: false, status: "in_progress", receivedAt: at("2026-01-05"), acceptedAt: at("2026-04-01") };
    // Act / Assess: 2026-04-06 is 91 days after 2026-01-05
    expect([flagsAt(facts, at("2026-04-05")).flags, flagsAt(facts, at("2026-04-06")).flags]).toEqual([[], ["prolonged"]]);
  });

  it("it should flag prolonged the third filing of the same matter", () => {
    expect(flagsAt({ ...petition, filingCount: 3 }, at("2026-10-06")).flags).toEqual(["prolonged"]);
  });

  it("it should raise neither approaching nor overdue while suspended", () => {
    // Prepare
    const facts: DeadlineFacts = { ...petition, status: "in_progress", acceptedAt: at("2026-10-06"), suspensions: [{ from: at("2026-10-10") }] };
    // Act / Assess
    expect(flagsAt(facts, at("2026-12-20"))).toEqual({ flags: [], escalationLevel: 0, daysOverdue: 0 });
  });

  it("it should not flag a closed case", () => {
    expect(flagsAt({ ...petition, status: "closed" }, at("2027-06-01"))).toEqual({ flags: [], escalationLevel: 0, daysOverdue: 0 });
  });

  it("it should not flag an anonymous denunciation for deadlines", () => {
    expect(flagsAt({ ...petition, kind: "denunciation", anonymous: true }, at("2026-11-01"))).toEqual({ flags: [], escalationLevel: 0, daysOverdue: 0 });
  });
});
