// Grouping helpers; each is one pass over its input and keeps the input's order.

/** Groups items by a key, keeping first-seen key order and item order. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export interface YearGroup<T> {
  year: number;
  items: T[];
}

/** Consecutive runs of the same year, for lists already in date order. */
export function byYear<T extends { year: number }>(items: T[]): YearGroup<T>[] {
  return [...groupBy(items, (i) => i.year)].map(([year, list]) => ({ year, items: list }));
}
