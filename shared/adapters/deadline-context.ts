// The deadline context every handler uses: the current policy and calendar from the Reference table,
// cached per warm function for a minute. An admin's change reaches other warm functions within
// that minute; the function that made it drops its cache at once.
import type { DeadlineContext } from "#domain/deadlines/index.ts";
import { systemClock, type CaseRepository } from "#domain/ports.ts";
import { deadlineContextFrom, type ReferenceChangeDeps, type ReferenceDeps, type ReferenceStore } from "#domain/reference.ts";
import { tableName } from "#tables";
import { DynamoCaseRepository } from "./case-repository.ts";
import { dynamoDocumentClient } from "./dynamodb.ts";
import { DynamoOpenCases } from "./recompute.ts";
import { DynamoReferenceStore } from "./reference-store.ts";

export const DEADLINE_CONTEXT_TTL_MS = 60_000;

let store: ReferenceStore | undefined;
export const referenceStore = (): ReferenceStore => (store ??= new DynamoReferenceStore(dynamoDocumentClient(), tableName("reference")));

let cached: { readonly loading: Promise<DeadlineContext>; readonly at: number } | undefined;

export function loadDeadlineContext(now = Date.now()): Promise<DeadlineContext> {
  if (!cached || now - cached.at > DEADLINE_CONTEXT_TTL_MS) {
    const loading = deadlineContextFrom(referenceStore());
    const entry = { loading, at: now };
    cached = entry;
    // A failed load is not cached: the next request tries again.
    loading.catch(() => {
      if (cached === entry) cached = undefined;
    });
  }
  return cached.loading;
}

export function invalidateDeadlineContext(): void {
  cached = undefined;
}

/** What the admin routes need: the store, and for a change of calendar or policy, the cases to recompute. */
export function referenceDeps(): ReferenceDeps {
  return { reference: referenceStore(), clock: systemClock };
}

let cases: CaseRepository | undefined;
let openCases: DynamoOpenCases | undefined;
export function referenceChangeDeps(): ReferenceChangeDeps {
  cases ??= new DynamoCaseRepository(dynamoDocumentClient(), tableName("cases"));
  openCases ??= new DynamoOpenCases(dynamoDocumentClient(), tableName("cases"));
  return { ...referenceDeps(), cases, openCases, onContextChanged: invalidateDeadlineContext };
}
