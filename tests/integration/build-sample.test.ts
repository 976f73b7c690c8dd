// Builds the sample archive (plus a hostile article) into a temporary folder
// and checks the pages a reader uses.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { makeContent, SAMPLE_CONTENT } from "../helpers/content.ts";
import { brokenLinks, htmlFiles, pageFiles, page, withoutOwnScripts } from "../helpers/site.ts";

const HOSTILE = `---
title: "<script>alert('tiêu đề')</script> & <b>đậm</b>"
date: 2019-11-20T10:00
authors: ["<img src=x onerror=alert(1)>"]
campaigns: [thong-tu-23]
tags: ["<i>thẻ</i>"]
summary: "<script>alert('tóm tắt')</script>"
---
Nội dung có <script>alert('thân bài')</script> trong thân bài.
`;

let out: string;
let contentDir: string;
let pages: string[];

beforeAll(async () => {
  const { root, content } = makeContent({ "articles/2019/tieu-de-doc-hai.md": HOSTILE }, {});
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  contentDir = content;
  fs.writeFileSync(path.join(content, "articles/2019/tieu-de-doc-hai.md"), HOSTILE);
  out = path.join(root, "_site");
  const result = await buildSite({ contentDir: content, outputDir: out });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  pages = pageFiles(out);
}, 120_000);

describe("the built sample archive", () => {
  it("has the main pages", () => {
    for (const f of [
      "index.html", "404.html", "tin-tuc/index.html", "tin-tuc/2018/index.html", "tin-tuc/2016/index.html",
      "tin-tuc/2018/tong-ket-phong-trao-2017/index.html", "phong-trao/index.html", "phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/index.html",
      "phong-trao/thong-tu-23/index.html", "khen-thuong/index.html", "khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/index.html",
      "chu-de/index.html", "chu-de/thong-tu-23/index.html",
    ]) expect(pages).toContain(f);
    expect(fs.existsSync(path.join(out, "assets/style.css"))).toBe(true);
  });

  it("copies the emblem into the output, never as a hard link to the writer's file", () => {
    const published = fs.statSync(path.join(out, "tep/images/logo.svg"));
    const source = fs.statSync(path.join(contentDir, "images/logo.svg"));
    expect(published.size).toBe(source.size);
    expect(published.ino).not.toBe(source.ino);
    expect(page(out, "/")("header .emblem").attr("src")).toBe("/tep/images/logo.svg");
  });

  it("has at least four years, both campaigns and three award lists", () => {
    const $ = page(out, "/");
    expect($(".sidebar .year-chips a").length).toBeGreaterThanOrEqual(4);
    expect($("#bl-phong-trao + .box-list a").length).toBe(2);
    expect(page(out, "/khen-thuong/")("main a[href^='/khen-thuong/20']").length).toBe(3);
  });

  it("has no broken internal link or anchor", () => {
    expect(brokenLinks(out)).toEqual([]);
  });

  it("writes every page as Vietnamese HTML5 with breadcrumbs (except the home page)", () => {
    for (const rel of pages) {
      const html = fs.readFileSync(path.join(out, rel), "utf8");
      expect(html.startsWith("<!DOCTYPE html>"), rel).toBe(true);
      expect(html).toContain('<html lang="vi">');
      if (rel !== "tim-kiem/index.html") expect(withoutOwnScripts(html), `${rel} has no script`).not.toContain("<script");
      if (rel !== "index.html") expect(html, rel).toContain('class="breadcrumbs');
    }
  });

  it("shows the seed article with its date, authors, photos, campaigns and award list", () => {
    const $ = page(out, "/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect($("h1").text()).toBe("Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017");
    expect($(".meta time").first().text()).toBe("Thứ Hai, 15/01/2018 - 08:30");
    expect($(".authors").text()).toBe("Tác giả: Phan Quang - Đức Thuần");
    const captions = $(".body figure figcaption").map((_, e) => $(e).text()).get();
    expect(captions).toEqual([
      expect.stringMatching(/^Thiếu tướng Ma Văn Lả - GĐ Công an tỉnh tặng Giấy khen/),
      expect.stringMatching(/^Đại tá Hoàng Văn Vượt - PGĐ Công an tỉnh trao Giấy khen/),
    ]);
    for (const img of $(".body figure img").get()) {
      expect(fs.existsSync(path.join(out, $(img).attr("src")!))).toBe(true);
      expect($(img).attr("width")).toBe("640");
      expect($(img).attr("height")).toBe("400");
      expect($(img).attr("loading")).toBe("lazy");
      expect($(img).parent().is("picture")).toBe(true);
    }
    expect($(".campaigns a").map((_, e) => $(e).attr("href")).get()).toEqual(["/phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/", "/phong-trao/thong-tu-23/"]);
    expect($(".award-links a").attr("href")).toBe("/khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/");
  });

  it("shows the seed article's newer and older lists from its first campaign, and previous/next", () => {
    const $ = page(out, "/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect($("#tin-moi-hon").text()).toBe("Những tin mới hơn");
    expect($("#tin-cu-hon").text()).toBe("Những tin cũ hơn");
    const newer = $("#tin-moi-hon + ul a").map((_, e) => $(e).attr("href")).get();
    const older = $("#tin-cu-hon + ul a").map((_, e) => $(e).attr("href")).get();
    expect(newer).toHaveLength(5);
    expect(older).toEqual([
      "/tin-tuc/2017/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-tai-thon-na-lang/",
      "/tin-tuc/2016/ra-mat-mo-hinh-thon-tu-quan-ve-an-ninh-trat-tu-tai-nam-mau/",
    ]);
    expect(newer[0]).toBe("/tin-tuc/2018/cong-nhan-xa-quang-khe-dat-tieu-chuan-an-toan-ve-an-ninh-trat-tu/");
    expect($("a[rel=prev]").attr("href")).toBe("/tin-tuc/2018/cao-diem-tan-cong-tran-ap-toi-pham-dip-tet-mau-tuat/");
    expect($("a[rel=next]").attr("href")).toBe("/tin-tuc/2018/cong-nhan-xa-quang-khe-dat-tieu-chuan-an-toan-ve-an-ninh-trat-tu/");
  });

  it("puts an article just after midnight on 1 January in the new year", () => {
    const $ = page(out, "/tin-tuc/2018/");
    expect($("main a[href='/tin-tuc/2018/cao-diem-tan-cong-tran-ap-toi-pham-dip-tet-mau-tuat/']").length).toBe(1);
  });

  it("shows the award list with groups, tables and counts, and the articles that report it", () => {
    const $ = page(out, "/khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/");
    const groups = $(".award-group").map((_, g) => `${$(g).find("h2").text().replace(/\s+/g, " ")} | ${$(g).find(".counts").text()}`).get();
    expect(groups).toEqual([
      "Cờ thi đua (Cấp khen: Bộ Công an) | 3 tập thể",
      "Bằng khen (Cấp khen: Bộ Công an) | 1 tập thể, 2 cá nhân",
      "Bằng khen (Cấp khen: Chủ tịch UBND tỉnh) | 3 tập thể, 2 cá nhân",
      "Giấy khen (Cấp khen: Giám đốc Công an tỉnh) | 7 tập thể, 12 cá nhân",
    ]);
    expect($(".decision").text()).toBe("Quyết định số 35/QĐ-CAT ngày 10/01/2018 của Giám đốc Công an tỉnh");
    expect($("#tin-bai-dua-tin + ul a").attr("href")).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
  });

  it("shows a campaign's description, award lists and articles grouped by year", () => {
    const $ = page(out, "/phong-trao/thong-tu-23/");
    expect($(".body").text()).toContain("Thông tư số 23/2012/TT-BCA");
    expect($("#khen-thuong-phong-trao ~ h3").map((_, e) => $(e).text()).get()).toEqual(["2018", "2017"]);
    const years = $(".year-group h3").map((_, e) => $(e).text()).get();
    expect(years).toEqual([...years].sort().reverse());
    expect(years.length).toBeGreaterThanOrEqual(3);
  });

  it("escapes every front-matter value and body HTML", () => {
    const hostile = "/tin-tuc/2019/tieu-de-doc-hai/";
    const $ = page(out, hostile);
    expect($("h1").text()).toBe("<script>alert('tiêu đề')</script> & <b>đậm</b>");
    expect($("title").text()).toContain("<script>alert('tiêu đề')</script>");
    expect($(".authors").text()).toContain("<img src=x onerror=alert(1)>");
    expect($(".tags a").text()).toBe("<i>thẻ</i>");
    expect($(".body").text()).toContain("<script>alert('thân bài')</script>");
    for (const url of [hostile, "/tin-tuc/2019/", "/phong-trao/thong-tu-23/", "/", "/chu-de/i-the-i/"]) {
      const html = fs.readFileSync(path.join(out, url, "index.html"), "utf8");
      expect(withoutOwnScripts(html), url).not.toMatch(/<script|<img src=x|<b>đậm|<i>thẻ/);
    }
    // Structured data cannot close its own <script> element.
    const ld = $("script[type='application/ld+json']").map((_, s) => $(s).html()!).get().join("");
    expect(ld).toContain("\\u003cscript>alert");
    expect(JSON.parse($("script[type='application/ld+json']").first().html()!).headline).toBe("<script>alert('tiêu đề')</script> & <b>đậm</b>");
  });
});

describe("the sample archive built for a sub-path", () => {
  it("prefixes every internal link, photo and stylesheet, and they all resolve", async () => {
    const { root } = makeContent({}, {});
    const prefixed = path.join(root, "_site");
    const result = await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: prefixed, pathPrefix: "/luu-tru/" });
    expect(result.ok).toBe(true);
    expect(brokenLinks(prefixed, "/luu-tru/")).toEqual([]);
    const $ = page(prefixed, "/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect($("link[rel=stylesheet]").attr("href")).toBe("/luu-tru/assets/style.css");
    expect($(".body img").first().attr("src")).toMatch(/^\/luu-tru\/anh\/[\w-]+-320\.jpeg$/);
    expect($(".body source").first().attr("srcset")).toMatch(/^\/luu-tru\/anh\/[\w-]+-320\.webp 320w, \/luu-tru\/anh\/[\w-]+-640\.webp 640w$/);
  });
});

describe("the award register of the sample", () => {
  it("lists collectives and individuals apart, each in Vietnamese order", () => {
    const $ = page(out, "/khen-thuong/don-vi/");
    const names = (id: string) => $(`#${id}`).parent().find("li > a").map((_, e) => $(e).text()).get();
    const collectives = names("tap-the");
    const individuals = names("ca-nhan");
    expect(collectives).toContain("Công an huyện Ba Bể");
    expect(collectives).toEqual([...collectives].sort(new Intl.Collator("vi").compare));
    // 22 collectives and 21 individuals are named in the lists; Công an huyện Ba Bể thrice, Ông Lường Văn Bình twice.
    expect(collectives).toHaveLength(20);
    expect(individuals).toHaveLength(20);
    const given = individuals.map((n) => n.split(",")[0].split(" ").at(-1)!);
    expect(given).toEqual([...given].sort(new Intl.Collator("vi").compare));
  });

  it("gives a recipient a page with every award it received, newest first", () => {
    const $ = page(out, "/khen-thuong/don-vi/cong-an-huyen-ba-be/");
    expect($("h1").text()).toBe("Công an huyện Ba Bể");
    const rows = $("tbody tr").map((_, tr) => $(tr).find("td").slice(0, 3).map((_, td) => $(td).text()).get().join(" | ")).get();
    expect(rows).toEqual(["2019 | Giấy khen | Giám đốc Công an tỉnh", "2018 | Cờ thi đua | Bộ Công an", "2017 | Bằng khen | Chủ tịch UBND tỉnh"]);
    expect($("tbody tr").first().find("a").map((_, a) => $(a).attr("href")).get()).toEqual([
      "/khen-thuong/2019/2019-ngay-hoi-toan-dan/",
      "/tin-tuc/2019/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-nam-2019/",
    ]);
  });

  it("merges a person named in two lists into one page", () => {
    const $ = page(out, "/khen-thuong/2019/2019-ngay-hoi-toan-dan/");
    const href = $("td a").filter((_, a) => $(a).text().startsWith("Ông Lường Văn Bình")).attr("href")!;
    expect(page(out, href)("tbody tr").length).toBe(2);
  });

  it("shows the statistics per year and for all years on /khen-thuong/", () => {
    const $ = page(out, "/khen-thuong/");
    expect($("table.stats caption").map((_, c) => $(c).text()).get()).toEqual(["Năm 2019", "Năm 2018", "Năm 2017", "Tất cả các năm"]);
    expect($("#thong-ke-tat-ca tfoot td").map((_, td) => $(td).text()).get()).toEqual(["22", "21"]);
  });

  it("offers each award list and the whole register as CSV with a byte-order mark", () => {
    const one = fs.readFileSync(path.join(out, "khen-thuong/2019/2019-ngay-hoi-toan-dan/danh-sach.csv"));
    expect(one.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(one.toString("utf8").trim().split("\r\n")).toHaveLength(1 + 6);
    const all = fs.readFileSync(path.join(out, "khen-thuong/danh-sach.csv"), "utf8");
    expect(all.trim().split("\r\n")).toHaveLength(1 + 43);
    expect(page(out, "/khen-thuong/2019/2019-ngay-hoi-toan-dan/")(".download a").attr("href")).toBe("/khen-thuong/2019/2019-ngay-hoi-toan-dan/danh-sach.csv");
  });
});
