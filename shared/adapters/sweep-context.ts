// The composition root of the sweep and of the event notifier: their adapters, from the function's environment.
import type { EventNoticeDeps } from "#domain/notifications.ts";
import { systemClock } from "#domain/ports.ts";
import type { SweepDeps } from "#domain/sweep.ts";
import { tableName } from "#tables";
import { DynamoCaseRepository } from "./case-repository.ts";
import { appSealer } from "./context.ts";
import { loadDeadlineContext } from "./deadline-context.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { notifierFromEnv, staffAddressesFromEnv } from "./notifier-config.ts";
import { DynamoNotificationLedger } from "./notifier-ledger.ts";
import { DynamoDueCases } from "./sweep-due-cases.ts";

/** Without a key (`npm run sweep` against a runtime that keeps nothing), a denouncer's address stays sealed: no mail to it. */
const canSeal = (): boolean => Boolean(process.env.SEAL_KMS_KEY_ARN || process.env.SEAL_LOCAL_KEY);

export async function sweepDeps(warn?: SweepDeps["warn"]): Promise<SweepDeps> {
  const db = dynamoDocumentClient();
  const table = tableName("cases");
  return {
    due: new DynamoDueCases(db, table),
    cases: new DynamoCaseRepository(db, table),
    clock: systemClock,
    deadlines: await loadDeadlineContext(),
    notifier: notifierFromEnv(),
    ledger: new DynamoNotificationLedger(db, table),
    addresses: staffAddressesFromEnv(),
    ...(canSeal() && { sealer: appSealer() }),
    ...(warn && { warn }),
  };
}

export function eventNoticeDeps(): EventNoticeDeps {
  const db = dynamoDocumentClient();
  const table = tableName("cases");
  return {
    cases: new DynamoCaseRepository(db, table),
    notifier: notifierFromEnv(),
    ledger: new DynamoNotificationLedger(db, table),
    ...(canSeal() && { sealer: appSealer() }),
    now: () => systemClock.now(),
  };
}
