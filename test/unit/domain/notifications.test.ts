// The message builders (never an identity, never an access key; the citizen's language), the citizen's
// address (clear or sealed), the event notice sent once per event, and the address configuration.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CaseRecord } from "#domain/case.ts";
import {
  citizenEmail,
  citizenMessage,
  citizenNoticeOf,
  type CitizenNoticeFacts,
  describeError,
  notifyCitizenOfEvent,
  staffEscalationMessage,
  type NotificationLedger,
  type OutgoingMessage,
} from "#domain/notifications.ts";
import { LocalSealer } from "#adapters/sealer.ts";
import { parseUnitHeads, staffAddressesFromEnv } from "#adapters/notifier-config.ts";

const sealer = new LocalSealer(Buffer.alloc(32, 7).toString("base64"));
const denouncer = { fullName: "Nguyễn Thị Hoa", phone: "0912345678", email: "hoa.nguyen@example.vn", nationalId: "079123456789", address: "12 Lê Lợi, phường 1" };
const identityFields = [denouncer.fullName, denouncer.phone, denouncer.email, denouncer.nationalId, denouncer.address, "Nguyễn", "0912"];

async function denunciation(language: "vi" | "en" = "vi"): Promise<CaseRecord> {
  const caseId = randomUUID();
  return {
    caseId,
    trackingCode: "DT-7K3M-Q9PX",
    kind: "denunciation",
    anonymous: false,
    status: "in_progress",
    subject: `Tố cáo cán bộ địa chính — người tố cáo ${denouncer.fullName}`,
    content: `Tôi là ${denouncer.fullName}, số điện thoại ${denouncer.phone}.`,
    channel: "online",
    language,
    unitId: "thanh-tra-tinh",
    sealedSubmitter: await sealer.seal(JSON.stringify(denouncer), { caseId, field: "submitter" }),
    receivedAt: "2026-10-05T02:00:00.000Z",
    updatedAt: "2026-10-05T02:00:00.000Z",
    version: 3,
    deadlines: {},
    lastAt: "2026-10-05T02:00:00.000Z",
    lastSeq: 3,
    lastHash: "x",
  };
}
const notice = { level: 2 as const, audience: "inspection_team" as const, stage: "resolution" as const, dueAt: "2026-11-20T16:59:59.999Z", daysOverdue: 9 };
const accessKey = "k3y-N0T-1N-ANY-M41L";

describe("staffEscalationMessage", () => {
  it("should say the level, the codes, the stage, the local due date and days overdue, in Vietnamese then English", async () => {
    const c = await denunciation();

    const m = staffEscalationMessage(c, notice, "thanhtra@tinh.vn");

    expect(m.to).toBe("thanhtra@tinh.vn");
    expect(m.subject).toBe("[Cấp 2] Hồ sơ DT-7K3M-Q9PX quá hạn 9 ngày / [Level 2] Case DT-7K3M-Q9PX is 9 day(s) overdue");
    expect(m.text).toContain("thời hạn giải quyết (20/11/2026) 9 ngày");
    expect(m.text).toContain("resolution deadline (2026-11-20)");
    expect(m.text).toContain(c.caseId);
    expect(m.text.indexOf("Kính gửi")).toBeLessThan(m.text.indexOf("To: Inspection team"));
  });

  it("should carry no identity, no subject and no content of the case", async () => {
    const c = await denunciation();

    const text = JSON.stringify([1, 2, 3].map((level) => staffEscalationMessage(c, { ...notice, level: level as 1 | 2 | 3 }, "x@tinh.vn")));

    for (const field of [...identityFields, c.subject, c.content, c.sealedSubmitter!]) expect(text).not.toContain(field);
  });
});

describe("citizenMessage", () => {
  it.each(["accepted", "extended", "resolved", "overdue"] as const)("should tell of %s in the case's language, with the tracking code, no name and no access key", async (kind) => {
    const vi = citizenMessage(await denunciation("vi"), { notice: kind, dueAt: notice.dueAt, stage: "resolution" }, denouncer.email);
    const en = citizenMessage(await denunciation("en"), { notice: kind, dueAt: notice.dueAt, stage: "resolution" }, denouncer.email);

    expect(vi.text).toContain("Kính gửi ông/bà");
    expect(en.text).toContain("Dear citizen");
    for (const m of [vi, en]) {
      expect(m.to).toBe(denouncer.email);
      expect(m.subject).toContain("DT-7K3M-Q9PX");
      const body = m.subject + m.text;
      for (const field of [denouncer.fullName, denouncer.phone, denouncer.nationalId, denouncer.address, accessKey, "access key:"]) expect(body).not.toContain(field);
    }
  });

  it("should give the new due date of an acceptance and an extension as a local date", async () => {
    const m = citizenMessage(await denunciation("en"), { notice: "extended", dueAt: "2026-12-31T16:59:59.999Z" }, denouncer.email);

    expect(m.text).toContain("extended to 2026-12-31");
  });

  it("should tell of a denunciation's processing extension as such, with the new processing deadline", async () => {
    const facts = citizenNoticeOf({ type: "extended", data: { stage: "processing", days: 3, processingDueAt: "2026-10-19T16:59:59.999Z" } });

    const m = citizenMessage(await denunciation("vi"), facts as CitizenNoticeFacts, denouncer.email);

    expect(facts).toEqual({ notice: "extended", dueAt: "2026-10-19T16:59:59.999Z", stage: "processing" });
    expect(m.subject).toBe("Thời hạn xử lý đơn đã được gia hạn (mã hồ sơ DT-7K3M-Q9PX)");
    expect(m.text).toContain("Thời hạn xử lý đơn tố cáo của ông/bà (mã hồ sơ DT-7K3M-Q9PX) đã được gia hạn đến");
  });
});

describe("citizenEmail", () => {
  it("should read a clear address, open a sealed one, and find none for an anonymous case", async () => {
    const sealed = await denunciation();

    expect(await citizenEmail({ caseId: "c", submitter: { fullName: "Lê Văn C", email: "c@example.vn" } }, undefined)).toBe("c@example.vn");
    expect(await citizenEmail(sealed, sealer)).toBe(denouncer.email);
    expect(await citizenEmail(sealed, undefined)).toBeUndefined();
    expect(await citizenEmail({ caseId: "c" }, sealer)).toBeUndefined();
  });

  it("should find no address in an identity sealed for another case (no mail to someone else's sender)", async () => {
    const sealed = await denunciation();

    expect(await citizenEmail({ ...sealed, caseId: randomUUID() }, sealer)).toBeUndefined();
  });
});

describe("notifyCitizenOfEvent", () => {
  function deps(record: CaseRecord | undefined) {
    const sent: OutgoingMessage[] = [];
    const marks = new Set<string>();
    const ledger: NotificationLedger = {
      claim: async (caseId, key, r) => (marks.has(`${caseId}${key}${r}`) ? false : (marks.add(`${caseId}${key}${r}`), true)),
      release: async (caseId, key, r) => void marks.delete(`${caseId}${key}${r}`),
    };
    return { sent, deps: { cases: { getRecord: async () => record }, notifier: { send: async (m: OutgoingMessage) => void sent.push(m) }, ledger, sealer, now: () => new Date() } };
  }

  it("should send once per event, even when the event comes twice", async () => {
    const c = await denunciation();
    const { sent, deps: d } = deps(c);
    const event = { caseId: c.caseId, seq: 3, type: "accepted", data: { resolutionDueAt: "2026-11-20T16:59:59.999Z" } };

    const outcomes = [await notifyCitizenOfEvent(event, d), await notifyCitizenOfEvent(event, d)];

    expect(outcomes).toEqual(["sent", "already"]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: denouncer.email, subject: expect.stringContaining("thụ lý") });
  });

  it("should send nothing for other events, for a case without an address, or without a notifier", async () => {
    const c = await denunciation();
    const anonymous = { ...c, sealedSubmitter: undefined };

    expect(await notifyCitizenOfEvent({ caseId: c.caseId, seq: 4, type: "note" }, deps(c).deps)).toBe("not-notifiable");
    expect(await notifyCitizenOfEvent({ caseId: c.caseId, seq: 4, type: "resolved" }, deps(anonymous).deps)).toBe("no-address");
    expect(await notifyCitizenOfEvent({ caseId: c.caseId, seq: 4, type: "resolved" }, { ...deps(c).deps, notifier: undefined })).toBe("disabled");
  });
});

describe("describeError", () => {
  it("should keep addresses a mail service quotes out of the log", () => {
    expect(describeError(new Error("Email address is not verified: hoa.nguyen@example.vn"))).toBe("Error: Email address is not verified: <address>");
  });
});

describe("staff addresses from the environment", () => {
  it("should give each unit its head, the default head otherwise, and the inspection team and leadership", () => {
    const a = staffAddressesFromEnv({
      NOTIFY_UNIT_HEADS: "so-tn-mt=tp@stnmt.vn, ubnd-an-phu = ct@anphu.vn",
      NOTIFY_UNIT_HEAD_DEFAULT: "vp@tinh.vn",
      NOTIFY_INSPECTION_TO: "thanhtra@tinh.vn",
      NOTIFY_LEADERSHIP_TO: "lanhdao@tinh.vn",
    });

    expect([a.unitHead("so-tn-mt"), a.unitHead("ubnd-an-phu"), a.unitHead("other"), a.unitHead(undefined)]).toEqual(["tp@stnmt.vn", "ct@anphu.vn", "vp@tinh.vn", "vp@tinh.vn"]);
    expect([a.inspectionTeam, a.provinceLeadership]).toEqual(["thanhtra@tinh.vn", "lanhdao@tinh.vn"]);
    expect(staffAddressesFromEnv({}).unitHead("so-tn-mt")).toBeUndefined();
  });

  it("should refuse a malformed pair", () => {
    expect(() => parseUnitHeads("so-tn-mt:tp@stnmt.vn")).toThrow(/so-tn-mt:tp@stnmt.vn/);
  });
});
