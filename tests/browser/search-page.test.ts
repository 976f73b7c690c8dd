// The search page in a real browser, at the domain root and under a sub-path.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { makeContent, SAMPLE_CONTENT } from "../helpers/content.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

for (const prefix of ["/", "/luu-tru/tin-tuc-cu/"]) {
  describe(`the search page hosted at ${prefix}`, () => {
    let server: StaticServer;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      const { root } = makeContent({}, {});
      const out = path.join(root, "_site");
      expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out, pathPrefix: prefix })).ok).toBe(true);
      server = await serveStatic(out, prefix);
      page = await browser.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
    }, 120_000);
    afterAll(async () => {
      await page?.close();
      await server?.close();
    });

    const results = () => page.locator(".result h2 a").evaluateAll((els) => els.map((e) => e.getAttribute("href")));

    it("finds an article typed without diacritics, first, from the header's search box", async () => {
      await page.goto(server.url);
      await page.fill("#tim-nhanh", "dong chi pho giam doc");
      await page.press("#tim-nhanh", "Enter");
      await page.waitForURL(/tim-kiem\/\?q=dong\+chi\+pho\+giam\+doc/);
      await page.waitForSelector(".result");
      expect((await results())[0]).toBe(`${prefix}tin-tuc/2016/ra-mat-mo-hinh-thon-tu-quan-ve-an-ninh-trat-tu-tai-nam-mau/`);
      expect(await page.locator(".result mark").first().textContent()).toBe("đồng chí Phó Giám đốc");
      expect(await page.locator("#trang-thai").textContent()).toMatch(/^Tìm thấy \d+ kết quả cho “dong chi pho giam doc”\.$/);
    });

    it("applies a year filter, keeps it in the URL, and shows only that year", async () => {
      await page.goto(`${server.url}tim-kiem/?q=an+ninh`);
      await page.waitForSelector(".result");
      const before = await results();
      expect(before.some((u) => !u!.includes("/2019/"))).toBe(true);
      await page.selectOption("select[name=nam]", "2019");
      await page.waitForFunction(() => {
        const links = [...document.querySelectorAll(".result h2 a")];
        return links.length > 0 && links.every((a) => /\/2019\/|\/khen-thuong\/don-vi\//.test(a.getAttribute("href")!));
      });
      expect(page.url()).toContain("nam=2019");
      // Articles and award lists of 2019, and recipients honoured in 2019.
      const after = await results();
      expect(after.filter((u) => u!.includes("/2019/")).length).toBeGreaterThan(0);
      for (const u of after) expect(u).toMatch(/\/2019\/|\/khen-thuong\/don-vi\//);
    });

    it("restores a shared search from its URL (by the filter's stable id, or by its label, as shared before the ids) and opens a result", async () => {
      for (const kind of ["award-list", "Khen thưởng"]) {
        await page.goto(`${server.url}tim-kiem/?q=Bac+Kan&loai=${encodeURIComponent(kind)}`);
        await page.waitForSelector(".result");
        expect(await page.inputValue("#q")).toBe("Bac Kan");
        expect(await page.inputValue("select[name=loai]")).toBe("award-list");
        expect(await page.locator("select[name=loai] option:checked").textContent()).toBe("Khen thưởng");
        expect(await page.locator(".result .meta").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Khen thưởng")]));
        for (const meta of await page.locator(".result .meta").allTextContents()) expect(meta).toContain("Khen thưởng");
      }
      expect(page.url()).toContain("loai=award-list");
      const first = page.locator(".result h2 a").first();
      const title = await first.textContent();
      await first.click();
      await page.waitForURL(/khen-thuong\/\d{4}\//);
      expect(await page.locator("h1").textContent()).toBe(title);
    });

    it("makes each query a history entry: Back shows the previous query's results, and the results and scroll a reader left for a result", async () => {
      await page.goto(`${server.url}tim-kiem/`);
      await page.fill("#q", "an ninh");
      await page.press("#q", "Enter");
      await page.waitForSelector(".result");
      const anNinh = await results();
      await page.fill("#q", "ma tuy");
      await page.press("#q", "Enter");
      await page.waitForFunction(() => /ma\+tuy/.test(location.search) && document.querySelectorAll(".result").length > 0);
      const maTuy = await results();
      expect(maTuy).not.toEqual(anNinh);
      await page.goBack();
      await page.waitForFunction(() => /q=an\+ninh/.test(location.search));
      await page.waitForFunction((n) => document.querySelectorAll(".result").length === n, anNinh.length);
      expect(await page.inputValue("#q")).toBe("an ninh");
      expect(await results()).toEqual(anNinh);
      await page.goForward();
      await page.waitForFunction(() => /q=ma\+tuy/.test(location.search));
      await page.waitForFunction((first) => document.querySelector(".result h2 a")?.getAttribute("href") === first, maTuy[0]);

      // Twenty results shown ("Xem thêm" once), scrolled down, a result opened, then Back.
      await page.setViewportSize({ width: 390, height: 700 });
      await page.goto(`${server.url}tim-kiem/?q=an+ninh`);
      await page.waitForSelector(".result");
      await page.click("#xem-them");
      await page.waitForFunction(() => document.querySelectorAll(".result").length > 10);
      const shown = await page.locator(".result").count();
      const link = page.locator(".result h2 a").nth(12);
      await link.scrollIntoViewIfNeeded();
      const scrolled = await page.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(500);
      await link.click();
      await page.waitForURL((u) => !u.pathname.endsWith("/tim-kiem/"));
      await page.goBack();
      await page.waitForFunction((n) => document.querySelectorAll(".result").length === n, shown);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, scrolled);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('keeps keyboard focus on the first new result after "Xem thêm kết quả"', async () => {
      await page.goto(`${server.url}tim-kiem/?q=an+ninh&sap-xep=newest`);
      await page.waitForSelector("#xem-them");
      const before = await page.locator(".result").count();
      await page.focus("#xem-them");
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelectorAll(".result").length > n, before);
      const focused = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      expect(focused).toBe((await results())[before]);
    });

    it("throws no script error", () => {
      expect(errors).toEqual([]);
    });
  });
}

describe("the search page without JavaScript", () => {
  it("says that search needs it and links to the year and campaign archives", async () => {
    const { root } = makeContent({}, {});
    const out = path.join(root, "_site");
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out })).ok).toBe(true);
    const server = await serveStatic(out);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}tim-kiem/?q=an+ninh`);
      expect(await page.locator("main").innerText()).toContain("Tìm kiếm cần bật JavaScript");
      const links = await page.locator("main a").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
      expect(links).toContain("/tin-tuc/2018/");
      expect(links).toContain("/phong-trao/");
      expect(links).toContain("/phong-trao/thong-tu-23/");
      expect(links).toContain("/chuyen-muc/an-ninh-trat-tu/");
      // The filters do nothing without JavaScript: they are not shown.
      expect(await page.locator(".search-filters").isVisible()).toBe(false);
      expect(await page.locator("select").evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent).length)).toBe(0);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe("the search page on an index in shards", () => {
  /** The sample built with shards of at most 5 pages, served; a page open on it, with its script errors. */
  async function shardedPage() {
    const { root } = makeContent({}, {});
    const out = path.join(root, "_site");
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out, shardSize: 5 })).ok).toBe(true);
    const server = await serveStatic(out);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const hrefs = () => page.locator(".result h2 a").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
    const close = async () => {
      await page.close();
      await server.close();
    };
    return { server, page, errors, hrefs, close };
  }

  it('says which years it searched, searches the older ones when asked (kept in the URL), and "Xem thêm" adds only new results', async () => {
    const { server, page, errors, hrefs, close } = await shardedPage();
    try {
      await page.goto(`${server.url}tim-kiem/?q=an+ninh`);
      await page.waitForSelector("#nam-truoc");
      expect(await page.locator("#nam-truoc").innerText()).toMatch(/^Kết quả từ (\d\d\/)?\d{4}(–(\d\d\/)?\d{4})?\. Tìm cả các năm trước$/);
      const first = await hrefs();
      expect(first.length).toBeGreaterThan(0);
      expect(new Set(first).size).toBe(first.length);
      // The older years: the results shown stay, new ones are added, and the address says so.
      await page.click("#nam-truoc button");
      await page.waitForFunction((n) => document.querySelectorAll(".result").length > n, first.length);
      expect(page.url()).toContain("toan-bo=1");
      expect(await page.locator("#nam-truoc").count()).toBe(0);
      const all = await hrefs();
      expect(all.slice(0, first.length)).toEqual(first);
      expect(new Set(all).size).toBe(all.length);
      expect(all.some((u) => u!.includes("/2016/") || u!.includes("/2017/"))).toBe(true);
      // "Xem thêm" until there is nothing more: never a result twice.
      while (await page.locator("#xem-them").count()) {
        const n = await page.locator(".result").count();
        await page.click("#xem-them");
        await page.waitForFunction((k) => document.querySelectorAll(".result").length > k || !document.getElementById("xem-them"), n);
      }
      const every = await hrefs();
      expect(new Set(every).size).toBe(every.length);
      // A shared address with toan-bo=1 searches every year at once.
      await page.goto(`${server.url}tim-kiem/?q=an+ninh&toan-bo=1`);
      await page.waitForSelector(".result");
      await page.waitForFunction(() => document.getElementById("trang-thai")?.textContent?.startsWith("Tìm thấy"));
      expect(await page.locator("#nam-truoc").count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("says, for a phrase found in an older period, that other years were left out, and searches them when asked", async () => {
    const { server, page, errors, hrefs, close } = await shardedPage();
    try {
      await page.goto(`${server.url}tim-kiem/?q=${encodeURIComponent("Bằng khen của")}`);
      await page.waitForSelector("#nam-truoc");
      expect(await page.locator("#nam-truoc").innerText()).toMatch(/^Kết quả từ .+\. Tìm cả các năm khác$/);
      const first = await hrefs();
      expect(first[0]).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
      // No "Xem thêm": what is left is in the years left out, which the button searches.
      expect(await page.locator("#xem-them").count()).toBe(0);
      await page.click("#nam-truoc button");
      await page.waitForFunction((n) => document.querySelectorAll(".result").length > n, first.length);
      expect(page.url()).toContain("toan-bo=1");
      const all = await hrefs();
      expect(all[0]).toBe(first[0]);
      expect(all.some((u) => u!.includes("/2019/") || u!.includes("/2020/"))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
