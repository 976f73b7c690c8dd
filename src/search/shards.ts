// The search index is written in shards, each a Pagefind index of its own:
// articles and award lists by period (whole years, or months of a year too
// large for one shard), and the register's recipients apart, because their
// short pages score unlike articles. A reader's search opens the newest
// period first and goes on into older ones only as far as it must
// (client/search.js); the build indexes shards one at a time, in bounded
// memory, and keeps a shard whose records did not change (write-index.ts).
//
// The shards are listed, newest first, in <index folder>/shards.json:
//   { "version": 2, "hub": "hub", "shards": [{ "id": "2021-2026", "from": "2021", "to": "2026",
//     "years": ["2021", …], "kinds": ["article", "award-list"], "pages": 1840 }, …],
//     "locator": { "folder": "locator", "bits": 8 } }
// "locator" is the shard locator (locator.js), when the build wrote one.
import { groupBy } from "../archive/group.ts";
import { urls } from "../urls.ts";
import { KINDS } from "./kinds.ts";
import type { SearchRecord } from "./documents.ts";

/**
 * A shard holds at most this many records (one year or month larger than
 * that is a shard alone). Small shards make a first search cheap and an
 * older year's search dearer: BENCHMARKS.md has the figures.
 */
export const MAX_SHARD_RECORDS = 2_000;

/** What decides a record's shard: its address, its date and its filters (kind, years). */
export type Placed = Pick<SearchRecord, "url" | "filters" | "sort">;

/** A shard of records, or of pages whose records are not made yet (documents.ts's SearchPage). */
export interface Shard<T extends Placed = SearchRecord> {
  /** Its folder in the index folder, and its id in shards.json: "2013-2015", "2024-01-2024-04", "recipients-1". */
  id: string;
  /** The period, as years ("2013") or months ("2024-01"); the recipients' shards span every year and have none. */
  from?: string;
  to?: string;
  /** The years its pages are filtered under (a year filter opens only the shards that have it). */
  years: string[];
  kinds: string[];
  records: T[];
}

/** What shards.json says of a shard (its records are in its folder). */
export type ShardEntry = Omit<Shard<Placed>, "records"> & { pages: number };

/** A unit of time that is never split: a year, or a month of a year too large for a shard. */
interface Unit<T> {
  key: string;
  records: T[];
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Records → shards, newest period first, the recipients' shards last. Deterministic: the same records give the same shards. */
export function shardRecords<T extends Placed>(records: T[], max = MAX_SHARD_RECORDS): Shard<T>[] {
  const recipients = records.filter((r) => r.filters.kind?.includes(KINDS.recipient.id));
  const dated = records.filter((r) => !r.filters.kind?.includes(KINDS.recipient.id));
  return [...periodShards(dated, max), ...recipientShards(recipients, max)];
}

function group<T extends Placed>(records: T[], keyOf: (r: T) => string): Unit<T>[] {
  return [...groupBy(records, keyOf)].map(([key, list]) => ({ key, records: list })).sort(byKey);
}

/**
 * Years (or months) from the oldest, gathered into shards of at most `max`
 * records: adding to the newest year changes only the newest shard, and the
 * older shards are kept as they were.
 */
function periodShards<T extends Placed>(records: T[], max: number): Shard<T>[] {
  const units = group(records, (r) => r.sort.date.slice(0, 4)).flatMap((year) =>
    year.records.length > max ? group(year.records, (r) => r.sort.date.slice(0, 7)) : [year],
  );
  const shards: Shard<T>[] = [];
  let open: Unit<T>[] = [];
  const close = () => {
    if (!open.length) return;
    const from = open[0].key;
    const to = open[open.length - 1].key;
    const shardRecords = open.flatMap((u) => u.records);
    shards.push({
      id: from === to ? from : `${from}-${to}`,
      from,
      to,
      years: [...new Set(open.map((u) => u.key.slice(0, 4)))],
      kinds: [...new Set(shardRecords.flatMap((r) => r.filters.kind ?? []))].sort(),
      records: shardRecords,
    });
    open = [];
  };
  for (const unit of units) {
    if (open.length && open.reduce((n, u) => n + u.records.length, 0) + unit.records.length > max) close();
    open.push(unit);
  }
  close();
  return shards.reverse();
}

/** The recipients, in the order of their addresses, in shards of at most `max`. */
function recipientShards<T extends Placed>(records: T[], max: number): Shard<T>[] {
  const sorted = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const shards: Shard<T>[] = [];
  for (let i = 0; i < sorted.length; i += max) {
    const part = sorted.slice(i, i + max);
    shards.push({
      id: `recipients-${shards.length + 1}`,
      years: [...new Set(part.flatMap((r) => r.filters.year ?? []))].sort(),
      kinds: [KINDS.recipient.id],
      records: part,
    });
  }
  return shards;
}

/**
 * The hub: a Pagefind index of one record that no search returns (it has no
 * shard), in a folder of its own. A reader's browser loads Pagefind's
 * WebAssembly once, from the hub, and adds each shard to it as a search needs
 * it (Pagefind's mergeIndex), instead of loading it again for every shard.
 */
export const HUB = "hub";
export const hubRecord = (): SearchRecord => ({ url: urls.search(), content: "tìm kiếm", language: "vi", meta: { title: "" }, filters: {}, sort: {} });

/** Where the shard locator is (its folder in the index folder) and how many top bits of an entry choose its chunk (locator.js). */
export interface LocatorEntry {
  folder: string;
  bits: number;
}

/** What shards.json says of a shard: all but its records, which a build must not keep alive once they went to the indexer. */
export const shardEntry = ({ records, ...entry }: Shard<Placed>): ShardEntry => ({ ...entry, pages: records.length });

/** shards.json: what the reader's search needs to choose shards, newest first, where the hub is, and the shard locator if there is one. */
export function shardManifest(entries: ShardEntry[], locator?: LocatorEntry): string {
  return `${JSON.stringify({ version: 2, hub: HUB, shards: entries, ...(locator ? { locator } : {}) })}\n`;
}
