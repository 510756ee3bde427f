// What the abuse limits need from the environment: the two HMAC keys (the one that signs challenges, the
// one that turns a client's address into a counter's key, so no address is ever stored), who the client
// is, and the limits and challenge cost as configured.
// On AWS both keys are derived, once per container, from a KMS HMAC key (GenerateMac over a label: the
// root never leaves KMS); on one machine from the local seal key (HKDF, labels of their own), which is
// generated per data directory.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { isIPv6 } from "node:net";
import { GenerateMacCommand, KMSClient } from "@aws-sdk/client-kms";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { defaultChallengeConfig, defaultLimits, parseLimits, type ChallengeConfig, type Limits } from "#domain/abuse.ts";
import { kmsClient } from "./aws-clients.ts";

/** The KMS HMAC key the abuse keys derive from (set by infra/stack.ts on the public intake and tracking functions). */
export const ABUSE_KEY_ENV = "ABUSE_KEY_KMS_ARN";
/** The secret CloudFront adds to every API request (header `x-origin-verify`): a viewer address is believed only with it. */
export const EDGE_SECRET_ENV = "EDGE_ORIGIN_SECRET";
export const EDGE_SECRET_HEADER = "x-origin-verify";

type Purpose = "challenge" | "client";
const labels: Record<Purpose, string> = { challenge: "don-thu altcha challenges v1", client: "don-thu client addresses v1" };

export interface AbuseKeys {
  /** altcha's HMAC key, as the string it takes. */
  challengeKey(): Promise<string>;
  /** The counter key of a client address: HMAC-SHA-256, base64url. */
  clientKey(address: string): Promise<string>;
}

export function abuseKeysFromEnv(env: NodeJS.ProcessEnv = process.env, kms?: KMSClient): AbuseKeys {
  const arn = env[ABUSE_KEY_ENV];
  const local = env.SEAL_LOCAL_KEY;
  if (!arn && !local) throw new Error(`no abuse key: set ${ABUSE_KEY_ENV} (AWS) or SEAL_LOCAL_KEY (local runtime)`);
  const derived = new Map<Purpose, Promise<Buffer>>();
  const derive = (purpose: Purpose): Promise<Buffer> => {
    let key = derived.get(purpose);
    if (!key) {
      key = arn ? kmsDerived(arn, labels[purpose], kms ?? kmsClient()) : Promise.resolve(localDerived(local!, labels[purpose]));
      // A failed derivation (KMS unavailable) is not kept: the next request tries again.
      key.catch(() => derived.delete(purpose));
      derived.set(purpose, key);
    }
    return key;
  };
  return {
    challengeKey: async () => (await derive("challenge")).toString("base64"),
    clientKey: async (address) => createHmac("sha256", await derive("client")).update(address, "utf8").digest("base64url"),
  };
}

function localDerived(base64SealKey: string, label: string): Buffer {
  const seal = Buffer.from(base64SealKey, "base64");
  if (seal.length !== 32) throw new Error("the local seal key must be 32 bytes, base64-encoded");
  return Buffer.from(hkdfSync("sha256", seal, Buffer.alloc(0), label, 32));
}

async function kmsDerived(keyArn: string, label: string, kms: KMSClient): Promise<Buffer> {
  const out = await kms.send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: "HMAC_SHA_256", Message: Buffer.from(label, "utf8") }));
  if (!out.Mac) throw new Error("KMS returned no MAC");
  return Buffer.from(out.Mac);
}

/**
 * The client's address: on AWS the viewer's (`CloudFront-Viewer-Address`, `ip:port`) when the request carries
 * CloudFront's origin secret, else the TCP peer API Gateway saw (locally: the gateway's socket peer). Never
 * X-Forwarded-For, which anyone may write. IPv6 counts per /64, what one subscriber line is given.
 */
export function clientAddress(event: APIGatewayProxyEventV2, edgeSecret: string | undefined = process.env[EDGE_SECRET_ENV]): string {
  const headers = event.headers ?? {};
  const viewer = headers["cloudfront-viewer-address"];
  const proof = headers[EDGE_SECRET_HEADER];
  const throughEdge = edgeSecret && proof !== undefined && sameText(proof, edgeSecret);
  const address = throughEdge && viewer ? viewer.slice(0, viewer.lastIndexOf(":")) : event.requestContext.http.sourceIp;
  return isIPv6(address) ? ipv6Prefix64(address) : address;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `2001:db8:a:b:1:2:3:4` and `2001:db8:a:b::9` → `2001:db8:a:b::/64`. */
export function ipv6Prefix64(address: string): string {
  const [head = "", tail = ""] = address.replace(/^\[|\]$/g, "").split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The limits and the challenge's cost: the defaults, or LIMITS_SUBMIT / LIMITS_TRACK (`20/600,100/86400`), CHALLENGE_MAX_NUMBER, CHALLENGE_TTL_SECONDS. */
export function abuseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): { readonly limits: Limits; readonly challenge: ChallengeConfig } {
  const positive = (name: string, fallback: number) => {
    const value = env[name] === undefined ? fallback : Number(env[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    limits: {
      submit: env.LIMITS_SUBMIT ? parseLimits(env.LIMITS_SUBMIT) : defaultLimits.submit,
      track: env.LIMITS_TRACK ? parseLimits(env.LIMITS_TRACK) : defaultLimits.track,
    },
    challenge: {
      maxNumber: positive("CHALLENGE_MAX_NUMBER", defaultChallengeConfig.maxNumber),
      ttlSeconds: positive("CHALLENGE_TTL_SECONDS", defaultChallengeConfig.ttlSeconds),
    },
  };
}
