// The law's protection of a denouncer (DOMAIN.md "Reclassification and confidentiality"): whenever a
// case is, or becomes, a denunciation, its sender's identity is sealed in the write that makes it one,
// and it stays sealed whatever the case's kind becomes later. Intake and the staff actions seal here.
import type { CaseKind, CaseRecord, Submitter } from "./case.ts";
import type { CaseChanges } from "./events.ts";
import type { SealContext, Sealer } from "./ports.ts";

/** The kinds whose sender the law protects. */
export const protectsSender = (kind: CaseKind): boolean => kind === "denunciation";

/** A sealed identity is bound to its case: copied onto another case's item, it does not open there. */
export const identityContext = (caseId: string): SealContext => ({ caseId, field: "submitter" });

/** A sender's identity as it is stored sealed; only reveal-identity and the citizen's own mail open it. */
export const sealIdentity = (caseId: string, submitter: Submitter, sealer: Sealer): Promise<string> =>
  sealer.seal(JSON.stringify(submitter), identityContext(caseId));

/** The sealed identity of this very case, as JSON; throws UnopenableSealError (ports.ts) when it was sealed for another. */
export const openIdentity = (record: Pick<CaseRecord, "caseId">, sealed: string, sealer: Sealer): Promise<unknown> =>
  sealer.open(sealed, identityContext(record.caseId)).then((json) => JSON.parse(json) as unknown);

/**
 * A staff action's changes with the sender's identity sealed, when after them the case is a
 * denunciation whose sender is still in the clear; undefined when there is nothing to seal. The clear
 * identity is removed in the same change, so the one write that makes the case a denunciation stores
 * it sealed and nowhere in the clear. Nothing ever unseals: a later change of kind keeps it sealed.
 */
export async function sealedChanges(record: CaseRecord, changes: CaseChanges, sealer: Sealer): Promise<CaseChanges | undefined> {
  if (!protectsSender(changes.kind ?? record.kind) || !record.submitter) return undefined;
  // Links to the sender's other cases would name the sender: a sealed case keeps none (filings.ts).
  return { ...changes, submitter: undefined, relatedCaseIds: undefined, sealedSubmitter: await sealIdentity(record.caseId, record.submitter, sealer) };
}
