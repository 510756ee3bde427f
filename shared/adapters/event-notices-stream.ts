// The Cases stream into the citizen's notifications: which records may call for an e-mail (a new event
// whose type the citizen hears of) and the use case on each. Read by the stream consumer
// (functions/notify-on-event.ts) and by the replay of a record it failed (POST /admin/failed-records/{id}/replay).
import type { DynamoDBRecord } from "aws-lambda";
import { caseEventSchema } from "#domain/case.ts";
import { citizenNoticeOf, notifyCitizenOfEvent, type EventNoticeDeps, type EventNoticeOutcome } from "#domain/notifications.ts";
import { plainImage } from "./aggregates-stream.ts";

/** Notifies the citizen of the event a record inserts, once; "not-an-event" for any other record. Throws when it could not. */
export async function noticeOfRecord(record: DynamoDBRecord, deps: EventNoticeDeps): Promise<{ outcome: EventNoticeOutcome | "not-an-event"; caseId?: string; seq?: number; type?: string }> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || image?.entity?.S !== "event" || !citizenNoticeOf({ type: image.type?.S ?? "" })) return { outcome: "not-an-event" };
  const caseEvent = caseEventSchema.parse(plainImage(image));
  const outcome = await notifyCitizenOfEvent(caseEvent, deps);
  return { outcome, caseId: caseEvent.caseId, seq: caseEvent.seq, type: caseEvent.type };
}
