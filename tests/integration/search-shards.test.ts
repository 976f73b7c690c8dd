// The search index in shards: the sample built with shards of at most 5
// records, so that its five years make several period shards (2018, too
// large for one, in months) and its recipients several more. search.js opens
// the newest shards first and goes on only while it lacks good matches; a
// year filter opens only that year's shards; exact marks rank first in every
// shard; searching every period finds what the index written whole finds.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { SHARD_LIST } from "../../src/search/write-index.ts";
import { fold } from "../../src/search/client/search.js";
import type { ShardEntry } from "../../src/search/shards.ts";
import { makeContent, SAMPLE_CONTENT } from "../helpers/content.ts";

interface Result {
  url: string;
  iso: string;
  kind: string;
  excerpt: string;
}
type Found = Result[] & { total: number; partial: boolean; older: boolean; gaps: boolean; period?: { from: string; to: string } };
interface SearchModule {
  search(q: string, o: object): Promise<Found>;
  periodLabel(p: { from: string; to: string }): string;
  locate(basePath: string, list: object, q: string): Promise<{ words: Set<string>; phrase?: Set<string> } | undefined>;
}

let root: string;
let sharded: string;
let whole: string;
let mod: SearchModule;
let shards: ShardEntry[];
const servers: StaticServer[] = [];

beforeAll(async () => {
  ({ root } = makeContent({}, {}));
  sharded = path.join(root, "sharded");
  whole = path.join(root, "whole");
  const now = Date.UTC(2026, 10, 30);
  expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: sharded, shardSize: 5, now })).ok).toBe(true);
  expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: whole, now })).ok).toBe(true);
  shards = JSON.parse(fs.readFileSync(path.join(sharded, "pagefind", SHARD_LIST), "utf8")).shards;
  mod = await import(pathToFileURL(path.join(sharded, "tim-kiem/search.js")).href);
}, 180_000);

afterAll(async () => {
  for (const s of servers) await s.close();
});

/** A search on a server of its own (a fresh origin, so nothing is cached), with the index folders it fetched. */
async function coldSearch(site: string, q: string, options: object = {}) {
  const server = await serveStatic(site);
  servers.push(server);
  const fetched = new Set<string>();
  const files: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const m = url.match(/\/pagefind\/([^/?]+)\//);
    if (m && url.startsWith(server.url) && m[1] !== "hub" && m[1] !== "locator") fetched.add(m[1]);
    if (url.startsWith(server.url)) files.push(new URL(url).pathname);
    return realFetch(input, init);
  };
  try {
    const results = await mod.search(q, { basePath: `${server.url}pagefind/`, ...options });
    return { results, fetched: [...fetched].sort(), files };
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** Builds the base content with these articles ("2016/slug": [title, date, text]), in shards of `shardSize`; the output folder. */
async function buildArticles(articles: Record<string, [string, string, string]>, shardSize: number) {
  const files = Object.fromEntries(
    Object.entries(articles).map(([at, [title, date, text]]) => [`articles/${at}.md`, `---\ntitle: ${title}\ndate: ${date}\n---\n${text}\n`]),
  );
  const { root, content } = makeContent(files);
  const out = path.join(root, "_site");
  expect((await buildSite({ contentDir: content, outputDir: out, shardSize, now: Date.UTC(2026, 10, 30) })).ok).toBe(true);
  return out;
}

const periodShards = () => shards.filter((s) => s.from);
const yearOf = (r: Result) => r.iso.slice(0, 4);

describe("the index in shards", () => {
  it("lists period shards newest first, each at most the size asked or one year or month alone, then the recipients", () => {
    const periods = periodShards();
    expect(periods.length).toBeGreaterThanOrEqual(4);
    expect(shards.slice(periods.length).every((s) => s.kinds.join() === "recipient" && !s.from)).toBe(true);
    expect(shards.length - periods.length).toBeGreaterThanOrEqual(2);
    // Newest first, never overlapping; 2018 (six records) is split into months.
    for (let i = 1; i < periods.length; i++) expect(periods[i].to! < periods[i - 1].from!, periods[i].id).toBe(true);
    expect(periods.some((s) => /^2018-\d\d$/.test(s.from!))).toBe(true);
    for (const s of shards) {
      if (s.pages > 5) expect(s.from, s.id).toBe(s.to);
      expect(fs.existsSync(path.join(sharded, "pagefind", s.id, "pagefind-entry.json")), s.id).toBe(true);
      // Pagefind's ready-made interfaces are not published: the archive has its own.
      expect(fs.existsSync(path.join(sharded, "pagefind", s.id, "pagefind-ui.js")), s.id).toBe(false);
    }
    expect(shards.reduce((n, s) => n + s.pages, 0)).toBe(JSON.parse(fs.readFileSync(path.join(whole, "pagefind", SHARD_LIST), "utf8")).shards.reduce((n: number, s: ShardEntry) => n + s.pages, 0));
  });

  it("says a period as readers write it", () => {
    expect(mod.periodLabel({ from: "2016", to: "2020" })).toBe("2016–2020");
    expect(mod.periodLabel({ from: "2018", to: "2018" })).toBe("2018");
    expect(mod.periodLabel({ from: "2018-01", to: "2018-05" })).toBe("01/2018–05/2018");
  });
});

describe("a search across shards", () => {
  it("opens only the newest shards when they have enough good matches, and says which period it searched", async () => {
    const { results, fetched } = await coldSearch(sharded, "bac kan", { limit: 3 });
    expect(results).toHaveLength(3);
    expect(results.older).toBe(true);
    expect(results.period?.to).toBe("2020");
    expect(fetched.length).toBeLessThan(periodShards().length);
    expect(fetched).toContain(periodShards()[0].id);
    for (const r of results) expect(yearOf(r) >= results.period!.from.slice(0, 4), r.url).toBe(true);
  });

  it("opens, for words only an older shard has, that shard alone (the locator says which), and knows the others have none", async () => {
    const { results, fetched, files } = await coldSearch(sharded, "tai 728 thon", { limit: 3 });
    expect(fetched).toEqual(["2018-01-2018-05"]);
    // At most a chunk of the locator per word and per pair; Pagefind's script and WebAssembly once, from the hub.
    expect(files.filter((f) => f.includes("/pagefind/locator/")).length).toBeLessThanOrEqual(5);
    expect(files.filter((f) => /wasm\./.test(f))).toEqual(["/pagefind/hub/wasm.unknown.pagefind"]);
    expect(files.filter((f) => /pagefind\.js$/.test(f))).toEqual(["/pagefind/hub/pagefind.js"]);
    expect(results[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(results[0].excerpt).toContain("<mark>tại 728 thôn,</mark>");
    // No other shard has "728": nothing is left unsearched (the page has no note about other years).
    expect(results.partial).toBe(false);
    expect(results.older).toBe(false);
    expect(results.gaps).toBe(false);
    expect(results.period?.to).toBe(periodShards()[0].to);
  });

  it("opens, for a phrase only an older shard has, that shard alone, though newer ones have the words, and says the other periods wait", async () => {
    const { results, fetched } = await coldSearch(sharded, "Bằng khen của", { limit: 3 });
    expect(fetched).toEqual(["2018-01-2018-05"]);
    expect(results[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(results[0].excerpt).toContain("<mark>Bằng khen của</mark>");
    // Newer periods have the words apart, and were not searched: the page offers "các năm khác".
    expect(results.gaps).toBe(true);
    expect(results.partial).toBe(true);
    // Every period searched finds the same phrase match first, and more.
    const every = await coldSearch(sharded, "Bằng khen của", { limit: 3, all: true });
    expect(every.results[0].url).toBe(results[0].url);
    expect(every.fetched.length).toBeGreaterThan(1);
    expect(every.results.gaps).toBe(false);
  });

  it("goes shard by shard, newest first, where the locator cannot be read, and still finds an older phrase first", async () => {
    const copy = path.join(root, "no-locator");
    fs.cpSync(sharded, copy, { recursive: true });
    fs.rmSync(path.join(copy, "pagefind", "locator"), { recursive: true });
    const { results, fetched } = await coldSearch(copy, "tai 728 thon", { limit: 1 });
    expect(results[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(fetched).toContain(periodShards()[0].id);
    expect(fetched).toContain("2018-01-2018-05");
    expect(fetched).not.toContain(periodShards().at(-1)!.id);
    expect(results.older).toBe(true);
  });

  it("never leaves out a shard that has a match: the locator names every shard where the index written whole finds the words, or the phrase", async () => {
    const list = JSON.parse(fs.readFileSync(path.join(sharded, "pagefind", SHARD_LIST), "utf8"));
    const server = await serveStatic(sharded);
    servers.push(server);
    const isRecipient = (r: Result) => r.kind === "Đơn vị, cá nhân được khen";
    // The period shard a page of the whole index is in, by its date.
    const shardOf = (r: Result) =>
      periodShards().find((s) => {
        const key = r.iso.slice(0, s.from!.length);
        return key >= s.from! && key <= s.to!;
      })!.id;
    let narrowed = 0;
    for (const q of ["an ninh", "phong trao", "Công an huyện Ba Bể", "dong chi", "Phòng", "bac kan", "tai 728 thon", "ph", "khen thuong", "Bằng khen của", "7/2018", "an-ninh"]) {
      const located = await mod.locate(`${server.url}pagefind/`, list, q);
      expect(located, q).toBeDefined();
      const { words, phrase } = located!;
      const truth = (await coldSearch(whole, q, { all: true, limit: 500 })).results;
      expect(truth.length, q).toBeGreaterThan(0);
      for (const r of truth.filter((r) => !isRecipient(r))) expect(words.has(shardOf(r)), `${q}: ${r.url}`).toBe(true);
      if (truth.some(isRecipient)) expect([...words].some((id) => id.startsWith("recipients")), q).toBe(true);
      const wanted = fold(q).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, "");
      const asPhrase = (r: Result) => [...r.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].some((m) => fold(m[1]).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, "") === wanted);
      if (phrase) for (const r of truth.filter((r) => !isRecipient(r) && asPhrase(r))) expect(phrase.has(shardOf(r)), `${q} (phrase): ${r.url}`).toBe(true);
      narrowed += shards.length - words.size + (phrase ? words.size - phrase.size : 0);
    }
    // …and it does narrow: many shards lack some word, or the phrase.
    expect(narrowed).toBeGreaterThan(10);
  });

  it("opens only the shards of the year a filter asks for", async () => {
    const year2016 = shards.filter((s) => s.years.includes("2016")).map((s) => s.id);
    const { results, fetched } = await coldSearch(sharded, "an ninh", { filters: { year: "2016" }, limit: 20 });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(yearOf(r)).toBe("2016");
    expect(fetched).toEqual(year2016.sort());
  });

  it("ranks exact marks first across every shard", async () => {
    const { results } = await coldSearch(sharded, "Phòng", { all: true, limit: 100 });
    // Articles and award lists (the register's pages come after them, exact or not).
    const listed = results.filter((r) => r.kind !== "Đơn vị, cá nhân được khen");
    const exact = listed.filter((r) => /<mark>phòng/i.test(r.excerpt));
    const folded = listed.filter((r) => /<mark>phong/i.test(r.excerpt) && !/<mark>phòng/i.test(r.excerpt));
    expect(exact.length).toBeGreaterThan(2);
    expect(folded.length).toBeGreaterThan(2);
    expect(Math.max(...exact.map((r) => listed.indexOf(r)))).toBeLessThan(Math.min(...folded.map((r) => listed.indexOf(r))));
    // …and those exact matches come from more than one shard, the folded ones too.
    expect(new Set(exact.map(yearOf)).size).toBeGreaterThan(1);
    expect(new Set(folded.map(yearOf)).size).toBeGreaterThan(1);
  });

  it("finds, with every period searched, every page the index written whole finds, and the same phrase matches first", async () => {
    for (const q of ["an ninh", "phong trao", "Công an huyện Ba Bể", "dong chi", "Phòng", "bac kan"]) {
      const inShards = await coldSearch(sharded, q, { all: true, limit: 200 });
      const inWhole = await coldSearch(whole, q, { all: true, limit: 200 });
      expect(inShards.results.partial, q).toBe(false);
      const found = new Set(inShards.results.map((r) => r.url));
      for (const r of inWhole.results) expect(found.has(r.url), `${q}: ${r.url}`).toBe(true);
      // (A shard that lacks a word matches its start, "trao" → "tra": it may find weaker matches more, after the phrase's.)
      const wanted = fold(q).toLowerCase();
      const hasPhrase = (r: Result) => [...r.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].some((m) => fold(m[1]).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, "") === wanted);
      const phrase = (rs: Result[]) => rs.filter((r) => r.kind !== "Đơn vị, cá nhân được khen" && hasPhrase(r)).map((r) => r.url).sort();
      expect(phrase(inShards.results), q).toEqual(phrase(inWhole.results));
    }
  });

  it("keeps a date order across shards", async () => {
    for (const sort of ["newest", "oldest"] as const) {
      const { results } = await coldSearch(sharded, "an ninh", { sort, all: true, limit: 200 });
      const isos = results.filter((r) => r.kind !== "Đơn vị, cá nhân được khen").map((r) => r.iso);
      expect(isos.length).toBeGreaterThan(10);
      expect(isos, sort).toEqual(sort === "newest" ? [...isos].sort().reverse() : [...isos].sort());
    }
  });

  it("still reads an index written whole, without shards.json (an older build)", async () => {
    const old = path.join(root, "old");
    fs.cpSync(path.join(whole), old, { recursive: true });
    const only = shards.length ? JSON.parse(fs.readFileSync(path.join(whole, "pagefind", SHARD_LIST), "utf8")).shards[0].id : "";
    fs.rmSync(path.join(old, "pagefind"), { recursive: true });
    fs.cpSync(path.join(whole, "pagefind", only), path.join(old, "pagefind"), { recursive: true });
    const { results } = await coldSearch(old, "tai 728 thon");
    expect(results[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
  });
});

describe("a phrase whose number only an old article has (newer ones have 305 and 3050)", () => {
  it("is found there, first: the newer shards' near misses do not stop the search", async () => {
    const out = await buildArticles(
      {
        "2016/kiem-soat-2016": ["Kiểm soát giao thông năm 2016", "2016-03-01T08:00", "Trong đợt cao điểm, lực lượng chức năng đã kiểm tra 3051 lượt phương tiện trên các tuyến."],
        "2020/kiem-soat-2020": ["Kiểm soát giao thông năm 2020", "2020-03-01T08:00", "Trong đợt cao điểm, lực lượng chức năng đã kiểm tra 305 lượt phương tiện trên các tuyến."],
        "2020/kiem-soat-2020-b": ["Tuần tra năm 2020", "2020-04-01T08:00", "Tổ công tác đã kiểm tra 3050 lượt phương tiện, xử lý nhiều trường hợp."],
      },
      3,
    );
    const { results, fetched } = await coldSearch(out, "3051 lượt phương", { limit: 1 });
    expect(results[0].url).toBe("/tin-tuc/2016/kiem-soat-2016/");
    expect(results[0].excerpt).toContain("<mark>3051 lượt phương</mark>");
    expect(fetched.some((id) => id.startsWith("2016"))).toBe(true);
  }, 120_000);
});

describe("a dated phrase whose date newer articles have only in part (1/2 against 12/7 and 12)", () => {
  it("is found in the old article, first, with or without marks; the near ones rank after it", async () => {
    const out = await buildArticles(
      {
        "2016/so-ket-2016": ["Sơ kết quý I năm 2016", "2016-03-01T08:00", "Đoàn công tác đến thị trấn Sáng 1/2 để kiểm tra công tác bảo đảm an ninh."],
        "2020/so-ket-2020": ["Sơ kết quý III năm 2020", "2020-08-01T08:00", "Đoàn công tác rời thị trấn. Sáng 12/7, đoàn kiểm tra công tác tuần tra."],
        "2021/so-ket-2021": ["Sơ kết tháng năm 2021", "2021-08-01T08:00", "Đoàn về thị trấn Sáng 12 tháng này, kiểm tra công tác phòng cháy."],
      },
      1,
    );
    for (const q of ["trấn Sáng 1/2", "tran Sang 1/2"]) {
      const { results, fetched } = await coldSearch(out, q, { limit: 1 });
      expect(results.map((r) => r.url), q).toEqual(["/tin-tuc/2016/so-ket-2016/"]);
      expect(results[0].excerpt, q).toContain("<mark>trấn Sáng 1/2</mark>");
      expect(fetched.some((id) => id.startsWith("2016")), q).toBe(true);
      // The near ones are still found, after it: they have all the words as Pagefind matches them.
      const more = await coldSearch(out, q, { limit: 3 });
      expect(more.results.map((r) => r.url), q).toEqual(["/tin-tuc/2016/so-ket-2016/", "/tin-tuc/2021/so-ket-2021/", "/tin-tuc/2020/so-ket-2020/"]);
    }
  }, 120_000);
});

describe("one word with punctuation inside, searched alone (30/4 against 30/40 and 304)", () => {
  it("finds the page that has it as written first, in an older shard; the near ones rank after it; a date order is left as it is", async () => {
    const out = await buildArticles(
      {
        "2016/le-30-4": ["Mít tinh kỷ niệm", "2016-04-29T08:00", "Công an tỉnh mít tinh kỷ niệm ngày 30/4 năm nay."],
        "2020/so-304": ["Công văn hướng dẫn tuần tra", "2020-08-01T08:00", "Công văn 304/CAT-PV hướng dẫn tuần tra."],
        "2022/30-40": ["Hoàn thành kế hoạch", "2022-08-01T08:00", "Từ 30/40 xã đã hoàn thành kế hoạch."],
      },
      1,
    );
    const { results, fetched } = await coldSearch(out, "30/4", { limit: 1 });
    expect(results.map((r) => r.url)).toEqual(["/tin-tuc/2016/le-30-4/"]);
    expect(results[0].excerpt).toContain("<mark>30/4</mark>");
    expect(fetched.some((id) => id.startsWith("2016"))).toBe(true);
    const more = await coldSearch(out, "30/4", { limit: 3 });
    expect(more.results.map((r) => r.url)).toEqual(["/tin-tuc/2016/le-30-4/", "/tin-tuc/2022/30-40/", "/tin-tuc/2020/so-304/"]);
    // Newest first means newest first: the check gives no precedence there.
    const newest = await coldSearch(out, "30/4", { limit: 3, sort: "newest" });
    expect(newest.results.map((r) => r.url)).toEqual(["/tin-tuc/2022/30-40/", "/tin-tuc/2020/so-304/", "/tin-tuc/2016/le-30-4/"]);
  }, 120_000);
});
