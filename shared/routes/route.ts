// A route of the manifest: how it is deployed (what infra/ and local/ read) and its contract (what the
// handler wrapper, the OpenAPI document, the contract test and the web client read). One module per
// route beside this one declares it, so a Lambda bundles its own route's schemas and no other's.
import type { Role } from "#domain/vocabulary.ts";
import type { RouteContract } from "#http/contract.ts";
import type { TableKey } from "#tables";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
/** `write`: put, update and delete items, never read them (a stream consumer recording a failure). */
export type Access = "read" | "write" | "readWrite";
/**
 * What a function does with the audit chain (shared/domain/audit.ts): `sign` appends case events, each
 * MAC'd under the audit key (kms:GenerateMac); `verify` reads the chain (kms:VerifyMac, and the anchors);
 * `anchor` writes the chain heads to the append-only anchor store. Nothing else touches the key or the store.
 */
export type AuditAccess = "sign" | "verify" | "anchor";

export interface RouteDefinition {
  /** Unique, PascalCase: names the Lambda function and its log group. */
  readonly name: string;
  readonly method: HttpMethod;
  /** API Gateway HTTP API path syntax: `/cases/track/{trackingCode}`. */
  readonly path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  readonly entry: string;
  /** `public`, or the staff roles (Cognito groups) allowed to call it. */
  readonly auth: "public" | readonly Role[];
  /** The tables the function may touch, and how. It is granted nothing else. */
  readonly tables: Partial<Record<TableKey, Access>>;
  /** Whether the function seals and opens secrets (KMS envelope encryption on AWS). */
  readonly seal?: boolean;
  /** Whether the function computes sender keys (HMAC of a phone or identity number; a KMS HMAC key on AWS). */
  readonly senderKeys?: boolean;
  /** Whether the function keeps the abuse limits (shared/http/abuse-guard.ts): it gets the abuse HMAC key and CloudFront's origin secret. */
  readonly abuseKeys?: boolean;
  readonly audit?: AuditAccess;
  /** Whether the function is told the staff pool (STAFF_POOL_ID, STAFF_CLIENT_ID, STAFF_POOL_REGION, COGNITO_ENDPOINT?). */
  readonly staffPool?: boolean;
  /** Whether it sends notifications (SES on AWS, the outbox locally), as a stream consumer may. */
  readonly notify?: boolean;
}

/** A manifest entry: where and how it runs, and what it takes and answers. */
export type Route = RouteDefinition & RouteContract;

/** Declares a route, keeping its literal types (method, roles, statuses, schemas) for the wrapper and the web client. */
export const defineRoute = <const R extends Route>(route: R): R => route;

/** Largest request body any route accepts, in bytes; beyond it the answer is 413. */
export const maxBodyBytes = 64 * 1024;
