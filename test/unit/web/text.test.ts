// Catalogs, forgiving codes, local dates and the build's page assembly and prerendering.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assemble, prerender } from "../../../web/build.ts";
import { en } from "../../../web/src/i18n/en.ts";
import { vi } from "../../../web/src/i18n/vi.ts";
import { formatInstant, formatLocalDate } from "../../../web/src/lib/format.ts";
import { compact, groups } from "../../../web/src/lib/normalize.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("should give every key in both languages, with the same placeholders and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(text.trim(), key).not.toBe("");
      expect(en[key as keyof typeof vi].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof vi]), key).toEqual(placeholders(text));
    }
  });
});

describe("compact and groups", () => {
  it("should ignore case, spaces and dashes of any kind", () => {
    expect(compact(" abcd–efgh ")).toBe("ABCDEFGH");
    expect(compact("3x3fy 4m72x-546sd\t4fpp7")).toBe("3X3FY4M72X546SD4FPP7");
  });
  it("should split into groups", () => {
    expect(groups("ABCDEFGHJ", 4)).toEqual(["ABCD", "EFGH", "J"]);
  });
});

describe("dates", () => {
  it("should show an instant in Asia/Ho_Chi_Minh: 17:30 UTC is the next local day", () => {
    expect(formatInstant("2026-10-09T17:30:00Z", "vi")).toBe("00:30, thứ Bảy, 10/10/2026");
    expect(formatInstant("2026-10-09T17:30:00Z", "en")).toBe("00:30, Saturday, 10 October 2026");
  });
  it("should show a local date without moving it through a time zone", () => {
    expect(formatLocalDate("2026-10-19", "vi")).toBe("thứ Hai, 19/10/2026");
    expect(formatLocalDate("2026-10-19", "en")).toBe("Monday, 19 October 2026");
  });
});

describe("prerender", () => {
  it("should fill empty data-i18n elements and data-i18n-attr attributes with the Vietnamese text", () => {
    const html = '<h1 data-i18n="track.title"></h1><nav class="x" data-i18n-attr="aria-label:site.nav"><span data-i18n="lang.other" data-i18n-lang="lang.otherCode"></span>';
    expect(prerender(html, "t.html")).toBe(
      '<h1 data-i18n="track.title">Tra cứu tình trạng đơn</h1><nav class="x" data-i18n-attr="aria-label:site.nav" aria-label="Điều hướng chính"><span data-i18n="lang.other" data-i18n-lang="lang.otherCode" lang="en">English</span>',
    );
  });
  it("should refuse a key missing from the catalog", () => {
    expect(() => prerender('<p data-i18n="no.such"></p>', "t.html")).toThrow('t.html: no message "no.such"');
  });
});

describe("assemble", () => {
  const built = (page: string) => assemble(readFileSync(`web/pages/${page}`, "utf8"), page);
  const navLinks = (html: string) => [...(/<nav[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "").matchAll(/<a href="([^"]*)"( aria-current="page")?/g)].map((m) => `${m[1]}${m[2] ? " (current)" : ""}`);

  it("should put a public page's main between the shared head, header and footer, its own link current and the statistics link on its own page only", () => {
    const track = built("track.html");
    const stats = built("thong-ke.html");

    expect(track).toMatch(/^<!doctype html>\n<html lang="vi">\n<head>\n[\s\S]*<title data-i18n="track.docTitle"><\/title>\n<link rel="stylesheet" href="\/site.css">\n<script type="module" src="\/track.js"><\/script>\n<\/head>\n<body>\n<a class="skip-link"/);
    expect(track).not.toContain('name="robots"');
    expect(navLinks(track)).toEqual(["/", "/track (current)"]);
    expect(navLinks(stats)).toEqual(["/", "/track", "/thong-ke (current)"]);
    expect(track).toMatch(/<\/main>\n\n<footer class="site-footer">[\s\S]*<\/footer>\n<\/body>\n<\/html>\n$/);
    expect(track).not.toContain("staff-bar");
  });

  it("should give console pages the staff bar, noindex and their stylesheets, and the sign-in page neither navigation nor staff bar", () => {
    const inspection = built("console-inspection.html");
    const signIn = built("console.html");

    expect(inspection).toContain('<meta name="robots" content="noindex">\n<title data-i18n="insp.docTitle"></title>\n<link rel="stylesheet" href="/site.css">\n<link rel="stylesheet" href="/console.css">\n<link rel="stylesheet" href="/inspection.css">\n');
    expect(inspection).toContain('<body class="inspection-page">');
    expect(navLinks(inspection)).toEqual(["/console-queue", "/console-register", "/console-inspection (current)"]);
    expect(navLinks(built("console-case.html"))).toEqual(["/console-queue", "/console-register"]);
    expect(inspection).toMatch(/<\/nav>\n  <div class="staff-bar">[\s\S]*<\/div>\n  <\/div>\n<\/header>\n\n<main /);
    expect(signIn).toMatch(/<a class="brand" href="\/console">[\s\S]*<\/div>\n<\/header>\n\n<main /);
    expect(signIn).not.toContain("<nav");
    expect(signIn).not.toContain("<footer");
  });

  it("should refuse a page without its first-line directive, with an unknown layout or attribute", () => {
    expect(() => assemble("<main></main>\n", "x.html")).toThrow("x.html: the first line must be <!--page");
    expect(() => assemble('<!--page title="t" script="x.js" layout="nope" -->\n<main></main>\n', "x.html")).toThrow('x.html: no layout "nope"');
    expect(() => assemble('<!--page title="t" script="x.js" layout="public" colour="red" -->\n<main></main>\n', "x.html")).toThrow("x.html: unknown page attribute colour");
    expect(() => assemble('<!--page script="x.js" layout="public" -->\n<main></main>\n', "x.html")).toThrow('x.html: the page needs title="…"');
  });
});
