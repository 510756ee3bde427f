// Who gets what, from the function's environment (set by the CDK stack from context, or by the local runtime):
//   NOTIFY_FROM               the sender (an SES-verified identity); without it, and without NOTIFY_OUTBOX_DIR, nothing is sent
//   NOTIFY_OUTBOX_DIR         local only: write each message as a file there instead of sending it
//   NOTIFY_UNIT_HEADS         level 1: `unitId=address` pairs, comma-separated (so-tn-mt=truongphong@stnmt.gov.vn,...)
//   NOTIFY_UNIT_HEAD_DEFAULT  level 1: for a unit not listed, and for a case not classified to a unit yet
//   NOTIFY_INSPECTION_TO      level 2: the inspection team
//   NOTIFY_LEADERSHIP_TO      level 3: the province's leadership
import type { Notifier, StaffAddresses } from "#domain/notifications.ts";
import { OutboxNotifier } from "./notifier-outbox.ts";
import { SesNotifier } from "./notifier-ses.ts";

const value = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name]?.trim() || undefined;

/** `a=x@y, b=z@w` → { a: "x@y", b: "z@w" }; throws on a malformed pair, so a typo fails the deployment's first run loudly. */
export function parseUnitHeads(text: string | undefined): Record<string, string> {
  const heads: Record<string, string> = {};
  for (const pair of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z0-9-]+)\s*=\s*([^\s=,]+@[^\s=,]+)$/.exec(pair);
    if (!m) throw new Error(`NOTIFY_UNIT_HEADS: "${pair}" is not unitId=address`);
    heads[m[1]!] = m[2]!;
  }
  return heads;
}

export function staffAddressesFromEnv(env: NodeJS.ProcessEnv = process.env): StaffAddresses {
  const heads = parseUnitHeads(env.NOTIFY_UNIT_HEADS);
  const fallback = value(env, "NOTIFY_UNIT_HEAD_DEFAULT");
  return {
    unitHead: (unitId) => (unitId && heads[unitId]) || fallback,
    inspectionTeam: value(env, "NOTIFY_INSPECTION_TO"),
    provinceLeadership: value(env, "NOTIFY_LEADERSHIP_TO"),
  };
}

/** The outbox locally, SES on AWS; none when no sender is configured (a stack deployed without `-c senderEmail`). */
export function notifierFromEnv(env: NodeJS.ProcessEnv = process.env): Notifier | undefined {
  const outbox = value(env, "NOTIFY_OUTBOX_DIR");
  if (outbox) return new OutboxNotifier(outbox);
  const from = value(env, "NOTIFY_FROM");
  return from ? new SesNotifier(from) : undefined;
}
