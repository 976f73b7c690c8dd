// The archive's one order: by time, and for equal times by slug (or id), so
// that equal dates always come out the same way.

export interface Dated {
  time: number;
}

const keyOf = (x: Dated & { slug?: string; id?: string }) => x.slug ?? x.id ?? "";

/** Oldest first; equal times by slug/id ascending. */
export function chronological<T extends Dated & { slug?: string; id?: string }>(a: T, b: T): number {
  if (a.time !== b.time) return a.time - b.time;
  const ka = keyOf(a), kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Newest first: exactly the reverse of `chronological`. */
export function newestFirst<T extends Dated & { slug?: string; id?: string }>(a: T, b: T): number {
  return chronological(b, a);
}

/** Vietnamese alphabetical order (ă, â, đ, ê, ô, ơ, ư after their base letters). */
export const vietnamese = new Intl.Collator("vi", { sensitivity: "variant", numeric: true });
