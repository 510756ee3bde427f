// One way to get a browser for the e2e tests: Debian's Chromium, driven by playwright-core, with a
// fresh profile in a temporary folder that is removed when the browser is closed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) return given;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH");
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** What Chromium reported as refused by the pages' Content-Security-Policy so far; `close()` fails on any. */
  readonly cspViolations: readonly string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  readonly viewport?: { width: number; height: number };
  readonly locale?: string;
  readonly timezoneId?: string;
}

export async function openBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "don-thu-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: options.viewport ?? { width: 1024, height: 900 },
    locale: options.locale ?? "vi-VN",
    // Far from Vietnam on purpose: the pages must show Asia/Ho_Chi_Minh dates whatever the device says.
    timezoneId: options.timezoneId ?? "America/Los_Angeles",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  // Chromium reports each CSP refusal on the console ("Refused to execute inline script because it violates …").
  const cspViolations: string[] = [];
  const watch = (p: Page) =>
    p.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${p.url()}: ${message.text()}`);
    });
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  for (const open of context.pages()) watch(open);
  return {
    context,
    page,
    cspViolations,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      if (cspViolations.length > 0) throw new Error(`the pages broke their Content-Security-Policy:\n${cspViolations.join("\n")}`);
    },
  };
}

/** Runs `fn` with a fresh browser, and closes it whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>, options?: BrowserOptions): Promise<T> {
  const browser = await openBrowser(options);
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
