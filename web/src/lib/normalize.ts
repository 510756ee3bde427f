// Forgiving input for codes and keys: case, spaces and dashes do not matter.

/** Upper case, without white space, dashes or dots: how a person may copy a code by hand. */
export const compact = (raw: string): string => raw.normalize("NFKC").replace(/[\s\-‐‑‒–—_.·]/g, "").toUpperCase();

/** Splits a code into groups of `size` characters, for reading aloud or copying by hand. */
export const groups = (value: string, size = 4): string[] => {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += size) out.push(value.slice(i, i + size));
  return out;
};
