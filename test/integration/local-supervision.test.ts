// The local runtime supervises DynamoDB Local: java killed under load (by PID) is started again on the same
// port and data, the runtime goes on serving, every answer meanwhile is a 201 or a 503 with Retry-After, and
// every submitter that retries with its Idempotency-Key ends with its first case and no other.
import { existsSync } from "node:fs";
import { paginateScan, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { localClient, localTableNames } from "#local/dynamodb.ts";
import { cleanUpRuntimes, eventually, findJavaOf, gone, javaOf, oneStart, startRuntime, tempDataDir, type Runtime } from "#test/support/runtime-process.ts";
import { solvedChallenge } from "#test/support/challenge.ts";

afterAll(cleanUpRuntimes);

const SUBMITTERS = 4;
const CASES_EACH = 6;
/** A pause between a client's retries: a client's manners, not a synchronisation (each loop waits for its 201). */
const RETRY_PAUSE_MS = 200;

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { caseId?: string; trackingCode?: string; accessKey?: string; code?: string };
}

const complaint = (n: string) => ({
  kind: "complaint",
  subject: `Khiếu nại số ${n} về cấp nước sinh hoạt`,
  content: "Nhiều tháng nay khu phố không có nước sinh hoạt ổn định, đề nghị cơ quan có thẩm quyền xem xét giải quyết.",
  submitter: { fullName: "Trần Thị Lan", phone: "0913 222 333" },
});

/** One solved challenge per Idempotency-Key, sent again with each retry of it, as a browser resends what it sent. */
const solutions = new Map<string, Promise<string>>();

async function post(runtime: Runtime, body: unknown, key: string): Promise<Answer> {
  if (!solutions.has(key)) solutions.set(key, solvedChallenge(runtime.info.apiUrl));
  const solution = await solutions.get(key)!.catch((err) => {
    solutions.delete(key);
    throw err;
  });
  const res = await fetch(`${runtime.info.apiUrl}/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key, "x-altcha": solution },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Answer["body"] };
}

/** Every case item stored, read raw (a test-only Scan). */
async function storedCaseIds(runtime: Runtime): Promise<string[]> {
  const db = DynamoDBDocumentClient.from(localClient(runtime.info.dynamodbEndpoint));
  const ids: string[] = [];
  const pages = paginateScan(
    { client: db },
    { TableName: localTableNames(runtime.info.tablePrefix).cases, FilterExpression: "entity = :case", ExpressionAttributeValues: { ":case": "case" } },
  );
  for await (const page of pages) ids.push(...(page.Items ?? []).map((i) => i.caseId as string));
  db.destroy();
  return ids;
}

describe.runIf(existsSync("/proc"))("DynamoDB Local under the runtime's supervision", () => {
  it(
    "should come back when java is killed under load: only 201s and 503s, each key its first case, no case twice, none unanswered",
    async () => {
      // Prepare
      const runtime = await startRuntime(tempDataDir(), { args: ["--no-seed"] });
      const firstJava = javaOf(runtime.info.pid);
      const answers: Answer[] = [];
      const failures: string[] = [];
      const firstCase = new Map<string, { key: string; body: ReturnType<typeof complaint>; answer: Answer }>();
      const submitter = async (s: number) => {
        for (let c = 0; c < CASES_EACH; c++) {
          const key = crypto.randomUUID();
          const body = complaint(`${s}-${c}-${key.slice(0, 6)}`);
          for (;;) {
            const answer = await post(runtime, body, key).catch((err: Error) => {
              failures.push(`${err.name}: ${err.message} ${String((err.cause as Error | undefined)?.message ?? "")}`);
              return undefined;
            });
            if (answer) answers.push(answer);
            if (answer?.status === 201) {
              firstCase.set(key, { key, body, answer });
              break;
            }
            if (answer && answer.status !== 503) break; // recorded; the assertions name it
            await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
          }
        }
      };

      // Act: the submitters run; once a few cases are in, java is killed by its PID.
      const running = Promise.all(Array.from({ length: SUBMITTERS }, (_, s) => submitter(s)));
      expect(await eventually(() => firstCase.size >= SUBMITTERS, 120_000)).toBe(true);
      process.kill(firstJava, "SIGKILL");
      expect(await gone(firstJava)).toBe(true);
      expect(await eventually(() => answers.some((a) => a.status === 503), 60_000), "no request met the outage").toBe(true);
      await running;
      const secondJava = javaOf(runtime.info.pid);
      const replays = await Promise.all([...firstCase.values()].map(({ key, body }) => post(runtime, body, key)));
      const tracked = await Promise.all(
        [...firstCase.values()].map(({ answer }) =>
          fetch(`${runtime.info.apiUrl}/cases/track/${answer.body.trackingCode}`, { headers: { "x-access-key": answer.body.accessKey! } }).then((r) => r.status),
        ),
      );
      const stored = await storedCaseIds(runtime);

      // Assess
      expect(failures, "the runtime dropped a connection").toEqual([]);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201, 503]));
      for (const a of answers.filter((x) => x.status === 503)) expect([a.retryAfter, a.body.code]).toEqual([expect.stringMatching(/^\d+$/), "dependency_unavailable"]);
      expect(firstCase.size).toBe(SUBMITTERS * CASES_EACH);
      expect(secondJava).not.toBe(firstJava);
      expect(runtime.output()).toContain("DynamoDB Local is back");
      // Every key answers its first case again, with a key that works.
      expect(replays.map((r) => [r.status, r.body])).toEqual([...firstCase.values()].map(({ answer }) => [201, answer.body]));
      expect(tracked).toEqual(Array(firstCase.size).fill(200));
      // No case twice, and no case whose key no client got.
      expect(stored.sort()).toEqual([...firstCase.values()].map(({ answer }) => answer.body.caseId).sort());

      runtime.child.kill("SIGTERM");
      expect(await runtime.exited, runtime.output()).toBe(0);
      expect(await gone(secondJava)).toBe(true);
    },
    2 * oneStart,
  );

  it(
    "should start it again fresh in memory, with its tables and the demo data, and leave no java when stopped",
    async () => {
      // Prepare
      const runtime = await startRuntime(tempDataDir(), { args: ["--in-memory"] });
      const firstJava = javaOf(runtime.info.pid);
      const seeded = () => runtime.output().split("Demo data:").length - 1;
      expect(seeded(), runtime.output()).toBe(1);

      // Act
      process.kill(firstJava, "SIGKILL");
      const back = await eventually(() => runtime.output().includes("DynamoDB Local is back"), 120_000);
      const reseeded = await eventually(() => seeded() === 2, 120_000);
      const answer = await post(runtime, complaint("sau khi khởi động lại"), crypto.randomUUID());

      // Assess
      expect([back, reseeded]).toEqual([true, true]);
      expect(answer.status).toBe(201);
      const secondJava = findJavaOf(runtime.info.pid);
      expect(secondJava).toBeDefined();
      runtime.child.kill("SIGTERM");
      expect(await runtime.exited, runtime.output()).toBe(0);
      expect(await gone(secondJava!)).toBe(true);
    },
    2 * oneStart,
  );
});
