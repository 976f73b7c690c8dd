// Newer and older neighbours of every item in one pass over each sequence.

export interface Neighbours<T> {
  /** Up to `count` newer items, the nearest first. */
  newer: T[];
  /** Up to `count` older items, the nearest first. */
  older: T[];
}

/**
 * `newestFirst` must already be sorted newest first. Returns, for each item,
 * its neighbours in that sequence. O(n · count).
 */
export function neighboursIn<T>(newestFirst: T[], count: number): Map<T, Neighbours<T>> {
  const out = new Map<T, Neighbours<T>>();
  newestFirst.forEach((item, i) => {
    out.set(item, {
      newer: newestFirst.slice(Math.max(0, i - count), i).reverse(),
      older: newestFirst.slice(i + 1, i + 1 + count),
    });
  });
  return out;
}
