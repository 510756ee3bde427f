// The JobStore on DynamoDB, in the Reference table:
//   JOB · JOB#<jobId>   one item per job; job ids are time-ordered, so the partition lists jobs as they were asked for
// Jobs run one at a time, oldest first, so the unfinished ones are always the newest: `unfinished` reads the
// partition from its newest end and stops at the first finished job.
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, paginateQuery, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isUnfinished, jobSchema, type Job, type JobStore } from "#domain/jobs.ts";

export const jobKeys = {
  partition: "JOB",
  job: (jobId: string) => ({ pk: "JOB", sk: `JOB#${jobId}` }),
};

export class DynamoJobStore implements JobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(job: Job): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...jobKeys.job(job.jobId), entity: "job", ...job }, ConditionExpression: "attribute_not_exists(pk)" }));
  }

  async get(jobId: string): Promise<Job | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: jobKeys.job(jobId), ConsistentRead: true }));
    return out.Item && jobSchema.parse(out.Item);
  }

  async unfinished(): Promise<Job[]> {
    const found: Job[] = [];
    const pages = paginateQuery(
      { client: this.db, pageSize: 10 },
      { TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": jobKeys.partition }, ScanIndexForward: false, ConsistentRead: true },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const job = jobSchema.parse(item);
        if (!isUnfinished(job.status)) return found.reverse();
        found.push(job);
      }
    }
    return found.reverse();
  }

  async replace(job: Job, expectedRev: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...jobKeys.job(job.jobId), entity: "job", ...job },
          ConditionExpression: "#rev = :rev",
          ExpressionAttributeNames: { "#rev": "rev" },
          ExpressionAttributeValues: { ":rev": expectedRev },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
