// The Cases stream into the aggregates: which records count (case items only; events and tracking
// lookups are ignored) and what each asks of the aggregates.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { facetOf } from "#domain/stats.ts";
import type { ApplyOutcome, DynamoAggregates } from "./aggregates.ts";

export type CaseChangeSink = Pick<DynamoAggregates, "apply">;

type StreamImage = NonNullable<NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]>;

/**
 * An attribute value with no type: how an empty map (an anonymous denunciation's `deadlines: {}`, an
 * event's empty `data`) reaches a consumer when the SDK's streams client has read the record (the local
 * poller); Lambda's own JSON says `{ M: {} }`. Read both as the empty map they are.
 */
function typed(value: unknown): AttributeValue {
  if (typeof value !== "object" || value === null) return value as AttributeValue;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).length === 0) return { M: {} };
  if (v.M && typeof v.M === "object") return { M: Object.fromEntries(Object.entries(v.M as Record<string, unknown>).map(([k, x]) => [k, typed(x)])) };
  if (Array.isArray(v.L)) return { L: v.L.map(typed) };
  return v as unknown as AttributeValue;
}

/** A stream image (Lambda's DynamoDB JSON) as a plain object. */
export const plainImage = (image: StreamImage): Record<string, unknown> =>
  unmarshall(Object.fromEntries(Object.entries(image).map(([k, v]) => [k, typed(v)])));

/** What one record asks of the aggregates, or undefined when it is not about a case item. */
export function caseChangeOf(record: DynamoDBRecord): { caseId: string; version: number; facet: ReturnType<typeof facetOf> | undefined } | undefined {
  const keys = record.dynamodb?.Keys;
  if (keys?.sk?.S !== "CASE" || !keys.pk?.S?.startsWith("CASE#")) return undefined;
  const newImage = record.dynamodb?.NewImage;
  const oldImage = record.dynamodb?.OldImage;
  if (newImage) {
    const facet = facetOf(plainImage(newImage));
    return { caseId: facet.caseId, version: facet.version, facet };
  }
  // REMOVE (no case is deleted today): counted as nothing, one version after the last one seen.
  if (!oldImage) throw new Error("a stream record of a case without NEW or OLD image: the stream must be NEW_AND_OLD_IMAGES");
  const old = facetOf(plainImage(oldImage));
  return { caseId: old.caseId, version: old.version + 1, facet: undefined };
}

/** Counts one record once per case version; throws when it cannot, for the batch processor to report. */
export async function countCaseChange(record: DynamoDBRecord, sink: CaseChangeSink): Promise<ApplyOutcome | "ignored"> {
  const change = caseChangeOf(record);
  return change ? sink.apply(change.caseId, change.version, change.facet) : "ignored";
}
