// The real system of the model-based test: the product's handlers behind the local gateway on DynamoDB
// Local, reached over HTTP only (the sweep and the stream consumers are invoked as their runtimes invoke
// them: by the manifest's entry). Every staff answer of a step is kept, for the confidentiality check.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBRecord } from "aws-lambda";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import { readOutbox } from "#adapters/notifier-outbox.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { caseVersionsIn, deliverToConsumer, openStreamTap, removals, type GivenUp, type StreamTap } from "#test/support/stream-tap.ts";
import { wipeTables } from "#test/support/wipe-tables.ts";
import { units } from "./model.ts";

export interface Answer {
  readonly route: string;
  readonly status: number;
  readonly etag: string | null;
  // `any`: an answer is JSON from the wire, checked field by field against the contract.
  readonly body: any;
  readonly text: string;
}

export type Role = "reception" | "handler" | "inspector" | "admin";
export const token = (role: Role, unitId?: string) => bearer(role, unitId, `${role}-${unitId ?? "all"}`);

export interface Delivery {
  /** Records the consumers gave up on, each with the consumer's name. */
  readonly givenUp: (GivenUp & { consumer: string })[];
}

export class RealSystem {
  /** The staff answers of the current step (reveal-identity answers excluded: they are the one place an identity may be). */
  staffAnswers: Answer[] = [];
  /** Every record of the Cases stream since the scenario began, for replays. */
  history: DynamoDBRecord[] = [];
  private calendarsAtStart = new Map<number, { holidays: string[]; workingDays: string[] }>();
  private touchedYears = new Set<number>();

  private constructor(
    readonly api: TestGateway,
    readonly endpoint: string,
    readonly prefix: string,
    private readonly tap: StreamTap,
    readonly outbox: string,
  ) {}

  static async start(): Promise<RealSystem> {
    const { endpoint, prefix } = await useLocalTables();
    const outbox = mkdtempSync(join(tmpdir(), "model-outbox-"));
    Object.assign(process.env, {
      NOTIFY_OUTBOX_DIR: outbox,
      NOTIFY_UNIT_HEAD_DEFAULT: "vanphong@tinh.vn",
      NOTIFY_INSPECTION_TO: "thanhtra@tinh.vn",
      NOTIFY_LEADERSHIP_TO: "lanhdao@tinh.vn",
      POWERTOOLS_LOG_LEVEL: "SILENT",
    });
    const api = await startTestGateway({ verifyToken: fakeStaffVerifier });
    const system = new RealSystem(api, endpoint, prefix, await openStreamTap(endpoint, prefix), outbox);
    const put = await system.request("PUT", "/admin/units", units, token("admin"));
    if (put.status !== 200) throw new Error(`PUT /admin/units answered ${put.status}: ${put.text}`);
    return system;
  }

  async stop(): Promise<void> {
    await this.tap.close();
    await this.api.close();
    rmSync(this.outbox, { recursive: true, force: true });
  }

  /** A new scenario on empty case, aggregate and idempotency tables, the calendar as shipped, the stream read from now on. */
  async reset(): Promise<void> {
    const deleted = await wipeTables(this.endpoint, this.prefix, ["cases", "stats", "idempotency"]);
    // The deletions reach the stream too: read past all of them, so no consumer ever sees them.
    await this.tap.take((records) => removals(records) >= (deleted.cases ?? 0));
    for (const year of this.touchedYears) {
      const original = this.calendarsAtStart.get(year);
      if (original) await this.request("PUT", `/admin/calendar/${year}`, original, token("admin"));
    }
    this.touchedYears.clear();
    for (const f of readdirSync(this.outbox)) rmSync(join(this.outbox, f), { force: true });
    this.history = [];
    this.staffAnswers = [];
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await this.api.raw(method, path, body === undefined ? undefined : JSON.stringify(body), {
      ...(body !== undefined && { "content-type": "application/json" }),
      ...headers,
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const answer: Answer = { route: `${method} ${path}`, status: res.status, etag: res.headers.get("etag"), body: parsed, text };
    const staff = "authorization" in headers;
    if (staff && !path.endsWith("/reveal-identity")) this.staffAnswers.push(answer);
    return answer;
  }

  // ---- the routes the commands use ----

  submit = (body: unknown) => this.request("POST", "/cases", body);
  register = (body: unknown) => this.request("POST", "/staff/cases", body, token("reception"));
  act = (caseId: string, action: string, body: unknown, version: number, as: Record<string, string>) =>
    this.request("POST", `/staff/cases/${caseId}/${action}`, body, { ...as, "if-match": `"${version}"` });
  reveal = (caseId: string, as: Record<string, string>) =>
    this.request("POST", `/staff/cases/${caseId}/reveal-identity`, { reason: "Cần liên hệ người tố cáo để xác minh thêm nội dung" }, as);
  read = (caseId: string) => this.request("GET", `/staff/cases/${caseId}`, undefined, token("admin"));
  audit = (caseId: string) => this.request("GET", `/staff/cases/${caseId}/audit`, undefined, token("inspector"));
  list = () => this.request("GET", "/staff/cases?limit=100", undefined, token("inspector"));
  report = (from: string, to: string, groupBy: "unit" | "kind") =>
    this.request("GET", `/inspection/report?from=${from}&to=${to}&groupBy=${groupBy}`, undefined, token("inspector"));
  stats = (year: number) => this.request("GET", `/stats?year=${year}`);

  async calendar(year: number): Promise<{ holidays: string[]; workingDays: string[] }> {
    const got = await this.request("GET", `/admin/calendar/${year}`, undefined, token("admin"));
    if (got.status !== 200) throw new Error(`GET /admin/calendar/${year} answered ${got.status}: ${got.text}`);
    const current = { holidays: [...got.body.holidays], workingDays: [...got.body.workingDays] };
    if (!this.calendarsAtStart.has(year)) this.calendarsAtStart.set(year, current);
    return current;
  }

  async putCalendar(year: number, body: { holidays: string[]; workingDays: string[] }): Promise<Answer> {
    this.touchedYears.add(year);
    return this.request("PUT", `/admin/calendar/${year}`, body, token("admin"));
  }

  /** The recompute job a 202 started, read until it says it is done (bounded: never a wait on time). */
  async awaitJob(jobId: string): Promise<Answer> {
    let last: Answer | undefined;
    for (let i = 0; i < 200; i++) {
      await this.tap.take().then((r) => this.history.push(...r));
      last = await this.request("GET", `/admin/jobs/${jobId}`, undefined, token("admin"));
      if (last.status !== 200 || ["done", "completed", "succeeded", "failed"].includes(String(last.body?.status))) return last;
    }
    return last as Answer;
  }

  sweep = () => runSweepOnce(moduleLoader(process.cwd()));

  /**
   * Reads the stream until it holds every case version written (`written`: case id → version) and hands
   * the new records to every consumer (the anchors too), in order or shuffled and each twice.
   */
  async drain(mode: { shuffled: boolean; seed: number }, written: ReadonlyMap<string, number>): Promise<Delivery> {
    const seen = caseVersionsIn(this.history);
    const fresh = await this.tap.take((records) => {
      const now = caseVersionsIn(records);
      return [...written].every(([id, v]) => Math.max(seen.get(id) ?? 0, now.get(id) ?? 0) >= v);
    });
    this.history.push(...fresh);
    const records = mode.shuffled ? shuffle([...fresh, ...fresh], mode.seed) : fresh;
    return this.deliver(records);
  }

  /** Delivers some records of the past again, in another order: the consumers must count nothing twice. */
  async replay(seed: number, share: number): Promise<Delivery> {
    const picked = shuffle(this.history, seed).slice(0, Math.ceil(this.history.length * share));
    return this.deliver(picked);
  }

  private async deliver(records: DynamoDBRecord[]): Promise<Delivery> {
    if (records.length === 0) return { givenUp: [] };
    const givenUp: Delivery["givenUp"] = [];
    for (const consumer of ["AggregateCases", "NotifyOnEvent", "AnchorAudit"]) {
      for (const g of await deliverToConsumer(consumer, records)) givenUp.push({ ...g, consumer });
    }
    return { givenUp };
  }

  outboxMessages = () => readOutbox(this.outbox);
  tables = () => rawItems(this.endpoint, this.prefix);
}

/** A deterministic Fisher–Yates shuffle (Park–Miller steps from the seed). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = (Math.abs(seed) % 2_147_483_646) + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 16_807) % 2_147_483_647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
