// Records every command the handlers send through the shared document client, and how many items each read.
import { vi } from "vitest";
import { dynamoDocumentClient } from "#adapters/context.ts";

export interface Sent {
  readonly command: string;
  readonly items: number;
}

export function spyOnDynamo(): { sent: Sent[]; reset(): void } {
  const sent: Sent[] = [];
  const client = dynamoDocumentClient();
  const send = client.send.bind(client);
  vi.spyOn(client, "send").mockImplementation((async (command: { constructor: { name: string } }, ...rest: unknown[]) => {
    const out = (await (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest)) as { Items?: unknown[]; Item?: unknown };
    sent.push({ command: command.constructor.name, items: out?.Items?.length ?? (out?.Item ? 1 : 0) });
    return out;
  }) as typeof client.send);
  return { sent, reset: () => void sent.splice(0) };
}
