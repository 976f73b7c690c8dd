// Checks over the whole built sample: valid HTML, feeds, sitemap, metadata,
// page weight, and the same under a sub-path.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { makeContent, REPO, SAMPLE_CONTENT } from "../helpers/content.ts";
import { htmlFiles, pageFiles, page, SITE_SCRIPT } from "../helpers/site.ts";

const ORIGIN = "https://congan.backan.gov.vn";
const builds: Record<string, string> = {};

beforeAll(async () => {
  for (const prefix of ["/", "/luu-tru/"]) {
    const { root } = makeContent({}, {});
    const out = path.join(root, "_site");
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out, pathPrefix: prefix })).ok).toBe(true);
    builds[prefix] = out;
  }
}, 120_000);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "link", "author", "category"].includes(name) });

function atom(file: string) {
  const text = fs.readFileSync(file, "utf8");
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = xml.parse(text);
  expect(doc.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  return doc.feed;
}

describe("every page", () => {
  it("is valid HTML (html-validate, recommended rules)", async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const out = builds["/"];
    const failures: string[] = [];
    for (const rel of htmlFiles(out)) {
      const report = await validator.validateFile(path.join(out, rel));
      if (!report.valid) for (const r of report.results) for (const m of r.messages) failures.push(`${rel}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(fs.existsSync(path.join(REPO, ".htmlvalidate.json"))).toBe(true);
    expect(failures).toEqual([]);
  });

  it("has a canonical link, Open Graph title and no script but on the search page", () => {
    const out = builds["/"];
    for (const rel of pageFiles(out)) {
      const $ = cheerio.load(fs.readFileSync(path.join(out, rel), "utf8"));
      const url = `/${rel.replace(/index\.html$/, "")}`;
      expect($("link[rel=canonical]").attr("href"), rel).toBe(`${ORIGIN}${url}`);
      expect($("meta[property='og:title']").attr("content"), rel).toBeTruthy();
      // Besides structured data, only the site's few lines for the menu button (and the search page's own scripts).
      const scripts = $("script").filter((_, s) => $(s).attr("type") !== "application/ld+json" && $(s).text().trim() !== SITE_SCRIPT);
      expect(scripts.length, rel).toBe(rel === "tim-kiem/index.html" ? 2 : 0);
      expect($("script").filter((_, s) => $(s).text().trim() === SITE_SCRIPT).length, rel).toBe(1);
    }
  });
});

describe("article metadata", () => {
  it("describes an article for search engines and social sites", () => {
    const $ = page(builds["/"], "/tin-tuc/2018/cong-nhan-xa-quang-khe-dat-tieu-chuan-an-toan-ve-an-ninh-trat-tu/");
    expect($("meta[name=description]").attr("content")).toMatch(/^Chiều 9\/3, UBND huyện Ba Bể/);
    expect($("meta[property='og:type']").attr("content")).toBe("article");
    expect($("meta[property='article:published_time']").attr("content")).toBe("2018-03-09T15:20:00.000+07:00");
    expect($("meta[property='og:image']").attr("content")).toMatch(new RegExp(`^${ORIGIN}/anh/[\\w-]+-640\\.jpeg$`));
    const [news, crumbs] = $("script[type='application/ld+json']").map((_, s) => JSON.parse($(s).text())).get();
    expect(news).toMatchObject({
      "@type": "NewsArticle",
      headline: 'Xã Quảng Khê được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
      datePublished: "2018-03-09T15:20:00.000+07:00",
      dateModified: "2018-03-10T08:00:00.000+07:00",
      author: [{ "@type": "Person", name: "Thu Trang" }],
      publisher: { "@type": "Organization", name: "Công an tỉnh Bắc Kạn" },
    });
    expect(news.image[0]).toMatch(new RegExp(`^${ORIGIN}/anh/`));
    expect(crumbs["@type"]).toBe("BreadcrumbList");
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Trang chủ", "Tin tức", "2018", news.headline]);
  });
});

describe("feeds", () => {
  it("has a site feed of the latest articles, valid Atom with absolute links", () => {
    const feed = atom(path.join(builds["/"], "feed.xml"));
    expect(feed.title).toBe("Công an tỉnh Bắc Kạn");
    expect(feed.entry.length).toBe(18);
    for (const e of feed.entry) {
      expect(e.id).toMatch(new RegExp(`^${ORIGIN}/tin-tuc/\\d{4}/`));
      expect(e.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(e.link[0]["@href"]).toBe(e.id);
    }
    const seed = feed.entry.find((e: { id: string }) => e.id.endsWith("/tong-ket-phong-trao-2017/"));
    expect(seed.author.map((a: { name: string }) => a.name)).toEqual(["Phan Quang", "Đức Thuần"]);
    expect(seed.content["#text"]).toContain(`src="${ORIGIN}/anh/`);
  });

  it("has a feed per campaign", () => {
    const feed = atom(path.join(builds["/"], "phong-trao/thong-tu-23/feed.xml"));
    expect(feed.entry.map((e: { id: string }) => e.id)).toContain(`${ORIGIN}/tin-tuc/2018/tong-ket-phong-trao-2017/`);
    expect(feed.entry.length).toBe(6);
    expect(page(builds["/"], "/phong-trao/thong-tu-23/")("link[rel=alternate][href='/phong-trao/thong-tu-23/feed.xml']").length).toBe(1);
  });
});

describe("sitemap and robots.txt", () => {
  it("lists every page but the 404 page, with lastmod", () => {
    const out = builds["/"];
    const doc = xml.parse(fs.readFileSync(path.join(out, "sitemap.xml"), "utf8"));
    const locs: string[] = doc.urlset.url.map((u: { loc: string }) => u.loc);
    const expected = pageFiles(out).filter((f) => f !== "404.html").map((f) => `${ORIGIN}/${f.replace(/index\.html$/, "")}`);
    expect([...locs].sort()).toEqual(expected.sort());
    const seed = doc.urlset.url.find((u: { loc: string }) => u.loc.endsWith("/tong-ket-phong-trao-2017/"));
    expect(seed.lastmod).toBe("2018-01-15");
    const corrected = doc.urlset.url.find((u: { loc: string }) => u.loc.endsWith("/cong-nhan-xa-quang-khe-dat-tieu-chuan-an-toan-ve-an-ninh-trat-tu/"));
    expect(corrected.lastmod).toBe("2018-03-10");
  });

  it("points robots.txt to the sitemap", () => {
    expect(fs.readFileSync(path.join(builds["/"], "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe("page weight", () => {
  it("keeps the home, article and year pages at most 30 kB of HTML and CSS, gzipped, and their script to a few lines", () => {
    const out = builds["/"];
    const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    const css = gz(path.join(out, "assets/style.css"));
    for (const url of ["/", "/tin-tuc/2018/tong-ket-phong-trao-2017/", "/tin-tuc/2018/", "/tin-tuc/2019/"]) {
      const html = gz(path.join(out, url, "index.html"));
      expect(html + css, url).toBeLessThanOrEqual(30_000);
    }
    expect(Buffer.byteLength(SITE_SCRIPT)).toBeLessThan(1_000);
  });
});

describe("under a sub-path", () => {
  it("gives feeds, sitemap, canonical links and robots.txt the sub-path", () => {
    const out = builds["/luu-tru/"];
    const feed = atom(path.join(out, "feed.xml"));
    expect(feed.entry[0].id).toMatch(new RegExp(`^${ORIGIN}/luu-tru/tin-tuc/`));
    expect(feed.entry.find((e: { id: string }) => e.id.endsWith("/tong-ket-phong-trao-2017/")).content["#text"]).toContain(`src="${ORIGIN}/luu-tru/anh/`);
    expect(fs.readFileSync(path.join(out, "sitemap.xml"), "utf8")).toContain(`<loc>${ORIGIN}/luu-tru/khen-thuong/</loc>`);
    expect(fs.readFileSync(path.join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/luu-tru/sitemap.xml`);
    expect(page(out, "/tin-tuc/2018/")("link[rel=canonical]").attr("href")).toBe(`${ORIGIN}/luu-tru/tin-tuc/2018/`);
  });
});
