// Repeat filings (DOMAIN.md "Repeat filings"): a sender is recognised by keyed hashes of their phone
// number and of their identity number, never the plaintext; a new case is linked to the sender's
// earlier cases; a filing counts towards a matter when the same sender filed the same kind about the
// same subject, or when reception archived it as a duplicate of a case of that matter; the count is a
// fact of the case (`filingCount`), and the third filing of a matter is flagged prolonged (flags.ts).
import { createHash } from "node:crypto";
import { z } from "zod";
import { caseRecordSchema, type CaseKind, type CaseRecord, type Submitter } from "./case.ts";
import { BusinessRuleError } from "./errors.ts";
import type { FilingIndex, SenderKeyer } from "./ports.ts";

/** A case as the repeat-filing rules read it: its links, never its sender. */
export const filingSchema = caseRecordSchema.pick({ caseId: true, receivedAt: true, matterKey: true, matterOf: true, senderKeys: true }).extend({
  /** A sealed case is never linked by id from another case: the link would name its sender. */
  sealed: z.boolean(),
});
export type Filing = z.infer<typeof filingSchema>;

/** Digits only, `+84` and `84` read as a leading 0: `0912 345 678`, `+84912345678`, `84912345678` are one number. */
export function normalisedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  // A Vietnamese number written with its country code: 84 and 9 (mobile) or 10 (landline) digits.
  return digits.startsWith("84") && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

/** A subject as matters are compared: Unicode NFC, case folded, spaces collapsed. */
export const normalisedSubject = (subject: string): string => subject.normalize("NFC").toLocaleLowerCase("vi").normalize("NFC").replace(/\s+/g, " ").trim();

/** The matter a filing is about: the kind filed and its subject. A staff reclassification does not change what the sender filed. */
export const matterKeyOf = (kind: CaseKind, subject: string): string =>
  createHash("sha256").update(`${kind}\n${normalisedSubject(subject)}`).digest("base64url");

/** The sender's keys: one for the phone, one for the identity number, each when given. */
export async function senderKeysOf(submitter: Submitter | undefined, keyer: SenderKeyer): Promise<string[]> {
  const identifiers = [
    ...(submitter?.phone ? [`phone:${normalisedPhone(submitter.phone)}`] : []),
    ...(submitter?.nationalId ? [`nationalId:${submitter.nationalId}`] : []),
  ];
  return Promise.all(identifiers.map((id) => keyer.keyOf(id)));
}

const rootOf = (f: Pick<Filing, "caseId" | "matterOf">): string => f.matterOf ?? f.caseId;

/** Where a filing stands in its matter: the matter's first filing (unless it is that one) and its rank, this filing included. */
export interface Rank {
  readonly matterOf?: string;
  readonly filingCount: number;
}

/**
 * The rank of `self` among the filings known: its matter is that of the earlier filings about the same
 * matter (or of the case it was linked to), and it counts every known filing of that matter before it.
 * Matters joined through one filing count as one.
 */
export function rankAmong(self: Pick<Filing, "caseId" | "matterKey">, known: readonly Filing[], linkedTo?: Filing): Rank {
  const others = known.filter((f) => f.caseId !== self.caseId);
  const same = linkedTo ? [linkedTo] : others.filter((f) => self.matterKey !== undefined && f.matterKey === self.matterKey);
  const first = [...same].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0];
  if (!first) return { filingCount: 1 };
  const roots = new Set(same.map(rootOf));
  const members = new Set([...roots, ...others.filter((f) => roots.has(rootOf(f))).map((f) => f.caseId)]);
  members.delete(self.caseId);
  const matterOf = rootOf(first);
  return { ...(matterOf !== self.caseId && { matterOf }), filingCount: members.size + 1 };
}

/** What a new case records of its sender's earlier filings: its keys, its matter, its rank and its links. */
export type RepeatFacts = Pick<CaseRecord, "senderKeys" | "matterKey" | "matterOf" | "relatedCaseIds"> & { readonly filingCount: number };

export interface FilingDeps {
  readonly senderKeys: SenderKeyer;
  readonly filings: FilingIndex;
}

/**
 * The repeat-filing facts of a case being filed (intake and staff registration, denunciations too: the
 * key is not the identity). A sealed case keeps no links: ids that lead to its sender's named cases
 * would name the sender; and no case links to a sealed one.
 */
export async function repeatFilingFacts(
  fresh: { readonly caseId: string; readonly kind: CaseKind; readonly subject: string; readonly submitter?: Submitter | undefined; readonly sealed: boolean },
  deps: FilingDeps,
): Promise<RepeatFacts> {
  const matterKey = matterKeyOf(fresh.kind, fresh.subject);
  const senderKeys = await senderKeysOf(fresh.submitter, deps.senderKeys);
  if (senderKeys.length === 0) return { matterKey, filingCount: 1 };
  const earlier = await deps.filings.bySender(senderKeys);
  const related = fresh.sealed
    ? []
    : earlier
        .filter((f) => !f.sealed && f.caseId !== fresh.caseId)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
        .map((f) => f.caseId);
  return { senderKeys, matterKey, ...rankAmong({ caseId: fresh.caseId, matterKey }, earlier), ...(related.length > 0 && { relatedCaseIds: related }) };
}

/**
 * An archive as a duplicate of `duplicateOf`: the archived case becomes a filing of that case's matter,
 * ranked among the filings known through both cases' senders, so later filings count it.
 */
export async function duplicateFacts(record: CaseRecord, duplicateOf: string, filings: FilingIndex): Promise<Rank> {
  if (duplicateOf === record.caseId) throw new BusinessRuleError("A case cannot be archived as a duplicate of itself.", [{ path: "duplicateOf", message: "must be another case", code: "duplicate_of_self" }]);
  const original = await filings.find(duplicateOf);
  if (!original) throw new BusinessRuleError(`There is no case ${duplicateOf}.`, [{ path: "duplicateOf", message: "is not a case", code: "unknown_case" }]);
  // The case already heads that matter (the other one is a later filing of it): nothing moves.
  if (rootOf(original) === record.caseId) return { filingCount: record.filingCount ?? 1 };
  const keys = [...new Set([...(record.senderKeys ?? []), ...(original.senderKeys ?? [])])];
  const known = keys.length > 0 ? await filings.bySender(keys) : [];
  return rankAmong(record, known, original);
}
