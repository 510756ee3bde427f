// The policy as data: the default parses; a bad policy is refused whole with field errors.
import { describe, expect, it } from "vitest";
import "#domain/case.ts";
import { ValidationError } from "#domain/errors.ts";
import { defaultPolicy, defaultPolicyInput, parsePolicy, periodFor } from "#domain/deadlines/index.ts";

type Raw = { periods: Record<string, unknown>[]; escalation: Record<string, unknown>[]; [k: string]: unknown };
const raw = () => defaultPolicyInput() as Raw;
const errorsOf = (input: unknown) => {
  try {
    parsePolicy(input);
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e.errors;
    throw e;
  }
};

describe("policy", () => {
  it("it should carry the periods of DOMAIN.md with their legal basis", () => {
    // Prepare / Act
    const p = defaultPolicy();
    const picked = [
      periodFor(p, "processing", { kind: "complaint" }),
      periodFor(p, "processing", { kind: "denunciation" }),
      periodFor(p, "resolution", { kind: "complaint", round: 2, complexity: "complex", remoteArea: true }),
      periodFor(p, "resolution", { kind: "petition" }),
    ].map((r) => ({ days: r.days, unit: r.unit, basis: r.basis.vi }));
    // Assess
    expect(picked).toEqual([
      { days: 10, unit: "working", basis: "Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn)" },
      { days: 7, unit: "working", basis: "Luật Tố cáo 2018, Điều 24 khoản 1" },
      { days: 70, unit: "calendar", basis: "Luật Khiếu nại 2011, Điều 37" },
      { days: 30, unit: "calendar", basis: "Quy định của địa phương (chính sách mặc định, không có luật riêng)" },
    ]);
  });

  it("it should refuse a period of 0 days with its path", () => {
    // Prepare
    const bad = raw();
    (bad.periods[3] as Record<string, unknown>).days = 0;
    // Act / Assess
    expect(errorsOf(bad)).toEqual([{ path: "periods.3.days", message: "Too small: expected number to be >=1" }]);
  });

  it("it should refuse several bad fields at once", () => {
    // Prepare
    const bad = raw();
    (bad.periods[0] as Record<string, unknown>).unit = "fortnights";
    bad.version = 0;
    // Act
    const paths = errorsOf(bad)?.map((e) => e.path);
    // Assess
    expect(paths).toEqual(["version", "periods.0.unit"]);
  });

  it("it should refuse a policy leaving a variant without a period", () => {
    // Prepare
    const bad = raw();
    bad.periods = bad.periods.filter((p) => !(p.stage === "resolution" && (p.kinds as string[]).includes("petition")));
    // Act / Assess
    expect(errorsOf(bad)).toEqual([{ path: "periods", message: "no period applies to resolution/petition/round 1/normal" }]);
  });

  it("it should refuse two equally specific periods for the same variant", () => {
    // Prepare
    const bad = raw();
    bad.periods.push({ ...bad.periods[0], days: 12 });
    // Act / Assess
    expect(errorsOf(bad)?.[0]?.path).toBe("periods.12");
  });

  it("it should refuse an escalation ladder that does not rise", () => {
    // Prepare
    const bad = raw();
    (bad.escalation[2] as Record<string, unknown>).afterDaysOverdue = 7;
    // Act / Assess
    expect(errorsOf(bad)).toEqual([{ path: "escalation.2.afterDaysOverdue", message: "must be greater than level 2's 7" }]);
  });
});
