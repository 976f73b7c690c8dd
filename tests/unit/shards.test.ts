import { describe, expect, it } from "vitest";
import type { SearchRecord } from "../../src/search/documents.ts";
import { shardEntry, shardManifest, shardRecords } from "../../src/search/shards.ts";
import { fragmentBudget, MAX_SITE_FILES, shardFragments, siteFileLimit } from "../../src/search/write-index.ts";

const record = (url: string, iso: string, kind = "article", years = [iso.slice(0, 4)]): SearchRecord => ({
  url,
  content: url,
  language: "vi",
  meta: {},
  filters: { kind: [kind], year: years },
  sort: { date: iso },
});

/** `n` articles spread over the days of `year` (or of one month). */
const articles = (year: number, n: number, month?: number) =>
  Array.from({ length: n }, (_, i) => {
    const m = month ?? (i % 12) + 1;
    return record(`/tin-tuc/${year}/a-${m}-${i}/`, `${year}-${String(m).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}T08:00:00+07:00`);
  });

describe("shardRecords", () => {
  it("gathers whole years from the oldest into shards of at most the size, newest first, recipients last", () => {
    const records = [...articles(2015, 3), ...articles(2016, 4), ...articles(2017, 2), ...articles(2018, 5), record("/khen-thuong/don-vi/a/", "2016-05-01T00:00:00+07:00", "recipient", ["2016", "2018"])];
    const shards = shardRecords(records, 8);
    expect(shards.map((s) => [s.id, s.from, s.to, s.records.length])).toEqual([
      ["2017-2018", "2017", "2018", 7],
      ["2015-2016", "2015", "2016", 7],
      ["recipients-1", undefined, undefined, 1],
    ]);
    expect(shards[0].years).toEqual(["2017", "2018"]);
    // Every record in exactly one shard, and no period shard over the size unless one year alone.
    expect(shards.flatMap((s) => s.records).length).toBe(records.length);
    for (const s of shards) if (s.from && s.from !== s.to) expect(s.records.length, s.id).toBeLessThanOrEqual(8);
    expect(shards.at(-1)).toMatchObject({ id: "recipients-1", kinds: ["recipient"], years: ["2016", "2018"] });
    expect(shards.at(-1)!.from).toBeUndefined();
  });

  it("fills shards from the oldest year, so that adding to the newest year changes the newest shard alone", () => {
    const base = [...articles(2015, 3), ...articles(2016, 4), ...articles(2017, 2), ...articles(2018, 5)];
    const before = shardRecords(base, 8);
    expect(before.map((s) => s.id)).toEqual(["2017-2018", "2015-2016"]);
    const after = shardRecords([...base, record("/tin-tuc/2018/new/", "2018-12-30T08:00:00+07:00")], 8);
    expect(after.map((s) => s.id)).toEqual(["2017-2018", "2015-2016"]);
    expect(after[1]).toEqual(before[1]);
    expect(after[0].records.length).toBe(before[0].records.length + 1);
    // One more, and the newest year starts a shard of its own: the older ones are still as they were.
    const more = shardRecords([...base, ...articles(2019, 3)], 8);
    expect(more.map((s) => s.id)).toEqual(["2019", "2017-2018", "2015-2016"]);
    expect(more[2]).toEqual(before[1]);
  });

  it("splits a year larger than a shard into months", () => {
    const shards = shardRecords([...articles(2020, 30), ...articles(2019, 2)], 10);
    expect(shards.every((s) => s.records.length <= 10)).toBe(true);
    expect(shards.filter((s) => /^2020-\d\d$/.test(s.from!)).length).toBeGreaterThanOrEqual(3);
    // The older year joins the first months of the next, as far as the size allows.
    expect(shards.at(-1)!.from).toBe("2019");
    expect(shards.at(-1)!.years).toEqual(["2019", "2020"]);
    expect(shards[0].to).toBe("2020-12");
    expect(shards[0].years).toEqual(["2020"]);
  });

  it("is deterministic, and its list carries no records", () => {
    const records = [...articles(2016, 7), ...articles(2017, 7)];
    const a = shardManifest(shardRecords(records, 5).map(shardEntry));
    expect(shardManifest(shardRecords([...records].reverse(), 5).map(shardEntry))).toBe(a);
    const list = JSON.parse(a);
    expect(list.version).toBe(2);
    expect(list.hub).toBe("hub");
    expect(list.shards[0]).toEqual({ id: expect.any(String), from: expect.any(String), to: expect.any(String), years: ["2017"], kinds: ["article"], pages: expect.any(Number) });
  });
});

describe("shardFragments", () => {
  const shards = (n: number) => shardRecords([...articles(2016, n), ...articles(2017, n), ...articles(2018, n)], n);
  it("bundles nothing while the site fits the file limit", () => {
    expect([...shardFragments(shards(100), 1000).values()].every((v) => v === undefined)).toBe(true);
  });
  it("keeps the site under the limit, and one more file elsewhere changes no shard's budget", () => {
    const s = shards(4000);
    const other = 15_000;
    const budgets = shardFragments(s, other);
    const total = [...budgets.values()].reduce((n: number, v) => n + v!, 0);
    expect(total).toBeLessThanOrEqual(fragmentBudget(12_000, other, s.length, 12_000)!);
    expect(other + total + Math.ceil(12_000 * 0.05) + s.length * 12).toBeLessThanOrEqual(siteFileLimit(12_000));
    expect(shardFragments(s, other + 1)).toEqual(budgets);
  });
  it("allows the files of 10,000 articles for every 10,000, and as many to any smaller site", () => {
    expect(siteFileLimit(0)).toBe(MAX_SITE_FILES);
    expect(siteFileLimit(10_000)).toBe(MAX_SITE_FILES);
    expect(siteFileLimit(100_000)).toBe(10 * MAX_SITE_FILES);
    // At 100,000 articles, with the 151,000 other files such a site has, most fragments are files of their own again.
    const records = 127_000;
    const budget = fragmentBudget(records, 151_000, 71, 100_000)!;
    expect(budget).toBeGreaterThan(records / 5);
    expect(fragmentBudget(records, 151_000, 71)).toBe(500);
  });
});
