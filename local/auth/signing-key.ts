// The local identity provider's own signing key: an RSA key generated per data directory (kept with cognito-local's
// data, created on first start; a runtime that keeps nothing gets a fresh one), so that no token signed with a key
// published in a package (cognito-local ships its private key) is ever accepted.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { calculateJwkThumbprint, decodeJwt, SignJWT, type JWK } from "jose";
import { keptSecret } from "../seal-key.ts";

export interface SigningKey {
  /** The public half, as the pool's JWKS publishes it. */
  readonly publicJwk: JWK & { readonly kid: string };
  /** The same claims, signed with this key instead. */
  resign(token: string): Promise<string>;
}

export const signingKeyFile = (dataDir: string): string => join(dataDir, "signing-key.pem");

const newPem = (): string =>
  generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export async function localSigningKey(dataDir: string): Promise<SigningKey> {
  // On a first start cognito-local has not made its folder yet.
  mkdirSync(dataDir, { recursive: true });
  const privateKey: KeyObject = createPrivateKey(keptSecret(signingKeyFile(dataDir), newPem));
  const jwk = createPublicKey(privateKey).export({ format: "jwk" }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk = { ...jwk, kid, alg: "RS256", use: "sig" };
  return {
    publicJwk,
    resign: (token) => new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(privateKey),
  };
}
