// Builds the public pages into web/dist: bundles web/src/*.ts, copies the styles, and writes each
// page, assembled from web/partials around its own <main>, with its Vietnamese text already in place
// (no flash of empty text before the script runs).
import { readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { vi, type MessageKey } from "./src/i18n/vi.ts";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const partialsDir = join(root, "partials");

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const message = (key: string, page: string): string => {
  if (!(key in vi)) throw new Error(`${page}: no message "${key}" in the catalog`);
  return escapeHtml(vi[key as MessageKey]);
};

/** Fills the empty elements marked `data-i18n="key"` and the attributes named by `data-i18n-attr`. */
export function prerender(html: string, page: string): string {
  return html
    .replace(/(<(\w+)\b[^>]*\sdata-i18n="([^"]+)"[^>]*>)(<\/\2>)/g, (_all, open: string, _tag, key: string, close: string) => `${open}${message(key, page)}${close}`)
    .replace(/<(\w+)\b[^>]*\sdata-i18n-attr="([^"]+)"[^>]*>/g, (tag: string, _name, pairs: string) => {
      const attrs = pairs.split(",").map((pair) => {
        const [attr, key] = pair.split(":").map((s) => s.trim());
        return ` ${attr}="${message(key ?? "", page)}"`;
      });
      return tag.replace(/\s*(\/?)>$/, `${attrs.join("")}$1>`);
    })
    .replace(/(<(\w+)\b[^>]*\sdata-i18n-lang="([^"]+)")/g, (all, _open, _tag, key: string) => `${all} lang="${message(key, page)}"`);
}

interface Navigation {
  readonly label: MessageKey;
  /** `ownPageOnly`: listed on its own page only. The statistics are in the public footer; the console adds
   * the inspection link for the roles that use it (web/src/console/shell.ts). */
  readonly items: readonly { readonly href: string; readonly key: MessageKey; readonly ownPageOnly?: boolean }[];
}

const publicNav: Navigation = {
  label: "site.nav",
  items: [
    { href: "/", key: "nav.form" },
    { href: "/track", key: "nav.track" },
    { href: "/thong-ke", key: "nav.stats", ownPageOnly: true },
  ],
};

const consoleNav: Navigation = {
  label: "console.nav",
  items: [
    { href: "/console-queue", key: "console.nav.queue" },
    { href: "/console-register", key: "console.nav.register" },
    { href: "/console-inspection", key: "console.nav.inspection", ownPageOnly: true },
  ],
};

/** A kind of page: where its brand links to and what it is called, its navigation and stylesheets, whether it
 * has the staff bar or the footer, and whether search engines may index it (the console may not). */
interface Layout {
  readonly home: string;
  readonly name: MessageKey;
  readonly nav?: Navigation;
  readonly staffBar: boolean;
  readonly footer: boolean;
  readonly noindex: boolean;
  readonly styles: readonly string[];
}

const layouts: Record<string, Layout> = {
  public: { home: "/", name: "site.name", nav: publicNav, staffBar: false, footer: true, noindex: false, styles: ["site.css"] },
  console: { home: "/console-queue", name: "console.name", nav: consoleNav, staffBar: true, footer: false, noindex: true, styles: ["site.css", "console.css"] },
  "sign-in": { home: "/console", name: "console.name", staffBar: false, footer: false, noindex: true, styles: ["site.css", "console.css"] },
};

const partial = (name: string) => readFileSync(join(partialsDir, name), "utf8");

/**
 * Fills `{{slot}}`s. A slot alone on its line takes the whole line, and an empty value drops it, so a
 * page without a staff bar has no blank line where the bar would be.
 */
function fill(template: string, values: Record<string, string>, where: string): string {
  const value = (slot: string) => {
    if (!(slot in values)) throw new Error(`${where}: nothing fills {{${slot}}}`);
    return values[slot]!;
  };
  return template
    .replace(/^\{\{(\w+)\}\}\n/gm, (_all, slot: string) => (value(slot) === "" ? "" : `${value(slot).replace(/\n$/, "")}\n`))
    .replace(/\{\{(\w+)\}\}/g, (_all, slot: string) => value(slot));
}

/** A navigation with the page's own link marked aria-current="page". */
function navigation(nav: Navigation, path: string, page: string): string {
  const items = nav.items
    .filter((item) => !item.ownPageOnly || item.href === path)
    .map((item) => fill(partial("nav-item.html"), { href: item.href, current: item.href === path ? ' aria-current="page"' : "", key: item.key }, page));
  return fill(partial("nav.html"), { label: nav.label, items: items.join("") }, page);
}

/** What a page says of itself on its first line: `<!--page title="key" script="x.js" layout="public" -->`. */
function directive(source: string, page: string): { attrs: Record<string, string>; body: string } {
  const match = /^<!--page((?:\s+[\w-]+="[^"]*")*)\s*-->\n/.exec(source);
  if (!match) throw new Error(`${page}: the first line must be <!--page title="…" script="…" layout="…" -->`);
  const attrs = Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const known = ["title", "script", "layout", "styles", "body-class"];
  const unknown = Object.keys(attrs).filter((a) => !known.includes(a));
  if (unknown.length) throw new Error(`${page}: unknown page attribute ${unknown.join(", ")}`);
  for (const required of ["title", "script", "layout"]) if (!attrs[required]) throw new Error(`${page}: the page needs ${required}="…"`);
  if (!Object.hasOwn(layouts, attrs.layout!)) throw new Error(`${page}: no layout "${attrs.layout}" (${Object.keys(layouts).join(", ")})`);
  return { attrs, body: source.slice(match[0].length) };
}

/** A page of web/pages (its directive and its <main>) inside the shared head, header and footer. */
export function assemble(source: string, page: string): string {
  const { attrs, body } = directive(source, page);
  const layout = layouts[attrs.layout!]!;
  const path = page === "index.html" ? "/" : `/${page.replace(/\.html$/, "")}`;
  const styles = [...layout.styles, ...(attrs.styles?.split(/\s+/).filter(Boolean) ?? [])];
  const head = fill(partial("head.html"), {
    robots: layout.noindex ? '<meta name="robots" content="noindex">' : "",
    title: attrs.title!,
    stylesheets: styles.map((s) => `<link rel="stylesheet" href="/${s}">`).join("\n"),
    script: attrs.script!,
  }, page);
  const header = fill(partial("header.html"), {
    home: layout.home,
    name: layout.name,
    nav: layout.nav ? navigation(layout.nav, path, page) : "",
    staffBar: layout.staffBar ? partial("staff-bar.html") : "",
  }, page);
  const footer = layout.footer ? `\n${partial("footer.html")}` : "";
  const bodyClass = attrs["body-class"] ? ` class="${attrs["body-class"]}"` : "";
  return `${head}<body${bodyClass}>\n${header}\n${body}${footer}</body>\n</html>\n`;
}

async function main(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });

  const entries = (await readdir(join(root, "src"))).filter((f) => f.endsWith(".ts")).map((f) => join(root, "src", f));
  await build({
    entryPoints: entries,
    outdir: dist,
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    legalComments: "none",
    charset: "utf8", // module scripts are always decoded as UTF-8; escaping Vietnamese would double its size
    logLevel: "warning",
  });

  for (const file of (await readdir(join(root, "styles"))).filter((f) => f.endsWith(".css"))) {
    await copyFile(join(root, "styles", file), join(dist, file));
  }
  for (const file of (await readdir(join(root, "pages"))).filter((f) => f.endsWith(".html"))) {
    const source = await readFile(join(root, "pages", file), "utf8");
    await writeFile(join(dist, file), prerender(assemble(source, file), file));
  }

  const files = (await readdir(dist)).sort();
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
  let total = 0;
  let totalGzip = 0;
  console.log(`web/dist:${" ".repeat(9)}size   gzipped`);
  for (const file of files) {
    const bytes = await readFile(join(dist, file));
    const gzipped = gzipSync(bytes).length;
    total += bytes.length;
    totalGzip += gzipped;
    console.log(`  ${basename(file).padEnd(14)}${kb(bytes.length)}${kb(gzipped)}`);
  }
  console.log(`  ${"total".padEnd(14)}${kb(total)}${kb(totalGzip)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
