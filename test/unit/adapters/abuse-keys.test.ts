// Who the client is (the TCP peer, or CloudFront's viewer address only with the origin secret; never
// X-Forwarded-For; IPv6 per /64), and the keys derived from the local seal key.
import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { abuseConfigFromEnv, abuseKeysFromEnv, clientAddress, ipv6Prefix64 } from "#adapters/abuse-keys.ts";
import { defaultLimits } from "#domain/abuse.ts";

const event = (sourceIp: string, headers: Record<string, string> = {}) =>
  ({ headers, requestContext: { http: { sourceIp } } }) as unknown as APIGatewayProxyEventV2;

describe("clientAddress", () => {
  it("should be the TCP peer, whatever X-Forwarded-For or CloudFront-Viewer-Address claim without the origin secret", () => {
    const claims = { "x-forwarded-for": "198.51.100.7", "cloudfront-viewer-address": "198.51.100.8:443" };
    expect(clientAddress(event("203.0.113.5", claims), undefined)).toBe("203.0.113.5");
    expect(clientAddress(event("203.0.113.5", { ...claims, "x-origin-verify": "a guess" }), "the edge secret")).toBe("203.0.113.5");
  });

  it("should be CloudFront's viewer address when the request carries CloudFront's origin secret", () => {
    const viaEdge = { "cloudfront-viewer-address": "198.51.100.8:51234", "x-origin-verify": "the edge secret" };
    expect(clientAddress(event("130.176.0.1", viaEdge), "the edge secret")).toBe("198.51.100.8");
    expect(clientAddress(event("130.176.0.1", { ...viaEdge, "cloudfront-viewer-address": "2001:db8:a:b:1:2:3:4:443" }), "the edge secret")).toBe("2001:db8:a:b::/64");
  });

  it("should count an IPv6 address by its /64, the block one subscriber line is given", () => {
    expect(ipv6Prefix64("2001:0db8:000a:000b:1:2:3:4")).toBe("2001:db8:a:b::/64");
    expect(ipv6Prefix64("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipv6Prefix64("::1")).toBe("0:0:0:0::/64");
    expect(clientAddress(event("2001:db8:a:b::9"), undefined)).toBe(clientAddress(event("2001:db8:a:b:ffff::1"), undefined));
  });
});

describe("abuseKeysFromEnv (local)", () => {
  it("should key an address by an HMAC that differs per data directory's key and never shows the address", async () => {
    const one = abuseKeysFromEnv({ SEAL_LOCAL_KEY: randomBytes(32).toString("base64") });
    const other = abuseKeysFromEnv({ SEAL_LOCAL_KEY: randomBytes(32).toString("base64") });
    const key = await one.clientKey("203.0.113.5");
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await one.clientKey("203.0.113.5")).toBe(key);
    expect(await other.clientKey("203.0.113.5")).not.toBe(key);
    expect(await one.challengeKey()).not.toBe(await other.challengeKey());
  });

  it("should refuse to run without a key", () => {
    expect(() => abuseKeysFromEnv({})).toThrow(/ABUSE_KEY_KMS_ARN|SEAL_LOCAL_KEY/);
  });
});

describe("abuseConfigFromEnv", () => {
  it("should hold the defaults unless told otherwise", () => {
    expect(abuseConfigFromEnv({})).toEqual({ limits: defaultLimits, challenge: { maxNumber: 100_000, ttlSeconds: 600 } });
    expect(abuseConfigFromEnv({ LIMITS_TRACK: "30/600", CHALLENGE_MAX_NUMBER: "50000" })).toEqual({
      limits: { submit: defaultLimits.submit, track: [{ max: 30, seconds: 600 }] },
      challenge: { maxNumber: 50_000, ttlSeconds: 600 },
    });
    expect(() => abuseConfigFromEnv({ CHALLENGE_MAX_NUMBER: "lots" })).toThrow(/CHALLENGE_MAX_NUMBER/);
  });
});
