// Recomputes the deadlines of 100,000 open cases of mixed kinds and variants, as a calendar or
// policy change would, and prints the throughput. Run: npm run bench:deadlines
import "#domain/case.ts";
import { computeDeadlines, defaultDeadlineContext, recomputeDeadlines, type DeadlineFacts } from "#domain/deadlines/index.ts";

const N = Number(process.env.BENCH_CASES ?? 100_000);
const ctx = defaultDeadlineContext();
const kinds = ["complaint", "denunciation", "petition", "reflection"] as const;
const complexities = ["normal", "complex", "very_complex"] as const;
const DAY = 86_400_000;
const base = Date.parse("2024-01-01T00:00:00Z");

// A deterministic pseudo-random generator, so every run recomputes the same cases.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const cases: DeadlineFacts[] = [];
for (let i = 0; i < N; i++) {
  const kind = pick(kinds);
  const complexity = pick(complexities);
  const receivedAt = base + Math.floor(rand() * 3 * 365 * DAY);
  const accepted = rand() < 0.7;
  const acceptedAt = receivedAt + Math.floor(rand() * 10) * DAY;
  const facts: DeadlineFacts = {
    kind,
    anonymous: kind === "denunciation" && rand() < 0.1,
    status: accepted ? "in_progress" : "received",
    receivedAt: new Date(receivedAt).toISOString(),
    processingExtended: kind === "denunciation" && rand() < 0.3,
    round: rand() < 0.2 ? 2 : 1,
    complexity,
    remoteArea: rand() < 0.15,
  };
  if (accepted) {
    facts.acceptedAt = new Date(acceptedAt).toISOString();
    if (kind === "denunciation" && complexity !== "normal") {
      facts.extensions = [{ days: 30, at: new Date(acceptedAt + 20 * DAY).toISOString() }];
      if (complexity === "very_complex" && rand() < 0.5) facts.extensions.push({ days: 15, at: new Date(acceptedAt + 50 * DAY).toISOString() });
    }
    const r = rand();
    if (r < 0.15) facts.suspensions = [{ from: new Date(acceptedAt + 5 * DAY).toISOString(), to: new Date(acceptedAt + 17 * DAY).toISOString() }];
    else if (r < 0.2) facts.suspensions = [{ from: new Date(acceptedAt + 5 * DAY).toISOString() }];
  }
  cases.push(facts);
}

// The stored deadlines, as the cases hold them before the change (not timed).
const stored = cases.map((facts) => ({ ...facts, deadlines: computeDeadlines(facts, ctx) }));

// The change: admin declares an extra day off in each year, as a government announcement would.
let calendar = ctx.calendar;
for (const year of [2024, 2025, 2026]) {
  const adj = calendar.adjustmentsFor(year);
  calendar = calendar.withAdjustments(year, { ...adj, holidays: [...adj.holidays, `${year}-06-15`] });
}
const changedCtx = { ...ctx, calendar };

// CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return `${((used.user + used.system) / 1000 / 1000).toFixed(2)} s of CPU`;
};

const started = performance.now();
const startedCpu = process.cpuUsage();
let changed = 0;
for (const facts of stored) if (recomputeDeadlines(facts, changedCtx).changed) changed++;
const ms = performance.now() - started;
const recomputeCpu = cpuMs(startedCpu);

console.log(
  `recomputed ${N.toLocaleString("en")} open cases in ${(ms / 1000).toFixed(2)} s (${recomputeCpu}): ` +
    `${Math.round(N / (ms / 1000)).toLocaleString("en")} cases/second; ${changed.toLocaleString("en")} deadlines moved`,
);

// The same cases with every explanation built, as writing each case's deadlines (or showing them) would.
const explainedStart = performance.now();
const explainedCpu = process.cpuUsage();
let chars = 0;
for (const facts of stored) {
  const d = computeDeadlines(facts, changedCtx);
  chars += (d.processing?.explanation.vi.length ?? 0) + (d.resolution?.explanation.vi.length ?? 0);
}
const explainedMs = performance.now() - explainedStart;
console.log(
  `computed and explained ${N.toLocaleString("en")} cases in ${(explainedMs / 1000).toFixed(2)} s (${cpuMs(explainedCpu)}): ` +
    `${Math.round(N / (explainedMs / 1000)).toLocaleString("en")} cases/second; ${Math.round(chars / N).toLocaleString("en")} characters of Vietnamese per case`,
);
