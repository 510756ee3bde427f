// The Cases stream into the audit anchors: each event item written (an INSERT) is a new head of its case's
// chain, anchored as (caseId, seq, mac, at). Other items, and events without a well-formed MAC (written
// before the keyed chain, or not by the product: their audit fails on the MAC anyway), anchor nothing.
import type { DynamoDBRecord } from "aws-lambda";
import { anchoredHeadSchema, type AnchoredHead } from "#domain/audit.ts";
import type { AnchorStore } from "#domain/ports.ts";
import { plainImage } from "./aggregates-stream.ts";

/** The head a record anchors, or undefined when it anchors nothing. */
export function headOf(record: DynamoDBRecord): AnchoredHead | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || image?.entity?.S !== "event" || !record.dynamodb?.Keys?.sk?.S?.startsWith("EVENT#")) return undefined;
  const event = plainImage(image);
  const head = anchoredHeadSchema.safeParse({ caseId: event.caseId, seq: event.seq, mac: event.mac, at: event.enteredAt });
  return head.success ? head.data : undefined;
}

/** Anchors one record's head; throws when the store fails, for the batch processor to report. */
export async function anchorRecord(record: DynamoDBRecord, anchors: AnchorStore): Promise<"anchored" | "ignored"> {
  const head = headOf(record);
  if (!head) return "ignored";
  await anchors.append(head);
  return "anchored";
}
