// The local runtime's outbox: where its notifier writes each e-mail (one JSON file per message), the
// addresses it writes to, and the /dev/outbox page that lists them, newest first. Local only: the page is
// served by the local runtime in front of the gateway, never by a manifest route, so it cannot exist on AWS.
import { rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { readOutbox } from "#adapters/notifier-outbox.ts";
import { principalFromClaims } from "#http/auth.ts";
import { pageHeaders } from "#http/security-headers.ts";
import { apiGatewayClaims, bearerToken, type VerifyToken } from "./gateway/auth.ts";

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
<link rel="stylesheet" href="/site.css">
</head><body><main><h1>Outbox (local runtime only)</h1>
<p>${entries.length} message(s) the local notifier wrote to <code>${escape(dir)}</code>, newest first. Nothing is sent.</p>
<ol>${items.join("\n")}</ol></main></body></html>
`;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Whether the request carries a valid token of an admin: the outbox holds citizens' addresses and case mail. */
async function isAdmin(req: IncomingMessage, verifyToken: VerifyToken): Promise<boolean> {
  const token = bearerToken(req.headers.authorization);
  const claims = token ? await verifyToken(token) : undefined;
  if (!claims) return false;
  try {
    return principalFromClaims(apiGatewayClaims(claims)).role === "admin";
  } catch {
    return false;
  }
}

/** Serves GET /dev/outbox from the outbox folder to an admin's bearer token (401 without one, 403 for other staff); everything else goes to the gateway. */
export function withDevOutbox(gateway: Listener, dir: string, verifyToken: VerifyToken): Listener {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== OUTBOX_PATH || (req.method !== "GET" && req.method !== "HEAD")) return gateway(req, res);
    const answer = (status: number, headers: Record<string, string>, text: string) => {
      const body = Buffer.from(text);
      res.writeHead(status, { ...pageHeaders(), ...headers, "cache-control": "no-store", "content-length": String(body.length) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    isAdmin(req, verifyToken).then(
      (admin) => {
        if (admin) return answer(200, { "content-type": "text/html; charset=utf-8" }, outboxPage(dir));
        const token = bearerToken(req.headers.authorization);
        return answer(token ? 403 : 401, { "content-type": "application/json", "www-authenticate": "Bearer" }, JSON.stringify({ message: token ? "Forbidden: the outbox is for an admin's token" : "Unauthorized" }));
      },
      () => answer(500, { "content-type": "application/json" }, JSON.stringify({ message: "Internal Server Error" })),
    );
  };
}
