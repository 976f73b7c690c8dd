// npm run bench -- [--sizes 1000,10000,20000] [--runs 1]
//
// For each size: a deterministic gen-corpus archive; then, in the same run,
// (1) this project's production build (pages + search index), (2) the
// plain-Eleventy baseline (bench/baseline: Markdown pages, paginated year and
// tag pages, prev/next precomputed) on the same articles, (3) Pagefind's own
// CLI indexing our output alone, and (4) Hugo (bench/hugo: the baseline's
// pages), when it is installed, and Pagefind's CLI on Hugo's output; (5)
// this build again, incremental: with nothing changed, and with one new
// article (written into the corpus for that build, then removed). Each is
// measured as a whole process tree: wall time, CPU time, peak RSS. Prints
// Markdown tables with the ratios, and how long each step of our build took
// (its --timings, from the last run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { TIME_ZONE } from "../src/text/dates.ts";
import { urls } from "../src/urls.ts";
import { buildArgs, folderSize, machine, repeat, stepList, stepSeconds, type Measurement, type StepTimes } from "./lib/measure.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const GEN = path.resolve(ROOT, "../shared/tools/gen-corpus.mjs");
const { values } = parseArgs({ options: { sizes: { type: "string", default: "1000,10000,20000" }, runs: { type: "string", default: "1" } } });
const sizes = values.sizes!.split(",").map(Number);
const runs = Number(values.runs);
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

function hugoAvailable(): boolean {
  try {
    execFileSync("hugo", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface Row {
  size: number;
  ours: Measurement;
  oursOut: { pages: number; files: number; bytes: number };
  baseline: Measurement;
  baselinePages: number;
  pagefind: Measurement;
  hugo?: { m: Measurement; pages: number; pagefind: Measurement };
  steps: StepTimes;
  unchanged: Measurement;
  oneNew: Measurement;
  oneNewSteps: { step: string; at: number }[];
}

/** The new article's slug (its file is <slug>.md in its year's folder). */
const NEW_ARTICLE = "bench-bai-moi";

/**
 * One new article, the newest of the published ones: dated an hour before the
 * bench's moment, or at the end of the corpus's newest year once that is past
 * (so that it never opens a year of its own, which changes every page's
 * sidebar). A generated corpus has articles dated up to that year's end, and
 * those after now are scheduled, left out of the build. It must be published,
 * or the build measured adds nothing to the site: until the eleventh
 * session's figures it was dated at that year's end, in the future, and was
 * held back (BENCHMARKS.md, issue 15, twelfth session).
 */
function newArticle(content: string): { file: string; page: string } {
  const years = fs.readdirSync(path.join(content, "articles")).filter((y) => /^\d{4}$/.test(y)).sort();
  const yearEnd = DateTime.fromObject({ year: Number(years.at(-1)), month: 12, day: 31, hour: 23 }, { zone: TIME_ZONE });
  const date = DateTime.min(DateTime.now().setZone(TIME_ZONE).minus({ hours: 1 }), yearEnd)!;
  const file = path.join(content, "articles", String(date.year), `${NEW_ARTICLE}.md`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `---\ntitle: Bài mới của phép đo xây dựng tăng dần\ndate: ${date.toFormat("yyyy-MM-dd'T'HH:mm")}\ncampaigns: [toan-dan-bao-ve-an-ninh-to-quoc]\ntags: [Công tác dân vận]\n---\nCông an tỉnh Bắc Kạn tổ chức ra quân bảo đảm an ninh, trật tự. Đây là bài mới của phép đo.\n`);
  return { file, page: `${urls.article(date.year, NEW_ARTICLE).slice(1)}index.html` };
}

/** Removes the new article from every year of the corpus (also one a stopped bench left). */
function removeNewArticle(content: string) {
  const articles = path.join(content, "articles");
  for (const y of fs.readdirSync(articles)) fs.rmSync(path.join(articles, y, `${NEW_ARTICLE}.md`), { force: true });
}

const s = (m: Measurement) => `${m.wallSeconds.toFixed(1)} s`;
const cpu = (m: Measurement) => `${m.cpuSeconds.toFixed(1)} s`;
const mib = (m: Measurement) => `${m.peakRssMiB.toFixed(0)} MiB`;
console.log(`\n### Full build (${new Date().toISOString().slice(0, 10)}; ${machine()}; median of ${runs} run(s))\n`);
console.log("| articles | this build: wall | CPU | peak RSS | HTML pages | files | output | plain Eleventy: wall | CPU | peak RSS | pages | wall ratio | Pagefind CLI alone: wall | peak RSS | RSS ratio |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");

const rows: Row[] = [];
const hasHugo = hugoAvailable();
for (const size of sizes) {
  const work = path.join(ROOT, ".tmp", "bench", `corpus-${size}`);
  const content = path.join(work, "content");
  if (!fs.existsSync(content)) execFileSync(process.execPath, [GEN, "--articles", String(size), "--out", work], { stdio: "ignore" });
  const site = path.join(work, "site");
  const timings = path.join(work, "timings.json");
  // --full: a full build parses every file, whatever the parse cache of an earlier run holds (bench:load measures the cache).
  const ours = await repeat("build", process.execPath, buildArgs("--full", "--content", content, "--output", site, "--timings", timings), { runs, clean: [site], cwd: ROOT });
  const steps = JSON.parse(fs.readFileSync(timings, "utf8")) as StepTimes;
  const files = folderSize(site);
  const pages = (fs.readdirSync(site, { recursive: true }) as string[]).filter((f) => f.endsWith(".html")).length;

  // Incremental: the same content again, then one new article (runs > 1: each run adds it to the site the run before built without it).
  const build = buildArgs("--content", content, "--output", site);
  const unchanged = await repeat("unchanged", process.execPath, build, { runs, cwd: ROOT });
  let added: { file: string; page: string } | undefined;
  const oneNew = await repeat("one new article", process.execPath, [...build, "--timings", timings], {
    runs,
    cwd: ROOT,
    before: () => {
      removeNewArticle(content);
      execFileSync(process.execPath, build, { cwd: ROOT, stdio: "ignore" });
      added = newArticle(content);
    },
  });
  // The build measured must have published the article (its page in the output), or it measured nothing new.
  const published = added !== undefined && fs.existsSync(path.join(site, added.page));
  const oneNewSteps = JSON.parse(fs.readFileSync(timings, "utf8")) as StepTimes;
  removeNewArticle(content);
  if (!published) throw new Error(`the new article (${added?.file}) was not published: no ${added?.page} in ${site}`);
  execFileSync(process.execPath, build, { cwd: ROOT, stdio: "ignore" });

  const baseOut = path.join(work, "baseline-site");
  const baseline = await repeat(
    "baseline",
    process.execPath,
    [path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${path.join(ROOT, "bench/baseline/eleventy.config.mjs")}`, `--input=${path.join(content, "articles")}`, `--output=${baseOut}`],
    { runs, clean: [baseOut], cwd: ROOT },
  );
  const baselinePages = (fs.readdirSync(baseOut, { recursive: true }) as string[]).filter((f) => f.endsWith(".html")).length;

  const pfOut = path.join(work, "pagefind-cli");
  const pagefind = await repeat("pagefind", bin("pagefind"), ["--site", site, "--output-path", pfOut], { runs, clean: [pfOut], cwd: ROOT });
  let hugo: Row["hugo"];
  if (hasHugo) {
    const hugoOut = path.join(work, "hugo-site");
    const m = await repeat("hugo", "hugo", ["--source", path.join(ROOT, "bench/hugo"), "--contentDir", path.join(content, "articles"), "--destination", hugoOut, "--quiet"], { runs, clean: [hugoOut], cwd: ROOT });
    const hugoIndex = path.join(work, "hugo-pagefind");
    const pagefindOnHugo = await repeat("pagefind on hugo", bin("pagefind"), ["--site", hugoOut, "--output-path", hugoIndex], { runs, clean: [hugoIndex], cwd: ROOT });
    hugo = { m, pages: (fs.readdirSync(hugoOut, { recursive: true }) as string[]).filter((f) => f.endsWith(".html")).length, pagefind: pagefindOnHugo };
  }
  const r: Row = { size, ours, oursOut: { pages, files: files.files, bytes: files.bytes }, baseline, baselinePages, pagefind, hugo, steps, unchanged, oneNew, oneNewSteps };
  rows.push(r);
  console.log(
    `| ${r.size.toLocaleString("en")} | ${s(r.ours)} | ${cpu(r.ours)} | ${mib(r.ours)} | ${r.oursOut.pages.toLocaleString("en")} | ${r.oursOut.files.toLocaleString("en")} | ${(r.oursOut.bytes / 1e6).toFixed(0)} MB ` +
      `| ${s(r.baseline)} | ${cpu(r.baseline)} | ${mib(r.baseline)} | ${r.baselinePages.toLocaleString("en")} | ×${(r.ours.wallSeconds / r.baseline.wallSeconds).toFixed(2)} ` +
      `| ${s(r.pagefind)} | ${mib(r.pagefind)} | ×${(r.ours.peakRssMiB / r.pagefind.peakRssMiB).toFixed(2)} |`,
  );
}
const at = (n: number) => rows.find((r) => r.size === n);
if (at(10000) && at(20000)) {
  const a = at(10000)!, b = at(20000)!;
  console.log(`\nFrom 10,000 to 20,000 articles: this build ×${(b.ours.wallSeconds / a.ours.wallSeconds).toFixed(2)} wall time, the plain-Eleventy baseline ×${(b.baseline.wallSeconds / a.baseline.wallSeconds).toFixed(2)}.`);
}

// How long each step took.
const stepNames = rows[0]?.steps.map((x) => x.step) ?? [];
const durations = (r: Row) => stepSeconds(r.steps);
console.log(`\n| articles | ${stepNames.join(" | ")} | total |`);
console.log(`|---|${stepNames.map(() => "---|").join("")}---|`);
for (const r of rows) console.log(`| ${r.size.toLocaleString("en")} | ${durations(r).map((d) => `${d.toFixed(1)} s`).join(" | ")} | ${r.steps.at(-1)!.at.toFixed(1)} s |`);
if (at(10000) && at(20000)) {
  const a = durations(at(10000)!), b = durations(at(20000)!);
  console.log(`| 10k → 20k | ${b.map((d, i) => `×${(d / a[i]).toFixed(2)}`).join(" | ")} | ×${(at(20000)!.steps.at(-1)!.at / at(10000)!.steps.at(-1)!.at).toFixed(2)} |`);
}
if (hasHugo) {
  console.log("\n| articles | Hugo (bench/hugo): wall | CPU | peak RSS | pages | Pagefind CLI on Hugo's pages: wall | peak RSS | Hugo + Pagefind | this build ÷ (Hugo + Pagefind) | plain Eleventy ÷ Hugo |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const h = r.hugo!.m;
    const both = h.wallSeconds + r.hugo!.pagefind.wallSeconds;
    console.log(
      `| ${r.size.toLocaleString("en")} | ${s(h)} | ${cpu(h)} | ${mib(h)} | ${r.hugo!.pages.toLocaleString("en")} | ${s(r.hugo!.pagefind)} | ${mib(r.hugo!.pagefind)} | ${both.toFixed(1)} s | ×${(r.ours.wallSeconds / both).toFixed(2)} | ×${(r.baseline.wallSeconds / h.wallSeconds).toFixed(2)} |`,
    );
  }
} else console.log("\nHugo: not installed here (apt-get install hugo); not measured.");

console.log("\n| articles | full build (--full) | rebuild, nothing changed | rebuild, one new article | its peak RSS | one new article ÷ Hugo's whole build | its steps |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.size.toLocaleString("en")} | ${s(r.ours)} | ${s(r.unchanged)} | ${s(r.oneNew)} | ${mib(r.oneNew)} | ${r.hugo ? `×${(r.oneNew.wallSeconds / r.hugo.m.wallSeconds).toFixed(2)}` : "–"} | ${stepList(r.oneNewSteps)} |`);
}
