// Lighthouse (12.2.3, the last that runs on Node 20) in its mobile mode on
// the sample site's page kinds, against Debian's Chromium. Prints the four
// category scores per page; exits 1 when one is under its target
// (Performance ≥ 95, Accessibility, Best Practices and SEO 100).
//
//   npm run audit:pages                # builds the sample, serves it on 127.0.0.1, audits
//   npm run audit:pages -- --runs 3    # the median of three runs per page
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { AUDITED_PAGES as PAGES, CHROME_FLAGS } from "../tests/helpers/audited-pages.ts";
import { CHROMIUM } from "../tests/helpers/browser.ts";
import { serveFreshSample } from "./lib/sample-site.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

const args = process.argv.slice(2);
const runs = Math.max(1, Number(args[args.indexOf("--runs") + 1]) || 1);

const server = await serveFreshSample();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: CHROME_FLAGS,
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
try {
  console.log(`Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile, ${runs} run(s) per page, median`);
  console.log(["page".padEnd(12), "Performance", "Accessibility", "Best Practices", "SEO"].join("  "));
  for (const [name, url] of Object.entries(PAGES)) {
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(new URL(url, server.url).href, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
      for (const c of CATEGORIES) scores[c].push(Math.round((result!.lhr.categories[c].score ?? 0) * 100));
      if (i === 0) {
        // What keeps a score under 100: the audits that did not pass, named once.
        for (const c of CATEGORIES) {
          for (const ref of result!.lhr.categories[c].auditRefs) {
            const audit = result!.lhr.audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 1 && c !== "performance") console.log(`    ${name}: ${c}: ${audit.id} — ${audit.title}`);
          }
        }
      }
    }
    const row = CATEGORIES.map((c) => {
      const s = median(scores[c]);
      if (s < TARGETS[c]) failed = true;
      return `${String(s).padStart(c === "seo" ? 3 : 11)}${s < TARGETS[c] ? "!" : " "}`;
    });
    console.log([name.padEnd(12), ...row].join("  "));
  }
} finally {
  chrome.kill();
  await server.close();
}
if (failed) {
  console.log("under target (!): Performance ≥ 95, Accessibility, Best Practices and SEO 100");
  process.exit(1);
}
