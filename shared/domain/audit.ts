// The audit trail: each event's hash covers the previous event's hash and the event's own canonical
// content (RFC 8785), and each event written since the keyed chain (macVersion 1) also carries a MAC of
// that hash under an audit key the table writers hold only behind a port (KMS on AWS): whoever can write
// the tables can re-hash an edited chain, never re-MAC it. The heads are anchored outside the tables
// (AnchorStore), so a deletion or a rollback to an earlier consistent state shows against the anchor.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { z } from "zod";
import type { CaseEvent } from "./case.ts";
import type { MacVerifier } from "./ports.ts";

export const GENESIS_HASH = "0".repeat(64);

/** The chain's version on every event appended since the keyed MAC: events without one predate it (hash only). */
export const AUDIT_MAC_VERSION = 1 as const;

export type UnsealedEvent = Omit<CaseEvent, "prevHash" | "hash" | "mac" | "macVersion">;

export function hashEvent(prevHash: string, event: Omit<CaseEvent, "prevHash" | "hash" | "mac">): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalize(event) ?? "")
    .digest("hex");
}

/** Links an event to the chain after `prevHash`, as a keyed-chain event; the MAC is added when it is written (CaseRepository). */
export function chainEvent(prevHash: string, event: UnsealedEvent): CaseEvent {
  const versioned = { ...event, macVersion: AUDIT_MAC_VERSION };
  return { ...versioned, prevHash, hash: hashEvent(prevHash, versioned) };
}

/** What the audit key signs for an event: its hash, which covers its content and every earlier event, under a label of the chain's version. */
export const macMessage = (event: Pick<CaseEvent, "hash">): string => `don-thu audit chain v${AUDIT_MAC_VERSION}\n${event.hash}`;

/** A MAC as the audit key writes it: 32 bytes, base64url. */
export const macPattern = /^[A-Za-z0-9_-]{43}$/;

/** A chain head as anchored outside the tables. */
export const anchoredHeadSchema = z.object({
  caseId: z.uuid(),
  seq: z.number().int().positive(),
  mac: z.string().regex(macPattern),
  /** When the event was entered. */
  at: z.iso.datetime(),
});
export type AnchoredHead = z.infer<typeof anchoredHeadSchema>;
/** What the audit compares of an anchored head. */
export type AnchorRef = Pick<AnchoredHead, "seq" | "mac">;

/**
 * Why a chain does not verify, at `brokenAt`:
 * - `hash_mismatch`: the event's content or its link to the previous event is not what its hash says;
 * - `mac_mismatch`: the hash holds but the MAC does not (re-hashed by someone without the audit key), or
 *   a keyed event lost its MAC;
 * - `missing_event`: a sequence number is skipped, or the case item counts more events than are stored;
 * - `head_mismatch`: the case item's head is not its last event;
 * - `rolled_back`: the chain is consistent but its anchored head is later than what the table holds, or
 *   the table holds another event at the anchored sequence number (rolled back, then written again).
 */
export const chainBreakSchema = z.enum(["hash_mismatch", "mac_mismatch", "missing_event", "head_mismatch", "rolled_back"]);
export type ChainBreak = z.infer<typeof chainBreakSchema>;

export interface ChainVerdict {
  readonly chainValid: boolean;
  /** The sequence number of the first event that does not verify. */
  readonly brokenAt?: number;
  readonly reason?: ChainBreak;
}

const broken = (brokenAt: number, reason: ChainBreak): ChainVerdict => ({ chainValid: false, brokenAt, reason });

/** The case item's head, as it records it: every event appended moves its version and its head together. */
export interface ChainHead {
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly version?: number;
}

/** The hash chain alone, from the genesis hash to the head the case item records (no key needed). */
export function verifyChain(events: readonly CaseEvent[], head?: ChainHead): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    if (event.seq !== i + 1) return broken(i + 1, event.seq > i + 1 ? "missing_event" : "hash_mismatch");
    const { prevHash, hash, mac: _mac, ...content } = event;
    if (prevHash !== prev || hash !== hashEvent(prev, content)) return broken(i + 1, "hash_mismatch");
    prev = hash;
  }
  if (!head) return { chainValid: true };
  const n = events.length;
  if (head.lastSeq > n) return broken(n + 1, "missing_event");
  // The item was put back to an earlier state while later events stayed.
  if (head.lastSeq < n) return broken(head.lastSeq + 1, "rolled_back");
  if (head.lastHash !== prev) return broken(n, "head_mismatch");
  // A version ahead of the head: the item still counts an event that was removed along with a rewritten head.
  if (head.version !== undefined && head.version > head.lastSeq) return broken(n + 1, "missing_event");
  return { chainValid: true };
}

export interface AuditVerdict extends ChainVerdict {
  /** The sequence number of the latest anchored head that matches the table; absent when nothing is anchored yet. */
  readonly anchoredThrough?: number;
  /** The events up to this sequence number predate the keyed chain: they are verified by their hashes only. */
  readonly unkeyedThrough?: number;
}

/**
 * The whole verdict: the hash chain, each keyed event's MAC, then every anchored head of the case
 * against the table's event at its sequence number (so a rollback stays visible after new events are
 * written over it). An event written after the latest anchor (the last minute) is not a failure: the
 * answer says how far the anchors reach. Events from before the keyed chain verify by their hashes only,
 * and only as a prefix: after the first keyed event every event must carry a MAC.
 */
export async function verifyAuditChain(
  events: readonly CaseEvent[],
  head: ChainHead,
  keys: MacVerifier,
  anchors: readonly AnchorRef[],
): Promise<AuditVerdict> {
  const structural = verifyChain(events, head);
  const firstKeyed = events.findIndex((e) => e.macVersion !== undefined);
  const unkeyed = firstKeyed < 0 ? events.length : firstKeyed;
  const extra = unkeyed > 0 ? { unkeyedThrough: unkeyed } : {};
  const macs = await Promise.all(events.map((e, i) => (i < unkeyed ? true : e.mac !== undefined && e.macVersion === AUDIT_MAC_VERSION && keys.verify(macMessage(e), e.mac))));
  const badMac = macs.findIndex((ok) => !ok);
  // The first failure in the order of the chain, whichever check found it.
  if (badMac >= 0 && (structural.chainValid || (structural.brokenAt ?? Infinity) > badMac + 1)) return { ...broken(badMac + 1, "mac_mismatch"), ...extra };
  if (!structural.chainValid) return { ...structural, ...extra };
  if (anchors.length === 0) return { chainValid: true, ...extra };
  const differs = anchors.filter((a) => events[a.seq - 1]?.mac !== a.mac).map((a) => a.seq);
  if (differs.length > 0) {
    const first = Math.min(...differs);
    const stored = events[first - 1];
    // Short of the anchor: the first anchored event the table no longer holds.
    if (!stored) return { ...broken(events.length + 1, "rolled_back"), ...extra };
    // Another event where the anchored one was: rolled back and written again, or stripped of its MAC.
    return { ...broken(first, stored.mac === undefined ? "mac_mismatch" : "rolled_back"), ...extra };
  }
  return { chainValid: true, anchoredThrough: Math.max(...anchors.map((a) => a.seq)), ...extra };
}
