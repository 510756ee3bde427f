// The pages from web/dist: `/` → index.html, `/track` → track.html, assets with their content types and cache headers.
import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

export const contentTypeOf = (file: string): string => contentTypes[extname(file).toLowerCase()] ?? "application/octet-stream";

/** Content-hashed names (`app-5XJ2ZK3Q.js`, esbuild's `[name]-[hash]`) never change; everything else is revalidated. */
export function cacheControlOf(file: string): string {
  return /[-.][A-Z0-9]{8,}\.[a-z0-9]+$/i.test(file) && extname(file) !== ".html"
    ? "public, max-age=31536000, immutable"
    : "no-cache";
}

export interface StaticFile {
  readonly path: string;
  readonly stats: Stats;
}

export function staticFiles(root: string) {
  const base = normalize(root + sep);
  const candidate = async (relative: string): Promise<StaticFile | undefined> => {
    const path = normalize(join(base, relative));
    if (!path.startsWith(base)) return undefined;
    const stats = await stat(path).catch(() => undefined);
    return stats?.isFile() ? { path, stats } : undefined;
  };

  /** The file a URL path names, if any; never one outside the root nor a dotfile. */
  async function find(rawPath: string): Promise<StaticFile | undefined> {
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return undefined;
    }
    if (path.includes("\0") || path.split("/").some((part) => part.startsWith("."))) return undefined;
    if (path.endsWith("/")) return candidate(`${path}index.html`);
    if (extname(path)) return candidate(path);
    return (await candidate(`${path}.html`)) ?? (await candidate(`${path}/index.html`));
  }

  function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, extraHeaders: Record<string, string>): void {
    const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    const headers = {
      ...extraHeaders,
      "content-type": contentTypeOf(file.path),
      "cache-control": cacheControlOf(file.path),
      etag,
      "last-modified": file.stats.mtime.toUTCString(),
      "x-content-type-options": "nosniff",
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(file.stats.size) });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file.path)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  return { find, send };
}
