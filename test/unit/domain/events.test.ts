// appendEvent and startCase: the one way a case changes keeps its audit chain valid and its counters consistent.
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, verifyChain } from "#domain/audit.ts";
import type { CaseEvent, CaseRecord } from "#domain/case.ts";
import { computeDeadlines, defaultDeadlineContext } from "#domain/deadlines/index.ts";
import { appendEvent, startCase } from "#domain/events.ts";

const ctx = defaultDeadlineContext();
const receivedAt = "2026-10-05T02:00:00.000Z";
const enteredAt = new Date("2026-10-05T02:00:05.000Z");
const reception = { kind: "staff", userId: "sub-reception1", username: "reception1", role: "reception" } as const;

function fresh() {
  const facts = { kind: "petition" as const, anonymous: false, status: "received" as const, receivedAt };
  return {
    ...facts,
    caseId: "7b0e7c1a-0000-4000-8000-000000000001",
    trackingCode: "DT-TEST",
    subject: "Kiến nghị sửa đường",
    content: "…",
    channel: "mail" as const,
    language: "vi" as const,
    deadlines: computeDeadlines(facts, ctx),
  };
}

const filed = () => startCase(fresh(), { type: "received", at: receivedAt, actor: reception, data: { channel: "mail" } }, enteredAt);

describe("startCase", () => {
  it("should open the chain at version 1 with the first event, effective when received and entered now", () => {
    // Act
    const { next, event } = filed();
    // Assess
    const { prevHash, hash, ...content } = event;
    expect({ content, prevHash, chain: [next.version, next.lastSeq, next.lastHash, next.lastAt, next.updatedAt] }).toEqual({
      content: {
        caseId: next.caseId, seq: 1, type: "received", at: receivedAt, enteredAt: enteredAt.toISOString(),
        actor: reception, status: "received", data: { channel: "mail" }, macVersion: 1,
      },
      prevHash: GENESIS_HASH,
      chain: [1, 1, hash, receivedAt, enteredAt.toISOString()],
    });
  });
});

describe("appendEvent", () => {
  it("should keep the chain valid and the counters on the last event, event after event", () => {
    // Prepare
    const first = filed();
    const events: CaseEvent[] = [first.event];
    let record: CaseRecord = first.next;
    // Act
    for (const [i, type] of (["classified", "note", "accepted"] as const).entries()) {
      const { next, event } = appendEvent(record, { type, at: `2026-10-0${6 + i}T03:00:00.000Z`, actor: reception }, new Date(`2026-10-0${6 + i}T04:00:00.000Z`));
      events.push(event);
      record = next;
    }
    // Assess
    expect({ verdict: verifyChain(events, record), version: record.version, lastAt: record.lastAt, updatedAt: record.updatedAt, seqs: events.map((e) => e.seq) }).toEqual({
      verdict: { chainValid: true },
      version: 4,
      lastAt: "2026-10-08T03:00:00.000Z",
      updatedAt: "2026-10-08T04:00:00.000Z",
      seqs: [1, 2, 3, 4],
    });
  });

  it("should record the status the case has after the event, and apply its changes", () => {
    // Prepare
    const { next: record } = filed();
    // Act
    const { next, event } = appendEvent(record, { type: "transferred", at: "2026-10-06T03:00:00.000Z", actor: reception, changes: { status: "transferred", decision: { action: "transfer" } } }, enteredAt);
    // Assess
    expect([event.status, next.status, next.decision]).toEqual(["transferred", "transferred", { action: "transfer" }]);
  });

  it("should keep lastAt for the system's events and a reveal, and still move updatedAt and the chain", () => {
    // Prepare
    const { next: record } = filed();
    const now = new Date("2026-10-09T03:00:00.000Z");
    const system = { kind: "system" } as const;
    // Act
    const kept = (["escalated", "deadlines_recomputed", "identity_revealed"] as const).map((type) => appendEvent(record, { type, at: now.toISOString(), actor: type === "identity_revealed" ? reception : system }, now));
    const moved = appendEvent(record, { type: "note", at: now.toISOString(), actor: reception }, now).next;
    // Assess
    expect(kept.map(({ next, event }) => [next.lastAt, next.updatedAt, next.lastSeq, next.lastHash === event.hash])).toEqual([
      [receivedAt, now.toISOString(), 2, true],
      [receivedAt, now.toISOString(), 2, true],
      [receivedAt, now.toISOString(), 2, true],
    ]);
    expect(moved.lastAt).toBe(now.toISOString());
  });

  it("should remove a field a change sets to undefined, and keep the others", () => {
    // Prepare
    const record: CaseRecord = { ...filed().next, submitter: { fullName: "Trần Văn Bình", phone: "0909000111" } };
    // Act
    const { next } = appendEvent(record, { type: "classified", at: "2026-10-06T03:00:00.000Z", actor: reception, changes: { submitter: undefined, sealedSubmitter: "local1.x.y" } }, enteredAt);
    // Assess
    expect([Object.hasOwn(next, "submitter"), next.sealedSubmitter, next.subject]).toEqual([false, "local1.x.y", record.subject]);
  });

  it("should not let a change rewind the chain fields, even one spread from the record it changes", () => {
    // Prepare
    const { next: record } = filed();
    // Act: an effect that returns the whole record it was given, as a deadline change does
    const { next, event } = appendEvent(record, { type: "note", at: "2026-10-06T03:00:00.000Z", actor: reception, changes: { ...record } }, enteredAt);
    // Assess
    expect([next.version, next.lastSeq, next.lastHash]).toEqual([2, 2, event.hash]);
  });

  it("should start the escalation ladder again when a change moves the current deadline, and keep it otherwise", () => {
    // Prepare
    const record: CaseRecord = { ...filed().next, escalationRecorded: 2 };
    const moved = computeDeadlines({ ...record, receivedAt: "2026-10-06T02:00:00.000Z" }, ctx);
    // Act
    const noted = appendEvent(record, { type: "note", at: "2026-10-06T03:00:00.000Z", actor: reception }, enteredAt).next;
    const recomputed = appendEvent(record, { type: "deadlines_recomputed", at: "2026-10-06T03:00:00.000Z", actor: { kind: "system" }, changes: { deadlines: moved } }, enteredAt).next;
    // Assess
    expect([noted.escalationRecorded, recomputed.escalationRecorded]).toEqual([2, undefined]);
  });

  it("should mark the case backdated with its first step entered more than 3 days after it took effect, and keep it so", () => {
    // Prepare
    const { next: record } = filed();
    const now = new Date("2026-10-20T02:00:00.000Z");
    // Act
    const recent = appendEvent(record, { type: "classified", at: "2026-10-18T02:00:00.000Z", actor: reception }, now);
    const paper = appendEvent(recent.next, { type: "accepted", at: "2026-10-16T01:59:59.000Z", actor: reception }, now);
    const later = appendEvent(paper.next, { type: "note", at: "2026-10-20T02:00:00.000Z", actor: reception, changes: { backdated: undefined } as never }, now);
    // Assess
    expect([recent.event.backdated, recent.next.backdated, paper.event.backdated, paper.next.backdated, later.event.backdated, later.next.backdated]).toEqual([
      undefined,
      undefined,
      true,
      true,
      undefined,
      true,
    ]);
  });
});
