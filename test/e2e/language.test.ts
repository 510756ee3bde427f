// Vietnamese by default; the English switch translates the pages and is remembered.
import { describe, expect, inject, it } from "vitest";
import { withBrowser } from "./browser.ts";

const baseUrl = inject("baseUrl");

describe("the language switch", () => {
  it("should show Vietnamese first, translate to English on the switch, and remember it", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare
      await page.goto(`${baseUrl}/`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
      expect(await page.getByRole("heading", { level: 1 }).first().innerText()).toBe("Gửi kiến nghị, phản ánh, khiếu nại, tố cáo");

      // Act
      await page.getByRole("button", { name: "English" }).click();

      // Assess
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      expect(await page.title()).toBe("Submit a petition, reflection, complaint or denunciation");
      expect(await page.getByRole("heading", { level: 1 }).first().innerText()).toBe("Submit a petition, reflection, complaint or denunciation");
      expect(await page.getByRole("radio", { name: "Complaint", exact: true }).count()).toBe(1);
      expect(await page.getByLabel(/^Subject/).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
      expect(await page.locator("[data-lang-switch] span").getAttribute("lang")).toBe("vi");
      expect(await page.getByLabel(/^Language for information/).inputValue()).toBe("en");

      // Act: errors are translated too, and the choice holds on the next page
      await page.getByRole("button", { name: "Send" }).click();
      expect(await page.locator("#kind-error").innerText()).toContain("Choose the kind of letter.");
      await page.getByRole("link", { name: "Track a case" }).click();
      await page.waitForURL(/\/track$/);

      // Assess
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Track a case");
      expect(await page.getByLabel("Access key").count()).toBe(1);

      // Act: back to Vietnamese
      await page.getByRole("button", { name: "Tiếng Việt" }).click();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Tra cứu tình trạng đơn");
    });
  });
});
