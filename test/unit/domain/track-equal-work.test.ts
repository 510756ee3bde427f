// trackCase over in-memory ports: an unknown code and a known code with a wrong key both verify a key
// (against a dummy hash for the unknown code), read the same, and throw the same 404.
import { describe, expect, it, vi } from "vitest";

vi.mock("#domain/codes.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("#domain/codes.ts")>();
  return { ...original, accessKeyMatches: vi.fn(original.accessKeyMatches) };
});

const { accessKeyMatches, hashAccessKey } = await import("#domain/codes.ts");
const { trackCase } = await import("#domain/intake.ts");
const { defaultDeadlineContext } = await import("#domain/deadlines/index.ts");

const known = { code: "ABCD1234", caseId: "7b0e7c1a-0000-4000-8000-000000000001", key: "ABCDE-FGHJK-MNPQR-STVWX" };

function ports() {
  const reads: string[] = [];
  const tracking = {
    find: async (code: string) => (reads.push(`lookup ${code}`), code === known.code ? { caseId: known.caseId, accessKeyHash: hashAccessKey(known.key) } : undefined),
  };
  const cases = {
    get: async (caseId: string) => (reads.push(`case ${caseId}`), undefined),
  } as never;
  return { reads, deps: { tracking, cases, clock: { now: () => new Date() }, deadlines: defaultDeadlineContext() } };
}

const outcome = (p: Promise<unknown>) => p.then(() => "found", (e: Error & { status?: number; code?: string }) => ({ name: e.name, status: e.status, code: e.code, message: e.message }));

describe("trackCase: equal work for an unknown code and a wrong key", () => {
  it("should verify the key in both paths, read only the lookup, and throw the same 404", async () => {
    const verify = vi.mocked(accessKeyMatches);
    const wrong = ports();
    verify.mockClear();
    const wrongKey = await outcome(trackCase("ABCD-1234", "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", wrong.deps));
    const verifiedWrong = verify.mock.calls.length;

    const unknown = ports();
    verify.mockClear();
    const unknownCode = await outcome(trackCase("ZZZZ-9999", "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", unknown.deps));
    const verifiedUnknown = verify.mock.calls.length;

    expect(verifiedWrong).toBe(1);
    expect(verifiedUnknown).toBe(1);
    expect(verify.mock.calls[0]![1]).toMatch(/^[0-9a-f]{64}$/);
    expect(unknownCode).toEqual(wrongKey);
    expect(wrongKey).toMatchObject({ status: 404, code: "not_found" });
    expect(wrong.reads).toEqual(["lookup ABCD1234"]);
    expect(unknown.reads).toEqual(["lookup ZZZZ9999"]);
  });

  it("should read the case only once the key matched", async () => {
    const right = ports();
    await outcome(trackCase("abcd-1234", known.key, right.deps));
    expect(right.reads).toEqual(["lookup ABCD1234", `case ${known.caseId}`]);
  });
});
