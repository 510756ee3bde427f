// Test tiers, each in its own folder: unit (pure), integration (DynamoDB Local), infra (CDK), e2e (Chromium).
//
// A worker that blocks its event loop for a minute (a synchronous CDK synthesis, a synchronous spawn) lets
// its pending RPC to vitest time out ("[vitest-worker]: Timeout calling …"), so nothing long runs
// synchronously in a test file: the infra stacks are synthesized once in child processes by the infra
// global setup, and child processes are awaited, not spawned synchronously.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A child process per test file (vitest's default, stated): a test that hangs or crashes natively takes
    // down its own process, not vitest's.
    pool: "forks",
    // The global setups' teardowns stop DynamoDB Local and the e2e runtime (SIGTERM, then SIGKILL after 20 s);
    // vitest's default 10 s could exit in the middle of that under load and leave java behind.
    teardownTimeout: 60_000,
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          globalSetup: ["test/infra/global-setup.ts"],
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time against the one runtime the global setup starts: each file is heavy
          // (Chromium, the runtime behind it), and several at once on a small runner starve each other.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
