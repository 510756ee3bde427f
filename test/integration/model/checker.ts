// The named checks of the model-based test, and what happens when one fails: by default it throws (the
// run fails and fast-check shrinks the sequence); MODEL_SKIP=name,name leaves checks out and MODEL_SURVEY=1
// records every violation instead of throwing, so a developer can see past a known defect to the next one.
/**
 * Checks of contract parts not built yet, left out unless MODEL_SKIP says otherwise (MODEL_SKIP= runs
 * them all). Each goes when its part lands; none is pending now.
 */
export const pendingChecks: readonly string[] = [];

export const checkNames = [
  /** The status code (and the few fields) the contract gives the command's answer. */
  "answer",
  /** PUT /admin/calendar answers 202 { jobId } and the job completes (API.md; issue 9 item 5). */
  "recompute-job",
  /** What GET /staff/cases/{id} shows of the case: status, kind, unit, subject as sent, anonymous. */
  "state",
  /** Versions only grow; ETag = version; the read shows the version of the last accepted write. */
  "versions",
  /** Every write answered 200 is on the timeline, in order, with its effective time; nothing else by staff. */
  "timeline",
  /** An action that took effect more than 3 days before its entry is marked `backdated`, and only such. */
  "backdated",
  /** GET /staff/cases/{id}/audit says chainValid. */
  "audit-chain",
  /** Every deadline equals the pure engine's for the case's facts (a suspended one: paused, as of today). */
  "deadlines",
  /** flags, escalationLevel and daysOverdue equal the engine's. */
  "flags",
  /** No plaintext of a denouncer's identity in any table. */
  "identity-in-tables",
  /** No plaintext of a denouncer's identity in any staff answer (reveal-identity aside) or staff e-mail. */
  "identity-in-answers",
  /** reveal-identity answers the identity exactly as sent, for every case that is or was a denunciation. */
  "reveal",
  /** No stream record is given up by a consumer (Lambda's retries exhausted). */
  "stream-delivery",
  /** GET /inspection/report equals the brute-force recount. */
  "report",
  /** GET /stats equals the brute-force recount. */
  "stats",
  /** GET /stats' on-time rate is the inspection report's, for the same unit and year. */
  "on-time-rate",
  /** The sweep fails no case. */
  "sweep",
] as const;
export type CheckName = (typeof checkNames)[number];

export class InvariantViolation extends Error {
  constructor(
    readonly check: CheckName,
    message: string,
  ) {
    super(`[${check}] ${message}`);
    this.name = "InvariantViolation";
  }
}

export interface Survey {
  readonly count: number;
  readonly examples: { message: string; trail: string }[];
}

export class Checker {
  /** The commands run so far in this scenario, for the messages. */
  trail: string[] = [];
  /** What the sequences exercised (MODEL_VERBOSE=1): command and answer → how many times. */
  readonly coverage = new Map<string, number>();
  count(what: string): void {
    this.coverage.set(what, (this.coverage.get(what) ?? 0) + 1);
  }
  /** Where the time goes (MODEL_VERBOSE=1): milliseconds per phase. */
  readonly timings = new Map<string, number>();
  async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      this.timings.set(phase, (this.timings.get(phase) ?? 0) + Date.now() - t);
    }
  }
  readonly survey = new Map<CheckName, Survey>();
  private buffer: InvariantViolation[] | undefined;

  constructor(
    private readonly skip: ReadonlySet<string> = new Set(),
    private readonly surveying = false,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): Checker {
    const list = (v: string | undefined) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const only = list(env.MODEL_ONLY);
    const skip = new Set([...list(env.MODEL_SKIP ?? pendingChecks.join(",")), ...(only.length ? checkNames.filter((n) => !only.includes(n)) : [])]);
    for (const name of [...skip, ...only]) if (!(checkNames as readonly string[]).includes(name)) throw new Error(`MODEL_SKIP / MODEL_ONLY: no check named ${name}`);
    return new Checker(skip, env.MODEL_SURVEY === "1");
  }

  /** Whether a failed check lets the scenario go on (so the model must follow what the product did). */
  get tolerant(): boolean {
    return this.surveying || this.skip.size > 0;
  }

  enabled(name: CheckName): boolean {
    return !this.skip.has(name);
  }

  that(name: CheckName, ok: boolean, message: () => string): boolean {
    if (ok || this.skip.has(name)) return ok;
    const violation = new InvariantViolation(name, `${message()}\n    after: ${this.trail.join(" → ")}`);
    if (this.buffer) this.buffer.push(violation);
    else this.raise(violation);
    return false;
  }

  /** Runs `fn` with its violations held back; `commit` raises them, `discard` forgets them (a read to be taken again). */
  async held<T>(fn: () => Promise<T>): Promise<{ value: T; commit(): void; discard(): void }> {
    const outer = this.buffer;
    const mine: InvariantViolation[] = [];
    this.buffer = mine;
    try {
      const value = await fn();
      return { value, commit: () => mine.forEach((v) => (outer ? outer.push(v) : this.raise(v))), discard: () => undefined };
    } finally {
      this.buffer = outer;
    }
  }

  private raise(v: InvariantViolation): void {
    if (!this.surveying) throw v;
    const s = this.survey.get(v.check) ?? { count: 0, examples: [] };
    const [message = "", trail = ""] = v.message.split("\n    after: ");
    // One example per shape of message: the same words with other numbers, dates and ids are the same finding.
    const shape = (text: string) => text.replace(/"[^"]*"/g, "…").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "").replace(/[\d.:TZ+-]+/g, "#").slice(0, 140);
    const known = s.examples.find((e) => shape(e.message) === shape(message));
    const examples = known ? s.examples : [...s.examples, { message, trail }];
    if (!known || trail.length < known.trail.length) examples.splice(examples.indexOf(known ?? examples[examples.length - 1]!), 1, { message, trail });
    this.survey.set(v.check, { count: s.count + 1, examples });
  }

  report(): string {
    if (this.survey.size === 0) return "model survey: no violation";
    const lines = ["model survey:"];
    for (const [name, s] of this.survey) {
      lines.push(`  ${name}: ${s.count} violation(s)`);
      for (const e of s.examples) lines.push(`    - ${e.message}`, `      after: ${e.trail}`);
    }
    return lines.join("\n");
  }
}
