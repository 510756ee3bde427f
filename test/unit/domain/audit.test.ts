// The keyed audit chain (shared/domain/audit.ts): the hash chain, each event's MAC under the audit key,
// and the anchored heads against the table, as someone who can write the table but holds no key tampers with it.
import { createHash, randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { chainEvent, GENESIS_HASH, hashEvent, macMessage, verifyAuditChain, verifyChain, type AnchorRef, type UnsealedEvent } from "#domain/audit.ts";
import type { CaseEvent } from "#domain/case.ts";
import { LocalAuditKey } from "#adapters/audit-keys.ts";

const key = new LocalAuditKey(randomBytes(32).toString("base64"));
const otherKey = new LocalAuditKey(randomBytes(32).toString("base64"));

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

/** A chain as the repository writes it: each event MAC'd under `signer` when written. */
async function signedChain(n: number, signer = key, from: { prev: string; events: CaseEvent[] } = { prev: GENESIS_HASH, events: [] }, text = "ghi chú"): Promise<CaseEvent[]> {
  const events = [...from.events];
  let prev = from.prev;
  for (let seq = events.length + 1; seq <= n; seq++) {
    const e = chainEvent(prev, event(seq, { text: `${text} ${seq}` }));
    events.push({ ...e, mac: await signer.mac(macMessage(e)) });
    prev = e.hash;
  }
  return events;
}

/** What an attacker without the key can do: re-hash the chain with plain SHA-256 from an event on. */
function rehashed(events: readonly CaseEvent[]): CaseEvent[] {
  let prev = GENESIS_HASH;
  return events.map((e) => {
    const { prevHash: _p, hash: _h, mac, ...content } = e;
    const hash = createHash("sha256").update(prev).update(canonicalize(content) ?? "").digest("hex");
    const out = { ...content, prevHash: prev, hash, ...(mac !== undefined && { mac }) };
    prev = hash;
    return out;
  });
}

/** A chain written before the keyed chain: hashes only, no chain version, no MAC. */
function legacyChain(n: number): CaseEvent[] {
  const events: CaseEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = event(seq, { text: `cũ ${seq}` });
    const hash = hashEvent(prev, content);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

const headOf = (events: readonly CaseEvent[], version = events.length) => ({ lastSeq: events.length, lastHash: events.at(-1)!.hash, version });
const anchorsOf = (events: readonly CaseEvent[]): AnchorRef[] => events.map((e) => ({ seq: e.seq, mac: e.mac! }));

describe("the hash chain", () => {
  it("should not depend on the order of keys in an event", () => {
    const a = chainEvent(GENESIS_HASH, event(1, { a: 1, b: 2 }));
    const b = chainEvent(GENESIS_HASH, { ...event(1), data: { b: 2, a: 1 } });

    expect(a.hash).toBe(b.hash);
  });

  it("should find an edited event, a removed event, a reordered chain, a truncated tail and an item rolled back alone", async () => {
    const events = await signedChain(4);
    const edited = events.map((e) => (e.seq === 2 ? { ...e, data: { text: "đã sửa" } } : e));
    const removed = events.filter((e) => e.seq !== 3);
    const reordered = [events[0]!, events[2]!, events[1]!, events[3]!];

    expect([
      verifyChain(events, headOf(events)),
      verifyChain(edited),
      verifyChain(removed),
      verifyChain(reordered),
      verifyChain(events.slice(0, 3), headOf(events)),
      verifyChain(events, headOf(events.slice(0, 2))),
      verifyChain(events, { ...headOf(events), lastHash: events[2]!.hash }),
    ]).toEqual([
      { chainValid: true },
      { chainValid: false, brokenAt: 2, reason: "hash_mismatch" },
      { chainValid: false, brokenAt: 3, reason: "missing_event" },
      { chainValid: false, brokenAt: 2, reason: "missing_event" },
      { chainValid: false, brokenAt: 4, reason: "missing_event" },
      { chainValid: false, brokenAt: 3, reason: "rolled_back" },
      { chainValid: false, brokenAt: 4, reason: "head_mismatch" },
    ]);
  });
});

describe("the keyed chain and its anchors", () => {
  it("should verify an untouched chain anchored through its head, and one whose last events are not anchored yet", async () => {
    const events = await signedChain(4);

    const whole = await verifyAuditChain(events, headOf(events), key, anchorsOf(events));
    const partly = await verifyAuditChain(events, headOf(events), key, anchorsOf(events.slice(0, 2)));
    const none = await verifyAuditChain(events, headOf(events), key, []);

    expect([whole, partly, none]).toEqual([{ chainValid: true, anchoredThrough: 4 }, { chainValid: true, anchoredThrough: 2 }, { chainValid: true }]);
  });

  it("should find an event edited and the chain re-hashed with plain SHA-256 at that event, by its MAC", async () => {
    const events = await signedChain(4);
    const forged = rehashed(events.map((e) => (e.seq === 2 ? { ...e, data: { text: "đã sửa" } } : e)));

    expect(verifyChain(forged, headOf(forged))).toEqual({ chainValid: true });
    expect(await verifyAuditChain(forged, headOf(forged), key, [])).toEqual({ chainValid: false, brokenAt: 2, reason: "mac_mismatch" });
  });

  it("should refuse a chain MAC'd under another key, and a keyed event whose MAC was removed", async () => {
    const foreign = await signedChain(3, otherKey);
    const events = await signedChain(3);
    const { mac: _m, ...stripped } = events[1]!;

    expect(await verifyAuditChain(foreign, headOf(foreign), key, [])).toEqual({ chainValid: false, brokenAt: 1, reason: "mac_mismatch" });
    expect(await verifyAuditChain([events[0]!, stripped, events[2]!], headOf(events), key, [])).toEqual({ chainValid: false, brokenAt: 2, reason: "mac_mismatch" });
  });

  it("should find the last event deleted and the case item's head rewritten: the item still counts it, and it is short of the anchor", async () => {
    const events = await signedChain(4);
    const kept = events.slice(0, 3);

    const verdict = await verifyAuditChain(kept, { ...headOf(kept), version: 4 }, key, anchorsOf(events));
    const versionFixedToo = await verifyAuditChain(kept, headOf(kept), key, anchorsOf(events));

    expect(verdict).toEqual({ chainValid: false, brokenAt: 4, reason: "missing_event" });
    expect(versionFixedToo).toEqual({ chainValid: false, brokenAt: 4, reason: "rolled_back" });
  });

  it("should find a rollback to an earlier consistent state, also once other events are written over it", async () => {
    const events = await signedChain(5);
    const earlier = events.slice(0, 3);
    // After the rollback the product goes on: events 4 and 5 again, validly MAC'd, but not the anchored ones.
    const rewritten = await signedChain(5, key, { prev: earlier[2]!.hash, events: earlier }, "viết lại");

    expect(await verifyAuditChain(earlier, headOf(earlier), key, anchorsOf(events))).toEqual({ chainValid: false, brokenAt: 4, reason: "rolled_back" });
    expect(await verifyAuditChain(rewritten, headOf(rewritten), key, anchorsOf(events))).toEqual({ chainValid: false, brokenAt: 4, reason: "rolled_back" });
  });

  it("should verify a case written before the keyed chain by its hashes, and the keyed events appended to it by their MACs", async () => {
    const legacy = legacyChain(3);
    const continued = await signedChain(5, key, { prev: legacy[2]!.hash, events: legacy });
    const tampered = continued.map((e) => (e.seq === 4 ? { ...e, mac: continued[4]!.mac } : e));

    expect(await verifyAuditChain(legacy, headOf(legacy), key, [])).toEqual({ chainValid: true, unkeyedThrough: 3 });
    expect(await verifyAuditChain(continued, headOf(continued), key, anchorsOf(continued.slice(3)))).toEqual({ chainValid: true, anchoredThrough: 5, unkeyedThrough: 3 });
    expect(await verifyAuditChain(tampered, headOf(tampered), key, [])).toEqual({ chainValid: false, brokenAt: 4, reason: "mac_mismatch", unkeyedThrough: 3 });
  });

  it("should find a keyed chain rewritten as one from before the keyed chain, against its anchors", async () => {
    const events = await signedChain(3);
    const downgraded = rehashed(events.map(({ mac: _m, macVersion: _v, ...e }) => e as CaseEvent));

    expect(await verifyAuditChain(downgraded, headOf(downgraded), key, anchorsOf(events))).toEqual({ chainValid: false, brokenAt: 1, reason: "mac_mismatch", unkeyedThrough: 3 });
  });
});
