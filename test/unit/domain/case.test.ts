import { describe, expect, it } from "vitest";
import { caseSubmissionSchema, isAnonymous } from "#domain/case.ts";

const paths = (input: unknown) => {
  const r = caseSubmissionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};
const base = { subject: "Đề nghị sửa đường", content: "Đường liên thôn bị sạt lở sau mưa lũ, đề nghị sửa chữa sớm." };

describe("the citizen's submission", () => {
  it("should accept a petition without a sender and keep Vietnamese text exactly as sent", () => {
    const input = { ...base, kind: "petition", subject: "  Đề nghị sửa đường  " };

    expect(caseSubmissionSchema.parse(input)).toEqual(input);
  });

  it("should require a complaint's sender with a name and a way to reach them", () => {
    expect(paths({ ...base, kind: "complaint" })).toEqual(["submitter"]);
    expect(paths({ ...base, kind: "complaint", submitter: { fullName: "Lê Thị Mai" } })).toEqual(["submitter.phone"]);
    expect(paths({ ...base, kind: "complaint", submitter: { fullName: "Lê Thị Mai", email: "mai@example.vn" } })).toEqual([]);
  });

  it("should take a denunciation either signed with a contact or without any sender (anonymous)", () => {
    const anonymous = { ...base, kind: "denunciation" } as const;
    const signed = { ...base, kind: "denunciation", submitter: { fullName: "Lê Thị Mai", address: "Số 1 Trần Phú" } } as const;

    expect(paths(anonymous)).toEqual([]);
    expect(isAnonymous(anonymous)).toBe(true);
    expect(isAnonymous(signed)).toBe(false);
    expect(paths({ ...base, kind: "denunciation", submitter: { fullName: "Lê Thị Mai" } })).toEqual(["submitter.phone"]);
  });

  it("should name each field that breaks a limit", () => {
    expect(
      paths({ kind: "complaint", subject: "   ab   ", content: "x".repeat(20_001), submitter: { fullName: "A", nationalId: "0123", email: "no" } }).sort(),
    ).toEqual(["content", "subject", "submitter.email", "submitter.fullName", "submitter.nationalId"]);
  });

  it("should name a missing contact together with the other errors, so the sender fixes all at once", () => {
    expect(paths({ kind: "complaint", subject: "ab", content: base.content, submitter: { fullName: "Lê Thị Mai" } }).sort()).toEqual([
      "subject",
      "submitter.phone",
    ]);
    expect(paths({ kind: "complaint", subject: "ab", content: base.content }).sort()).toEqual(["subject", "submitter"]);
  });
});
