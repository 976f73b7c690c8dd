// The portal's parts on the built sample: header, footer from site.yaml,
// lead story and story lists, article lead, share and print, the cover photo
// that stands for an article without `image:`, and the 404 page.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { searchRecords } from "../../src/search/documents.ts";
import { archiveOf } from "../../src/archive/archive.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeContent, SAMPLE_CONTENT, writeFiles } from "../helpers/content.ts";
import { page } from "../helpers/site.ts";

const ORIGIN = "https://congan.backan.gov.vn";
const BODY_PHOTO = "/tin-tuc/2019/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-nam-2019/";
let out: string;

beforeAll(async () => {
  const { root } = makeContent({}, {});
  out = path.join(root, "_site");
  expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out })).ok).toBe(true);
}, 120_000);

describe("header and footer", () => {
  it("show the emblem, the name and description, the menu, and the footer's keys from site.yaml", () => {
    const $ = page(out, "/tin-tuc/2018/");
    expect($(".brand .site-name").text()).toBe("Công an tỉnh Bắc Kạn");
    expect($(".brand .site-tagline").text()).toMatch(/^Lưu trữ tin tức/);
    expect($(".brand img.emblem").attr("alt")).toBe(""); // the link's text names it
    expect($(".main-nav a").map((_, a) => $(a).text()).get()).toEqual(["Trang chủ", "Tin tức", "An ninh trật tự", "Xây dựng lực lượng", "Phong trào", "Khen thưởng", "Tìm kiếm"]);
    const footer = $(".site-footer").text();
    expect(footer).toContain("Giấy phép số 00/GP-TTĐT");
    expect(footer).toContain("Chịu trách nhiệm xuất bản: Phó Giám đốc Công an tỉnh");
    expect(footer).toContain("Số 1 đường Trường Chinh");
    expect($(".site-footer a[href^='tel:']").attr("href")).toBe("tel:02093870000");
    expect($(".site-footer a[href^='mailto:']").text()).toBe("toasoan@congan.backan.gov.vn");
    expect($(".site-footer a[href='/feed.xml']").length).toBe(1);
    expect($(".site-footer a[href='/sitemap.xml']").length).toBe(1);
  });

  it("leave out what site.yaml does not give, and report a wrong value with its fix", () => {
    const { content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    fs.writeFileSync(path.join(content, "site.yaml"), "title: Công an tỉnh\nlogo: images/khong-co.svg\ncontact: 0209 3870 000\n");
    const { problems } = loadContent({ contentDir: content });
    const text = problems.map((p) => `${p.file}:${p.line} ${p.message}`).join("\n");
    expect(text).toMatch(/site\.yaml:2 .*images\/khong-co\.svg/);
    expect(text).toMatch(/site\.yaml:3 .*contact: \{ address:/);
  });
});

describe("home and lists", () => {
  it("lead with the latest article, its photo and summary, then stories with thumbnails, dates and summaries", () => {
    const $ = page(out, "/");
    expect($(".lead-story .lead-title a").attr("href")).toBe("/tin-tuc/2020/phong-chong-dich-covid-19-cong-an-tinh-ra-quan/");
    expect($(".lead-story img").attr("loading")).toBe("eager");
    expect($(".lead-story .summary").text()).toMatch(/^Thực hiện Chỉ thị số 16/);
    const stories = $(".home-news .story");
    expect(stories.length).toBe(9);
    expect(stories.find(".summary").length).toBe(9);
    expect(stories.find("time").length).toBe(9);
    // The body's first photo stands for an article without image: in lists.
    expect($(`.story .thumb[href='${BODY_PHOTO}'] img`).length).toBe(1);
    expect($(".sidebar #bl-phong-trao").length + $(".sidebar #bl-cac-nam").length).toBe(2);
  });

  it("show thumbnails, dates and summaries on year, campaign, section and tag pages", () => {
    for (const url of ["/tin-tuc/2019/", "/phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/", "/chuyen-muc/an-ninh-trat-tu/", "/chu-de/khen-thuong/"]) {
      const $ = page(out, url);
      expect($(".story").length, url).toBeGreaterThan(0);
      expect($(".story .summary").length, url).toBe($(".story").length);
      expect($(".story.no-photo").length, url).toBe($(".story").length - $(".story .thumb").length);
    }
    expect(page(out, "/tin-tuc/2019/")(".story .thumb img").length).toBeGreaterThan(0);
  });

  it("style every block heading alike, and a campaign's groups (h3) unlike its sections (h2)", () => {
    const $ = page(out, "/phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/");
    expect($("main h2").filter((_, h) => !$(h).hasClass("block-title") && !$(h).hasClass("box-title")).length).toBe(0);
    expect($("main h3.group-title").length).toBeGreaterThan(0);
    const home = page(out, "/");
    expect(home("main h2").filter((_, h) => !home(h).hasClass("block-title") && !home(h).hasClass("box-title")).length).toBe(0);
  });
});

describe("an article", () => {
  it("has its lead in bold, a byline and date, share links, a print button and the address for paper", () => {
    const url = "/tin-tuc/2018/cong-nhan-xa-quang-khe-dat-tieu-chuan-an-toan-ve-an-ninh-trat-tu/";
    const $ = page(out, url);
    expect($("header .byline time").first().text()).toMatch(/^Thứ \S+, \d\d\/\d\d\/2018/);
    expect($("header .byline .authors").text()).toMatch(/^Tác giả:/);
    expect($(".share a[href^='https://www.facebook.com/sharer/sharer.php?u=']").attr("href")).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(ORIGIN + url)}`);
    expect($(".share a[href^='https://sp.zalo.me/']").attr("href")).toContain(encodeURIComponent(ORIGIN + url));
    expect($(".share a[data-copied]").attr("href")).toBe(url);
    expect($(".share button[data-print]").attr("hidden")).toBeDefined(); // shown by the script, which can print
    expect($(".print-source").text()).toBe(`Công an tỉnh Bắc Kạn · ${ORIGIN}${url}`);
  });

  it("shows the writer's summary as the lead", () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    writeFiles(content, { "articles/2019/co-tom-tat.md": "---\ntitle: Có tóm tắt\ndate: 2019-12-01\nsummary: Dòng tóm tắt in đậm.\n---\nThân bài.\n" });
    return buildSite({ contentDir: content, outputDir: path.join(root, "_site") }).then((r) => {
      expect(r.ok).toBe(true);
      const $ = page(path.join(root, "_site"), "/tin-tuc/2019/co-tom-tat/");
      expect($("header .lead").text()).toBe("Dòng tóm tắt in đậm.");
    });
  });

  it("takes its og:image, structured data image and search thumbnail from the body's first photo when it has no image:", () => {
    const $ = page(out, BODY_PHOTO);
    expect($("meta[property='og:image']").attr("content")).toMatch(new RegExp(`^${ORIGIN}/anh/[\\w-]+-\\d+\\.jpeg$`));
    expect($("meta[property='og:image:alt']").attr("content")).toMatch(/^Hình minh họa Ngày hội/);
    const ld = JSON.parse($("script[type='application/ld+json']").first().text());
    expect(JSON.stringify(ld.image)).toMatch(/\/anh\//);
    const { content } = loadContent({ contentDir: SAMPLE_CONTENT });
    const record = searchRecords(archiveOf(content), { thumbnail: (src) => `${src}#thumb` }).find((r) => r.url === BODY_PHOTO)!;
    expect(record.meta.image).toBe("/media/images/ngay-hoi-thon-ban.jpg#thumb");
  });
});

describe("the 404 page", () => {
  it("offers what it says: a search box, the latest news, the years and the campaigns", () => {
    const $ = page(out, "/404.html");
    expect($("main p").first().text()).toMatch(/tìm trong kho tin.*tin mới nhất.*theo năm và theo phong trào/);
    expect($("main form[action='/tim-kiem/'] input[name=q]").length).toBe(1);
    expect($("main .story").length).toBeGreaterThan(0);
    expect($("main .year-chips a").length).toBeGreaterThanOrEqual(4);
    expect($("main .campaign-links a").length).toBe(2);
  });
});
