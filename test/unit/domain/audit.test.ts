import { describe, expect, it } from "vitest";
import { chainEvent, GENESIS_HASH, verifyChain, type UnsealedEvent } from "#domain/audit.ts";

const event = (seq: number, data: Record<string, unknown> = {}): UnsealedEvent => ({
  caseId: "6f1c2a8e-1b2c-4d3e-8f40-123456789abc",
  seq,
  type: seq === 1 ? "received" : "note",
  at: `2026-10-0${seq}T01:00:00.000Z`,
  enteredAt: `2026-10-0${seq}T01:00:00.000Z`,
  actor: { kind: "citizen" },
  status: "received",
  data,
});

function chain(n: number) {
  const events = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = chainEvent(prev, event(seq, { text: `ghi chú ${seq}` }));
    events.push(e);
    prev = e.hash;
  }
  return events;
}

describe("the audit chain", () => {
  it("should verify an untouched chain up to the head the case records", () => {
    const events = chain(4);

    expect(verifyChain(events, { lastSeq: 4, lastHash: events[3]!.hash })).toEqual({ chainValid: true });
  });

  it("should not depend on the order of keys in an event", () => {
    const a = chainEvent(GENESIS_HASH, event(1, { a: 1, b: 2 }));
    const b = chainEvent(GENESIS_HASH, { ...event(1), data: { b: 2, a: 1 } });

    expect(a.hash).toBe(b.hash);
  });

  it("should find an edited event, a removed event, a reordered chain and a truncated tail", () => {
    const events = chain(4);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, data: { text: "đã sửa" } } : e));
    const removed = events.filter((e) => e.seq !== 3);
    const reordered = [events[0]!, events[2]!, events[1]!, events[3]!];

    expect(verifyChain(edited)).toEqual({ chainValid: false, brokenAt: 2 });
    expect(verifyChain(removed)).toEqual({ chainValid: false, brokenAt: 3 });
    expect(verifyChain(reordered)).toEqual({ chainValid: false, brokenAt: 2 });
    expect(verifyChain(events.slice(0, 3), { lastSeq: 4, lastHash: events[3]!.hash })).toEqual({ chainValid: false, brokenAt: 4 });
  });
});
