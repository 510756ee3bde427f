// The local runtime's outbox: where its notifier writes each e-mail (one JSON file per message), the
// addresses it writes to, and the /dev/outbox page that lists them, newest first. Local only: the page is
// served by the local runtime in front of the gateway, never by a manifest route, so it cannot exist on AWS.
import { rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { readOutbox } from "#adapters/notifier-outbox.ts";

export const OUTBOX_PATH = "/dev/outbox";

/** DATA_DIR/outbox; a runtime that keeps nothing writes to DATA_DIR/outbox-<pid> and removes it when it stops. */
export const outboxDir = (dataDir: string, inMemoryPid?: number): string => join(dataDir, inMemoryPid ? `outbox-${inMemoryPid}` : "outbox");

export const removeOutbox = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * The notifier's environment locally (shared/adapters/notifier-config.ts): the outbox, and demo staff
 * addresses unless the environment names real ones.
 */
export function localNotifyEnv(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    NOTIFY_OUTBOX_DIR: dir,
    NOTIFY_UNIT_HEAD_DEFAULT: env.NOTIFY_UNIT_HEAD_DEFAULT || "truong-don-vi@don-thu.local",
    NOTIFY_INSPECTION_TO: env.NOTIFY_INSPECTION_TO || "thanh-tra@don-thu.local",
    NOTIFY_LEADERSHIP_TO: env.NOTIFY_LEADERSHIP_TO || "lanh-dao-tinh@don-thu.local",
    ...(env.NOTIFY_UNIT_HEADS && { NOTIFY_UNIT_HEADS: env.NOTIFY_UNIT_HEADS }),
  };
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function outboxPage(dir: string): string {
  const entries = readOutbox(dir);
  const items = entries.map(
    (m) => `<li><article><h2>${escape(m.subject)}</h2><p><strong>To:</strong> ${escape(m.to)} · <time datetime="${escape(m.sentAt)}">${escape(m.sentAt)}</time> · <code>${escape(m.file)}</code></p><pre>${escape(m.text)}</pre></article></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outbox (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}li{list-style:none;border-top:1px solid #ccc;padding:.5rem 0}h2{font-size:1.1rem;margin:.3rem 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style>
</head><body><main><h1>Outbox (local runtime only)</h1>
<p>${entries.length} message(s) the local notifier wrote to <code>${escape(dir)}</code>, newest first. Nothing is sent.</p>
<ol>${items.join("\n")}</ol></main></body></html>
`;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves GET /dev/outbox from the outbox folder; everything else goes to the gateway. */
export function withDevOutbox(gateway: Listener, dir: string): Listener {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== OUTBOX_PATH || (req.method !== "GET" && req.method !== "HEAD")) return gateway(req, res);
    const body = Buffer.from(outboxPage(dir));
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(body.length), "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
