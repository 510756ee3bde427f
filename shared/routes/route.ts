// A route of the manifest: how it is deployed (what infra/ and local/ read) and its contract (what the
// handler wrapper, the OpenAPI document, the contract test and the web client read). One module per
// route beside this one declares it, so a Lambda bundles its own route's schemas and no other's.
import type { Role } from "#domain/vocabulary.ts";
import type { RouteContract } from "#http/contract.ts";
import type { TableKey } from "#tables";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
/**
 * How a function may touch a table: `read` (GetItem, BatchGetItem, Query), `readWrite` (and PutItem, UpdateItem,
 * BatchWriteItem, ConditionCheckItem), `readWriteDelete` (and DeleteItem, for the few that remove an item); `write` (PutItem, UpdateItem, BatchWriteItem
 * only: a stream consumer recording a failure, which reads nothing).
 * None of them Scans.
 */
export type Access = "read" | "write" | "readWrite" | "readWriteDelete";

/** What a function does with sealed values (KMS envelope encryption on AWS; shared/adapters/sealer.ts). */
export interface SealUse {
  /** Denouncers' identities: `seal` encrypts only (intake, reclassification); `open` decrypts too (reveal, mail to the sender). */
  readonly identities?: "seal" | "open";
  /** Its own idempotent receipts (they hold an access key): sealed, and opened again by the same function on a retry. */
  readonly receipts?: true;
}
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
  /** The sealed values it seals or opens, and no others (on AWS: the KMS keys and actions it is granted). */
  readonly seal?: SealUse;
  /** Whether the function computes sender keys (HMAC of a phone or identity number; a KMS HMAC key on AWS). */
  readonly senderKeys?: boolean;
  /** Whether the function keeps the abuse limits (shared/http/abuse-guard.ts): it gets the abuse HMAC key and CloudFront's origin secret. */
  readonly abuseKeys?: boolean;
  readonly audit?: AuditAccess;
  /** Whether the function is told the staff pool (STAFF_POOL_ID, STAFF_CLIENT_ID, STAFF_POOL_REGION, COGNITO_ENDPOINT?). */
  readonly staffPool?: boolean;
  /** Whether it sends notifications (SES on AWS, the outbox locally), as a stream consumer may. */
  readonly notify?: boolean;
  /** Functions of the manifest (by name) it invokes asynchronously: told each one's name (functionEnvVar), allowed to invoke that one only. */
  readonly invokes?: readonly string[];
}

/** A manifest entry: where and how it runs, and what it takes and answers. */
export type Route = RouteDefinition & RouteContract;

/** Declares a route, keeping its literal types (method, roles, statuses, schemas) for the wrapper and the web client. */
export const defineRoute = <const R extends Route>(route: R): R => route;

/** Largest request body any route accepts, in bytes; beyond it the answer is 413. */
export const maxBodyBytes = 64 * 1024;

/** The worker of the recompute job (a schedule of the manifest), which PUT calendar and PUT policy invoke. */
export const RECOMPUTE_WORKER = "RecomputeJobs";

/** The environment variable through which a function learns the physical name of a function it invokes. */
export const functionEnvVar = (name: string): string => `FUNCTION_${name.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toUpperCase()}`;
