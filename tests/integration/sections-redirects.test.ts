// Sections (chuyên mục) and old addresses on the built sample: pages, menu,
// breadcrumbs, newer/older from the main section, feeds, sitemap; and every
// old address leading to its page through a real static server, at a domain
// root and under a sub-path.
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { makeContent, SAMPLE_CONTENT } from "../helpers/content.ts";
import { page, redirectFiles } from "../helpers/site.ts";

const builds: Record<string, string> = {};
beforeAll(async () => {
  for (const prefix of ["/", "/luu-tru/"]) {
    const { root } = makeContent({}, {});
    builds[prefix] = path.join(root, "_site");
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: builds[prefix], pathPrefix: prefix })).ok).toBe(true);
  }
}, 120_000);

const texts = ($: cheerio.CheerioAPI, selector: string) => $(selector).map((_, e) => $(e).text().trim()).get();

describe("sections", () => {
  it("have an index in tree order, each section after its parent, siblings by their order", () => {
    const $ = page(builds["/"], "/chuyen-muc/");
    expect(texts($, ".section-index li > a")).toEqual(["An ninh trật tự", "Phòng, chống tội phạm", "Xây dựng lực lượng"]);
    expect($(".section-index li.depth-1 a").text()).toBe("Phòng, chống tội phạm");
  });

  it("are in the main menu, the top-level ones, by their order", () => {
    const $ = page(builds["/"], "/");
    const menu = texts($, "header nav a");
    expect(menu.slice(0, 4)).toEqual(["Trang chủ", "Tin tức", "An ninh trật tự", "Xây dựng lực lượng"]);
    expect(menu).not.toContain("Phòng, chống tội phạm");
  });

  it("have pages listing their articles and their sub-sections, with breadcrumbs and a feed", () => {
    const $ = page(builds["/"], "/chuyen-muc/an-ninh-trat-tu/");
    expect($("h1").text()).toBe("An ninh trật tự");
    expect(texts($, ".subsections a")).toEqual(["Phòng, chống tội phạm"]);
    const listed = $("main .story-title a").map((_, e) => $(e).attr("href")).get();
    expect(listed).toContain("/tin-tuc/2018/phong-canh-sat-giao-thong-xu-ly-vi-pham-nong-do-con/");
    expect(listed).not.toContain("/tin-tuc/2019/tap-huan-nghiep-vu-cho-cong-an-xa-nam-2019/");
    const child = page(builds["/"], "/chuyen-muc/phong-chong-toi-pham/");
    expect(texts(child, ".breadcrumbs a")).toEqual(["Trang chủ", "Chuyên mục", "An ninh trật tự"]);
    expect(child('link[rel=alternate][href="/chuyen-muc/phong-chong-toi-pham/feed.xml"]').length).toBe(1);
    const feed = fs.readFileSync(path.join(builds["/"], "chuyen-muc/phong-chong-toi-pham/feed.xml"), "utf8");
    expect(feed).toContain("<title>Phòng, chống tội phạm – Công an tỉnh Bắc Kạn</title>");
    expect(feed.match(/<entry>/g)).toHaveLength(4);
  });

  it("lead an article's breadcrumbs, and its newer/older lists come from its main section, which the block names", () => {
    const $ = page(builds["/"], "/tin-tuc/2018/cao-diem-tan-cong-tran-ap-toi-pham-dip-tet-mau-tuat/");
    expect(texts($, ".breadcrumbs a")).toEqual(["Trang chủ", "An ninh trật tự", "Phòng, chống tội phạm"]);
    expect($(".neighbours-from").text()).toBe("Trong chuyên mục: Phòng, chống tội phạm");
    const inSection = new Set(loadContent({ contentDir: SAMPLE_CONTENT }).content.articles.filter((a) => a.sections.includes("phong-chong-toi-pham")).map((a) => a.url));
    const neighbours = $(".neighbours .article-list a").map((_, e) => $(e).attr("href")).get();
    expect(neighbours.length).toBeGreaterThan(0);
    for (const url of neighbours) expect(inSection.has(url), url).toBe(true);
    expect(texts($, ".sections a")).toEqual(["Phòng, chống tội phạm", "An ninh trật tự"]);
  });

  it("leave an article without a section to its first campaign, and say so", () => {
    expect(page(builds["/"], "/tin-tuc/2018/tong-ket-phong-trao-2017/")(".neighbours-from").text()).toBe("Trong phong trào: Toàn dân bảo vệ an ninh Tổ quốc");
  });

  it("are in the sitemap and the search page's filters", () => {
    const sitemap = fs.readFileSync(path.join(builds["/"], "sitemap.xml"), "utf8");
    for (const url of ["/chuyen-muc/", "/chuyen-muc/an-ninh-trat-tu/", "/chuyen-muc/phong-chong-toi-pham/"]) expect(sitemap).toContain(`https://congan.backan.gov.vn${url}</loc>`);
    const $ = page(builds["/"], "/tim-kiem/");
    expect($("select[name=chuyen-muc] option").map((_, e) => $(e).attr("value")).get()).toEqual(["", "an-ninh-trat-tu", "phong-chong-toi-pham", "xay-dung-luc-luong"]);
  });
});

describe("old addresses", () => {
  const { content } = loadContent({ contentDir: SAMPLE_CONTENT });
  const redirects = content.redirects;

  it("come from aliases and content/redirects.yaml", () => {
    expect(redirects.map((r) => r.from).sort()).toEqual([
      "/vi/news/",
      "/vi/news/an-ninh-trat-tu/",
      "/vi/news/an-ninh-trat-tu/mo-dot-cao-diem-tan-cong-tran-ap-toi-pham-dip-tet-mau-tuat-245.html",
      "/vi/news/tag/an-toan-ve-antt",
    ]);
  });

  for (const prefix of ["/", "/luu-tru/"]) {
    describe(`hosted at ${prefix}`, () => {
      let server: StaticServer;
      beforeAll(async () => {
        server = await serveStatic(builds[prefix], prefix);
      });
      afterAll(() => server?.close());

      it("each lead, through a static server, to the page they name (meta refresh), with a canonical link, noindex and a visible link", async () => {
        for (const r of redirects) {
          const old = await fetch(new URL(r.from.slice(1), server.url));
          expect(old.status, r.from).toBe(200);
          const $ = cheerio.load(await old.text());
          const refresh = $('meta[http-equiv="refresh"]').attr("content")!;
          const target = refresh.replace(/^0; url=/, "");
          expect(target).toBe(`${prefix}${r.to.slice(1)}`);
          expect($('meta[name="robots"]').attr("content")).toBe("noindex");
          expect($("link[rel=canonical]").attr("href")).toBe(`https://congan.backan.gov.vn${prefix}${r.to.slice(1)}`);
          expect($("a").attr("href")).toBe(target);
          const landed = await fetch(new URL(target, server.url));
          expect(landed.status, target).toBe(200);
          expect(await landed.text()).toContain(`<link rel="canonical" href="https://congan.backan.gov.vn${prefix}${r.to.slice(1)}">`);
        }
      });

      it("are in the hosts' redirect files as 301s, and in no sitemap or feed", () => {
        const out = builds[prefix];
        const read = (f: string) => fs.readFileSync(path.join(out, f), "utf8");
        for (const r of redirects) {
          const from = `${prefix}${r.from.slice(1)}`;
          const to = `${prefix}${r.to.slice(1)}`;
          expect(read("_redirects")).toContain(`\n${from} ${to} 301\n`);
          expect(read("redirects.nginx.conf")).toContain(`    "${from}" "${to}";\n`);
          expect(read(".htaccess")).toContain(`RedirectMatch 301 ^${from.replace(/[.]/g, "\\.")}$ ${to}\n`);
        }
        expect(read(".htaccess")).not.toContain("RewriteEngine");
        for (const file of redirectFiles(out)) {
          const url = `/${file.replace(/index\.html$/, "")}`;
          expect(read("sitemap.xml")).not.toContain(`${prefix.slice(0, -1)}${url}<`);
          expect(read("feed.xml")).not.toContain(url);
        }
        expect(redirectFiles(out)).toHaveLength(redirects.length);
      });
    });
  }
});
