// Repeat filings, pure: the sender's phone and identity number normalised and keyed, the matter
// compared as filed, the rank of a filing among the sender's earlier ones, links never to or from a
// sealed case, and an archive as a duplicate joining the matter of the case it duplicates.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CaseRecord } from "#domain/case.ts";
import { AppError } from "#domain/errors.ts";
import {
  duplicateFacts,
  matterKeyOf,
  normalisedPhone,
  normalisedSubject,
  rankAmong,
  repeatFilingFacts,
  senderKeysOf,
  type Filing,
} from "#domain/filings.ts";
import type { FilingIndex, SenderKeyer } from "#domain/ports.ts";

const keyer: SenderKeyer = { keyOf: async (id) => createHmac("sha256", "test secret").update(id).digest("base64url") };
const id = (n: number) => `7b0e7c1a-0000-4000-8000-${String(n).padStart(12, "0")}`;
const subject = "Kiến nghị sửa chữa đường liên xã bị sạt lở";
const matter = matterKeyOf("petition", subject);
const filing = (n: number, over: Partial<Filing> = {}): Filing => ({ caseId: id(n), receivedAt: `2026-10-0${n}T02:00:00.000Z`, matterKey: matter, sealed: false, ...over });

/** An index over these filings: every one is under every key asked for. */
function index(filings: readonly Filing[]): FilingIndex & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    bySender: async (keys) => {
      asked.push([...keys]);
      return [...filings];
    },
    find: async (caseId) => filings.find((f) => f.caseId === caseId),
  };
}

describe("the sender's keys", () => {
  it("should read +84 and 84 as a leading 0 and keep digits only", () => {
    expect(["0912 345 678", "+84912345678", "0912345678", "84912345678", "+84 912.345-678"].map(normalisedPhone)).toEqual(Array(5).fill("0912345678"));
    expect([normalisedPhone("+84 24 3825 1234"), normalisedPhone("+1 202 555 0143")]).toEqual(["02438251234", "12025550143"]);
  });

  it("should give one key to every spelling of a phone, another to the identity number, and none without either", async () => {
    const keys = await Promise.all([
      senderKeysOf({ fullName: "Hồ Văn Khải", phone: "0912 345 678" }, keyer),
      senderKeysOf({ fullName: "Hồ Văn Khải", phone: "+84912345678", nationalId: "079188004321" }, keyer),
      senderKeysOf({ fullName: "Hồ Văn Khải", address: "Ấp 3, xã Vĩnh Hậu" }, keyer),
      senderKeysOf(undefined, keyer),
    ]);
    expect(keys[1]?.[0]).toBe(keys[0]?.[0]);
    expect(keys.map((k) => k.length)).toEqual([1, 2, 0, 0]);
    expect(keys[1]?.[1]).not.toBe(keys[1]?.[0]);
    expect(JSON.stringify(keys)).not.toMatch(/0912|079188004321/);
  });
});

describe("the matter", () => {
  it("should compare subjects after NFC, case folding and collapsing spaces, and tell kinds apart", () => {
    const spellings = [subject, subject.toUpperCase(), `  ${subject.replace(/ /g, "   ")} `.normalize("NFD")];
    expect(new Set(spellings.map(normalisedSubject)).size).toBe(1);
    expect(new Set(spellings.map((s) => matterKeyOf("petition", s)))).toEqual(new Set([matter]));
    expect(matterKeyOf("complaint", subject)).not.toBe(matter);
  });
});

describe("rankAmong", () => {
  it("should rank the filings of one matter 1, 2, 3, each joining the matter of the first", () => {
    const first = rankAmong(filing(1), []);
    const second = rankAmong(filing(2), [filing(1)]);
    const third = rankAmong(filing(3), [filing(1), filing(2, { matterOf: id(1) })]);
    expect([first, second, third]).toEqual([{ filingCount: 1 }, { matterOf: id(1), filingCount: 2 }, { matterOf: id(1), filingCount: 3 }]);
  });

  it("should not count another matter of the same sender, nor the filing itself", () => {
    const other = filing(2, { matterKey: matterKeyOf("petition", "Kiến nghị lắp đèn đường") });
    expect(rankAmong(filing(3), [filing(1), other, filing(3)])).toEqual({ matterOf: id(1), filingCount: 2 });
  });

  it("should count a duplicate archived into the matter, whatever its subject", () => {
    const duplicate = filing(2, { matterKey: matterKeyOf("petition", "Đường hư"), matterOf: id(1) });
    expect(rankAmong(filing(3), [filing(1), duplicate])).toEqual({ matterOf: id(1), filingCount: 3 });
  });
});

describe("repeatFilingFacts", () => {
  const fresh = { caseId: id(9), kind: "petition" as const, subject, submitter: { fullName: "Hồ Văn Khải", phone: "0912345678" }, sealed: false };

  it("should link the sender's earlier cases oldest first, but never a sealed one, and rank the matter", async () => {
    const filings = index([filing(2, { matterOf: id(1) }), filing(1), filing(3, { sealed: true, matterKey: "other" })]);
    const facts = await repeatFilingFacts(fresh, { senderKeys: keyer, filings });
    expect(facts).toEqual({ senderKeys: [await keyer.keyOf("phone:0912345678")], matterKey: matter, matterOf: id(1), filingCount: 3, relatedCaseIds: [id(1), id(2)] });
  });

  it("should keep no links on a sealed case, yet count its filings", async () => {
    const facts = await repeatFilingFacts({ ...fresh, sealed: true }, { senderKeys: keyer, filings: index([filing(1)]) });
    expect([facts.relatedCaseIds, facts.filingCount]).toEqual([undefined, 2]);
  });

  it("should not read the index for a sender without phone or identity number", async () => {
    const filings = index([filing(1)]);
    const facts = await repeatFilingFacts({ ...fresh, submitter: undefined }, { senderKeys: keyer, filings });
    expect([facts, filings.asked]).toEqual([{ matterKey: matter, filingCount: 1 }, []]);
  });
});

describe("duplicateFacts", () => {
  const record = { caseId: id(5), receivedAt: "2026-10-05T02:00:00.000Z", senderKeys: ["k-self"], matterKey: "another matter" } as CaseRecord;
  const refused = (p: Promise<unknown>) => p.then(() => "accepted", (err: AppError) => ({ status: err.status, errors: err.errors }));

  it("should make the archived case a filing of the matter of the case it duplicates, read through both senders", async () => {
    const filings = index([filing(1), filing(2, { matterOf: id(1), senderKeys: ["k-original"] })]);
    const rank = await duplicateFacts(record, id(2), filings);
    expect([rank, filings.asked]).toEqual([{ matterOf: id(1), filingCount: 3 }, [["k-self", "k-original"]]]);
  });

  it("should refuse itself and an unknown case with 422 naming duplicateOf", async () => {
    const filings = index([filing(1)]);
    expect(await refused(duplicateFacts(record, id(5), filings))).toEqual({ status: 422, errors: [{ path: "duplicateOf", message: "must be another case", code: "duplicate_of_self" }] });
    expect(await refused(duplicateFacts(record, id(7), filings))).toEqual({ status: 422, errors: [{ path: "duplicateOf", message: "is not a case", code: "unknown_case" }] });
  });

  it("should leave a case that heads the matter of the one it duplicates where it is", async () => {
    const rank = await duplicateFacts({ ...record, filingCount: 1 }, id(2), index([filing(2, { matterOf: id(5) })]));
    expect(rank).toEqual({ filingCount: 1 });
  });
});
