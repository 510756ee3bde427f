// The deadline's steps as the tracking page and the staff case page write them, from the catalogs.
import { describe, expect, it } from "vitest";
import "#domain/case.ts";
import { defaultDeadlineContext, processingDeadline, resolutionDeadline, type Deadline, type ExplanationStep } from "#domain/deadlines/index.ts";
import { stepText } from "../../../web/src/lib/deadline-text.ts";

const ctx = defaultDeadlineContext();
const at = (date: string) => `${date}T03:00:00.000Z`;

/** Deadlines whose explanations hold every kind of step between them. */
const deadlines: Deadline[] = [
  processingDeadline({ kind: "petition", anonymous: false, receivedAt: at("2025-12-31") }, ctx), // skipped, declaredWorking
  processingDeadline({ kind: "petition", anonymous: false, receivedAt: at("2026-12-28") }, ctx), // provisional
  processingDeadline({ kind: "denunciation", anonymous: false, receivedAt: at("2026-10-05"), processingExtended: true, processingExtension: { at: at("2026-10-08"), decisionRef: "03/QĐ-GH" } }, ctx),
  resolutionDeadline(
    {
      kind: "denunciation",
      complexity: "very_complex",
      acceptedAt: at("2026-10-01"),
      extensions: [{ days: 30, at: at("2026-10-20"), decisionRef: "05/QĐ-GH" }],
      suspensions: [{ from: at("2026-10-05"), to: at("2026-10-08") }, { from: at("2026-10-25"), decisionRef: "07/QĐ-TĐC" }],
    },
    ctx,
    { asOf: at("2026-11-03") },
  ), // extension, both suspensions, rollover, paused
].map((d) => d as Deadline);

describe("stepText", () => {
  const steps: ExplanationStep[] = deadlines.flatMap((d) => d.explanation.steps);

  it("should have a step of every type among these deadlines", () => {
    expect(new Set(steps.map((s) => s.type))).toEqual(
      new Set(["start", "period", "extension", "suspension", "skipped", "declaredWorking", "lastDay", "rollover", "due", "paused", "provisional"]),
    );
  });

  it("should write every step in Vietnamese from the catalog, every placeholder filled and no English word", () => {
    const english = /\b(the|of|day|days|working|calendar|Saturday|Sunday|extension|extended|suspended|decision|basis|Law|Circular|art)\b/;
    for (const step of steps) {
      const text = stepText(step);
      expect(text, step.type).not.toMatch(/[{}]/);
      expect(text, step.type).not.toMatch(english);
    }
  });

  it("should name an extension's date and decision, and a paused deadline's days", () => {
    const texts = steps.map(stepText);
    expect(texts).toContain("Gia hạn xử lý đơn ngày thứ Năm, 08/10/2026 theo quyết định số 03/QĐ-GH: thêm 3 ngày làm việc, thành 10 ngày làm việc.");
    expect(texts).toContain("Gia hạn lần 1 ngày thứ Ba, 20/10/2026 theo quyết định số 05/QĐ-GH: thêm 30 ngày.");
    expect(texts).toContain("Đang tạm đình chỉ từ chủ Nhật, 25/10/2026 theo quyết định số 07/QĐ-TĐC: tính đến hết thứ Ba, 03/11/2026 đã cộng thêm 10 ngày.");
    expect(texts).toContain("Thời hạn đang tạm dừng từ chủ Nhật, 25/10/2026: đã dùng 20 ngày, còn 40 ngày khi tiếp tục giải quyết.");
  });
});
