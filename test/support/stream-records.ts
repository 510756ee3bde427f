// DynamoDB stream records as Lambda receives them (NEW_AND_OLD_IMAGES), for calling stream consumers directly.
import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

let sequence = 100_000_000_000_000_000_000;

type Image = Record<string, unknown>;
const image = (item: Image) => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false }) as Record<string, AttributeValue>;

/** One record; its keys are taken from the image (`pk`, `sk`). The same object delivered twice is a replay. */
export function streamRecord(eventName: "INSERT" | "MODIFY" | "REMOVE", newImage?: Image, oldImage?: Image): DynamoDBRecord {
  const item = newImage ?? oldImage ?? {};
  sequence += 1;
  return {
    eventID: randomUUID().replaceAll("-", ""),
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "local",
    eventSourceARN: "arn:aws:dynamodb:local:000000000000:table/Cases/stream/2026-01-01T00:00:00.000",
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: image({ pk: item.pk, sk: item.sk }),
      ...(newImage && { NewImage: image(newImage) }),
      ...(oldImage && { OldImage: image(oldImage) }),
      SequenceNumber: String(sequence),
      SizeBytes: JSON.stringify(item).length,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}

export const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
