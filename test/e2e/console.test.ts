// The staff console in Chromium against the real local runtime (cognito-local sign-in, the real API).
import { describe, expect, inject, it } from "vitest";
import { openBrowser, withBrowser } from "./browser.ts";
import { axeViolations, scrollsSideways } from "./helpers.ts";
import { citizenComplaint, perform, signIn } from "./console-helpers.ts";
import { solvedChallenge } from "../support/challenge.ts";

const baseUrl = inject("baseUrl");

describe("staff console", () => {
  it("should take a citizen's complaint from the reception queue to closed, across reception and the unit's handler", async () => {
    const c = await citizenComplaint(baseUrl, "hành trình");

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console`);
      await signIn(page, "reception1");
      expect(new URL(page.url()).pathname).toBe("/console-queue");
      await expect.poll(() => page.locator("#who").innerText()).toContain("reception1");
      // Oldest first: a new case may be on a later page.
      const link = page.getByRole("link", { name: c.subject });
      await page.locator("#count").filter({ hasText: /hồ sơ/ }).waitFor();
      while (!(await link.count())) await page.getByRole("button", { name: "Xem thêm" }).click();
      const item = page.locator(".case-item", { has: link });
      expect(await item.innerText()).toMatch(/Xử lý đơn: còn \d+ ngày, hạn chót hết ngày/);
      await link.click();
      await page.waitForURL(/\/console-case\?id=/);
      await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
      expect(await page.locator("#facts").innerText()).toContain("Đã tiếp nhận");

      await perform(page, "Phân loại, giao đơn vị", (p) => p.getByLabel(/^Đơn vị xử lý/).fill("so-tn-mt"));
      expect(await page.locator("#facts").innerText()).toContain("so-tn-mt");
      await perform(page, "Thụ lý");
      expect(await page.locator("#facts").innerText()).toContain("Đang giải quyết");
      // Reception has nothing more to do once the case is accepted, but may still write a note.
      expect(await page.locator("#action-buttons button").allInnerTexts()).toEqual(["Ghi nhận rút đơn", "Thêm ghi chú"]);
    });

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
      await page.waitForURL(/\/console\?/); // not signed in: to sign-in, then back here
      await signIn(page, "handler-so-tn-mt");
      await page.waitForURL(/\/console-case\?id=/);
      await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
      expect(await page.locator("#deadlines").innerText()).toContain("Giải quyết");
      await perform(page, "Ghi kết quả giải quyết", async (p) => {
        await p.getByLabel(/^Kết quả/).selectOption({ label: "Đúng một phần" });
        await p.getByLabel(/^Số, ký hiệu quyết định/).fill("12/QĐ-UBND");
        await p.getByLabel(/^Tóm tắt kết quả/).fill("Hủy một phần quyết định thu hồi đất.");
      });
      await perform(page, "Kết thúc hồ sơ");
      expect(await page.locator("#facts").innerText()).toContain("Đã kết thúc");
      const steps = await page.locator("#timeline .timeline-status").allInnerTexts();
      expect(steps).toEqual(["Tiếp nhận đơn", "Phân loại", "Thụ lý", "Có kết quả giải quyết", "Kết thúc hồ sơ"]);
      expect(await page.locator("#timeline").innerText()).toContain("12/QĐ-UBND");
    });

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console`);
      await signIn(page, "handler-an-phu");
      await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
      await expect.poll(() => page.locator("#alert").innerText()).toBe("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc đơn vị của Ông/Bà.");
      expect(await page.locator("#case").isHidden()).toBe(true);
    });
  });

  it("should explain a conflict when someone else acted first, and keep what was typed across the reload", async () => {
    const c = await citizenComplaint(baseUrl, "xung đột");
    const first = await openBrowser();
    const second = await openBrowser();
    try {
      for (const { page } of [first, second]) {
        await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
        await signIn(page, "reception1");
        await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
      }
      await perform(first.page, "Phân loại, giao đơn vị", (p) => p.getByLabel(/^Đơn vị xử lý/).fill("so-tn-mt"));

      const typed = "Đã gọi điện cho người gửi để bổ sung giấy tờ.";
      await second.page.getByRole("button", { name: "Thêm ghi chú", exact: true }).click();
      await second.page.getByLabel(/^Nội dung ghi chú/).fill(typed);
      await second.page.locator("#panel-submit").click();
      const alert = second.page.locator("#panel-alert");
      await alert.filter({ hasText: "Hồ sơ vừa được người khác cập nhật" }).waitFor();
      expect(await second.page.evaluate(() => document.activeElement?.id)).toBe("panel-alert");

      await second.page.getByRole("button", { name: "Tải lại hồ sơ" }).click();
      await alert.filter({ hasText: "Đã tải lại hồ sơ" }).waitFor();
      expect(await second.page.getByLabel(/^Nội dung ghi chú/).inputValue()).toBe(typed);
      expect(await second.page.locator("#facts").innerText()).toContain("so-tn-mt"); // the other's change is shown
      await second.page.locator("#panel-submit").click();
      await second.page.locator("#action-status").filter({ hasText: "Thêm ghi chú" }).waitFor();
      expect(await second.page.locator("#timeline .timeline-status").allInnerTexts()).toEqual(["Tiếp nhận đơn", "Phân loại", "Ghi chú"]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("should show a field's rule next to it, and name the broken rule on a 422", async () => {
    const c = await citizenComplaint(baseUrl, "lỗi");
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
      await signIn(page, "reception1");
      await page.getByRole("button", { name: "Phân loại, giao đơn vị", exact: true }).click();
      await page.getByLabel(/^Đơn vị xử lý/).fill("Sở TN MT");
      await page.locator("#panel-submit").click();
      expect(await page.locator("#a-unitId-error").innerText()).toContain("Mã đơn vị chỉ gồm chữ thường");
      expect(await page.getByLabel(/^Đơn vị xử lý/).getAttribute("aria-invalid")).toBe("true");

      // Accepting without a unit is a business rule (422) the page names.
      await page.getByRole("button", { name: "Hủy" }).click();
      await page.getByRole("button", { name: "Thụ lý", exact: true }).click();
      await page.locator("#panel-submit").click();
      await page.locator("#panel-alert").filter({ hasText: "Vượt quá giới hạn theo quy định hoặc trái quy tắc xử lý" }).waitFor();
    });
  });

  it("should pass axe (WCAG 2.1 AA) on sign-in, queue, case and register, in Vietnamese and English, and fit 360 px", async () => {
    const c = await citizenComplaint(baseUrl, "axe");
    await withBrowser(
      async ({ page }) => {
        await page.goto(`${baseUrl}/console`);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole("button", { name: "Đăng nhập" }).click();
        await page.locator("#username-error").waitFor({ state: "visible" });
        expect(await axeViolations(page)).toEqual([]);
        await page.getByLabel("Tên đăng nhập").fill("reception1");
        await page.getByLabel("Mật khẩu").fill("wrong-password-1A!");
        await page.getByRole("button", { name: "Đăng nhập" }).click();
        await page.locator("#alert").filter({ hasText: "Tên đăng nhập hoặc mật khẩu không đúng" }).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        await signIn(page, "reception1");
        await page.locator("#count").filter({ hasText: /hồ sơ/ }).waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${baseUrl}/console-case?id=${c.caseId}`);
        await expect.poll(() => page.locator("#case-title").innerText()).toBe(c.subject);
        await page.locator("#deadlines details summary").first().click();
        await page.getByRole("button", { name: "Phân loại, giao đơn vị", exact: true }).click();
        expect(await scrollsSideways(page)).toBe(false);
        expect(await axeViolations(page)).toEqual([]);

        await page.getByRole("button", { name: "English" }).click();
        await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
        expect(await page.locator("#action-buttons").innerText()).toContain("Classify, assign a unit");
        expect(await page.locator("#deadlines").innerText()).toMatch(/Processing of the letter|Due: end of/);
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${baseUrl}/console-queue`);
        await page.locator("#count").filter({ hasText: /cases|No case/ }).waitFor();
        expect(await page.locator("h1").innerText()).toBe("Case queue");
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${baseUrl}/console-register`);
        expect(await page.locator("h1").innerText()).toBe("Register a letter received off-line");
        expect(await axeViolations(page)).toEqual([]);
        expect(await scrollsSideways(page)).toBe(false);
      },
      { viewport: { width: 360, height: 740 } },
    );
  });

  it("should keep a denouncer's identity sealed until the unit's handler reveals it for a stated reason, logged", async () => {
    const response = await fetch(`${baseUrl}/cases`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Altcha": await solvedChallenge(baseUrl) },
      body: JSON.stringify({
        kind: "denunciation",
        subject: `Tố cáo cán bộ địa chính nhận tiền ${Date.now().toString(36)}`,
        content: "Cán bộ địa chính xã yêu cầu người dân nộp tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận.",
        submitter: { fullName: "Lê Văn Tâm", phone: "0987 654 321" },
      }),
    });
    const { caseId } = (await response.json()) as { caseId: string };
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-case?id=${caseId}`);
      await signIn(page, "reception1");
      await expect.poll(() => page.locator("#sender").innerText()).toContain("Danh tính được bảo mật");
      expect(await page.getByRole("button", { name: "Xem danh tính người tố cáo" }).count()).toBe(0); // reception may not
      await perform(page, "Phân loại, giao đơn vị", (p) => p.getByLabel(/^Đơn vị xử lý/).fill("ubnd-xa-vinh-hau"));
    });
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-case?id=${caseId}`);
      await signIn(page, "handler-vinh-hau");
      await page.getByRole("button", { name: "Xem danh tính người tố cáo" }).click();
      expect(await page.locator("#reveal-warning").innerText()).toContain("ghi vào nhật ký");
      await page.getByLabel(/^Lý do cần xem danh tính/).fill("Cần liên hệ người tố cáo để xác minh nội dung.");
      await page.locator("#panel-submit").click();
      await expect.poll(() => page.locator("#sender").innerText()).toContain("Lê Văn Tâm");
      expect(await page.locator("#timeline .timeline-status").allInnerTexts()).toContain("Mở danh tính người tố cáo");
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it("should register a letter received by mail and show the codes to hand over", async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-register`);
      await signIn(page, "reception1");
      await page.waitForURL(/\/console-register/);
      await page.getByLabel("Hình thức tiếp nhận").selectOption("mail");
      await page.getByLabel("Loại đơn").selectOption("petition");
      await page.getByLabel(/^Tiêu đề/).fill("Kiến nghị sửa đường liên xã Vĩnh Hậu");
      await page.getByLabel(/^Nội dung/).fill("Đường liên xã bị sạt lở sau mưa lũ, đề nghị sớm sửa chữa để người dân đi lại an toàn.");
      await page.getByRole("button", { name: "Vào sổ" }).click();
      await page.locator("#done-title").waitFor({ state: "visible" });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("done-title");
      expect((await page.locator("#done-code").innerText()).replace(/\s/g, "")).toMatch(/^[A-Z0-9-]{6,}$/);
      expect((await page.locator("#done-key").innerText()).replace(/\s/g, "").length).toBeGreaterThanOrEqual(16);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("link", { name: "Mở hồ sơ" }).click();
      await expect.poll(() => page.locator("#facts").innerText()).toContain("Qua bưu điện");
    });
  });
});
