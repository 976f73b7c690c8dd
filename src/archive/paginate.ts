// Splits a list into numbered pages with their URLs and links.

export interface PageLink {
  number: number;
  url: string;
}

export interface Paged<T> {
  items: T[];
  number: number;
  total: number;
  url: string;
  previous?: PageLink;
  next?: PageLink;
  /** The page bar: the first, the last and the two either side of this one; null marks a gap. */
  bar: (PageLink | null)[];
}

/** Page numbers to show around `current`, with null where numbers are skipped. */
export function pageBar(pages: PageLink[], current: number, reach = 2): (PageLink | null)[] {
  const bar: (PageLink | null)[] = [];
  for (const p of pages) {
    if (p.number === 1 || p.number === pages.length || Math.abs(p.number - current) <= reach) bar.push(p);
    else if (bar.at(-1) !== null) bar.push(null);
  }
  return bar;
}

/** Always at least one page, so that an empty list still has its page. */
export function paginate<T>(items: T[], perPage: number, urlOf: (page: number) => string): Paged<T>[] {
  const total = Math.max(1, Math.ceil(items.length / perPage));
  const pages = Array.from({ length: total }, (_, i) => ({ number: i + 1, url: urlOf(i + 1) }));
  return pages.map((link, i) => ({
    items: items.slice(i * perPage, (i + 1) * perPage),
    number: link.number,
    total,
    url: link.url,
    previous: pages[i - 1],
    next: pages[i + 1],
    bar: pageBar(pages, link.number),
  }));
}
