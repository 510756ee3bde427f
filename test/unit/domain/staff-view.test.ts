// The staff view of a case: a sealed sender shows only that it is sealed, with no link to the sender's
// other cases; a sender in the clear shows them; the sender keys and the matter hash never show.
import { describe, expect, it } from "vitest";
import type { CaseRecord } from "#domain/case.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import { startCase } from "#domain/events.ts";
import { staffCaseView } from "#domain/staff-view.ts";

const receivedAt = "2026-10-05T02:00:00.000Z";
const earlier = "7b0e7c1a-0000-4000-8000-000000000002";
const first = "7b0e7c1a-0000-4000-8000-000000000003";

function view(identity: Pick<CaseRecord, "submitter" | "sealedSubmitter">) {
  const { next, event } = startCase(
    {
      caseId: "7b0e7c1a-0000-4000-8000-000000000001", trackingCode: "DT-TEST", kind: "complaint", anonymous: false, status: "received", receivedAt,
      subject: "Khiếu nại về đất đai", content: "…", channel: "mail", language: "vi", deadlines: {},
      senderKeys: ["k1", "k2"], matterKey: "m", matterOf: first, relatedCaseIds: [earlier], filingCount: 2, ...identity,
    },
    { type: "received", at: receivedAt, actor: { kind: "citizen" } },
    new Date(receivedAt),
  );
  const { submitter, relatedCaseIds, matterOf, filingCount, ...rest } = staffCaseView(next, [event], { role: "admin" }, new Date(receivedAt), defaultDeadlineContext());
  return { submitter, relatedCaseIds, matterOf, filingCount, hidden: ["senderKeys", "matterKey", "sealedSubmitter"].filter((k) => k in rest) };
}

describe("staffCaseView", () => {
  it("should show a sender in the clear with the links to their other cases", () => {
    const sender = { fullName: "Võ Thị Lan", phone: "0909123456" };
    expect(view({ submitter: sender })).toEqual({ submitter: sender, relatedCaseIds: [earlier], matterOf: first, filingCount: 2, hidden: [] });
  });

  it("should show a sealed sender as sealed, with no link that would name them, and its filing count", () => {
    expect(view({ sealedSubmitter: "local1.x.y" })).toEqual({ submitter: { sealed: true }, relatedCaseIds: undefined, matterOf: undefined, filingCount: 2, hidden: [] });
  });
});
