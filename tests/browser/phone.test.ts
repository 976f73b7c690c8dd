// Every kind of page at a phone's width (390 px) in Chromium: nothing wider
// than the screen, touch targets of at least 44 × 44 CSS px, and tables read
// as stacked rows rather than one word per line.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../src/dev/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { servedSample } from "../helpers/site.ts";

const PAGES: Record<string, string> = {
  home: "/",
  news: "tin-tuc/",
  year: "tin-tuc/2018/",
  article: "tin-tuc/2018/tong-ket-phong-trao-2017/",
  "article with a photo in its body": "tin-tuc/2019/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-nam-2019/",
  campaigns: "phong-trao/",
  campaign: "phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/",
  sections: "chuyen-muc/",
  section: "chuyen-muc/an-ninh-trat-tu/",
  tags: "chu-de/",
  tag: "chu-de/khen-thuong/",
  awards: "khen-thuong/",
  "award list": "khen-thuong/2019/2019-ngay-hoi-toan-dan/",
  recipients: "khen-thuong/don-vi/",
  recipient: "khen-thuong/don-vi/cong-an-huyen-ba-be/",
  search: "tim-kiem/?q=an+ninh",
  "not found": "404.html",
};

/** What a reader taps: the menu, breadcrumbs, filters, pagination, "Xem thêm", year chips, share links, footer links, search boxes. */
const TARGETS = [
  ".menu-button", ".main-nav a", ".breadcrumbs a", ".header-search input", ".header-search button", "select", ".search-box button",
  ".pager a", "#xem-them", ".year-chips a", ".share-link", ".footer-links a", ".block-title a", ".box-title a", ".more-link a", "td a",
].join(", ");

let browser: Browser;
let server: StaticServer;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  ({ server } = await servedSample());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  page.on("pageerror", (e) => errors.push(e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string) {
  await page.goto(new URL(url, server.url).href);
  if (url.startsWith("tim-kiem/")) await page.waitForSelector("#xem-them");
}

/** Visible elements wider than the screen, or reaching past its right edge. */
const overflowing = () =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width && r.height && (r.right > width + 0.5 || r.left < -0.5) && !el.closest(".visually-hidden, .skip, thead")) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    return out;
  });

/** Visible targets smaller than 44 × 44 CSS px. */
const smallTargets = (selector: string) =>
  page.evaluate((selector) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    }
    return out;
  }, selector);

describe("at 390 px", () => {
  for (const [name, url] of Object.entries(PAGES)) {
    it(`the ${name} page has no horizontal overflow and touch targets of at least 44 × 44 px`, async () => {
      await open(url);
      expect(await overflowing()).toEqual([]);
      expect(await smallTargets(TARGETS)).toEqual([]);
      // With the menu open, its links too.
      await page.click(".menu-button");
      expect(await page.getAttribute(".menu-button", "aria-expanded")).toBe("true");
      expect(await page.locator(".main-nav li").first().isVisible()).toBe(true);
      expect(await overflowing()).toEqual([]);
      expect(await smallTargets(".main-nav a, .menu-button")).toEqual([]);
    });
  }

  it("folds the main menu into a button, and opens and closes it", async () => {
    await open("/");
    expect(await page.locator(".main-nav li").first().isVisible()).toBe(false);
    await page.click(".menu-button");
    expect(await page.locator(".main-nav a", { hasText: "Khen thưởng" }).isVisible()).toBe(true);
    await page.click(".menu-button");
    expect(await page.locator(".main-nav li").first().isVisible()).toBe(false);
  });

  it("reads the recipients, award-list and statistics tables as stacked rows, a free-text recipient filling its row", async () => {
    for (const url of ["khen-thuong/2019/2019-ngay-hoi-toan-dan/", "khen-thuong/don-vi/cong-an-huyen-ba-be/", "phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/"]) {
      await open(url);
      const cells = await page.evaluate(() =>
        [...document.querySelectorAll("main td")]
          .filter((td) => td.getBoundingClientRect().height > 0)
          .map((td) => ({ text: (td.textContent ?? "").trim(), width: td.getBoundingClientRect().width, label: getComputedStyle(td, "::before").content })),
      );
      expect(cells.length, url).toBeGreaterThan(0);
      // Each cell is a row of its own, the width of the table, labelled with its column.
      for (const c of cells) {
        expect(c.width, `${url}: ${c.text}`).toBeGreaterThan(300);
        expect(c.text, url).not.toBe("");
      }
      expect(cells.some((c) => c.label !== "none" && c.label !== "normal"), url).toBe(true);
    }
    await open("khen-thuong/2019/2019-ngay-hoi-toan-dan/");
    const free = page.locator("td", { hasText: "Ông Lường Văn Bình, Trưởng thôn Pác Ngòi" });
    expect(await free.getAttribute("colspan")).toBe("4");
    const row = await free.evaluate((td) => [...td.parentElement!.children].filter((c) => c.getBoundingClientRect().height > 0).length);
    expect(row).toBe(2); // its number, then the recipient; no empty rank, position and unit
  });

  it("prints an article with the site's name, its address and date, without menus, sidebar or share links", async () => {
    await open("tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect(await page.locator("button[data-print]").isVisible()).toBe(true); // the script shows it: it can print
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator(".print-source").isVisible()).toBe(true);
      expect(await page.locator(".print-source").textContent()).toMatch(/^Công an tỉnh Bắc Kạn · https:\/\/congan\.backan\.gov\.vn\/tin-tuc\/2018\/tong-ket-phong-trao-2017\/$/);
      expect(await page.locator("header .byline time").first().isVisible()).toBe(true);
      for (const hidden of [".site-header", ".sidebar", ".share", ".breadcrumbs", ".neighbours", ".site-footer"]) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    expect(await page.locator(".print-source").isVisible()).toBe(false);
  });

  it("copies an article's address with its copy link", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    const tab = await context.newPage();
    try {
      await tab.goto(new URL("tin-tuc/2018/tong-ket-phong-trao-2017/", server.url).href);
      await tab.click(".share a[data-copied]");
      await tab.waitForFunction(() => document.querySelector(".share a[data-copied]")?.textContent === "Đã sao chép địa chỉ");
      expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(new URL("tin-tuc/2018/tong-ket-phong-trao-2017/", server.url).href);
      expect(new URL(tab.url()).pathname).toBe("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    } finally {
      await context.close();
    }
  });

  it("throws no script error", () => {
    expect(errors).toEqual([]);
  });
});

describe("at 1280 px", () => {
  it("shows the menu without a button, the sidebar beside the content, and tables as grids", async () => {
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await wide.goto(server.url);
      expect(await wide.locator(".menu-button").isVisible()).toBe(false);
      expect(await wide.locator(".main-nav a", { hasText: "Khen thưởng" }).isVisible()).toBe(true);
      const main = await wide.locator(".main-column").boundingBox();
      const side = await wide.locator(".sidebar").boundingBox();
      expect(side!.x).toBeGreaterThan(main!.x + main!.width);
      expect(Math.abs(side!.y - main!.y)).toBeLessThan(100);
      await wide.goto(new URL("khen-thuong/2019/2019-ngay-hoi-toan-dan/", server.url).href);
      expect(await wide.locator("thead").first().isVisible()).toBe(true);
    } finally {
      await wide.close();
    }
  });
});
