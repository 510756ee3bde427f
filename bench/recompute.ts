// `npm run bench:recompute [-- --cases N]`: the recompute job over N open cases (default 100,000) in DynamoDB Local.
// Seeds N open cases in their stored shape (BatchWrite of the domain's records), stores a day off a few working
// days ahead (it moves the processing deadline of the recent received cases), then runs the job in this process
// as the local runtime does, and reads the same index pages bare for comparison. Prints figures next to targets;
// it asserts nothing (speed is measured here, never in a test).
import { randomUUID } from "node:crypto";
import { ensureTables, startDynamoDbLocal } from "#local/dynamodb.ts";
import type { CaseRecord } from "#domain/case.ts";
import { computeDeadlines, defaultDeadlineContext, localDateOf, type DeadlineFacts } from "#domain/deadlines/index.ts";
import { seeded, useBenchTables, writeAll } from "./seed.ts";

const arg = process.argv.indexOf("--cases");
const N = Number(arg > 0 ? process.argv[arg + 1] : (process.env.BENCH_CASES ?? 100_000));
if (!Number.isInteger(N) || N < 1) throw new Error("--cases must be a positive integer");
const DAY = 86_400_000;
/** Target: 100,000 open cases within 15 minutes (≥ 111 cases/s), the longest a single Lambda run may take. */
const TARGET_CASES_PER_S = 100_000 / (15 * 60);
/** Target: the job costs at most this many times a bare read of the same index pages (a Get and, for a moved case, a transaction per case). */
const TARGET_RATIO_TO_BARE_READ = 25;
const units = ["so-tn-mt", "ubnd-huyen-an-phu", "ubnd-xa-vinh-hau", "so-xay-dung"];
const kinds = ["complaint", "petition", "reflection", "denunciation"] as const;

const { rand, pick } = seeded(11);

const db = await startDynamoDbLocal();
const prefix = "benchrj";
try {
  const context = await useBenchTables(db.endpoint, prefix);
  const { requestRecompute, runRecomputeJob, JOB_PAGE_SIZE } = await import("#domain/jobs.ts");
  const { DynamoOpenCases } = await import("#adapters/recompute.ts");
  const { tableName } = await import("#tables");
  await ensureTables(context.dynamoClient(), prefix);
  const ctx = defaultDeadlineContext();
  const now = Date.now();

  let t = performance.now();
  const records = Array.from({ length: N }, (_, i) => openCase(i, now, ctx));
  await writeAll(context.dynamoDocumentClient(), records);
  console.log(`seeded ${N} open cases (${2 * N} items) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // A weekday off 4 days from now: inside the processing period of the cases received in the last two weeks.
  let day = now + 4 * DAY;
  while ([0, 6].includes(new Date(`${localDateOf(new Date(day))}T00:00:00Z`).getUTCDay())) day += DAY;
  const dayOff = localDateOf(new Date(day));
  const year = Number(dayOff.slice(0, 4));
  const current = await context.referenceStore().getCalendarYear(year);
  await context.referenceStore().putCalendarYear({ year, holidays: [...(current?.holidays ?? []), dayOff], workingDays: [...(current?.workingDays ?? [])], updatedAt: new Date().toISOString(), updatedBy: "bench" });

  // The bare read: every page of the byStatus index the job walks, and nothing else.
  const open = new DynamoOpenCases(context.dynamoDocumentClient(), tableName("cases"));
  t = performance.now();
  let bare = 0;
  let cursor: string | undefined;
  do {
    const page = await open.page(cursor, JOB_PAGE_SIZE);
    bare += page.caseIds.length;
    cursor = page.next;
  } while (cursor !== undefined);
  const bareMs = performance.now() - t;

  const { jobId } = await requestRecompute(`calendar ${year}`, "bench", { ...context.jobDeps(), starter: { start: async () => {} } });
  t = performance.now();
  const progress = setInterval(async () => {
    const j = await context.jobDeps().jobs.get(jobId);
    if (j) process.stdout.write(`  job: ${j.done} / ${j.total} done, ${j.changed} changed\r`);
  }, 10_000);
  const outcome = await runRecomputeJob(jobId, context.recomputeRunDeps());
  clearInterval(progress);
  const jobMs = performance.now() - t;
  const job = (await context.jobDeps().jobs.get(jobId))!;

  const rate = job.done / (jobMs / 1000);
  const ratio = jobMs / bareMs;
  console.log(`\nday off added: ${dayOff}; job ${jobId}: ${outcome}, ${job.status}, ${job.pages} pages of ${JOB_PAGE_SIZE}`);
  console.log(`${"what".padEnd(40)} ${"figure".padStart(16)} ${"target".padStart(16)}   figure / target`);
  const line = (what: string, figure: string, target: string, r: string) => console.log(`${what.padEnd(40)} ${figure.padStart(16)} ${target.padStart(16)}   ${r}`);
  line("open cases recomputed (done = total)", `${job.done} = ${job.total}`, `${N}`, `${(job.done / N).toFixed(3)}`);
  line("of which moved (one event each)", `${job.changed}`, "", "");
  line("job time", `${(jobMs / 1000).toFixed(1)} s`, `${(N / TARGET_CASES_PER_S).toFixed(0)} s`, `${(jobMs / 1000 / (N / TARGET_CASES_PER_S)).toFixed(2)} (≤ 1 is on target)`);
  line("cases per second", rate.toFixed(0), `≥ ${TARGET_CASES_PER_S.toFixed(0)}`, `${(rate / TARGET_CASES_PER_S).toFixed(2)} (≥ 1 is on target)`);
  line("bare read of the same index pages", `${(bareMs / 1000).toFixed(1)} s`, "", `${bare} ids`);
  line("job time / bare read", `${ratio.toFixed(1)}×`, `≤ ${TARGET_RATIO_TO_BARE_READ}×`, `${(ratio / TARGET_RATIO_TO_BARE_READ).toFixed(2)} (≤ 1 is on target)`);
  line("100,000 cases at this rate", `${(100_000 / rate / 60).toFixed(1)} min`, "15 min", "");
} finally {
  await db.stop();
}

/** An open case as the product holds it: received or accepted in the last 60 days, over a few units and kinds. */
function openCase(i: number, now: number, ctx: ReturnType<typeof defaultDeadlineContext>): CaseRecord {
  const daysAgo = Math.floor(rand() * 60);
  const receivedAt = new Date(now - daysAgo * DAY - Math.floor(rand() * DAY)).toISOString();
  const accepted = daysAgo > 8 && rand() < 0.6;
  const facts: DeadlineFacts = {
    kind: pick(kinds),
    anonymous: false,
    status: accepted ? "in_progress" : "received",
    receivedAt,
    round: 1,
    complexity: "normal",
    remoteArea: false,
    ...(accepted && { acceptedAt: new Date(Date.parse(receivedAt) + 3 * DAY).toISOString() }),
  };
  return {
    ...facts,
    caseId: randomUUID(),
    trackingCode: `R${String(i).padStart(7, "0")}`,
    subject: `Đơn thư số ${i}`,
    content: "Nội dung đơn thư dùng cho phép đo hiệu năng của việc tính lại thời hạn.",
    channel: "online",
    language: "vi",
    unitId: pick(units),
    updatedAt: receivedAt,
    version: 1,
    deadlines: computeDeadlines(facts, ctx),
    lastAt: receivedAt,
    lastSeq: 1,
    lastHash: "",
  };
}

