import { describe, expect, it } from "vitest";
import { kmsClient, sdkRetries, sdkTimeouts } from "#adapters/aws-clients.ts";

describe("the SDK clients' bounds", () => {
  it("should give KMS the same few attempts as DynamoDB, and one client per container", async () => {
    const client = kmsClient();

    expect(await client.config.maxAttempts()).toBe(sdkRetries.maxAttempts);
    expect(kmsClient()).toBe(client);
  });

  it("should time out a request on AWS, and only the connection against DynamoDB Local", () => {
    expect(sdkTimeouts(false).requestHandler).toEqual({ connectionTimeout: 1_000, requestTimeout: 2_500, throwOnRequestTimeout: true });
    expect(sdkTimeouts(true).requestHandler).toEqual({ connectionTimeout: 1_000 });
  });
});
