// The composition root: the adapters a handler needs, built once per warm function from its environment.
import { DynamoCaseRepository } from "./case-repository.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { sealerFromEnv } from "./sealer.ts";
import { systemClock, type Sealer } from "#domain/ports.ts";
import { defaultDeadlineContext } from "#domain/deadlines/index.ts";
import type { IntakeDeps } from "#domain/intake.ts";
import { tableName } from "#tables";

let sealer: Sealer | undefined;
export const appSealer = (): Sealer => (sealer ??= sealerFromEnv());

let intake: IntakeDeps | undefined;
export function intakeDeps(): IntakeDeps {
  intake ??= {
    cases: new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases")),
    sealer: appSealer(),
    clock: systemClock,
    deadlines: defaultDeadlineContext(),
  };
  return intake;
}
