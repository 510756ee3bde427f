// A letter's paper history entered after the sweep escalated it, through the local gateway on DynamoDB
// Local: system events do not move the floor of effective times, the deadlines come from the paper
// dates, the escalation ladder starts again for the new deadline, and the audit chain stays valid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeDeadlines, defaultDeadlineContext, deriveFlags } from "#domain/deadlines/index.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import type { TestGateway } from "#test/support/gateway.ts";
import { jsonAnswer as json, startStaffApi } from "#test/support/staff-api.ts";
import { bearer } from "#test/support/staff-tokens.ts";

const DAY = 86_400_000;
const UNIT = "so-tn-mt";
const reception = bearer("reception");
const inspector = bearer("inspector");
const admin = bearer("admin");

let api: TestGateway;

beforeAll(async () => {
  ({ api } = await startStaffApi([{ unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false }]));
}, 60_000);
afterAll(() => api?.close());

const act = async (caseId: string, action: string, body: unknown, version: number) =>
  json(await api.post(`/staff/cases/${caseId}/${action}`, body, { ...reception, "if-match": `"${version}"` }));
const iso = (ms: number) => new Date(ms).toISOString();
/** A letter reception registers now, received on paper at `receivedAt`. */
const register = async (receivedAt: number, body: Record<string, unknown>) =>
  json(await api.post("/staff/cases", { channel: "mail", receivedAt: iso(receivedAt), ...body }, reception));
const types = (view: { timeline: { type: string }[] }) => view.timeline.map((e) => e.type);

describe("paper history after the sweep", () => {
  it("should take the classification and acceptance on their paper dates after the sweep escalated the letter, with deadlines from those dates", async () => {
    // Prepare: a petition received by mail 30 days ago, registered now; the sweep escalates it at once
    const receivedAt = Date.now() - 30 * DAY;
    const registered = await register(receivedAt, {
      kind: "petition",
      subject: "Kiến nghị nạo vét kênh thủy lợi nội đồng",
      content: "Kênh thủy lợi ấp Phú Hữu bị bồi lắng, nước không vào ruộng được, đề nghị nạo vét trước vụ mùa.",
      submitter: { fullName: "Huỳnh Văn Tâm", phone: "0918 765 432" },
    });
    const caseId: string = registered.body.caseId;
    const levels = deriveFlags({ kind: "petition", anonymous: false, status: "received", receivedAt: iso(receivedAt) }, new Date(), defaultDeadlineContext()).escalationLevel;
    await runSweepOnce(moduleLoader(process.cwd()));
    const escalated = await json(await api.get(`/staff/cases/${caseId}`, admin));
    const classifiedAt = iso(receivedAt + 1 * DAY);
    const acceptedAt = iso(receivedAt + 2 * DAY);
    const expected = computeDeadlines(
      { kind: "petition", anonymous: false, status: "in_progress", receivedAt: iso(receivedAt), remoteArea: false, acceptedAt, extensions: [], suspensions: [] },
      defaultDeadlineContext(),
    );

    // Act
    const classified = await act(caseId, "classify", { unitId: UNIT, effectiveAt: classifiedAt }, escalated.body.version);
    const accepted = await act(caseId, "accept", { effectiveAt: acceptedAt }, classified.body.version);
    const audit = await json(await api.get(`/staff/cases/${caseId}/audit`, inspector));

    // Assess
    expect(levels).toBeGreaterThan(0);
    expect(types(escalated.body)).toEqual(["received", ...Array.from({ length: levels }, () => "escalated")]);
    expect([classified.status, accepted.status]).toEqual([200, 200]);
    expect(accepted.body.timeline.map((e: { type: string; at: string }) => [e.type, e.at]).slice(-2)).toEqual([
      ["classified", classifiedAt],
      ["accepted", acceptedAt],
    ]);
    expect(accepted.body).toMatchObject({
      status: "in_progress",
      acceptedAt,
      deadlines: {
        processing: { dueAt: expected.processing?.dueAt, dueDate: expected.processing?.dueDate },
        resolution: { dueAt: expected.resolution?.dueAt, dueDate: expected.resolution?.dueDate },
      },
    });
    // The ladder belongs to the processing deadline; the resolution deadline starts with none recorded.
    expect(accepted.body.escalationRecorded).toBeUndefined();
    expect(audit.body.chainValid).toBe(true);
  });

  it("should still refuse an effective time before the last staff action", async () => {
    // Prepare
    const receivedAt = Date.now() - 10 * DAY;
    const registered = await register(receivedAt, {
      kind: "reflection",
      subject: "Phản ánh đèn đường hư hỏng",
      content: "Đèn chiếu sáng trên tuyến đường liên ấp đã hỏng nhiều tuần, người dân đi lại ban đêm rất nguy hiểm.",
    });
    const classified = await act(registered.body.caseId, "classify", { unitId: UNIT, effectiveAt: iso(receivedAt + 3 * DAY) }, 1);

    // Act
    const accepted = await act(registered.body.caseId, "accept", { effectiveAt: iso(receivedAt + 2 * DAY) }, classified.body.version);

    // Assess
    expect(accepted).toMatchObject({ status: 422, body: { errors: [{ path: "effectiveAt", message: `must not be before ${iso(receivedAt + 3 * DAY)}` }] } });
  });
});
