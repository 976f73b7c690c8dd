// Search benchmark (a script, not a test):
//
//   npx tsx scripts/bench-search.ts [--articles 10000] [--runs 1] [--shard-size N] [--downloads-only]
//
// On a gen-corpus archive it measures, in one run: the production build with
// and without the search index (wall time, CPU time, peak RSS of the whole
// process tree), the index's size, and the bytes a reader's browser downloads
// for a first search (Chromium, a fresh profile for each query) for a rare
// word, a common word and two common words, and what those bytes are (the
// median of the typical queries, by kind of file). Prints Markdown tables.
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { archiveOf } from "../src/archive/archive.ts";
import { loadContent } from "../src/content/load.ts";
import { serveStatic } from "../src/dev/static-server.ts";
import { fold, queryWords } from "../src/search/client/search.js";
import { htmlToText } from "../src/search/documents.ts";
import { MAX_SHARD_RECORDS } from "../src/search/shards.ts";
import { launchChromium } from "../tests/helpers/browser.ts";
import { buildArgs, folderSize, machine, median, repeat } from "./lib/measure.ts";
import { makeQueries } from "./lib/queries.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { articles: { type: "string", default: "10000" }, runs: { type: "string", default: "1" }, "downloads-only": { type: "boolean", default: false }, "shard-size": { type: "string" } },
});
const articles = Number(values.articles);
const work = path.join(ROOT, ".tmp", "bench", `corpus-${articles}`);
const content = path.join(work, "content");
const GEN = path.resolve(ROOT, "../shared/tools/gen-corpus.mjs");

if (!fs.existsSync(content)) execFileSync(process.execPath, [GEN, "--articles", String(articles), "--out", work], { stdio: "inherit" });

const build = (out: string, extra: string[]) =>
  repeat("build", process.execPath, buildArgs("--content", content, "--output", out, "--full", ...(values["shard-size"] ? ["--shard-size", values["shard-size"]] : []), ...extra), {
    runs: Number(values.runs),
    clean: [out],
    cwd: ROOT,
  });

const skip = { wallSeconds: NaN, cpuSeconds: NaN, peakRssMiB: NaN, exitCode: 0 };
const withIndex = values["downloads-only"] ? skip : await build(path.join(work, "site"), []);
const without = values["downloads-only"] ? skip : await build(path.join(work, "site-no-search"), ["--no-search"]);
const site = path.join(work, "site");
const index = folderSize(path.join(site, "pagefind"));
const all = folderSize(site);

// Query words by document frequency over the articles, as a reader would type them (no marks).
const archive = archiveOf(loadContent({ contentDir: content }).content);
const df = new Map<string, number>();
for (const a of archive.articles) {
  const words: string[] = queryWords(htmlToText(a.html)).map((w: string) => fold(w).toLowerCase());
  for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
}
const byDf = [...df].filter(([w]) => /^[a-z]{2,}$/.test(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const rare = byDf.at(-1)!; // the rarest word of the corpus
const [common1, common2] = byDf;
const typical = makeQueries(content, 20, "bench").map((p) => fold(p.query));
const queries = [
  { name: "rare word", q: rare[0], pages: rare[1] as number | undefined },
  { name: "common word", q: common1[0], pages: common1[1] },
  { name: "two common words", q: `${common1[0]} ${common2[0]}`, pages: undefined },
  ...typical.map((q) => ({ name: "typical", q, pages: undefined })),
];

/** What a downloaded file is, for the breakdown of a search's bytes. */
const KINDS: [string, RegExp][] = [
  ["Pagefind's metadata (.pf_meta)", /\.pf_meta$/],
  ["Pagefind's WebAssembly", /\/wasm\.[^/]*\.pagefind$/],
  ["pagefind.js and pagefind-worker.js", /\/pagefind(-worker)?\.js$/],
  ["our search.js and trang.js", /\/tim-kiem\/(search|trang)\.js$/],
  ["index chunks (.pf_index)", /\.pf_index$/],
  ["fragments of the results shown (.pf_fragment)", /\.pf_fragment$/],
  ["filter chunks (.pf_filter)", /\.pf_filter$/],
  ["shard locator chunks (.pf_locator)", /\.pf_locator$/],
];
const kindOf = (url: string) => KINDS.find(([, re]) => re.test(new URL(url).pathname))?.[0] ?? "other";

const server = await serveStatic(site);
const browser = await launchChromium();
const downloads = [];
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes: { url: string; bytes: number; gzipped: number }[] = [];
    page.on("requestfinished", async (req) => {
      const s = await req.sizes();
      const body = (await req.response())?.body();
      // Static hosts gzip text; Pagefind's own data files are compressed already.
      const text = /\.(js|json|css|html)(\?|$)|\/(\?|$)/.test(req.url());
      const bytes = s.responseBodySize + s.responseHeadersSize;
      const gzipped = text && body ? gzipSync(await body).length + s.responseHeadersSize : bytes;
      sizes.push({ url: req.url(), bytes, gzipped });
    });
    await page.goto(`${server.url}tim-kiem/?q=${encodeURIComponent(query.q)}`);
    await page.waitForSelector(".result", { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const forSearch = sizes.filter((s) => !/\/tim-kiem\/(\?|$)|style\.css|\/media\//.test(s.url));
    downloads.push({
      ...query,
      bytes: forSearch.reduce((a, s) => a + s.bytes, 0),
      gzipped: forSearch.reduce((a, s) => a + s.gzipped, 0),
      requests: forSearch.length,
      byKind: forSearch.map((s) => ({ kind: kindOf(s.url), gzipped: s.gzipped })),
    });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kB = (b: number) => `${(b / 1000).toFixed(0)} kB`;
console.log(`\n### Search index, ${articles.toLocaleString("en")} articles, shards of at most ${values["shard-size"] ?? MAX_SHARD_RECORDS} pages (${new Date().toISOString().slice(0, 10)}; ${machine()})\n`);
console.log("| build | wall | CPU | peak RSS (process tree) |\n|---|---|---|---|");
console.log(`| without the index (\`--no-search\`) | ${without.wallSeconds.toFixed(1)} s | ${without.cpuSeconds.toFixed(1)} s | ${without.peakRssMiB.toFixed(0)} MiB |`);
console.log(`| with the index | ${withIndex.wallSeconds.toFixed(1)} s | ${withIndex.cpuSeconds.toFixed(1)} s | ${withIndex.peakRssMiB.toFixed(0)} MiB |`);
console.log(`| what the index adds | +${(withIndex.wallSeconds - without.wallSeconds).toFixed(1)} s (×${(withIndex.wallSeconds / without.wallSeconds).toFixed(2)}) | +${(withIndex.cpuSeconds - without.cpuSeconds).toFixed(1)} s | +${(withIndex.peakRssMiB - without.peakRssMiB).toFixed(0)} MiB |`);
console.log(`\nIndex: ${kB(index.bytes)} in ${index.files} files (whole site: ${(all.bytes / 1e6).toFixed(0)} MB in ${all.files} files).\n`);
console.log("| first search | query | pages with the word | downloaded as served | with gzip on text files | requests |\n|---|---|---|---|---|---|");
for (const d of downloads.filter((d) => d.name !== "typical")) {
  console.log(`| ${d.name} | \`${d.q}\` | ${d.pages ?? "–"} | ${kB(d.bytes)} | ${kB(d.gzipped)} | ${d.requests} |`);
}
const t = downloads.filter((d) => d.name === "typical");
const worst = t.reduce((a, d) => (d.bytes > a.bytes ? d : a));
console.log(`| typical: ${t.length} three-word queries (median) | e.g. \`${t[0].q}\` | – | ${kB(median(t.map((d) => d.bytes)))} | ${kB(median(t.map((d) => d.gzipped)))} | ${median(t.map((d) => d.requests))} |`);
console.log(`| typical: the largest of them | \`${worst.q}\` | – | ${kB(worst.bytes)} | ${kB(worst.gzipped)} | ${worst.requests} |`);
console.log("\nDownloads exclude the search page's HTML, the stylesheet and result thumbnails; they include pagefind.js, its WebAssembly, its metadata, the index chunks, the fragments of the first 10 results, search.js and the page script.");

// What a typical search's bytes are: the median over the typical queries of each kind's bytes and file count.
console.log("\n| what a typical first search downloads (median) | with gzip on text files | files |\n|---|---|---|");
for (const kind of [...KINDS.map(([k]) => k), "other"]) {
  const per = t.map((d) => d.byKind.filter((b) => b.kind === kind));
  if (per.every((list) => !list.length)) continue;
  console.log(`| ${kind} | ${kB(median(per.map((list) => list.reduce((a, b) => a + b.gzipped, 0))))} | ${median(per.map((list) => list.length))} |`);
}
const chunks = t.flatMap((d) => d.byKind.filter((b) => b.kind === KINDS[4][0]).map((b) => b.gzipped));
console.log(`\nOne index chunk: median ${kB(median(chunks))}, largest ${kB(Math.max(...chunks))}.`);
