// What every AWS SDK client of a function shares: a few attempts, each with a connection and a request
// time-out, so a dependency that is down or slow answers 503 (dependency-failures.ts) well within the
// function's 10 s, never hangs. DynamoDB Local on a loaded laptop can be far slower than DynamoDB: there a
// slow request only runs into the local gateway's integration time-out (a 503 too), as on API Gateway.
import { KMSClient } from "@aws-sdk/client-kms";

export const sdkRetries = { maxAttempts: 3 } as const;

export const sdkTimeouts = (local: boolean) => ({
  requestHandler: { connectionTimeout: 1_000, ...(!local && { requestTimeout: 2_500, throwOnRequestTimeout: true }) },
});

let kms: KMSClient | undefined;

/** The container's one KMS client (KMS runs only on AWS: the local runtime seals with a local key). */
export const kmsClient = (): KMSClient => (kms ??= new KMSClient({ ...sdkRetries, ...sdkTimeouts(false) }));
