// axe-core in Chromium on the pages readers use most: no serious or critical violation.
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../src/dev/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { servedSample } from "../helpers/site.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  ({ server } = await servedSample());
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = {
  home: "",
  article: "tin-tuc/2018/tong-ket-phong-trao-2017/",
  year: "tin-tuc/2018/",
  campaign: "phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/",
  "award list": "khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/",
  "award register": "khen-thuong/",
  recipient: "khen-thuong/don-vi/cong-an-huyen-ba-be/",
  search: "tim-kiem/?q=bac+kan",
};

async function seriousViolations(page: import("playwright-core").Page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

describe("accessibility (axe-core)", () => {
  it("reports a serious violation where there is one (the check itself works)", async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<!DOCTYPE html><html lang="vi"><head><title>x</title></head><body><main><img src="data:,"><a href="#"></a></main></body></html>');
      expect((await seriousViolations(page)).map((v) => v.id).sort()).toEqual(["image-alt", "link-name"]);
    } finally {
      await page.close();
    }
  });

  for (const [name, url] of Object.entries(PAGES)) {
    it(`finds no serious or critical violation on the ${name} page`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(server.url + url);
        if (name === "search") await page.waitForSelector(".result");
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
