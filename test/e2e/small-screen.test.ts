// A phone of 360 × 740 CSS pixels: nothing scrolls sideways, whatever the form shows.
import { describe, expect, inject, it } from "vitest";
import { withBrowser } from "./browser.ts";
import { complaint, fillForm, scrollsSideways } from "./helpers.ts";

const baseUrl = inject("baseUrl");
const phone = { width: 360, height: 740 };

describe("a phone-sized screen", () => {
  it("should never scroll the form sideways, empty, with errors, or confirmed", async () => {
    await withBrowser(
      async ({ page }) => {
        await page.goto(`${baseUrl}/`);
        expect(await scrollsSideways(page)).toBe(false);

        await page.getByRole("radio", { name: "Tố cáo", exact: true }).check();
        await page.getByRole("button", { name: "Gửi đơn" }).click();
        await page.locator("#error-summary").waitFor({ state: "visible" });
        expect(await scrollsSideways(page)).toBe(false);

        await page.getByRole("button", { name: "English" }).click();
        expect(await scrollsSideways(page)).toBe(false);

        await fillForm(page, "Complaint", complaint);
        await page.getByRole("button", { name: "Send" }).click();
        await page.locator("#done").waitFor({ state: "visible" });
        expect(await scrollsSideways(page)).toBe(false);
      },
      { viewport: phone },
    );
  });

  it("should never scroll the tracking page sideways", async () => {
    await withBrowser(
      async ({ page }) => {
        await page.goto(`${baseUrl}/track?code=ABCD-EFGH`);
        expect(await scrollsSideways(page)).toBe(false);
        await page.getByRole("button", { name: "Tra cứu" }).click();
        expect(await scrollsSideways(page)).toBe(false);
      },
      { viewport: phone },
    );
  });
});
