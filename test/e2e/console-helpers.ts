// What the console e2e tests do the same way: create a case as a citizen would, sign a demo user in.
import type { Page } from "playwright-core";
import { localDemoPassword } from "../../shared/staff-pool.ts";
import { solvedChallenge } from "../support/challenge.ts";

/** A case through the public API, as the citizen form sends it. */
export async function submitCase(baseUrl: string, body: Record<string, unknown>): Promise<{ caseId: string; trackingCode: string; accessKey: string }> {
  const response = await fetch(`${baseUrl}/cases`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Altcha": await solvedChallenge(baseUrl) },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /cases answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { caseId: string; trackingCode: string; accessKey: string };
}

/** A complaint through the public API; unique subject to find it again. */
export async function citizenComplaint(baseUrl: string, tag: string): Promise<{ caseId: string; trackingCode: string; subject: string }> {
  const subject = `Khiếu nại thu hồi đất ${tag} ${Date.now().toString(36)}`;
  const { caseId, trackingCode } = await submitCase(baseUrl, {
    kind: "complaint",
    subject,
    content: "Ủy ban nhân dân xã ra quyết định thu hồi đất vườn của gia đình tôi mà không thông báo trước, đề nghị xem xét lại.",
    submitter: { fullName: "Trần Thị Bích Ngọc", phone: "0912 345 678" },
  });
  return { caseId, trackingCode, subject };
}

/** Signs in on /console (or on the sign-in page a protected page sent us to) and waits to leave it. */
export async function signIn(page: Page, username: string, password = localDemoPassword): Promise<void> {
  if (!/\/console(\?|$)/.test(page.url())) await page.goto(new URL("/console", page.url()).toString());
  await page.getByLabel(/^Tên đăng nhập|^User name/).fill(username);
  await page.getByLabel(/^Mật khẩu|^Password/).fill(password);
  await page.getByRole("button", { name: /^Đăng nhập$|^Sign in$/ }).click();
  await page.waitForURL((url) => url.pathname !== "/console");
}

/** Opens an action's form, fills it by its labels, confirms, and waits for the "recorded" status. */
export async function perform(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  await page.getByRole("button", { name: action, exact: true }).click();
  await fill(page);
  await page.locator("#panel-submit").click();
  await page.locator("#action-status").filter({ hasText: action }).waitFor();
}
