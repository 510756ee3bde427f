// Deadlines in Chromium against the real local runtime (issue 9): reception extends a denunciation's
// processing with the decision number, the unit suspends it, and both the staff case page and the
// citizen's tracking page show the deadline paused with the days used and left, in Vietnamese.
import { describe, expect, inject, it } from "vitest";
import { withBrowser } from "./browser.ts";
import { axeViolations, scrollsSideways } from "./helpers.ts";
import { perform, signIn, submitCase } from "./console-helpers.ts";

const baseUrl = inject("baseUrl");

async function namedDenunciation() {
  const subject = `Tố cáo cán bộ thu phí trái phép ${Date.now().toString(36)}`;
  const filed = await submitCase(baseUrl, {
    kind: "denunciation",
    subject,
    content: "Cán bộ tư pháp xã thu thêm phí chứng thực không có biên lai trong nhiều tháng liền.",
    submitter: { fullName: "Đặng Thu Giang", phone: "0977 222 333" },
  });
  return { ...filed, subject };
}

describe("deadlines on the pages", () => {
  it("should extend a denunciation's processing with its decision number, then show the suspended resolution paused to staff and to the citizen", async () => {
    const c = await namedDenunciation();

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
      await signIn(page, "reception1");
      await page.waitForURL(/\/console-case\?id=/);
      await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
      await perform(page, "Gia hạn", async (p) => {
        await p.getByLabel(/^Số ngày gia hạn/).fill("3");
        await p.getByLabel(/^Lý do/).fill("Cần xác minh tại nhiều nơi");
        await p.getByLabel(/^Số quyết định/).fill("03/QĐ-GH");
      });
      await page.locator("#deadlines details summary").first().click();
      expect(await page.locator("#deadlines").innerText()).toMatch(/Gia hạn xử lý đơn ngày .+ theo quyết định số 03\/QĐ-GH: thêm 3 ngày làm việc, thành 10 ngày làm việc\./);
      // Extended once: the policy allows no second processing extension, so the console no longer offers one.
      expect(await page.locator("#action-buttons button").allInnerTexts()).not.toContain("Gia hạn");
      await perform(page, "Phân loại, giao đơn vị", (p) => p.getByLabel(/^Đơn vị xử lý/).fill("so-tn-mt"));
      await perform(page, "Thụ lý");
    });

    await withBrowser(
      async ({ page }) => {
        await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
        await signIn(page, "handler-so-tn-mt");
        await page.waitForURL(/\/console-case\?id=/);
        await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
        await perform(page, "Tạm đình chỉ", async (p) => {
          await p.getByLabel(/^Lý do/).fill("Chờ kết quả giám định");
          await p.getByLabel(/^Số quyết định/).fill("07/QĐ-TĐC");
        });
        const deadlines = await page.locator("#deadlines").innerText();
        expect(deadlines).toMatch(/Tạm dừng tính thời hạn từ .+: đã dùng 0 ngày, còn 30 ngày khi tiếp tục giải quyết\./);
        expect(deadlines).toContain("theo quyết định số 07/QĐ-TĐC");
        expect(deadlines).not.toMatch(/\b(days|working|Suspended|decision)\b/);
        expect(await scrollsSideways(page)).toBe(false);
        expect(await axeViolations(page)).toEqual([]);
      },
      { viewport: { width: 360, height: 740 } },
    );

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/track`);
      await page.getByLabel("Mã hồ sơ").fill(c.trackingCode);
      await page.getByLabel("Mã truy cập").fill(c.accessKey);
      await page.getByRole("button", { name: "Tra cứu" }).click();
      await page.locator("#r-deadlines").filter({ hasText: "Tạm dừng" }).waitFor();
      expect(await page.locator("#r-deadlines").innerText()).toMatch(/Tạm dừng tính thời hạn từ .+: đã dùng 0 ngày, còn 30 ngày khi tiếp tục giải quyết\./);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
