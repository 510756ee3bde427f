// What several e2e tests do the same way: fill the citizen form, read the confirmation, scan with axe.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

export interface Complaint {
  readonly subject: string;
  readonly content: string;
  readonly fullName?: string;
  readonly phone?: string;
  readonly address?: string;
}

export const complaint: Complaint = {
  subject: "Khiếu nại quyết định thu hồi đất ở thôn Đông, xã Tân Phú",
  content:
    "Ngày 12/9/2026, Ủy ban nhân dân xã Tân Phú ra quyết định thu hồi 200 m² đất vườn của gia đình tôi mà không thông báo trước, không bồi thường. Đề nghị cơ quan có thẩm quyền xem xét lại quyết định này.",
  fullName: "Trần Thị Bích Ngọc",
  phone: "0912 345 678",
  address: "Số 5, đường Lê Lợi, phường Hòa Bình",
};

/** Fills the form as a person would, by the visible labels (which also checks that they exist). */
export async function fillForm(page: Page, kind: string, c: Partial<Complaint>): Promise<void> {
  await page.getByRole("radio", { name: kind, exact: true }).check();
  if (c.subject !== undefined) await page.getByLabel(/^Tiêu đề|^Subject/).fill(c.subject);
  if (c.content !== undefined) await page.getByLabel(/^Nội dung|^Details/).fill(c.content);
  if (c.fullName !== undefined) await page.getByLabel(/^Họ và tên|^Full name/).fill(c.fullName);
  if (c.phone !== undefined) await page.getByLabel(/^Số điện thoại|^Phone/).fill(c.phone);
  if (c.address !== undefined) await page.getByLabel(/^Địa chỉ liên hệ|^Postal address/).fill(c.address);
}

/** The tracking code and access key as the confirmation shows them (groups joined). */
export async function readSecrets(page: Page): Promise<{ code: string; key: string }> {
  const text = async (id: string) => (await page.locator(id).innerText()).replace(/\s+/g, "");
  return { code: await text("#done-code"), key: await text("#done-key") };
}

export const focusedId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? "");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: string[];
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSourceText: string | undefined;
const axeSource = (): string => (axeSourceText ??= readFileSync(axePath, "utf8"));

/** Runs axe-core with the WCAG 2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: the pages' CSP refuses inline script (rightly).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** Whether the page scrolls sideways: the document is wider than the viewport. */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The local date `YYYY-MM-DD` as the Vietnamese page writes it: `DD/MM/YYYY`. */
export const viDate = (localDate: string): string => localDate.split("-").reverse().join("/");
