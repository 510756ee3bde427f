// The one fake Lambda context: plainly fake identifiers, a real remaining-time clock.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export const fakeAccountId = "000000000000";

export function fakeContext(functionName: string, timeoutMs: number, now: number = Date.now()): Context {
  const deadline = now + timeoutMs;
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported locally (deprecated on AWS too): return or throw instead`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:${fakeAccountId}:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported("done"),
    fail: unsupported("fail"),
    succeed: unsupported("succeed"),
  };
}
