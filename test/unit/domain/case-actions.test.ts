// performAction over an in-memory repository: the state machine's map decides what is refused with
// 409 and its allowed actions, the role, the body and the version are checked in that order, and a
// taken action moves the case and chains its event.
import { describe, expect, it } from "vitest";
import type { Principal } from "#domain/access.ts";
import { verifyChain } from "#domain/audit.ts";
import type { CaseEvent, CaseRecord } from "#domain/case.ts";
import { performAction, type ActionDeps } from "#domain/case-actions.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import { AppError } from "#domain/errors.ts";
import { appendEvent, startCase } from "#domain/events.ts";
import { StaleVersionError, type CaseRepository, type Sealer } from "#domain/ports.ts";
import { caseStatuses, type CaseStatus } from "#domain/vocabulary.ts";
import { actionNames, actions, offeredActions, type ActionName } from "#domain/workflow.ts";

const ctx = defaultDeadlineContext();
const receivedAt = "2026-10-05T02:00:00.000Z";
const now = new Date("2026-10-07T03:00:00.000Z");
const admin: Principal = { userId: "sub-admin1", username: "admin1", role: "admin" };
const inspector: Principal = { userId: "sub-inspector1", username: "inspector1", role: "inspector" };

/** A reversible stand-in for the sealer: what it seals is not readable as it was sent. */
const sealer: Sealer = {
  seal: async (plaintext) => `fake1.${Buffer.from(plaintext).toString("base64url")}`,
  open: async (sealed) => Buffer.from(sealed.slice("fake1.".length), "base64url").toString(),
};

/** A petition of unit so-tn-mt in `status` (or the case `facts` say), accepted the day after receipt when it has gone that far. */
function stored(status: CaseStatus, facts: Partial<CaseRecord> = {}): { record: CaseRecord; events: CaseEvent[] } {
  const accepted = status !== "received" && { acceptedAt: "2026-10-06T02:00:00.000Z", extensions: [], suspensions: [] };
  const { next, event } = startCase(
    {
      caseId: "7b0e7c1a-0000-4000-8000-000000000001", trackingCode: "DT-TEST", kind: "petition", anonymous: false, status, receivedAt,
      subject: "Kiến nghị sửa đường", content: "…", channel: "online", language: "vi", unitId: "so-tn-mt", deadlines: {}, ...accepted, ...facts,
    },
    { type: "received", at: receivedAt, actor: { kind: "citizen" } },
    new Date(receivedAt),
  );
  return { record: next, events: [event] };
}

function memory(initial: { record: CaseRecord; events: CaseEvent[] }) {
  const state = { ...initial, events: [...initial.events] };
  const cases: CaseRepository = {
    create: async () => {},
    findByTrackingCode: async () => undefined,
    get: async (caseId) => (caseId === state.record.caseId ? { record: state.record, events: [...state.events] } : undefined),
    getRecord: async () => state.record,
    update: async (record, event, expected) => {
      if (state.record.version !== expected) throw new StaleVersionError(record.caseId);
      state.record = record;
      state.events.push(event);
    },
  };
  const deps: ActionDeps = { cases, clock: { now: () => now }, deadlines: ctx, sealer, filings: { bySender: async () => [], find: async () => undefined } };
  return { state, deps };
}

/** A body each action's schema accepts. */
const bodies: Record<ActionName, object> = {
  classify: { unitId: "so-tn-mt" },
  accept: {},
  transfer: { reason: "Thuộc thẩm quyền cơ quan khác", toAgency: "Công an tỉnh" },
  guide: { reason: "Hướng dẫn nộp tại bộ phận một cửa" },
  reject: { reason: "Đã hết thời hiệu" },
  archive: { reason: "Đơn trùng" },
  extend: { days: 5, reason: "Cần xác minh thêm", decisionRef: "05/QĐ-GH" },
  suspend: { reason: "Chờ kết quả giám định", decisionRef: "07/QĐ-TĐC" },
  resume: {},
  resolve: { outcome: "answered", decisionRef: "12/TB-STNMT", summary: "Đã trả lời" },
  close: {},
  withdraw: { reason: "Người gửi rút đơn" },
  note: { text: "Ghi chú" },
};

async function outcome(status: CaseStatus, action: ActionName, actor = admin, body: unknown = bodies[action], ifMatch = '"1"') {
  const { state, deps } = memory(stored(status));
  try {
    const view = await performAction({ caseId: state.record.caseId, action, body, ifMatch, actor }, deps);
    return { status: 200, view, state };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { status: err.status, detail: err.detail, errors: err.errors, extensions: err.extensions, state };
  }
}

describe("performAction", () => {
  it("should refuse with 409 exactly the bodies whose gate in the map does not open in each state, listing the actions offered on the case", async () => {
    // Act
    const refused: [CaseStatus, ActionName, unknown][] = [];
    for (const status of caseStatuses) {
      for (const action of actionNames) {
        const answer = await outcome(status, action);
        if (answer.extensions?.allowedActions) refused.push([status, action, answer.extensions.allowedActions]);
      }
    }
    // Assess
    const expected = caseStatuses.flatMap((status) =>
      actionNames
        .filter((action) => !actions[action].prepare(bodies[action]).gate.from.includes(status))
        .map((action): [CaseStatus, ActionName, unknown] => [status, action, offeredActions(stored(status).record, "admin", ctx)]),
    );
    expect(refused).toEqual(expected);
  });

  it("should answer a state conflict with its detail and the actions allowed now", async () => {
    // Act
    const answer = await outcome("resolved", "accept");
    // Assess
    expect({ status: answer.status, detail: answer.detail, extensions: answer.extensions }).toEqual({
      status: 409,
      detail: "A resolved case cannot be accepted. Allowed now: close, note.",
      extensions: { allowedActions: ["close", "note"] },
    });
  });

  it("should refuse a role the action never allows before reading the body", async () => {
    // Act
    const answer = await outcome("received", "accept", inspector, { unknown: true });
    // Assess
    expect({ status: answer.status, detail: answer.detail }).toEqual({ status: 403, detail: "A inspector may not accept a case." });
  });

  it("should name each bad field of the body before looking at the version", async () => {
    // Act
    const answer = await outcome("received", "classify", admin, { unitId: "SO TN", extra: 1 }, '"7"');
    // Assess
    expect({ status: answer.status, errors: answer.errors }).toEqual({
      status: 400,
      errors: [
        { path: "unitId", message: "must be a unit id: lowercase letters, digits and hyphens, e.g. so-tn-mt" },
        { path: "extra", message: "is not a known field" },
      ],
    });
  });

  it("should refuse a stale version with 412 before looking at the state", async () => {
    // Act
    const answer = await outcome("closed", "accept", admin, {}, '"7"');
    // Assess
    expect(answer.status).toBe(412);
  });

  it("should move an accepted case to in_progress with its resolution deadline, chaining the accepted event", async () => {
    // Act
    const answer = await outcome("received", "accept");
    // Assess
    const { record, events } = answer.state;
    expect({
      status: answer.status,
      record: [record.status, record.version, record.acceptedAt, record.lastAt],
      event: [events.at(-1)?.type, events.at(-1)?.status, events.at(-1)?.data],
      chain: verifyChain(events, record),
      allowedActions: answer.view?.allowedActions,
    }).toEqual({
      status: 200,
      record: ["in_progress", 2, now.toISOString(), now.toISOString()],
      event: ["accepted", "in_progress", { resolutionDueAt: record.deadlines.resolution?.dueAt }],
      chain: { chainValid: true },
      // A petition's resolution period has no extension in the policy: extend is not offered.
      allowedActions: ["suspend", "resume", "resolve", "withdraw", "note"],
    });
  });
});

describe("extend, per stage", () => {
  const reception: Principal = { userId: "sub-reception1", username: "reception1", role: "reception" };
  const handler: Principal = { userId: "sub-handler1", username: "handler1", role: "handler", unitId: "so-tn-mt" };
  const processing = { stage: "processing", days: 3, reason: "Cần xác minh tại nhiều nơi", decisionRef: "03/QĐ-GH" };
  const named = { kind: "denunciation" as const, anonymous: false };

  async function extend(facts: Partial<CaseRecord>, body: object, actor: Principal = reception, status: CaseStatus = "received") {
    const { state, deps } = memory(stored(status, facts));
    try {
      const view = await performAction({ caseId: state.record.caseId, action: "extend", body, ifMatch: `"${state.record.version}"`, actor }, deps);
      return { status: 200, view, state };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { status: err.status, detail: err.detail, errors: err.errors, extensions: err.extensions, state };
    }
  }

  it("should extend a received denunciation's processing once, from 7 to 10 working days, recording the decision", async () => {
    // Act
    const answer = await extend(named, processing);
    // Assess: received Mon 10-05; 7 working days end Wed 10-14, 10 end Mon 10-19
    const { record, events } = answer.state;
    expect({
      status: answer.status,
      due: answer.view?.deadlines.processing?.dueDate,
      facts: [record.processingExtended, record.processingExtension],
      event: [events.at(-1)?.type, events.at(-1)?.data],
      offered: answer.view?.allowedActions.includes("extend"),
    }).toEqual({
      status: 200,
      due: "2026-10-19",
      facts: [true, { at: now.toISOString(), decisionRef: "03/QĐ-GH" }],
      event: ["extended", { ...processing, processingDueAt: "2026-10-19T16:59:59.999Z" }],
      offered: false,
    });
  });

  it("should refuse a second processing extension, another kind's and an anonymous denunciation's with 422 and the rule's code", async () => {
    // Act
    const answers = await Promise.all([
      extend({ ...named, processingExtended: true }, processing),
      extend({ kind: "complaint" }, processing),
      extend({ kind: "denunciation", anonymous: true }, processing),
      extend(named, { ...processing, days: 5 }),
    ]);
    // Assess
    expect(answers.map((a) => [a.status, a.errors?.map((e) => e.code)])).toEqual([
      [422, ["processing_extension_used"]],
      [422, ["processing_extension_not_allowed"]],
      [422, ["processing_extension_no_deadline"]],
      [422, ["processing_extension_days"]],
    ]);
  });

  it("should leave the processing extension to reception: a handler is refused with 403", async () => {
    // Act
    const answer = await extend(named, processing, handler);
    // Assess
    expect({ status: answer.status, detail: answer.detail }).toEqual({ status: 403, detail: "A handler may not extend a case (stage processing)." });
  });

  it("should refuse with 409 a stage whose state the case is not in, naming the actions offered", async () => {
    // Act
    const onAccepted = await extend({ ...named, complexity: "complex" }, processing, { ...admin }, "in_progress");
    const onReceived = await extend(named, { days: 30, reason: "Vụ việc phức tạp", decisionRef: "05/QĐ-GH" }, admin);
    // Assess
    expect([onAccepted.status, onAccepted.extensions, onReceived.status, onReceived.extensions]).toEqual([
      409,
      { allowedActions: ["extend", "suspend", "resume", "resolve", "withdraw", "note"] },
      409,
      { allowedActions: ["classify", "accept", "transfer", "guide", "reject", "archive", "extend", "withdraw", "note"] },
    ]);
  });

  it("should require the decision number of an extension and of a suspension", async () => {
    // Act
    const { decisionRef: _ref, ...unnumbered } = processing;
    const extension = await extend(named, unnumbered);
    const suspension = await outcome("in_progress", "suspend", admin, { reason: "Chờ kết quả giám định" });
    // Assess
    expect([extension.status, extension.errors, suspension.status, suspension.errors]).toEqual([
      400,
      [{ path: "decisionRef", message: expect.any(String) }],
      400,
      [{ path: "decisionRef", message: expect.any(String) }],
    ]);
  });

  it("should offer extend only where the policy allows it", () => {
    // Prepare
    const offered = (facts: Partial<CaseRecord>, role: Principal["role"], status: CaseStatus = "received") =>
      offeredActions(stored(status, facts).record, role, ctx).includes("extend");
    // Act / Assess
    expect({
      namedDenunciation: offered(named, "reception"),
      toItsHandler: offered(named, "handler"),
      alreadyExtended: offered({ ...named, processingExtended: true }, "reception"),
      anonymous: offered({ kind: "denunciation", anonymous: true }, "reception"),
      petition: offered({}, "reception"),
      complexAccepted: offered({ ...named, complexity: "complex" }, "handler", "in_progress"),
      complexExtendedOnce: offered({ ...named, complexity: "complex", extensions: [{ days: 30, at: "2026-10-06T03:00:00.000Z" }] }, "handler", "in_progress"),
      normalAccepted: offered(named, "handler", "in_progress"),
    }).toEqual({
      namedDenunciation: true,
      toItsHandler: false,
      alreadyExtended: false,
      anonymous: false,
      petition: false,
      complexAccepted: true,
      complexExtendedOnce: false,
      normalAccepted: false,
    });
  });

  it("should take a paper date before the sweep's escalation, and refuse one before the last staff action", async () => {
    // Prepare: received 2026-10-05, escalated by the sweep on 2026-10-07, then classified on paper on 2026-10-06
    const { state, deps } = memory(stored("received"));
    const escalated = appendEvent(state.record, { type: "escalated", at: now.toISOString(), actor: { kind: "system" }, data: { level: 1 }, changes: { escalationRecorded: 1 } }, now);
    state.record = escalated.next;
    state.events.push(escalated.event);
    const classify = { caseId: state.record.caseId, action: "classify" as const, body: { unitId: "so-tn-mt", effectiveAt: "2026-10-06T02:00:00.000Z" }, ifMatch: '"2"', actor: admin };
    // Act
    const classified = await performAction(classify, deps);
    const before = await performAction({ ...classify, action: "accept", body: { effectiveAt: "2026-10-05T12:00:00.000Z" }, ifMatch: '"3"' }, deps).catch((err: AppError) => err);
    // Assess
    expect(classified.timeline.map((e) => [e.type, e.at])).toEqual([
      ["received", receivedAt],
      ["escalated", now.toISOString()],
      ["classified", "2026-10-06T02:00:00.000Z"],
    ]);
    expect([state.record.lastAt, verifyChain(state.events, state.record).chainValid]).toEqual(["2026-10-06T02:00:00.000Z", true]);
    expect(before).toMatchObject({ status: 422, errors: [{ path: "effectiveAt", message: "must not be before 2026-10-06T02:00:00.000Z" }] });
  });
});

describe("performAction: reclassification and the sender's identity", () => {
  const sender = { fullName: "Lê Thị Bích Diệp", phone: "0938 111 222", nationalId: "079188004321" };
  const reclassify = (kind: string, version: number) => ({ caseId: "7b0e7c1a-0000-4000-8000-000000000001", action: "classify" as const, body: { kind, unitId: "so-tn-mt" }, ifMatch: `"${version}"`, actor: admin });

  it("should seal the sender in the write that makes a complaint a denunciation, say so on its event, and show only that it is sealed", async () => {
    // Prepare
    const { state, deps } = memory(stored("received", { kind: "complaint", submitter: sender }));
    // Act
    const view = await performAction(reclassify("denunciation", 1), deps);
    // Assess
    const { record, events } = state;
    expect({
      submitter: Object.hasOwn(record, "submitter"),
      opened: JSON.parse(await sealer.open(record.sealedSubmitter ?? "", { caseId: record.caseId, field: "submitter" })),
      event: [events.at(-1)?.type, events.at(-1)?.data],
      view: [view.kind, view.submitter],
      chain: verifyChain(events, record),
    }).toEqual({
      submitter: false,
      opened: sender,
      event: ["classified", { kind: "denunciation", unitId: "so-tn-mt", identitySealed: true }],
      view: ["denunciation", { sealed: true }],
      chain: { chainValid: true },
    });
    for (const value of Object.values(sender)) expect(JSON.stringify({ record, events, view })).not.toContain(value);
  });

  it("should keep the identity sealed when the kind changes away from denunciation, sealing nothing again", async () => {
    // Prepare
    const { state, deps } = memory(stored("received", { kind: "complaint", submitter: sender }));
    await performAction(reclassify("denunciation", 1), deps);
    const sealedOnce = state.record.sealedSubmitter;
    // Act
    const view = await performAction(reclassify("complaint", 2), deps);
    // Assess
    expect([state.record.kind, Object.hasOwn(state.record, "submitter"), state.record.sealedSubmitter, view.submitter, state.events.at(-1)?.data]).toEqual([
      "complaint", false, sealedOnce, { sealed: true }, { kind: "complaint", unitId: "so-tn-mt" },
    ]);
  });

  it("should treat a nameless case reclassified as a denunciation as anonymous information, with no processing deadline", async () => {
    // Prepare
    const { state, deps } = memory(stored("received", { kind: "petition" }));
    // Act
    const view = await performAction(reclassify("denunciation", 1), deps);
    // Assess
    expect([state.record.anonymous, view.deadlines.processing, state.record.sealedSubmitter]).toEqual([true, undefined, undefined]);
  });
});
