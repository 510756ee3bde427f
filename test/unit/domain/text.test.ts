// The text of every request body (vocabulary.ts singleLineText / multiLineText): stored NFC, never with a
// control character, a bidirectional override, a lone surrogate or U+FFFD, and long enough in what a reader sees.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { multiLineText, singleLineText, visibleLength } from "#domain/vocabulary.ts";
import { caseSubmissionSchema } from "#domain/case.ts";

const single = singleLineText(5, 200);
const multi = multiLineText(5, 2000);
const codesOf = (result: ReturnType<typeof single.safeParse>) =>
  result.success ? [] : result.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code);

// Strings that reach for the edges: any code unit (lone surrogates included), controls, bidi marks, combining marks, NFD Vietnamese.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.array(fc.constantFrom("a", "ệ", "e\u0323\u0302", "\u0301", " ", "\t", "\n", "\r\n", "\r", "\u0000", "\u0085", "\u202E", "\u2066", "\u200B", "\uFFFD", "\uD800", "😀"), { maxLength: 30 }).map((parts) => parts.join("")),
);

describe("text fields", () => {
  it("should refuse any string, or keep it NFC with no control, bidi override, lone surrogate or U+FFFD, and at least its minimum of visible characters", () => {
    fc.assert(
      fc.property(nasty, (input) => {
        for (const [schema, isMulti] of [[single, false], [multi, true]] as const) {
          const result = schema.safeParse(input);
          if (!result.success) continue;
          const v = result.data;
          expect(v).toBe(v.normalize("NFC"));
          expect(v).not.toMatch(isMulti ? /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u : /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u);
          expect(v).not.toMatch(/[\uD800-\uDFFF]/u);
          expect(v).not.toContain("\uFFFD");
          expect(visibleLength(v)).toBeGreaterThanOrEqual(5);
        }
      }),
      { numRuns: 2000, seed: 92026 },
    );
  });

  it("should store Vietnamese typed in decomposed form (NFD) in NFC", () => {
    const nfd = "Tiếng Việt có dấu".normalize("NFD");

    const stored = single.parse(nfd);

    expect([stored, stored === nfd]).toEqual(["Tiếng Việt có dấu".normalize("NFC"), false]);
  });

  it.each([
    ["five spaces", "     "],
    ["combining marks alone", "\u0301\u0301\u0301\u0301\u0301\u0301"],
    ["combining marks between spaces", " \u0301 \u0301 \u0301 \u0301 \u0301"],
    ["zero-width spaces and one letter", "a\u200B\u200B\u200B\u200B"],
    ["four letters each with marks", "ệ́ệ́ệ́ệ́"],
  ])("should find %s too short for a minimum of 5", (_what, input) => {
    expect(codesOf(single.safeParse(input))).toEqual(["too_short"]);
  });

  it("should count a letter with its marks, an emoji and an ideogram each as one", () => {
    expect([visibleLength("e\u0323\u0302"), visibleLength("👨‍👩‍👧"), visibleLength("越南"), visibleLength(" a b ")]).toEqual([1, 1, 2, 2]);
  });

  it.each([
    ["a new line", "Khiếu nại\nđất đai", "control_character"],
    ["a NUL", "Khiếu nại\u0000đất", "control_character"],
    ["a C1 control", "Khiếu nại\u0085đất", "control_character"],
    ["a right-to-left override", "Khiếu nại \u202Eiah", "bidi_override"],
    ["a left-to-right isolate", "Khiếu nại \u2066đất", "bidi_override"],
    ["a lone surrogate", "Khiếu nại \uD800", "invalid_text"],
    ["U+FFFD", "Khiếu nại \uFFFD", "invalid_text"],
  ])("should refuse %s in a one-line field with its code", (_what, input, code) => {
    expect(codesOf(single.safeParse(input))).toContain(code);
  });

  it("should keep tab and new lines in a multi-line field, reading CRLF as LF, and refuse a lone CR or a NUL", () => {
    expect(multi.parse("Dòng một\r\nDòng hai\tcột")).toBe("Dòng một\nDòng hai\tcột");
    expect(codesOf(multi.safeParse("Dòng một\rDòng hai"))).toEqual(["control_character"]);
    expect(codesOf(multi.safeParse("Dòng một\u0000Dòng hai"))).toEqual(["control_character"]);
  });

  it("should name each bad field of a submission with its code", () => {
    const result = caseSubmissionSchema.safeParse({
      kind: "complaint",
      subject: "     ",
      content: "Nội dung đủ dài để qua giới hạn hai mươi ký tự.",
      submitter: { fullName: "Lê\u202EVăn", address: "12 Lê Lợi\nphường 1" },
    });

    expect(result.success ? [] : result.error.issues.map((i) => [i.path.join("."), (i as { params?: { code?: string } }).params?.code])).toEqual([
      ["subject", "too_short"],
      ["submitter.fullName", "bidi_override"],
      ["submitter.address", "control_character"],
    ]);
  });
});
