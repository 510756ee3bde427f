// Idempotent calls through Powertools' idempotency utility on DynamoDB. What it stores is sealed, so
// a remembered answer (which may carry a citizen's access key) is never at rest in the clear.
import type { Context } from "aws-lambda";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { BusinessRuleError, ConflictError } from "#domain/errors.ts";
import type { SealContext, Sealer } from "#domain/ports.ts";
import { tableName } from "#tables";
import { dynamoClient } from "./context.ts";

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const IN_PROGRESS_WAIT_MS = 10_000;

interface Call<In> {
  readonly key: string;
  readonly payload: In;
}

/** A remembered answer is sealed for the case it created (its caseId beside it, in the clear: an id, not personal data). */
const receiptContext = (caseId: string): SealContext => ({ caseId, field: "receipt" });

export function idempotent<In, Out extends { readonly caseId: string }>(name: string, fn: (payload: In) => Promise<Out>, sealerOf: () => Sealer) {
  let wrapped: ((call: Call<In>) => Promise<{ caseId: string; sealed: string }>) | undefined;
  const config = new IdempotencyConfig({
    eventKeyJmesPath: "key",
    payloadValidationJmesPath: "payload",
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
  });
  const build = () =>
    makeIdempotent(async (call: Call<In>) => {
      const answer = await fn(call.payload);
      return { caseId: answer.caseId, sealed: await sealerOf().seal(JSON.stringify(answer), receiptContext(answer.caseId)) };
    }, {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: tableName("idempotency"), awsSdkV3Client: dynamoClient() }),
      config,
      keyPrefix: name,
    });

  return async (call: Call<In>, context?: Context): Promise<Out> => {
    wrapped ??= build();
    // With the context, a record left "in progress" by a crashed call expires with that call's timeout.
    if (context) config.registerLambdaContext(context);
    const giveUpAt = Date.now() + IN_PROGRESS_WAIT_MS;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        const { caseId, sealed } = await wrapped(call);
        return JSON.parse(await sealerOf().open(sealed, receiptContext(caseId))) as Out;
      } catch (err) {
        if (err instanceof IdempotencyValidationError) {
          throw new BusinessRuleError("This Idempotency-Key was already used with another request body.", [
            { path: "Idempotency-Key", message: "already used with another body; use a new key for a new submission", code: "idempotency_key_reused" },
          ]);
        }
        if (!(err instanceof IdempotencyAlreadyInProgressError)) throw err;
        if (Date.now() > giveUpAt) throw new ConflictError("A request with this Idempotency-Key is still in progress; retry shortly.", undefined, { code: "idempotency_in_progress" });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
}
