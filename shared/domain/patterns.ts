// The shapes of identifiers, as plain regular expressions: imports nothing, so the pages can bundle it
// and check what a user types before it is sent (the API checks the same, from vocabulary.ts).

/** A unit id: lowercase letters, digits and hyphens, e.g. `so-tn-mt` (at most 64, no hyphen at either end). */
export const unitIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
