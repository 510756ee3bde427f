// The tamper-evident audit trail: each event's hash covers the previous event's hash and the
// event's own canonical content (RFC 8785), so editing or removing any stored event breaks the chain.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { CaseEvent } from "./case.ts";

export const GENESIS_HASH = "0".repeat(64);

export type UnsealedEvent = Omit<CaseEvent, "prevHash" | "hash">;

export function hashEvent(prevHash: string, event: UnsealedEvent): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalize(event) ?? "")
    .digest("hex");
}

/** Links an event to the chain after `prevHash`. */
export function chainEvent(prevHash: string, event: UnsealedEvent): CaseEvent {
  return { ...event, prevHash, hash: hashEvent(prevHash, event) };
}

export interface ChainVerdict {
  readonly chainValid: boolean;
  /** The sequence number of the first event that does not verify. */
  readonly brokenAt?: number;
}

/** Verifies a case's events, in order, from the genesis hash to the head the case item records. */
export function verifyChain(events: readonly CaseEvent[], head?: { lastSeq: number; lastHash: string }): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const { prevHash, hash, ...content } = event;
    if (event.seq !== i + 1 || prevHash !== prev || hash !== hashEvent(prev, content)) return { chainValid: false, brokenAt: i + 1 };
    prev = hash;
  }
  if (head && (head.lastSeq !== events.length || head.lastHash !== prev)) return { chainValid: false, brokenAt: events.length + 1 };
  return { chainValid: true };
}
