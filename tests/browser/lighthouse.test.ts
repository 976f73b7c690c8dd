// Lighthouse's accessibility, best-practices and SEO audits (mobile mode) on
// each page kind of the sample: 100 each. Performance is a measurement, not a
// test: `npm run audit:pages` prints it, BENCHMARKS.md records it.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../../src/dev/static-server.ts";
import { AUDITED_PAGES, CHROME_FLAGS } from "../helpers/audited-pages.ts";
import { CHROMIUM } from "../helpers/browser.ts";
import { servedSample } from "../helpers/site.ts";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
let server: StaticServer;
let chrome: chromeLauncher.LaunchedChrome;

beforeAll(async () => {
  ({ server } = await servedSample());
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
}, 120_000);
afterAll(async () => {
  chrome?.kill();
  await server?.close();
});

describe("Lighthouse 12.2.3, mobile", () => {
  for (const [name, url] of Object.entries(AUDITED_PAGES)) {
    it(`scores the ${name} page 100 for accessibility, best practices and SEO`, async () => {
      const result = await lighthouse(new URL(url, server.url).href, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
      const lhr = result!.lhr;
      const failing = CATEGORIES.flatMap((c) =>
        lhr.categories[c].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
          .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id].title})`),
      );
      expect(failing).toEqual([]);
      for (const c of CATEGORIES) expect(Math.round((lhr.categories[c].score ?? 0) * 100), c).toBe(100);
    }, 60_000);
  }
});
