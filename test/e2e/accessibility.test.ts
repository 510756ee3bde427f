// axe-core (WCAG 2.1 A and AA) finds nothing on the pages in each state a citizen sees.
import { describe, expect, inject, it } from "vitest";
import { withBrowser } from "./browser.ts";
import { axeViolations, complaint, fillForm } from "./helpers.ts";

const baseUrl = inject("baseUrl");

describe("accessibility", () => {
  it("should find no violation on the form: empty, with errors, anonymous, and confirmed", async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/`);
      expect(await axeViolations(page)).toEqual([]);

      await fillForm(page, "Khiếu nại", { subject: "Đất", content: "ngắn" });
      await page.getByRole("button", { name: "Gửi đơn" }).click();
      await page.locator("#error-summary").waitFor({ state: "visible" });
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole("radio", { name: "Tố cáo", exact: true }).check();
      await page.getByLabel(/^Gửi không ghi danh/).check();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel(/^Gửi không ghi danh/).uncheck();
      await fillForm(page, "Khiếu nại", complaint);
      await page.getByRole("button", { name: "Gửi đơn" }).click();
      await page.locator("#done").waitFor({ state: "visible" });
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it("should find no violation on the tracking page, empty, not found, and with a result", async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Phản ánh", {
        subject: "Rác thải tồn đọng ở chợ Tân Phú",
        content: "Rác thải ở khu vực chợ Tân Phú không được thu gom trong ba ngày, gây mùi hôi và mất vệ sinh.",
      });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${baseUrl}/cases`),
        page.getByRole("button", { name: "Gửi đơn" }).click(),
      ]);
      const { trackingCode, accessKey } = (await response.json()) as { trackingCode: string; accessKey: string };

      await page.goto(`${baseUrl}/track`);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel("Mã hồ sơ").fill(trackingCode);
      await page.getByLabel("Mã truy cập").fill("AAAAA-BBBBB-CCCCC-DDDDD");
      await page.getByRole("button", { name: "Tra cứu" }).click();
      await page.getByRole("alert").filter({ hasText: "Không tìm thấy" }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel("Mã truy cập").fill(accessKey);
      await page.getByRole("button", { name: "Hiện mã" }).click();
      expect(await page.getByLabel("Mã truy cập").getAttribute("type")).toBe("text");
      await page.getByRole("button", { name: "Tra cứu" }).click();
      await page.locator("#result").waitFor({ state: "visible" });
      expect(await page.getByRole("alert").filter({ hasText: "Không tìm thấy" }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
