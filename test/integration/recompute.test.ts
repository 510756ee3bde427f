// A calendar change reaches every open case through the recompute job: on DynamoDB Local, through the gateway,
// PUT answers 202 with the job, the job ends `succeeded` with done = total = the open cases and `changed` the
// cases whose deadlines moved, each of which has exactly one `deadlines_recomputed` event naming the job and
// the pure engine's deadlines; a run that crashes midway, or dies holding the job, is resumed to the same end,
// and two runs racing on one job count each case once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Calendar } from "#domain/calendar/index.ts";
import { computeDeadlines, defaultPolicy, type DeadlineContext } from "#domain/deadlines/index.ts";
import { requestRecompute, runRecomputeJob, type JobStore, type RunDeps, type RunOutcome } from "#domain/jobs.ts";
import type { CaseRepository, StoredCase } from "#domain/ports.ts";
import { effectiveAdjustments } from "#domain/reference.ts";
import { isOpen } from "#domain/vocabulary.ts";
import { dynamoDocumentClient, invalidateDeadlineContext, jobDeps, recomputeRunDeps, referenceStore } from "#adapters/context.ts";
import { DynamoCaseRepository } from "#adapters/case-repository.ts";
import { auditSignerFromEnv } from "#adapters/audit-keys.ts";
import { tableName } from "#tables";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { jobsIdle } from "#test/support/jobs.ts";

let api: TestGateway;
let repository: DynamoCaseRepository;

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  repository = new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases"), () => auditSignerFromEnv());
});
afterAll(() => api?.close());

const admin = bearer("admin");
const reception = bearer("reception");
const inspector = bearer("inspector");

const petition = {
  kind: "petition",
  subject: "Kiến nghị nạo vét kênh Vĩnh Hậu",
  content: "Kênh thủy lợi đầu ấp bị bồi lắng, nước không vào ruộng được, đề nghị xã cho nạo vét sớm.",
  submitter: { fullName: "Trần Thị Hoa", phone: "0907111222" },
  channel: "mail",
};

/** Every case of this file's tables: each job reads them all. */
const mine: string[] = [];

async function register(receivedAt: string): Promise<string> {
  const res = await api.post("/staff/cases", { ...petition, receivedAt }, reception);
  expect(res.status).toBe(201);
  const { caseId } = await res.json();
  mine.push(caseId);
  return caseId;
}
async function act(caseId: string, action: string, body: unknown, version: number) {
  const res = await api.post(`/staff/cases/${caseId}/${action}`, body, { ...admin, "if-match": `"${version}"` });
  expect(res.status).toBe(200);
}
const staffCase = async (caseId: string) => (await api.get(`/staff/cases/${caseId}`, admin)).json();
const audit = async (caseId: string) => (await api.get(`/staff/cases/${caseId}/audit`, inspector)).json();
const job = async (jobId: string) => (await api.get(`/admin/jobs/${jobId}`, admin)).json();

/** Open cases received around the end of November (their processing deadline crosses late-November days), others that no day there moves, and a closed one. */
async function someCases(day: number): Promise<void> {
  for (const hour of [1, 2, 3, 4, 5]) await register(`2026-11-${String(day).padStart(2, "0")}T0${hour}:00:00Z`);
  await register("2026-10-01T02:00:00Z");
  const inProgress = await register("2026-10-01T03:00:00Z");
  await act(inProgress, "classify", { unitId: "so-tn-mt", effectiveAt: "2026-10-02T02:00:00Z" }, 1);
  await act(inProgress, "accept", { effectiveAt: "2026-10-05T02:00:00Z" }, 2);
  const closed = await register(`2026-11-${String(day).padStart(2, "0")}T06:00:00Z`);
  await act(closed, "classify", { unitId: "so-tn-mt" }, 1);
  await act(closed, "accept", {}, 2);
  await act(closed, "resolve", { outcome: "answered", decisionRef: "12/TB-UBND", summary: "Đã lên kế hoạch nạo vét." }, 3);
  await act(closed, "close", {}, 4);
}

const snapshot = async (): Promise<Map<string, StoredCase>> => new Map(await Promise.all(mine.map(async (id) => [id, (await repository.get(id))!] as const)));

/** The 2026 calendar with one more day off: stored through the product's own store, as the PUT stores it. */
async function addDayOff(date: string): Promise<DeadlineContext> {
  const current = await (await api.get("/admin/calendar/2026", admin)).json();
  const holidays: string[] = [...current.holidays, date].sort();
  await referenceStore().putCalendarYear({ year: 2026, holidays, workingDays: current.workingDays, updatedAt: new Date().toISOString(), updatedBy: "sub-admin-all" });
  invalidateDeadlineContext();
  return pureContext(holidays, current.workingDays);
}

/** The pure engine's context for these 2026 adjustments. */
const pureContext = (holidays: string[], workingDays: string[]): DeadlineContext => ({
  policy: defaultPolicy(),
  calendar: new Calendar(effectiveAdjustments([{ year: 2026, holidays, workingDays, updatedAt: "", updatedBy: "" }])),
});

const dueAts = (deadlines: StoredCase["record"]["deadlines"]) => ({ processing: deadlines.processing?.dueAt, resolution: deadlines.resolution?.dueAt });

/** What any run of the job, crashed or not, must leave: the job's counts, and each case under the pure engine with one event per move. */
async function expectEndState(jobId: string, before: Map<string, StoredCase>, ctx: DeadlineContext): Promise<void> {
  const after = await snapshot();
  let open = 0;
  let moved = 0;
  for (const [caseId, { record }] of before) {
    const now = after.get(caseId)!;
    const events = now.events.filter((e) => e.type === "deadlines_recomputed" && e.data?.jobId === jobId);
    if (!isOpen(record.status)) {
      expect(now, `closed case ${caseId}`).toEqual(before.get(caseId));
      continue;
    }
    open++;
    const expected = dueAts(computeDeadlines(record, ctx));
    expect(dueAts(now.record.deadlines), `case ${caseId}`).toEqual(expected);
    const moves = JSON.stringify(expected) !== JSON.stringify(dueAts(record.deadlines));
    if (moves) moved++;
    expect(events.length, `events of the job on case ${caseId}`).toBe(moves ? 1 : 0);
    expect(now.record.version, `case ${caseId}`).toBe(record.version + (moves ? 1 : 0));
  }
  expect(moved).toBeGreaterThan(0);
  expect(await job(jobId)).toMatchObject({ jobId, status: "succeeded", done: open, total: open, changed: moved });
}

/** A job stored (its calendar change with it) and not started: the test runs it. */
const unstartedJob = async (reason: string) => (await requestRecompute(reason, "sub-admin-all", { ...jobDeps(), starter: { start: async () => {} } })).jobId;

describe("PUT /admin/calendar/2026 adding a holiday", () => {
  it("should answer 202 with a job that recomputes every open case once, each moved case with one event naming the job", async () => {
    await someCases(18);
    const before = await snapshot();
    const calendar = await (await api.get("/admin/calendar/2026", admin)).json();
    const holidays = [...calendar.holidays, "2026-11-25"];

    const res = await api.raw("PUT", "/admin/calendar/2026", JSON.stringify({ holidays, workingDays: calendar.workingDays }), { "content-type": "application/json", ...admin });
    const body = await res.json();
    const progress = await job(body.jobId);
    await jobsIdle();

    expect(res.status).toBe(202);
    expect(res.headers.get("location")).toBe(`/admin/jobs/${body.jobId}`);
    expect(Object.keys(body)).toEqual(["jobId"]);
    expect(["pending", "running", "succeeded"]).toContain(progress.status);
    await expectEndState(body.jobId, before, pureContext(holidays, calendar.workingDays));
    const moved = mine.find((id) => before.get(id)!.record.receivedAt === "2026-11-18T01:00:00.000Z")!;
    const chain = await audit(moved);
    expect(chain.chainValid).toBe(true);
    expect(chain.events.at(-1)).toMatchObject({
      type: "deadlines_recomputed",
      actor: { kind: "system" },
      data: { reason: "calendar 2026", requestedBy: "sub-admin-all", jobId: body.jobId, changes: [{ stage: "processing", from: "2026-12-02T16:59:59.999Z", to: "2026-12-03T16:59:59.999Z" }] },
    });
  });

  it("should still accept a paper action dated before the recompute on a recomputed case", async () => {
    const recomputed = await staffCase(mine[0]!);

    await act(mine[0]!, "classify", { unitId: "so-tn-mt", effectiveAt: "2026-11-23T02:00:00Z" }, recomputed.version);

    expect(recomputed.timeline.at(-1).type).toBe("deadlines_recomputed");
    expect((await audit(mine[0]!)).chainValid).toBe(true);
  });

  it("should count a case registered after the change with the new calendar", async () => {
    const caseId = await register("2026-11-20T03:00:00Z");

    const after = await staffCase(caseId);

    expect(after.deadlines.processing.dueDate).toBe("2026-12-07"); // 25 November is now a day off
    expect((await audit(caseId)).chainValid).toBe(true);
  });
});

describe("the recompute job, run by pages", () => {
  /** The real case repository, failing on its `failAt`-th update: a run that breaks down in the middle of a page. */
  const failingCases = (failAt: number): CaseRepository => {
    let updates = 0;
    return new Proxy(repository, {
      get: (target, name, receiver) =>
        name === "update"
          ? (...args: Parameters<CaseRepository["update"]>) => (++updates >= failAt ? Promise.reject(new Error("injected")) : target.update(...args))
          : Reflect.get(target, name, receiver),
    });
  };

  it("should finish a run that failed in the middle of a page, once resumed, as if it had not failed", async () => {
    await someCases(19);
    const ctx = await addDayOff("2026-11-26");
    const before = await snapshot();
    const jobId = await unstartedJob("calendar 2026");

    const crashed = runRecomputeJob(jobId, { ...recomputeRunDeps({ pageSize: 2 }), cases: failingCases(4) });
    await expect(crashed).rejects.toThrow("injected");
    const halfway = await job(jobId);
    const outcome = await runRecomputeJob(jobId, recomputeRunDeps({ pageSize: 2 }));

    expect(halfway).toMatchObject({ status: "running", error: "Error" });
    expect(halfway.done).toBeLessThan(halfway.total);
    expect(outcome).toBe("finished");
    await expectEndState(jobId, before, ctx);
    expect(await job(jobId)).not.toHaveProperty("error");
  });

  it("should take over, once stale, a job whose run died holding it, and finish it the same", async () => {
    await someCases(20);
    const ctx = await addDayOff("2026-11-27");
    const before = await snapshot();
    const jobId = await unstartedJob("calendar 2026");
    // The job store stops answering after the third page: the run can neither save its page nor let go of the job.
    let saves = 0;
    const dying: JobStore = new Proxy(jobDeps().jobs, {
      get: (target, name, receiver) =>
        name === "replace" ? (...args: Parameters<JobStore["replace"]>) => (++saves > 3 ? Promise.reject(new Error("gone")) : target.replace(...args)) : Reflect.get(target, name, receiver),
    });

    await expect(runRecomputeJob(jobId, { ...recomputeRunDeps({ pageSize: 2 }), jobs: dying })).rejects.toThrow("gone");
    const whileFresh = await runRecomputeJob(jobId, recomputeRunDeps({ pageSize: 2 }));
    const takenOver = await runRecomputeJob(jobId, recomputeRunDeps({ pageSize: 2 }), { staleAfterMs: 0 });

    expect(whileFresh).toBe("busy");
    expect(takenOver).toBe("finished");
    await expectEndState(jobId, before, ctx);
  });

  it("should count each case once when two runs race on one job, the second taking it over from the first", async () => {
    await someCases(23);
    const ctx = await addDayOff("2026-11-30");
    const before = await snapshot();
    const jobId = await unstartedJob("calendar 2026");
    const deps = recomputeRunDeps({ pageSize: 2 });
    // When the first run asks for its second page, a second run takes the job over and does it all; then the first goes on.
    let second: Promise<RunOutcome> | undefined;
    let pages = 0;
    const racing: RunDeps = {
      ...deps,
      openCases: {
        count: () => deps.openCases.count(),
        page: async (cursor, limit) => {
          if (++pages === 2) await (second = runRecomputeJob(jobId, recomputeRunDeps({ pageSize: 2 }), { staleAfterMs: 0 }));
          return deps.openCases.page(cursor, limit);
        },
      },
    };

    const first = await runRecomputeJob(jobId, racing);

    expect(first).toBe("lost");
    expect(await second).toBe("finished");
    await expectEndState(jobId, before, ctx);
  });

  it("should run a job asked for while another is unfinished after it, so the cases end under the latest change", async () => {
    const ctx = await addDayOff("2026-11-24");
    const first = await unstartedJob("calendar 2026 (first)");
    const second = await unstartedJob("calendar 2026");
    const before = await snapshot();

    const early = await runRecomputeJob(second, recomputeRunDeps());
    await runRecomputeJob(first, recomputeRunDeps());
    await jobsIdle();

    expect(early).toBe("queued");
    expect(await job(first)).toMatchObject({ status: "succeeded" });
    expect(await job(second)).toMatchObject({ status: "succeeded" });
    for (const [caseId, { record }] of before) if (isOpen(record.status)) expect(dueAts((await repository.get(caseId))!.record.deadlines)).toEqual(dueAts(computeDeadlines(record, ctx)));
  });
});
