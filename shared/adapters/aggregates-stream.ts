// The Cases stream into the aggregates: which records count (case items only; events and tracking
// lookups are ignored), in order, and the partial batch failure Lambda retries from.
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { facetOf } from "#domain/stats.ts";
import type { ApplyOutcome, DynamoAggregates } from "./aggregates.ts";
import { unmarshallImage } from "./aggregates.ts";

export interface StreamTally {
  applied: number;
  skipped: number;
  ignored: number;
}

export type CaseChangeSink = Pick<DynamoAggregates, "apply">;

/** What one record asks of the aggregates, or undefined when it is not about a case item. */
export function caseChangeOf(record: DynamoDBRecord): { caseId: string; version: number; facet: ReturnType<typeof facetOf> | undefined } | undefined {
  const keys = record.dynamodb?.Keys;
  if (keys?.sk?.S !== "CASE" || !keys.pk?.S?.startsWith("CASE#")) return undefined;
  const newImage = record.dynamodb?.NewImage;
  const oldImage = record.dynamodb?.OldImage;
  if (newImage) {
    const facet = facetOf(unmarshallImage(newImage));
    return { caseId: facet.caseId, version: facet.version, facet };
  }
  // REMOVE (no case is deleted today): counted as nothing, one version after the last one seen.
  if (!oldImage) throw new Error("a stream record of a case without NEW or OLD image: the stream must be NEW_AND_OLD_IMAGES");
  const old = facetOf(unmarshallImage(oldImage));
  return { caseId: old.caseId, version: old.version + 1, facet: undefined };
}

/**
 * Applies the records in order. At the first failure it stops and reports that record: Lambda (or the
 * local poller) retries the batch from it, and the records before it are not delivered again (if they
 * are, they are skipped by version).
 */
export async function applyStreamRecords(
  records: readonly DynamoDBRecord[],
  sink: CaseChangeSink,
  onError: (err: unknown, record: DynamoDBRecord) => void = () => {},
): Promise<DynamoDBBatchResponse & { tally: StreamTally }> {
  const tally: StreamTally = { applied: 0, skipped: 0, ignored: 0 };
  for (const record of records) {
    try {
      const change = caseChangeOf(record);
      if (!change) {
        tally.ignored++;
        continue;
      }
      const outcome: ApplyOutcome = await sink.apply(change.caseId, change.version, change.facet);
      tally[outcome]++;
    } catch (err) {
      onError(err, record);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? "" }], tally };
    }
  }
  return { batchItemFailures: [], tally };
}
