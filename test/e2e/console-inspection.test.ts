// The inspection dashboard in Chromium against the real local runtime: the overdue register of cases
// this test back-dates itself, the report's downloads, accessibility in both languages at 360 px, and
// the refusal a handler gets from the API.
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { localDemoPassword } from "../../shared/staff-pool.ts";
import { signIn as cognitoSignIn, type StaffConfig } from "../../web/src/console/cognito.ts";
import { withBrowser } from "./browser.ts";
import { signIn } from "./console-helpers.ts";
import { axeViolations, scrollsSideways } from "./helpers.ts";

const baseUrl = inject("baseUrl");
const unitId = "so-tn-mt";
const dayMs = 86_400_000;

interface OverdueEntry {
  caseId: string;
  trackingCode: string;
  unitId?: string;
  dueAt: string;
  daysOverdue: number;
  escalationLevel: number;
  flags: string[];
}

async function tokenOf(username: string): Promise<string> {
  const config = (await (await fetch(`${baseUrl}/staff/config`)).json()) as StaffConfig;
  const result = await cognitoSignIn(config, username, localDemoPassword);
  if (!result.ok) throw new Error(`${username} could not sign in: ${result.reason}`);
  return result.idToken;
}

async function api(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers } });
}

/** A letter received by mail `daysAgo` days ago, classified to the unit: its processing deadline has long passed. */
async function lateLetter(reception: string, daysAgo: number, tag: string): Promise<{ caseId: string; trackingCode: string }> {
  const created = await api(reception, "/staff/cases", {
    method: "POST",
    body: JSON.stringify({
      kind: "petition",
      subject: `Kiến nghị sửa đường liên thôn ${tag} ${Date.now().toString(36)}`,
      content: "Đường liên thôn bị sạt lở sau mưa lũ, đề nghị Ủy ban nhân dân sớm sửa chữa để người dân đi lại an toàn.",
      submitter: { fullName: "Nguyễn Văn Bình", phone: "0987 654 321" },
      channel: "mail",
      receivedAt: new Date(Date.now() - daysAgo * dayMs).toISOString(),
    }),
  });
  if (created.status !== 201) throw new Error(`POST /staff/cases answered ${created.status}: ${await created.text()}`);
  const c = (await created.json()) as { caseId: string; trackingCode: string };
  // The sweep may record an escalation of so late a letter between our read and our write: read again then.
  let classified: Response;
  let attempt = 0;
  do {
    const read = await api(reception, `/staff/cases/${c.caseId}`);
    classified = await api(reception, `/staff/cases/${c.caseId}/classify`, {
      method: "POST",
      headers: { "If-Match": read.headers.get("etag") ?? "" },
      body: JSON.stringify({ unitId }),
    });
  } while (classified.status === 412 && ++attempt < 5);
  if (classified.status !== 200) throw new Error(`classify answered ${classified.status}: ${await classified.text()}`);
  return c;
}

/** Every page of the unit's overdue register, as the API gives it. */
async function registerOf(token: string, query: string): Promise<OverdueEntry[]> {
  const all: OverdueEntry[] = [];
  let cursor: string | undefined;
  do {
    const response = await api(token, `/inspection/overdue?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    const page = (await response.json()) as { items: OverdueEntry[]; nextCursor?: string };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const vietnamDay = (instant: Date | string): number => {
  const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
  return Date.parse(`${local}T00:00:00Z`) / dayMs;
};

/** Presses "Xem thêm" until the list has no more pages. */
async function loadAll(page: Page): Promise<void> {
  const more = page.locator("#o-more");
  await page.locator("#o-count").filter({ hasText: /hồ sơ quá hạn|overdue cases|Không có/ }).waitFor();
  while (await more.isVisible()) {
    const before = await page.locator(".overdue-item").count();
    await more.click();
    await expect.poll(() => page.locator(".overdue-item").count()).toBeGreaterThan(before);
  }
}

const escalationWords = ["Chưa đến mức cảnh báo", "Cảnh báo mức 1: báo Thủ trưởng đơn vị", "Cảnh báo mức 2: báo Tổ Công tác", "Cảnh báo mức 3: đưa vào báo cáo lãnh đạo tỉnh"];

describe("inspection dashboard", () => {
  let reception = "";
  let inspector = "";
  let longLate: { caseId: string; trackingCode: string };
  let late: { caseId: string; trackingCode: string };

  beforeAll(async () => {
    [reception, inspector] = await Promise.all([tokenOf("reception1"), tokenOf("inspector1")]);
    longLate = await lateLetter(reception, 75, "lâu");
    late = await lateLetter(reception, 28, "gần");
  });

  it("should list the unit's overdue cases most overdue first, with the days overdue their due dates give, and keep only the prolonged ones when asked", async () => {
    const register = await registerOf(inspector, `unitId=${unitId}`);
    const mine = [longLate, late].map((c) => register.find((e) => e.caseId === c.caseId));
    expect(mine.every(Boolean), "both back-dated cases are in the API's register").toBe(true);
    const [a, b] = mine as [OverdueEntry, OverdueEntry];
    // Computed here from the API's due instants and today in Vietnam, not read from daysOverdue.
    const today = vietnamDay(new Date());
    const expectedDays = [today - vietnamDay(a.dueAt), today - vietnamDay(b.dueAt)];
    expect(expectedDays[0]).toBeGreaterThan(expectedDays[1]!);
    expect(expectedDays[1]).toBeGreaterThan(0);

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-inspection`);
      await signIn(page, "inspector1");
      await page.waitForURL(/\/console-inspection/);
      await expect.poll(() => page.locator("#who").innerText()).toContain("inspector1");
      expect(await page.getByRole("navigation", { name: "Điều hướng cán bộ" }).getByRole("link", { name: "Thanh tra" }).getAttribute("aria-current")).toBe("page");

      await page.getByLabel("Đơn vị", { exact: true }).selectOption(unitId);
      await page.locator("#overdue-filters").getByRole("button", { name: "Lọc" }).click();
      // The filtered register replaces the whole one: wait until every entry shown is the unit's.
      const ofUnit = (texts: string[]) => texts.length > 0 && texts.every((text) => /Sở Tài nguyên và Môi trường|so-tn-mt/.test(text));
      await expect.poll(async () => ofUnit(await page.locator(".overdue-item").allInnerTexts())).toBe(true);
      await loadAll(page);
      expect(new URL(page.url()).searchParams.get("unitId")).toBe(unitId);

      const texts = await page.locator(".overdue-item").allInnerTexts();
      const days = texts.map((text) => Number(/Quá hạn (\d+) ngày/.exec(text)?.[1]));
      expect(days.every((d) => d > 0)).toBe(true);
      expect(days).toEqual([...days].sort((x, y) => y - x));
      expect(texts.every((text) => /Sở Tài nguyên và Môi trường|so-tn-mt/.test(text))).toBe(true);

      const codes = texts.map((text) => /Hồ sơ (\S+)/.exec(text)?.[1]);
      const ia = codes.indexOf(a.trackingCode);
      const ib = codes.indexOf(b.trackingCode);
      expect(ia).toBeGreaterThanOrEqual(0);
      expect(ib).toBeGreaterThan(ia);
      for (const [i, entry] of [[ia, a], [ib, b]] as const) {
        const text = texts[i]!;
        expect(text).toContain(`Quá hạn ${expectedDays[entry === a ? 0 : 1]} ngày`);
        expect(text).toContain("Kiến nghị · Đã tiếp nhận");
        expect(text).toContain("Xử lý đơn: hạn chót hết ngày");
        expect(text).toContain(escalationWords[entry.escalationLevel]);
      }
      const link = page.locator("#overdue-list").getByRole("link", { name: `Hồ sơ ${a.trackingCode}` });
      expect(await link.getAttribute("href")).toBe(`/console-case?id=${a.caseId}`);

      // Prolonged: overdue by more than 30 days; the 28-day-old letter is not, the 75-day-old one is.
      await page.getByLabel("Chỉ hồ sơ kéo dài").check();
      await page.locator("#overdue-filters").getByRole("button", { name: "Lọc" }).click();
      await loadAll(page);
      expect(await page.locator("#overdue-list").getByRole("link", { name: `Hồ sơ ${a.trackingCode}` }).count()).toBe(1);
      expect(await page.locator("#overdue-list").getByRole("link", { name: `Hồ sơ ${b.trackingCode}` }).count()).toBe(0);
      expect((await page.locator(".overdue-item").allInnerTexts()).every((text) => text.includes("Kéo dài"))).toBe(true);

      // The link reaches the case page, which an inspector may read.
      await page.locator("#overdue-list").getByRole("link", { name: `Hồ sơ ${a.trackingCode}` }).click();
      await page.waitForURL(`**/console-case?id=${a.caseId}`);
    });
  });

  it("should show the period's figures and download them as a CSV with a BOM and Vietnamese headers, and as an Excel workbook", async () => {
    const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date());
    const report = await api(inspector, `/inspection/report?from=${year}-01-01&to=${year}-12-31&groupBy=unit`);
    expect(report.status).toBe(200);
    const json = (await report.json()) as { rows: Array<{ key: string; name: string }> };
    expect(json.rows.length).toBeGreaterThan(0);

    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-inspection`);
      await signIn(page, "inspector1");
      await page.waitForURL(/\/console-inspection/);
      await page.locator("#report-body").waitFor({ state: "visible" });
      expect(await page.getByLabel("Từ ngày").inputValue()).toBe(`${year}-01-01`);
      expect(await page.getByLabel("Đến ngày").inputValue()).toBe(`${year}-12-31`);
      expect(await page.locator("#summary dt").allInnerTexts()).toEqual([
        "Tiếp nhận", "Thụ lý", "Giải quyết đúng hạn", "Giải quyết trễ hạn", "Đang giải quyết, còn trong hạn", "Đang giải quyết, quá hạn", "Tỷ lệ giải quyết đúng hạn", "Số ngày giải quyết (trung vị)",
      ]);
      // Each chart is an image with its figures in words, and the table holds a row per unit plus the total.
      const rateLabel = (await page.locator("#rate-chart svg[role=img]").getAttribute("aria-label")) ?? "";
      for (const row of json.rows) expect(rateLabel).toContain(row.key === "-" ? "Chưa giao đơn vị" : row.name);
      expect(await page.locator("#aging-chart svg[role=img]").getAttribute("aria-label")).toMatch(/^Hồ sơ đang mở theo thời gian tồn đọng: 0–10 ngày: \d+;/);
      expect(await page.locator("#r-table tbody tr").count()).toBe(json.rows.length);
      expect(await page.locator("#r-table tfoot th").innerText()).toBe("Tổng cộng");

      const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải về CSV" }).click()]);
      expect(csv.suggestedFilename()).toBe(`bao-cao-don-thu_theo-don-vi_${year}-01-01_${year}-12-31.csv`);
      const csvBytes = await readFile((await csv.path())!);
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csvBytes.subarray(3).toString("utf8").split(/\r?\n/).filter(Boolean);
      expect(lines[0]).toMatch(/Đơn vị/);
      expect(lines[0]).toMatch(/Tiếp nhận/);
      for (const row of json.rows) expect(lines.filter((line) => line.includes(row.name)).length, row.name).toBeGreaterThanOrEqual(1);
      await page.locator("#dl-status").filter({ hasText: "Đã tải về tệp" }).waitFor();

      const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải về Excel" }).click()]);
      expect(xlsx.suggestedFilename()).toBe(`bao-cao-don-thu_theo-don-vi_${year}-01-01_${year}-12-31.xlsx`);
      const xlsxBytes = await readFile((await xlsx.path())!);
      expect(xlsxBytes.subarray(0, 2).toString("latin1")).toBe("PK");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsxBytes as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value ?? "")))));
      for (const row of json.rows) expect(cells.some((c) => c.includes(row.name)), row.name).toBe(true);
    });
  });

  it("should pass axe-core and never scroll sideways at 360 px, in Vietnamese and in English", async () => {
    await withBrowser(
      async ({ page }) => {
        await page.goto(`${baseUrl}/console-inspection`);
        await signIn(page, "inspector1");
        await page.waitForURL(/\/console-inspection/);
        await page.locator("#o-count").filter({ hasText: /hồ sơ quá hạn|Không có/ }).waitFor();
        await expect.poll(() => page.locator("#r-status").innerText()).not.toBe("Đang tải số liệu…");
        expect(await scrollsSideways(page)).toBe(false);
        expect(await axeViolations(page)).toEqual([]);

        await page.getByRole("button", { name: "English" }).click();
        await expect.poll(() => page.locator("h1").innerText()).toBe("Inspection dashboard");
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        expect(await scrollsSideways(page)).toBe(false);
        expect(await axeViolations(page)).toEqual([]);
      },
      { viewport: { width: 360, height: 740 } },
    );
  });

  it("should tell a handler that the role may not see it, from the API's 403", async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${baseUrl}/console-inspection`);
      await signIn(page, "handler-so-tn-mt");
      await page.waitForURL(/\/console-inspection/);
      await expect
        .poll(() => page.getByRole("alert").first().innerText())
        .toBe("Trang này dành cho thanh tra và quản trị. Vai trò của Ông/Bà không được xem số liệu thanh tra.");
      expect(await page.locator("#overdue").isHidden()).toBe(true);
      expect(await page.locator("#report").isHidden()).toBe(true);
      // The console's nav offers the dashboard to inspectors and admins only.
      await page.goto(`${baseUrl}/console-queue`);
      await page.locator("#who").filter({ hasText: "handler-so-tn-mt" }).waitFor();
      expect(await page.getByRole("link", { name: "Thanh tra" }).count()).toBe(0);
    });
  });
});
