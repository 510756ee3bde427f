// The composition root: the adapters a handler needs, built once per warm function from its environment.
import { DynamoCaseRepository } from "./case-repository.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { sealerFromEnv } from "./sealer.ts";
import { systemClock, type CaseRepository, type Sealer } from "#domain/ports.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import type { IntakeDeps } from "#domain/intake.ts";
import type { StaffDeps } from "#domain/staff-cases.ts";
import { tableName } from "#tables";

let sealer: Sealer | undefined;
export const appSealer = (): Sealer => (sealer ??= sealerFromEnv());

let cases: CaseRepository | undefined;
const caseRepository = (): CaseRepository => (cases ??= new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases")));

/** What a use case on cases needs; functions that seal or open secrets add the sealer. */
export function caseDeps(): StaffDeps {
  return { cases: caseRepository(), clock: systemClock, deadlines: defaultDeadlineContext() };
}

export function intakeDeps(): IntakeDeps {
  return { ...caseDeps(), sealer: appSealer() };
}
