// The citizen's journey in a real browser against the local runtime: submit, keep the code and key, track.
import { describe, expect, inject, it } from "vitest";
import { withBrowser } from "./browser.ts";
import { complaint, fillForm, focusedId, readSecrets, viDate } from "./helpers.ts";

const baseUrl = inject("baseUrl");
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the citizen's journey", () => {
  it("should submit a complaint in Vietnamese and find it again with the code and key", async () => {
    await withBrowser(async ({ page, context }) => {
      // Prepare: the page starts solving its proof of work in a Web Worker as it loads
      const workers: string[] = [];
      page.on("worker", (worker) => workers.push(new URL(worker.url()).pathname));
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Khiếu nại", complaint);

      // Act: submit
      const [request, response] = await Promise.all([
        page.waitForRequest((r) => r.url() === `${baseUrl}/cases` && r.method() === "POST"),
        page.waitForResponse((r) => r.url() === `${baseUrl}/cases`),
        page.getByRole("button", { name: "Gửi đơn" }).click(),
      ]);
      const answer = (await response.json()) as { trackingCode: string; accessKey: string; deadlines: { processing?: { dueDate: string } } };

      // Assess: what was sent, and the confirmation
      expect(response.status()).toBe(201);
      expect(request.headers()["idempotency-key"]).toMatch(uuidPattern);
      expect(workers).toContain("/altcha-worker.js");
      const altcha = JSON.parse(Buffer.from(request.headers()["x-altcha"] ?? "", "base64").toString("utf8"));
      expect(altcha).toEqual({ algorithm: "SHA-256", challenge: expect.stringMatching(/^[0-9a-f]{64}$/), number: expect.any(Number), salt: expect.any(String), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(request.postDataJSON()).toEqual({
        kind: "complaint",
        subject: complaint.subject,
        content: complaint.content,
        language: "vi",
        submitter: { fullName: complaint.fullName, phone: complaint.phone, address: complaint.address },
      });
      await expect.poll(() => focusedId(page)).toBe("done-title");
      expect(await page.getByRole("heading", { level: 1 }).filter({ visible: true }).innerText()).toBe("Đơn đã được gửi");
      const { code, key } = await readSecrets(page);
      expect(code).toBe(answer.trackingCode.replace(/-/g, ""));
      expect(key).toBe(answer.accessKey.replace(/-/g, ""));
      const dueDate = answer.deadlines.processing?.dueDate;
      expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await page.locator("#done-deadline").innerText()).toContain(`Thời hạn xử lý đơn: chậm nhất hết ngày`);
      expect(await page.locator("#done-deadline").innerText()).toContain(viDate(dueDate!));
      const trackHref = (await page.getByRole("link", { name: "Tra cứu tình trạng đơn" }).getAttribute("href")) ?? "";
      expect(trackHref).toBe(`/track?code=${encodeURIComponent(answer.trackingCode)}`);

      // Act: track, typing the key the forgiving way (lower case, spaces instead of dashes)
      await page.getByRole("link", { name: "Tra cứu tình trạng đơn" }).click();
      await page.waitForURL(/\/track\?code=/);
      expect(await page.getByLabel("Mã hồ sơ").inputValue()).toBe(answer.trackingCode);
      await page.getByLabel("Mã truy cập").fill(answer.accessKey.toLowerCase().replace(/-/g, " "));
      const [trackRequest] = await Promise.all([
        page.waitForRequest((r) => r.url().includes("/cases/track/")),
        page.getByRole("button", { name: "Tra cứu" }).click(),
      ]);
      await page.locator("#result").waitFor({ state: "visible" });

      // Assess: the case as typed, received, with its due date; the key only ever in a header
      expect(await page.locator("#r-subject").innerText()).toBe(complaint.subject);
      expect(await page.locator("#r-kind").innerText()).toBe("Khiếu nại");
      expect(await page.locator("#r-status").innerText()).toBe("Đã tiếp nhận");
      expect(await page.locator("#r-deadlines").innerText()).toContain(viDate(dueDate!));
      expect(await page.locator("#r-milestones li").first().innerText()).toContain("Đã tiếp nhận");
      expect(await focusedId(page)).toBe("result-title");
      expect(trackRequest.headers()["x-access-key"]).toBe(answer.accessKey.replace(/-/g, ""));
      const bareKey = answer.accessKey.replace(/-/g, "");
      expect(trackRequest.url()).not.toContain(bareKey);
      expect(page.url()).not.toContain(bareKey);
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored.toUpperCase().replace(/-/g, "")).not.toContain(bareKey);
      expect((await context.cookies()).length).toBe(0);
    });
  });

  it("should show each error next to its field, focus the first and keep everything typed", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare: a subject too short, and a complaint without any contact
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Khiếu nại", { subject: "Đất", content: complaint.content, fullName: complaint.fullName });

      // Act
      await page.getByRole("button", { name: "Gửi đơn" }).click();

      // Assess
      await expect.poll(() => focusedId(page)).toBe("subject");
      const subject = page.getByLabel(/^Tiêu đề/);
      expect(await subject.getAttribute("aria-invalid")).toBe("true");
      expect((await subject.getAttribute("aria-describedby"))?.split(" ")).toContain("subject-error");
      expect(await page.locator("#subject-error").innerText()).toContain("Tiêu đề cần ít nhất 5 ký tự.");
      const phone = page.getByLabel(/^Số điện thoại/);
      expect(await phone.getAttribute("aria-invalid")).toBe("true");
      expect((await phone.getAttribute("aria-describedby"))?.split(" ")).toContain("phone-error");
      expect(await page.locator("#phone-error").innerText()).toContain("Vui lòng nhập ít nhất một trong ba");
      const summaryLinks = page.locator("#error-summary a");
      expect(await summaryLinks.allInnerTexts()).toEqual([
        "Tiêu đề cần ít nhất 5 ký tự.",
        "Vui lòng nhập ít nhất một trong ba: số điện thoại, thư điện tử hoặc địa chỉ.",
      ]);
      expect(await page.locator("#content-error").isVisible()).toBe(false);
      expect(await subject.inputValue()).toBe("Đất");
      expect(await page.getByLabel(/^Nội dung/).inputValue()).toBe(complaint.content);
      expect(await page.getByLabel(/^Họ và tên/).inputValue()).toBe(complaint.fullName);
      expect(await page.getByRole("radio", { name: "Khiếu nại", exact: true }).isChecked()).toBe(true);

      // Act: a summary link leads to its field; an accidental reload keeps the draft
      await summaryLinks.nth(1).click();
      expect(await focusedId(page)).toBe("phone");
      await page.reload();

      // Assess
      expect(await page.getByLabel(/^Nội dung/).inputValue()).toBe(complaint.content);
      expect(await page.getByLabel(/^Tiêu đề/).inputValue()).toBe("Đất");
      expect(await page.getByRole("radio", { name: "Khiếu nại", exact: true }).isChecked()).toBe(true);
      expect(await page.getByRole("status").filter({ hasText: "khôi phục" }).isVisible()).toBe(true);
    });
  });

  it("should show the server's own validation errors by field when the browser's checks are bypassed", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare: the page sends a valid body; the request is rewritten on the way to the real server
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Khiếu nại", complaint);
      await page.route(`${baseUrl}/cases`, (route) =>
        route.continue({ postData: JSON.stringify({ kind: "complaint", subject: "abc", content: complaint.content }) }),
      );

      // Act
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${baseUrl}/cases`),
        page.getByRole("button", { name: "Gửi đơn" }).click(),
      ]);

      // Assess: 400 with errors on subject and submitter, each shown at its field in Vietnamese
      expect(response.status()).toBe(400);
      await expect.poll(() => focusedId(page)).toBe("subject");
      expect(await page.locator("#subject-error").innerText()).toContain("Tiêu đề cần ít nhất 5 ký tự.");
      expect(await page.locator("#fullName-error").innerText()).toContain("Đơn khiếu nại cần họ tên");
      expect(await page.getByLabel(/^Tiêu đề/).inputValue()).toBe(complaint.subject);
      expect(await page.getByRole("button", { name: "Gửi đơn" }).isEnabled()).toBe(true);
    });
  });

  it("should keep the text and the Idempotency-Key when the answer is lost, and get the same case on retry", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare: the first answer reaches the server but never comes back
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Kiến nghị", { subject: "Đề nghị lắp đèn đường ở ngõ 12", content: "Ngõ 12 đường Trần Phú tối, nhiều người đi bộ ban đêm. Đề nghị lắp thêm đèn chiếu sáng." });
      const keys: string[] = [];
      let firstAnswer: { trackingCode: string } | undefined;
      await page.route(`${baseUrl}/cases`, async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (keys.length === 1) {
          const response = await route.fetch();
          firstAnswer = (await response.json()) as { trackingCode: string };
          return route.abort("connectionreset");
        }
        return route.continue();
      });

      // Act
      await page.getByRole("button", { name: "Gửi đơn" }).click();
      await page.getByRole("alert").filter({ hasText: "Không kết nối được" }).waitFor();
      expect(await page.getByLabel(/^Nội dung/).inputValue()).toContain("Ngõ 12 đường Trần Phú");
      await page.reload(); // the citizen reloads: the draft and the key survive
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${baseUrl}/cases`),
        page.getByRole("button", { name: "Gửi đơn" }).click(),
      ]);

      // Assess
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(uuidPattern);
      expect(keys[1]).toBe(keys[0]);
      expect(response.status()).toBe(201);
      const { code } = await readSecrets(page);
      expect(code).toBe(firstAnswer?.trackingCode.replace(/-/g, ""));
    });
  });

  it("should send once however often the button is pressed, and say so at the top when the server fails", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare: a server that holds the first request until the test lets it answer 503, then answers 429
      await page.goto(`${baseUrl}/`);
      await fillForm(page, "Phản ánh", { subject: "Nước sinh hoạt bị đục", content: "Nước máy ở khu phố 3 bị đục và có mùi trong một tuần nay." });
      const statuses = [503, 429];
      let requests = 0;
      let answerFirst!: () => void;
      const firstMayAnswer = new Promise<void>((ok) => (answerFirst = ok));
      await page.route(`${baseUrl}/cases`, async (route) => {
        requests += 1;
        if (requests === 1) await firstMayAnswer;
        const status = statuses[requests - 1] ?? 500;
        await route.fulfill({ status, contentType: "application/problem+json", body: JSON.stringify({ type: "about:blank", title: "x", status }) });
      });
      const button = page.getByRole("button", { name: "Gửi đơn" });

      // Act: press three times while the first request is held
      await Promise.all([page.waitForRequest(`${baseUrl}/cases`), button.click()]);
      expect(await page.locator("#submit").isDisabled()).toBe(true);
      // A disabled button cannot be pressed; a submit by Enter in a field still can, twice.
      await page.locator("#case-form").evaluate((form: HTMLFormElement) => {
        form.requestSubmit();
        form.requestSubmit();
      });
      answerFirst();
      await page.getByRole("alert").filter({ hasText: "Hệ thống đang gặp sự cố" }).waitFor();

      // Assess: one request, the message at the top and focused, the text kept, the button back
      expect(requests).toBe(1);
      expect(await focusedId(page)).toBe("alert");
      expect(await page.getByLabel(/^Nội dung/).inputValue()).toBe("Nước máy ở khu phố 3 bị đục và có mùi trong một tuần nay.");
      expect(await button.isEnabled()).toBe(true);

      // Act: again, throttled
      await button.click();
      await page.getByRole("alert").filter({ hasText: "đang nhận nhiều yêu cầu" }).waitFor();
      expect(requests).toBe(2);
    });
  });

  it("should say an anonymous denunciation has no legal deadline, and send no identity", async () => {
    await withBrowser(async ({ page }) => {
      // Prepare
      await page.goto(`${baseUrl}/`);
      await page.getByRole("radio", { name: "Tố cáo", exact: true }).check();
      await page.getByLabel(/^Gửi không ghi danh/).check();
      expect(await page.getByLabel(/^Họ và tên/).isVisible()).toBe(false);
      expect(await page.locator("#anonymous-consequence").innerText()).toContain("không có thời hạn giải quyết theo luật");
      await fillForm(page, "Tố cáo", {
        subject: "Tố cáo cán bộ địa chính nhận tiền",
        content: "Cán bộ địa chính xã nhận tiền của người dân khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
      });

      // Act
      const [request, response] = await Promise.all([
        page.waitForRequest((r) => r.url() === `${baseUrl}/cases` && r.method() === "POST"),
        page.waitForResponse((r) => r.url() === `${baseUrl}/cases`),
        page.getByRole("button", { name: "Gửi đơn" }).click(),
      ]);

      // Assess
      expect(response.status()).toBe(201);
      expect((await response.json()) as { anonymous: boolean }).toMatchObject({ anonymous: true });
      expect(request.postDataJSON()).not.toHaveProperty("submitter");
      await page.locator("#done").waitFor({ state: "visible" });
      expect(await page.locator("#done-deadline").innerText()).toBe(
        "Đơn tố cáo không ghi danh được tiếp nhận như thông tin, không có thời hạn giải quyết theo luật.",
      );
    });
  });
});
