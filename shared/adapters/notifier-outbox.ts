// The Notifier of the local runtime: one JSON file per message in an outbox folder (DATA_DIR/outbox),
// named so that names sort by time; the local runtime lists them at /dev/outbox. Nothing leaves the machine.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { outgoingMessageSchema, type Notifier, type OutgoingMessage } from "#domain/notifications.ts";

export interface OutboxEntry extends OutgoingMessage {
  readonly sentAt: string;
  readonly file: string;
}

export class OutboxNotifier implements Notifier {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const parsed = outgoingMessageSchema.parse(message);
    mkdirSync(this.dir, { recursive: true });
    const sentAt = this.now().toISOString();
    const name = `${sentAt.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`;
    // Written aside, then renamed: a reader never sees half a message.
    const tmp = join(this.dir, `.${name}.tmp`);
    writeFileSync(tmp, `${JSON.stringify({ sentAt, ...parsed }, null, 2)}\n`);
    renameSync(tmp, join(this.dir, name));
  }
}

/** The messages in an outbox folder, newest first. */
export function readOutbox(dir: string): OutboxEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json") && !n.startsWith("."));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((file) => ({ ...(JSON.parse(readFileSync(join(dir, file), "utf8")) as Omit<OutboxEntry, "file">), file }));
}
