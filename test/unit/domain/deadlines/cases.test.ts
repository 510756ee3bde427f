// A hand-computed table of deadlines on the default policy and the shipped 2023–2026 calendar.
// Each row was counted by hand on a paper calendar; the comment says how.
import { describe, expect, it } from "vitest";
import "#domain/case.ts";
import { defaultDeadlineContext, processingDeadline, resolutionDeadline, type ResolutionInput } from "#domain/deadlines/index.ts";
import type { CaseKind } from "#domain/case.ts";

const ctx = defaultDeadlineContext();
/** 10:00 local time on a local date. */
const at = (date: string) => `${date}T03:00:00.000Z`;
const endOf = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 16, 59, 59, 999)).toISOString();
};

interface ProcessingRow {
  name: string;
  kind: CaseKind;
  receivedAt: string;
  extended?: boolean;
  due: string;
}

const processingRows: ProcessingRow[] = [
  { name: "petition received Mon 2026-10-05 (DOMAIN.md worked example)", kind: "petition", receivedAt: at("2026-10-05"), due: "2026-10-19" },
  { name: "reflection received 2026-10-09T17:30Z, local Sat 10-10: day 1 is Sun 10-11", kind: "reflection", receivedAt: "2026-10-09T17:30:00Z", due: "2026-10-23" },
  { name: "complaint received at local 23:59:59.999 Thu 10-08 counts from Fri 10-09", kind: "complaint", receivedAt: "2026-10-08T16:59:59.999Z", due: "2026-10-22" },
  { name: "complaint received at local 00:00 Fri 10-09 counts from Sat 10-10", kind: "complaint", receivedAt: "2026-10-08T17:00:00.000Z", due: "2026-10-23" },
  { name: "petition received on a Sunday (2026-10-11) counts from Mon", kind: "petition", receivedAt: at("2026-10-11"), due: "2026-10-23" },
  { name: "complaint before Tết 2026 skips 14–22 Feb: 9–13 Feb, then 23–27 Feb", kind: "complaint", receivedAt: at("2026-02-06"), due: "2026-02-27" },
  { name: "denunciation 7 working days over Hùng Kings (Sun) and its Monday compensatory day, 30/4, 1/5", kind: "denunciation", receivedAt: at("2026-04-20"), due: "2026-05-04" },
  { name: "denunciation extended to 10 working days over the same holidays", kind: "denunciation", receivedAt: at("2026-04-20"), extended: true, due: "2026-05-07" },
  { name: "denunciation 7 working days in a plain week", kind: "denunciation", receivedAt: at("2026-10-05"), due: "2026-10-14" },
  { name: "denunciation extended to 10 received local Sat 10-10", kind: "denunciation", receivedAt: "2026-10-09T17:30:00Z", extended: true, due: "2026-10-23" },
  { name: "petition over New Year 2026: 2 Jan off, Sat 10 Jan declared working", kind: "petition", receivedAt: at("2025-12-31"), due: "2026-01-15" },
  { name: "complaint over Tết 2025: 25 Jan–2 Feb off, Mon 3 Feb worked (no compensatory day)", kind: "complaint", receivedAt: at("2025-01-24"), due: "2025-02-14" },
  { name: "petition over the 2024 April swap: 29 Apr off, Sat 4 May worked", kind: "petition", receivedAt: at("2024-04-22"), due: "2024-05-08" },
  { name: "reflection over the 2025 swap: Sat 26 Apr worked, 30 Apr–2 May off", kind: "reflection", receivedAt: at("2025-04-18"), due: "2025-05-06" },
  { name: "complaint over Tết 2024: 8–14 Feb off, Thu 15 Feb worked", kind: "complaint", receivedAt: at("2024-02-05"), due: "2024-02-26" },
  { name: "petition over computed Tết 2030 (1–7 Feb with two compensatory days)", kind: "petition", receivedAt: at("2030-01-30"), due: "2030-02-20" },
  { name: "petition over National Day 2025 (1–2 Sep)", kind: "petition", receivedAt: at("2025-08-28"), due: "2025-09-15" },
  { name: "complaint over National Day 2026: Sat 22 Aug worked, 31 Aug–2 Sep off", kind: "complaint", receivedAt: at("2026-08-20"), due: "2026-09-07" },
  { name: "complaint over Tết 2023: 20–26 Jan off, Fri 27 Jan worked", kind: "complaint", receivedAt: at("2023-01-18"), due: "2023-02-08" },
];

describe("processing deadlines (hand-computed)", () => {
  it.each(processingRows)("it should make the $name due end of $due", (row) => {
    // Prepare
    const input = { kind: row.kind, anonymous: false, receivedAt: row.receivedAt, processingExtended: row.extended ?? false };
    // Act
    const deadline = processingDeadline(input, ctx);
    // Assess
    expect({ dueDate: deadline?.dueDate, dueAt: deadline?.dueAt }).toEqual({ dueDate: row.due, dueAt: endOf(row.due) });
  });

  it("it should give an anonymous denunciation no processing deadline", () => {
    // Prepare
    const input = { kind: "denunciation" as const, anonymous: true, receivedAt: at("2026-10-05") };
    // Act
    const deadline = processingDeadline(input, ctx);
    // Assess
    expect(deadline).toBeUndefined();
  });

  it("it should end the DOMAIN.md example at 2026-10-19T16:59:59.999Z", () => {
    // Prepare / Act
    const deadline = processingDeadline({ kind: "petition", anonymous: false, receivedAt: at("2026-10-05") }, ctx);
    // Assess
    expect(deadline?.dueAt).toBe("2026-10-19T16:59:59.999Z");
  });
});

interface ResolutionRow extends ResolutionInput {
  name: string;
  due: string;
}

const r = (name: string, due: string, input: Omit<ResolutionInput, "acceptedAt"> & { acceptedAt?: string }): ResolutionRow => ({
  name,
  due,
  acceptedAt: at("2026-10-01"),
  ...input,
});

const resolutionRows: ResolutionRow[] = [
  r("complaint round 1 normal: day 30 Sat 10-31 rolls to Mon (DOMAIN.md)", "2026-11-02", { kind: "complaint" }),
  r("complaint round 1 complex: day 45 Sun 11-15 rolls to Mon", "2026-11-16", { kind: "complaint", complexity: "complex" }),
  r("complaint round 1 remote area: 45 days", "2026-11-16", { kind: "complaint", remoteArea: true }),
  r("complaint round 1 remote and very complex: 60 days, Mon 11-30", "2026-11-30", { kind: "complaint", remoteArea: true, complexity: "very_complex" }),
  r("complaint round 2 normal: 45 days", "2026-11-16", { kind: "complaint", round: 2 }),
  r("complaint round 2 complex: 60 days", "2026-11-30", { kind: "complaint", round: 2, complexity: "complex" }),
  r("complaint round 2 remote: 60 days", "2026-11-30", { kind: "complaint", round: 2, remoteArea: true }),
  r("complaint round 2 remote and complex: 70 days, Thu 12-10", "2026-12-10", { kind: "complaint", round: 2, remoteArea: true, complexity: "complex" }),
  r("complaint accepted Mon 11-02: day 30 Wed 12-02", "2026-12-02", { kind: "complaint", acceptedAt: at("2026-11-02") }),
  r("complaint accepted 2026-09-30T17:30Z is local Thu 10-01", "2026-11-02", { kind: "complaint", acceptedAt: "2026-09-30T17:30:00Z" }),
  r("complaint accepted 2026-09-30T16:00Z is local Wed 09-30: day 30 Fri 10-30", "2026-10-30", { kind: "complaint", acceptedAt: "2026-09-30T16:00:00Z" }),
  r("denunciation normal: 30 days from Mon 03-02 is Wed 04-01", "2026-04-01", { kind: "denunciation", acceptedAt: at("2026-03-02") }),
  r("denunciation complex with its one 30-day extension: day 60 is 1 May, rolls over the weekend to Mon 05-04", "2026-05-04", {
    kind: "denunciation",
    complexity: "complex",
    acceptedAt: at("2026-03-02"),
    extensions: [{ days: 30, at: at("2026-03-25") }],
  }),
  r("denunciation complex with a 20-day extension: day 50 Tue 04-21", "2026-04-21", {
    kind: "denunciation",
    complexity: "complex",
    acceptedAt: at("2026-03-02"),
    extensions: [{ days: 20, at: at("2026-03-25") }],
  }),
  r("denunciation very complex with two 30-day extensions: day 90 Sun 05-31 rolls to Mon", "2026-06-01", {
    kind: "denunciation",
    complexity: "very_complex",
    acceptedAt: at("2026-03-02"),
    extensions: [
      { days: 30, at: at("2026-03-25") },
      { days: 30, at: at("2026-04-25") },
    ],
  }),
  r("petition: day 30 Sun 02-15 inside the Tết break rolls to Mon 02-23", "2026-02-23", { kind: "petition", acceptedAt: at("2026-01-16") }),
  r("reflection: day 30 is National Day 09-01, rolls over 09-02 to Thu 09-03", "2026-09-03", { kind: "reflection", acceptedAt: at("2026-08-02") }),
  r("petition: day 30 is the Hùng Kings compensatory Mon 04-27, rolls to Tue", "2026-04-28", { kind: "petition", acceptedAt: at("2026-03-28") }),
  r("complaint suspended over Tết (1–22 Feb paused, 22 days): day 52 Thu 02-26", "2026-02-26", {
    kind: "complaint",
    acceptedAt: at("2026-01-05"),
    suspensions: [{ from: at("2026-02-01"), to: at("2026-02-23") }],
  }),
  r("petition suspended Sat 10-10 to Mon 10-12 (2 days): day 32 Mon 11-02, same as the rollover without it", "2026-11-02", {
    kind: "petition",
    suspensions: [{ from: at("2026-10-10"), to: at("2026-10-12") }],
  }),
  r("complaint with two suspensions (3 + 5 days): day 38 Mon 11-09", "2026-11-09", {
    kind: "complaint",
    suspensions: [
      { from: at("2026-10-05"), to: at("2026-10-08") },
      { from: at("2026-10-20"), to: at("2026-10-25") },
    ],
  }),
  r("denunciation suspended and extended: 30 + 30 + 10 paused = day 70 Thu 12-10", "2026-12-10", {
    kind: "denunciation",
    complexity: "complex",
    extensions: [{ days: 30, at: at("2026-10-20") }],
    suspensions: [{ from: at("2026-10-10"), to: at("2026-10-20") }],
  }),
];

describe("resolution deadlines (hand-computed)", () => {
  it.each(resolutionRows)("it should make the $name due end of $due", ({ name: _name, due, ...input }) => {
    // Prepare / Act
    const deadline = resolutionDeadline(input, ctx);
    // Assess
    expect({ dueDate: deadline?.dueDate, dueAt: deadline?.dueAt, suspended: deadline?.suspended }).toEqual({
      dueDate: due,
      dueAt: endOf(due),
      suspended: undefined,
    });
  });

  it("it should give an anonymous denunciation no resolution deadline", () => {
    // Prepare / Act
    const deadline = resolutionDeadline({ kind: "denunciation", anonymous: true, acceptedAt: at("2026-10-01") }, ctx);
    // Assess
    expect(deadline).toBeUndefined();
  });

  it("it should mark an open suspension and count it as of the suspension day (the earliest resumption)", () => {
    // Prepare
    const input = { kind: "complaint" as const, acceptedAt: at("2026-10-01"), suspensions: [{ from: at("2026-10-10") }] };
    // Act
    const deadline = resolutionDeadline(input, ctx);
    // Assess: 30 + 1 paused day = Sun 11-01, rolls to Mon 11-02; 10-02..10-09 used (8 days), 22 left
    expect({ dueDate: deadline?.dueDate, suspended: deadline?.suspended }).toEqual({
      dueDate: "2026-11-02",
      suspended: { since: "2026-10-10", asOf: "2026-10-10", daysUsed: 8, daysLeft: 22, unit: "calendar" },
    });
  });

  it("it should count an open suspension up to the asOf day", () => {
    // Prepare
    const input = { kind: "complaint" as const, acceptedAt: at("2026-10-01"), suspensions: [{ from: at("2026-10-10") }] };
    // Act
    const deadline = resolutionDeadline(input, ctx, { asOf: at("2026-10-20") });
    // Assess: 10-10..10-20 paused = 11 days; day 41 is Wed 11-11: resumed Wed 10-21, its 22 days left end on 11-11
    expect({ dueDate: deadline?.dueDate, suspended: deadline?.suspended }).toEqual({
      dueDate: "2026-11-11",
      suspended: { since: "2026-10-10", asOf: "2026-10-20", daysUsed: 8, daysLeft: 22, unit: "calendar" },
    });
  });
});
