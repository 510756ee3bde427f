// The composition root: the adapters a handler needs, built once per warm function from its environment.
import { DynamoCaseRepository } from "./case-repository.ts";
import { loadDeadlineContext, referenceStore } from "./deadline-context.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { unitDirectory } from "./reference-store.ts";
import { DynamoFilingIndex } from "./filing-index.ts";
import { sealerFromEnv } from "./sealer.ts";
import { senderKeyerFromEnv } from "./sender-keys.ts";
import { systemClock, type CaseRepository, type FilingIndex, type Sealer, type SenderKeyer } from "#domain/ports.ts";
import type { ActionDeps } from "#domain/case-actions.ts";
import type { IntakeDeps } from "#domain/intake.ts";
import type { StaffDeps } from "#domain/staff-cases.ts";
import { tableName } from "#tables";

let sealer: Sealer | undefined;
export const appSealer = (): Sealer => (sealer ??= sealerFromEnv());

let senderKeyer: SenderKeyer | undefined;
const appSenderKeyer = (): SenderKeyer => (senderKeyer ??= senderKeyerFromEnv());

let cases: CaseRepository | undefined;
const caseRepository = (): CaseRepository => (cases ??= new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases")));
let filings: FilingIndex | undefined;
const filingIndex = (): FilingIndex => (filings ??= new DynamoFilingIndex(dynamoDocumentClient(), tableName("cases")));

/**
 * What a use case on cases needs; functions that seal or open secrets add the sealer. Async: the
 * deadline context (policy and calendar) comes from the Reference table, cached for a minute.
 */
export async function caseDeps(): Promise<StaffDeps & Required<Pick<ActionDeps, "units">>> {
  return { cases: caseRepository(), clock: systemClock, deadlines: await loadDeadlineContext(), units: unitDirectory(referenceStore()) };
}

/** A staff action: it may seal the sender's identity (a case reclassified as a denunciation) and read a sender's filings (an archive as a duplicate). */
export async function actionDeps(): Promise<ActionDeps> {
  return { ...(await caseDeps()), sealer: appSealer(), filings: filingIndex() };
}

/** A filing: it seals a denouncer's identity and computes the sender keys that find the sender's earlier filings. */
export async function intakeDeps(): Promise<IntakeDeps> {
  return { ...(await caseDeps()), sealer: appSealer(), senderKeys: appSenderKeyer(), filings: filingIndex() };
}
