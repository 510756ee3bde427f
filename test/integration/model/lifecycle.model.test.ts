// The whole case lifecycle, model-based (issue 9): random sequences of what citizens, reception,
// handlers, inspectors, admins and the runtime do, run on the real handlers behind the local gateway on
// DynamoDB Local, over HTTP (the sweep and the stream consumers are invoked by their manifest entries,
// the stream read until empty). After every step every invariant of invariants.ts is checked against
// the model (model.ts); each is named, so a failure says which rule of the contract broke.
//
// CI: a fixed seed, a bounded number of runs and of shrinks. To look further while a known defect is
// still there: MODEL_SKIP=<check>,<check> leaves checks out (MODEL_ONLY=<check> keeps only those, so
// fast-check shrinks to the shortest sequence that breaks that one), MODEL_SURVEY=1 records every violation of
// every run instead of failing (printed at the end), MODEL_RUNS / MODEL_SEED / MODEL_COMMANDS change the
// budget. Any failing sequence found this way becomes a plain test in regressions-issue9.test.ts.
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { Checker } from "./checker.ts";
import { commandArbitraries, Inspect, type Real } from "./commands.ts";
import { newModel, type Model } from "./model.ts";
import { RealSystem } from "./system.ts";

const SEED = Number(process.env.MODEL_SEED ?? 9_2026);
const RUNS = Number(process.env.MODEL_RUNS ?? 8);
const MAX_COMMANDS = Number(process.env.MODEL_COMMANDS ?? 30);
/** Shrinking replays shorter sequences on the database: bounded, so a failing CI run ends in bounded time too. */
const MAX_SHRINKS = Number(process.env.MODEL_SHRINKS ?? 40);

let system: RealSystem;
const checker = Checker.fromEnv();

beforeAll(async () => {
  system = await RealSystem.start();
}, 120_000);
afterAll(async () => {
  await system?.stop();
  if (process.env.MODEL_SURVEY === "1") console.log(checker.report());
});

describe("the case lifecycle against its model", () => {
  it("should keep every invariant after every step of random sequences of filings, actions, reveals, calendar changes, sweeps and stream replays", async () => {
    const started = Date.now();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.limitShrink(fc.commands(commandArbitraries, { maxCommands: MAX_COMMANDS, size: "max" }), MAX_SHRINKS), async (commands) => {
        runs++;
        let model: Model | undefined;
        const real: Real = { system, checker };
        await fc.asyncModelRun(async () => {
          await checker.timed("reset", () => system.reset());
          checker.trail = [];
          model = newModel();
          return { model, real };
        }, commands);
        // Every sequence ends with an inspection: the report and the lists against the recount.
        if (model) await new Inspect().run(model, real);
        if (process.env.MODEL_VERBOSE === "1") console.log(`run ${runs}: ${checker.trail.join(" → ")}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (process.env.MODEL_VERBOSE === "1") console.log({ timings: Object.fromEntries(checker.timings), coverage: Object.fromEntries([...checker.coverage].sort()) });
    console.log(`model-based test: ${runs} sequences in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED}, ${RUNS} runs, up to ${MAX_COMMANDS} commands)`);
  }, 600_000);
});
