// The built sample's own /tim-kiem/search.js, imported in Node and pointed at
// the site served on 127.0.0.1, as the held-out evaluation uses it.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";

interface Result {
  url: string;
  title: string;
  date: string;
  iso: string;
  kind: string;
  excerpt: string;
  image?: string;
}
type Search = (q: string, o?: object) => Promise<Result[] & { total: number; partial: boolean; older: boolean; period?: { from: string; to: string } }>;

const HOSTILE = `---
title: Bài có mã độc
date: 2019-11-20T10:00
---
Nội dung có <script>alert('thân bài')</script> trong thân bài.
`;

let server: StaticServer;
let out: string;
let search: Search;
let basePath: string;
const urls = (rs: Result[]) => rs.map((r) => r.url);

beforeAll(async () => {
  const { root, content } = makeContent({}, {});
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  fs.writeFileSync(path.join(content, "articles/2019/bai-co-ma-doc.md"), HOSTILE);
  out = path.join(root, "_site");
  expect((await buildSite({ contentDir: content, outputDir: out })).ok).toBe(true);
  server = await serveStatic(out);
  basePath = `${server.url}pagefind/`;
  const mod = await import(pathToFileURL(path.join(out, "tim-kiem/search.js")).href);
  search = (q, o = {}) => mod.search(q, { basePath, ...o });
}, 120_000);

afterAll(() => server?.close());

describe("search.js in Node", () => {
  it("ranks the articles and award lists that contain the words above the register's pages of units and people", async () => {
    for (const query of ["phong trào", "huyện", "Ba Bể"]) {
      const r = await search(query, { limit: 20 });
      const kinds = r.map((x) => x.kind);
      const firstRecipient = kinds.indexOf("Đơn vị, cá nhân được khen");
      expect(firstRecipient === -1 ? kinds.length : firstRecipient, `${query}: ${kinds.join(", ")}`).toBeGreaterThanOrEqual(4);
      if (firstRecipient > -1) expect(kinds.slice(firstRecipient).every((k) => k === "Đơn vị, cá nhân được khen"), query).toBe(true);
      expect(r[0].kind, query).toBe("Tin bài");
      expect(r[0].excerpt.toLowerCase(), query).toContain(`<mark>${query.toLowerCase()}`);
    }
    // A unit is still found by its name, and the words of its lists' titles no longer find it.
    expect((await search("Công an huyện Ba Bể", { filters: { kind: "recipient" } }))[0].title).toBe("Công an huyện Ba Bể");
    expect(await search("phong trào", { filters: { kind: "recipient" } })).toHaveLength(0);
  });

  it("finds an article by three words typed with diacritics, first", async () => {
    const r = await search("tại 728 thôn");
    expect(r[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(r[0].title).toBe("Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017");
    expect(r[0].date).toBe("15/01/2018");
    expect(r[0].excerpt).toContain("<mark>tại 728 thôn,</mark>");
  });

  it("finds the same article typed without diacritics, and marks the words as written", async () => {
    const r = await search("tai 728 thon");
    expect(r[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(r[0].excerpt).toContain("<mark>tại 728 thôn,</mark>");
  });

  it('finds "đồng chí" when typed "dong chi" (đ folded), the phrase first', async () => {
    const r = await search("dong chi pho giam doc");
    expect(r[0].url).toBe("/tin-tuc/2016/ra-mat-mo-hinh-thon-tu-quan-ve-an-ninh-trat-tu-tai-nam-mau/");
    expect(r[0].excerpt).toContain("<mark>đồng chí Phó Giám đốc</mark>");
  });

  it('finds "Bắc Kạn" typed "bac kan"', async () => {
    const r = await search("bac kan", { limit: 50 });
    expect(r.total).toBeGreaterThan(5);
    // Where the words are in the page's text, the excerpt shows them there; where they are only in what is
    // said about the page (a tag, its source), the excerpt opens its text, unmarked.
    const marked = r.filter((x) => /<mark>Bắc Kạn/.test(x.excerpt));
    expect(marked.length).toBeGreaterThan(5);
    for (const x of r.filter((y) => !marked.includes(y))) {
      expect(x.excerpt, x.url).not.toContain("<mark>");
      expect(x.excerpt, x.url).not.toMatch(/^…/);
    }
  });

  it("marks the query's words as a phrase where they stand together, not each word wherever it is", async () => {
    for (const query of ["phong trào", "phong trao"]) {
      const r = await search(query, { limit: 10 });
      const withPhrase = r.filter((x) => x.excerpt.includes("<mark>phong trào</mark>"));
      expect(withPhrase.length, query).toBeGreaterThan(2);
      // Never "phong" alone (as in "phong tục", "phòng") in an excerpt that shows the phrase.
      for (const x of withPhrase) expect(x.excerpt.replace(/<mark>phong trào<\/mark>/gi, ""), x.url).not.toMatch(/<mark>[^<]*<\/mark>/);
    }
  });

  it("takes excerpts from the text, never from the authors, tags or campaigns after it", async () => {
    // The article's author is Minh Đức; the campaign "An toàn về ANTT" is named only in its campaign list.
    const r = await search("minh duc", { limit: 20 });
    expect(r.length).toBeGreaterThan(0);
    for (const x of r) {
      expect(x.excerpt, x.url).not.toMatch(/giả:/);
      expect(x.excerpt, x.url).not.toMatch(/An toàn về ANTT …$/);
    }
  });

  it("finds the award lists that honour a unit, with the kind filter", async () => {
    const r = await search("Công an huyện Ba Bể", { filters: { kind: "award-list" }, limit: 20 });
    expect(urls(r).sort()).toEqual([
      "/khen-thuong/2017/2016-an-toan-ve-an-ninh-trat-tu/",
      "/khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/",
      "/khen-thuong/2019/2019-ngay-hoi-toan-dan/",
    ]);
    for (const x of r) expect(x.kind).toBe("Khen thưởng");
  });

  it("finds a recipient's register page with the kind filter", async () => {
    const r = await search("cong an huyen ba be", { filters: { kind: "recipient" } });
    expect(r[0].url).toBe("/khen-thuong/don-vi/cong-an-huyen-ba-be/");
    for (const x of r) expect(x.kind).toBe("Đơn vị, cá nhân được khen");
  });

  it("finds articles by author, without diacritics", async () => {
    const r = await search("duc thuan", { limit: 20 });
    expect(urls(r)).toContain("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(urls(r)).toContain("/tin-tuc/2019/tap-huan-nghiep-vu-cho-cong-an-xa-nam-2019/");
  });

  it("filters by year and by campaign", async () => {
    const byYear = await search("an ninh", { filters: { year: "2019" }, limit: 50 });
    expect(byYear.length).toBeGreaterThan(1);
    for (const x of byYear) expect(x.url.includes("/2019/") || x.kind === "Đơn vị, cá nhân được khen", x.url).toBe(true);
    expect(byYear.filter((x) => x.url.includes("/2019/")).length).toBeGreaterThan(1);
    expect(urls(await search("an ninh", { filters: { year: ["2019"] }, limit: 50 }))).toEqual(urls(byYear));
    expect(urls(await search("an ninh", { filters: { year: { any: ["2019"] } }, limit: 50 }))).toEqual(urls(byYear));
    const byCampaign = await search("an ninh", { filters: { campaign: "thong-tu-23" }, limit: 50 });
    expect(byCampaign.length).toBeGreaterThan(1);
    expect(urls(byCampaign)).not.toContain("/tin-tuc/2018/phong-canh-sat-giao-thong-xu-ly-vi-pham-nong-do-con/");
  });

  it("sorts by date, newest or oldest first (articles and award lists, then the register's pages)", async () => {
    const recipient = "Đơn vị, cá nhân được khen";
    const newest = await search("an ninh", { sort: "newest", limit: 50 });
    const isos = newest.filter((x) => x.kind !== recipient).map((x) => x.iso);
    expect(isos).toEqual([...isos].sort().reverse());
    const oldest = (await search("an ninh", { sort: "oldest", limit: 50 })).filter((x) => x.kind !== recipient).map((x) => x.iso);
    expect(oldest).toEqual([...oldest].sort());
    expect(oldest[0] < isos[0]).toBe(true);
    const kinds = newest.map((x) => x.kind);
    expect(kinds.slice(kinds.indexOf(recipient)).every((k) => k === recipient)).toBe(true);
  });

  it("pages through results with offset", async () => {
    const all = await search("an ninh", { limit: 50 });
    const second = await search("an ninh", { limit: 3, offset: 3 });
    expect(urls(second)).toEqual(urls(all).slice(3, 6));
    // The register's pages fill only a page the articles left short: page 2 did not need them.
    expect(second.total).toBeLessThan(all.total);
    expect(second.partial).toBe(true);
    expect(all.partial).toBe(false);
    expect((await search("an ninh", { limit: 3, offset: 3, all: true })).total).toBe(all.total);
  });

  it("shows the lead photo of a result that has one", async () => {
    const r = await search("xa quang khe dat tieu chuan");
    expect(r[0].image).toMatch(/^\/anh\/[\w-]+-320\.jpeg$/);
  });

  it("escapes page text in excerpts", async () => {
    const r = await search("trong than bai");
    expect(r[0].url).toBe("/tin-tuc/2019/bai-co-ma-doc/");
    expect(r[0].excerpt).toContain("&lt;script&gt;alert(&#39;thân");
    expect(r[0].excerpt).not.toContain("<script");
  });

  it("accepts a basePath without its final slash, and gives each result's full address", async () => {
    const mod = await import(pathToFileURL(path.join(out, "tim-kiem/search.js")).href);
    const r = await mod.search("tai 728 thon", { basePath: basePath.replace(/\/$/, "") });
    expect(r[0].url).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(r[0].href).toBe(`${server.url}tin-tuc/2018/tong-ket-phong-trao-2017/`);
  });

  it("returns nothing for an empty query", async () => {
    const r = await search("   ");
    expect(r.length).toBe(0);
    expect(r.total).toBe(0);
  });
});

describe("the search index", () => {
  it("is written while the pages are rendered, and the build waits for it before the new site is swapped in", async () => {
    const { root, content } = makeContent();
    const out = path.join(root, "_site");
    const seen: { records: number; pagesThere: boolean }[] = [];
    const slow = (shards: { records: unknown[] }[]) => ({
      async write(outputDir: string) {
        seen.push({ records: shards.reduce((n, s) => n + s.records.length, 0), pagesThere: fs.existsSync(path.join(outputDir, "index.html")) });
        await new Promise((r) => setTimeout(r, 1500));
        fs.mkdirSync(path.join(outputDir, "pagefind", "fake"), { recursive: true });
        fs.writeFileSync(path.join(outputDir, "pagefind", "fake", "done"), "1");
      },
      cancel() {},
    });
    expect((await buildSite({ contentDir: content, outputDir: out, indexer: slow })).ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].records).toBeGreaterThan(0);
    // Started before Eleventy had written the home page…
    expect(seen[0].pagesThere).toBe(false);
    // …and finished inside the new site.
    expect(fs.readFileSync(path.join(out, "pagefind", "fake", "done"), "utf8")).toBe("1");
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(true);
  });
});

describe("a build whose search index fails", () => {
  it("fails and keeps the previous site", async () => {
    const { root, content } = makeContent();
    const out = path.join(root, "_site");
    expect((await buildSite({ contentDir: content, outputDir: out })).ok).toBe(true);
    const before = snapshot(out);
    const failing = () => ({
      write: async () => {
        throw new Error("Pagefind: index failed");
      },
      cancel() {},
    });
    await expect(buildSite({ contentDir: content, outputDir: out, indexer: failing, reuse: false })).rejects.toThrow("Pagefind: index failed");
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["_site", "content"]);
  });
});
