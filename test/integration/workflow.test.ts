// A case from receipt to resolution through the staff routes, on DynamoDB Local: the state machine,
// roles, unit scoping, If-Match, concurrency, the audit chain and the sealed identity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { caseKeys } from "#adapters/case-keys.ts";
import { localClient, localTableNames } from "#local/dynamodb.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
});
afterAll(() => api?.close());

const reception = bearer("reception");
const handlerA = bearer("handler", "so-tn-mt");
const handlerB = bearer("handler", "ubnd-huyen-an-phu");
const inspector = bearer("inspector");

const complaint = {
  kind: "complaint",
  subject: "Khiếu nại về bồi thường giải phóng mặt bằng",
  content: "Gia đình tôi không đồng ý với mức bồi thường khi thu hồi đất làm đường tỉnh lộ 943.",
  submitter: { fullName: "Võ Thị Lan", phone: "0909123456" },
};

async function newCase(body: unknown = complaint): Promise<string> {
  const res = await api.post("/cases", body);
  expect(res.status).toBe(201);
  return (await res.json()).caseId;
}

async function act(caseId: string, action: string, body: unknown, headers: Record<string, string>, version?: number) {
  const res = await api.post(`/staff/cases/${caseId}/${action}`, body, { ...headers, ...(version !== undefined && { "if-match": `"${version}"` }) });
  return { status: res.status, etag: res.headers.get("etag"), body: await res.json() };
}

describe("a case from receipt to resolution", () => {
  it("should be classified and accepted by reception, then resolved and closed by the unit's handler", async () => {
    const caseId = await newCase();

    const classified = await act(caseId, "classify", { unitId: "so-tn-mt", complexity: "complex" }, reception, 1);
    const accepted = await act(caseId, "accept", { effectiveAt: new Date().toISOString() }, reception, 2);
    const resolved = await act(caseId, "resolve", { outcome: "partly_upheld", decisionRef: "15/QĐ-STNMT", summary: "Điều chỉnh mức bồi thường." }, handlerA, 3);
    const closed = await act(caseId, "close", {}, handlerA, 4);

    expect(classified).toMatchObject({ status: 200, etag: '"2"', body: { status: "received", unitId: "so-tn-mt", complexity: "complex", version: 2 } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("in_progress");
    expect(accepted.body.deadlines.resolution).toEqual(expect.objectContaining({ dueAt: expect.any(String), basis: expect.stringContaining("28") }));
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedAt: expect.any(String), decision: { outcome: "partly_upheld" } });
    expect(closed.body).toMatchObject({ status: "closed", version: 5, allowedActions: ["note"] });
    expect(closed.body.timeline.map((e: { type: string }) => e.type)).toEqual(["received", "classified", "accepted", "resolved", "closed"]);
  });

  it("should let the citizen see the milestones, without staff names or notes", async () => {
    const res = await api.post("/cases", complaint);
    const { caseId, trackingCode, accessKey } = await res.json();
    await act(caseId, "note", { text: "Ghi chú nội bộ: đã gọi điện cho người khiếu nại." }, reception, 1);
    await act(caseId, "classify", { unitId: "so-tn-mt" }, reception, 2);
    await act(caseId, "accept", {}, reception, 3);

    const view = await (await api.get(`/cases/track/${trackingCode}`, { "x-access-key": accessKey })).json();

    expect(view.status).toBe("in_progress");
    expect(view.milestones.map((m: { status: string }) => m.status)).toEqual(["received", "in_progress"]);
    expect(JSON.stringify(view)).not.toMatch(/reception|Ghi chú|sub-/);
  });
});

describe("the state machine", () => {
  it("should answer 409 naming the allowed actions when the action does not fit the state", async () => {
    const caseId = await newCase();

    const res = await act(caseId, "resolve", { outcome: "upheld", decisionRef: "1", summary: "x" }, bearer("admin"), 1);

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("classify, accept, transfer, guide, reject, archive, withdraw, note");
    expect(res.body.allowedActions).toEqual(["classify", "accept", "transfer", "guide", "reject", "archive", "withdraw", "note"]);
  });

  it("should answer 403 to a role that may never take the action, and 404 to an unknown action", async () => {
    const caseId = await newCase();

    const inspectorAccepts = await act(caseId, "accept", {}, inspector, 1);
    const unknown = await act(caseId, "fly", {}, reception, 1);

    expect(inspectorAccepts.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it("should require If-Match and answer 412 when it is stale", async () => {
    const caseId = await newCase();

    const missing = await act(caseId, "note", { text: "a" }, reception);
    const stale = await act(caseId, "note", { text: "a" }, reception, 7);

    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: "If-Match", message: expect.any(String) }]);
    expect(stale.status).toBe(412);
  });

  it("should refuse to accept before classification, and an effectiveAt in the future or before the previous event", async () => {
    const caseId = await newCase();

    const unclassified = await act(caseId, "accept", {}, reception, 1);
    const future = await act(caseId, "classify", { unitId: "so-tn-mt", effectiveAt: "2999-01-01T00:00:00Z" }, reception, 1);
    const beforeReceipt = await act(caseId, "classify", { unitId: "so-tn-mt", effectiveAt: "2020-01-01T00:00:00Z" }, reception, 1);

    expect(unclassified).toMatchObject({ status: 422, body: { errors: [{ path: "unitId" }] } });
    expect(future).toMatchObject({ status: 400, body: { errors: [{ path: "effectiveAt" }] } });
    expect(beforeReceipt).toMatchObject({ status: 422, body: { errors: [{ path: "effectiveAt" }] } });
  });

  it("should record an action back-dated on paper with its entry time too", async () => {
    const registered = await api.post("/staff/cases", { ...complaint, channel: "in_person", receivedAt: new Date(Date.now() - 3_600_000).toISOString() }, reception);
    const { caseId } = await registered.json();
    const onPaper = new Date(Date.now() - 1_800_000).toISOString();

    const res = await act(caseId, "classify", { unitId: "so-tn-mt", effectiveAt: onPaper }, reception, 1);

    const entry = res.body.timeline[1];
    expect(entry.at).toBe(onPaper);
    expect(Date.parse(entry.enteredAt)).toBeGreaterThan(Date.parse(onPaper));
  });

  it("should refuse a third extension of a very complex denunciation with 422 naming the limit", async () => {
    const caseId = await newCase({
      kind: "denunciation",
      subject: "Tố cáo sai phạm trong đấu thầu",
      content: "Gói thầu xây trường học xã bị chia nhỏ để chỉ định thầu cho người nhà cán bộ.",
      submitter: { fullName: "Đặng Văn Hùng", phone: "0911222333" },
    });
    await act(caseId, "classify", { unitId: "so-tn-mt", complexity: "very_complex" }, reception, 1);
    await act(caseId, "accept", {}, reception, 2);

    const first = await act(caseId, "extend", { days: 30, reason: "Cần xác minh tại nhiều nơi", decisionRef: "11/QĐ-GH" }, handlerA, 3);
    const second = await act(caseId, "extend", { days: 30, reason: "Cần giám định tài liệu", decisionRef: "12/QĐ-GH" }, handlerA, 4);
    const third = await act(caseId, "extend", { days: 10, reason: "Thêm thời gian", decisionRef: "13/QĐ-GH" }, handlerA, 5);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(Date.parse(second.body.deadlines.resolution.dueAt)).toBeGreaterThan(Date.parse(first.body.deadlines.resolution.dueAt));
    expect(third.status).toBe(422);
    expect(third.body.detail).toMatch(/2/);
  });
});

describe("concurrency", () => {
  it("should give exactly one success to twenty concurrent actions on one version, and lose no update", async () => {
    const caseId = await newCase();

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => act(caseId, "note", { text: `ghi chú ${i}` }, reception, 1)));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 412)).toHaveLength(19);
    const current = await (await api.get(`/staff/cases/${caseId}`, reception)).json();
    expect(current.version).toBe(2);
    expect(current.timeline).toHaveLength(2);
  });
});

describe("unit scoping", () => {
  it("should hide another unit's case from a handler: 404 on read and on action, as for a case that does not exist", async () => {
    const caseId = await newCase();
    await act(caseId, "classify", { unitId: "so-tn-mt" }, reception, 1);

    const read = await api.get(`/staff/cases/${caseId}`, handlerB);
    const action = await act(caseId, "note", { text: "x" }, handlerB, 2);
    const missing = await api.get(`/staff/cases/00000000-0000-4000-8000-000000000000`, handlerB);

    expect(read.status).toBe(404);
    expect(action.status).toBe(404);
    expect(await read.json()).toEqual(await missing.json());
  });
});

describe("the audit trail", () => {
  it("should verify the chain, and see it broken when a stored event is edited in DynamoDB", async () => {
    const caseId = await newCase();
    await act(caseId, "classify", { unitId: "so-tn-mt" }, reception, 1);
    await act(caseId, "note", { text: "Đã xác minh" }, reception, 2);
    const before = await (await api.get(`/staff/cases/${caseId}/audit`, inspector)).json();

    const db = DynamoDBDocumentClient.from(localClient(endpoint));
    await db.send(
      new UpdateCommand({
        TableName: localTableNames(prefix).cases,
        Key: { pk: `CASE#${caseId}`, sk: "EVENT#000003" },
        UpdateExpression: "SET #d = :d",
        ExpressionAttributeNames: { "#d": "data" },
        ExpressionAttributeValues: { ":d": { text: "Đã sửa lén" } },
      }),
    );
    const after = await (await api.get(`/staff/cases/${caseId}/audit`, inspector)).json();
    const handlerTries = await api.get(`/staff/cases/${caseId}/audit`, handlerA);

    expect(before).toMatchObject({ chainValid: true });
    expect(before.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(after).toMatchObject({ chainValid: false, brokenAt: 3 });
    expect(handlerTries.status).toBe(403);
  });
});

describe("a denouncer's sealed identity", () => {
  const denunciation = {
    kind: "denunciation",
    subject: "Tố cáo cán bộ thu tiền trái phép",
    content: "Cán bộ tư pháp xã thu thêm phí chứng thực không có biên lai trong nhiều tháng.",
    submitter: { fullName: "Huỳnh Thị Mai", phone: "0933444555", nationalId: "079190001234" },
  };

  it("should be redacted in the case, and revealed to the unit's handler only with a reason, the act audited", async () => {
    const caseId = await newCase(denunciation);
    await act(caseId, "classify", { unitId: "so-tn-mt" }, reception, 1);

    const detail = await (await api.get(`/staff/cases/${caseId}`, handlerA)).json();
    const noReason = await api.post(`/staff/cases/${caseId}/reveal-identity`, {}, handlerA);
    const otherUnit = await api.post(`/staff/cases/${caseId}/reveal-identity`, { reason: "Cần liên hệ để xác minh thêm" }, handlerB);
    const receptionTries = await api.post(`/staff/cases/${caseId}/reveal-identity`, { reason: "Cần liên hệ để xác minh thêm" }, reception);
    const revealed = await api.post(`/staff/cases/${caseId}/reveal-identity`, { reason: "Cần liên hệ để xác minh thêm" }, handlerA);
    const audit = await (await api.get(`/staff/cases/${caseId}/audit`, inspector)).json();

    expect(detail.submitter).toEqual({ sealed: true });
    expect(JSON.stringify(detail)).not.toContain("0933444555");
    expect(noReason.status).toBe(400);
    expect(otherUnit.status).toBe(404);
    expect(receptionTries.status).toBe(403);
    expect(revealed.status).toBe(200);
    expect(await revealed.json()).toEqual({ identity: denunciation.submitter });
    expect(audit.chainValid).toBe(true);
    expect(audit.events.at(-1)).toMatchObject({ type: "identity_revealed", data: { reason: "Cần liên hệ để xác minh thêm" }, actor: { userId: "sub-handler-so-tn-mt", username: "handler-so-tn-mt" } });
  });

  it("should not open when copied onto another case's item: a clean 422 problem, and the audit records no reveal", async () => {
    const first = await newCase(denunciation);
    const second = await newCase({ ...denunciation, submitter: { fullName: "Trần Văn Bảy", phone: "0977000111" } });
    await act(second, "classify", { unitId: "so-tn-mt" }, reception, 1);
    const db = DynamoDBDocumentClient.from(localClient(endpoint));
    const table = localTableNames(prefix).cases;
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: caseKeys.case(first) }));
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: caseKeys.case(second),
        UpdateExpression: "SET sealedSubmitter = :s",
        ExpressionAttributeValues: { ":s": Item?.sealedSubmitter },
      }),
    );

    const revealed = await api.post(`/staff/cases/${second}/reveal-identity`, { reason: "Cần liên hệ để xác minh thêm" }, handlerA);
    const audit = await (await api.get(`/staff/cases/${second}/audit`, inspector)).json();

    expect(Item?.sealedSubmitter).toEqual(expect.stringMatching(/^local2\./));
    expect([revealed.status, revealed.headers.get("content-type")]).toEqual([422, "application/problem+json; charset=utf-8"]);
    const problem = await revealed.json();
    expect(problem).toMatchObject({ status: 422, code: "sealed_identity_unreadable" });
    expect(JSON.stringify(problem)).not.toContain("Huỳnh Thị Mai");
    expect(audit.events.map((e: { type: string }) => e.type)).toEqual(["received", "classified"]);
  });

  it("should leave no plaintext national ID, phone or e-mail of a denouncer in any table, whether sent online or registered by reception", async () => {
    const registered = await api.post("/staff/cases", { ...denunciation, submitter: { ...denunciation.submitter, email: "mai.huynh@example.vn" }, channel: "in_person" }, reception);
    const caseId = (await registered.json()).caseId;
    await act(caseId, "classify", { unitId: "so-tn-mt" }, reception, 1);
    await api.post(`/staff/cases/${caseId}/reveal-identity`, { reason: "Cần liên hệ để xác minh thêm" }, handlerA);

    const dump = JSON.stringify(await rawItems(endpoint, prefix));

    for (const value of ["0933444555", "079190001234", "mai.huynh@example.vn", "Huỳnh Thị Mai"]) expect(dump).not.toContain(value);
  });
});

describe("letters registered by reception", () => {
  it("should take a back-dated receipt and count the processing deadline from it", async () => {
    const res = await api.post(
      "/staff/cases",
      { kind: "petition", subject: "Kiến nghị lắp đèn đường", content: "Đề nghị lắp đèn chiếu sáng đoạn đường từ chợ đến trường tiểu học.", channel: "mail", receivedAt: "2026-10-05T02:00:00Z" },
      reception,
    );
    const body = await res.json();
    const detail = await (await api.get(`/staff/cases/${body.caseId}`, reception)).json();

    expect(res.status).toBe(201);
    expect(body.deadlines.processing.dueDate).toBe("2026-10-19");
    expect(detail).toMatchObject({ channel: "mail", receivedAt: "2026-10-05T02:00:00.000Z", timeline: [{ type: "received", actor: { kind: "staff", role: "reception" } }] });
    expect(detail.flags).toContain("overdue");
  });

  it("should refuse a receipt in the future and a handler registering", async () => {
    const future = await api.post("/staff/cases", { ...complaint, channel: "mail", receivedAt: "2999-01-01T00:00:00Z" }, reception);
    const byHandler = await api.post("/staff/cases", { ...complaint, channel: "mail" }, handlerA);

    expect(future.status).toBe(400);
    expect(byHandler.status).toBe(403);
  });
});
