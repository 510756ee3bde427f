// Reclassification and the sender's identity, through the local gateway on DynamoDB Local: a case that
// becomes a denunciation has its sender sealed in the classifying write, with the event saying so; it
// stays sealed when the kind changes away; the identity opens only by reveal, itself audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawItems } from "#test/support/local-env.ts";
import type { TestGateway } from "#test/support/gateway.ts";
import { jsonAnswer as json, startStaffApi } from "#test/support/staff-api.ts";
import { bearer } from "#test/support/staff-tokens.ts";

const UNIT = "so-tn-mt";
const reception = bearer("reception");
const handler = bearer("handler", UNIT);
const inspector = bearer("inspector");
const admin = bearer("admin");

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ api, endpoint, prefix } = await startStaffApi([{ unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false }]));
}, 60_000);
afterAll(() => api?.close());

const classify = async (caseId: string, kind: string, version: number) =>
  json(await api.post(`/staff/cases/${caseId}/classify`, { kind, unitId: UNIT }, { ...reception, "if-match": `"${version}"` }));

describe("reclassification and the sender's identity", () => {
  it("should keep a petition's sender sealed after it became a denunciation and then a petition again, with each step in a valid audit chain", async () => {
    // Prepare: a petition registered by reception, with the sender's name, phone and identity number
    const sender = { fullName: "Phạm Quốc Hưng", phone: "+84 905 123 456", nationalId: "048090001234", address: "Tổ 5, phường Hòa Khánh, Đà Nẵng" };
    const registered = await json(
      await api.post(
        "/staff/cases",
        {
          kind: "petition",
          channel: "in_person",
          subject: "Kiến nghị về việc cấp phép xây dựng trạm trộn bê tông",
          content: "Trạm trộn bê tông gây bụi và tiếng ồn sát khu dân cư; đề nghị kiểm tra việc cấp phép và xử lý vi phạm của cán bộ.",
          submitter: sender,
        },
        reception,
      ),
    );
    const caseId: string = registered.body.caseId;

    // Act
    const denunciation = await classify(caseId, "denunciation", 1);
    const petitionAgain = await classify(caseId, "petition", 2);
    const seen = await json(await api.get(`/staff/cases/${caseId}`, handler));
    const tables = JSON.stringify(await rawItems(endpoint, prefix));
    const revealed = await json(await api.post(`/staff/cases/${caseId}/reveal-identity`, { reason: "Xác minh nội dung tố cáo với người gửi" }, inspector));
    const audit = await json(await api.get(`/staff/cases/${caseId}/audit`, inspector));

    // Assess
    expect(denunciation).toMatchObject({ status: 200, body: { kind: "denunciation", anonymous: false, submitter: { sealed: true } } });
    expect(petitionAgain).toMatchObject({ status: 200, body: { kind: "petition", submitter: { sealed: true } } });
    expect(seen.body.submitter).toEqual({ sealed: true });
    for (const value of [sender.fullName, sender.phone, "0905123456", "905 123 456", sender.nationalId, sender.address]) {
      expect(JSON.stringify(seen.body), `${value} in the staff view`).not.toContain(value);
      expect(tables, `${value} in a table`).not.toContain(value);
    }
    expect(revealed).toEqual({ status: 200, body: { identity: sender } });
    expect(audit.body.chainValid).toBe(true);
    expect(audit.body.events.map((e: { type: string; data?: Record<string, unknown> }) => [e.type, e.data?.identitySealed ?? null])).toEqual([
      ["received", null],
      ["classified", true],
      ["classified", null],
      ["identity_revealed", null],
    ]);
  });

  it("should answer reveal-identity with 422 for a case whose sender was never sealed", async () => {
    // Prepare
    const filed = await json(
      await api.post("/cases", {
        kind: "complaint",
        subject: "Khiếu nại việc chậm cấp giấy chứng nhận",
        content: "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của tôi đã quá hạn giải quyết nhiều tháng.",
        submitter: { fullName: "Đoàn Văn Lực", phone: "0935 000 111" },
      }),
    );
    await classify(filed.body.caseId, "complaint", 1);

    // Act
    const revealed = await json(await api.post(`/staff/cases/${filed.body.caseId}/reveal-identity`, { reason: "Kiểm tra người gửi đơn khiếu nại" }, handler));

    // Assess
    expect(revealed.status).toBe(422);
  });
});
