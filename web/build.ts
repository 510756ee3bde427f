// Builds the public pages into web/dist: bundles web/src/*.ts, copies the styles, and writes each
// page with its Vietnamese text already in place (no flash of empty text before the script runs).
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { vi, type MessageKey } from "./src/i18n/vi.ts";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");

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
    const html = await readFile(join(root, "pages", file), "utf8");
    await writeFile(join(dist, file), prerender(html, file));
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
