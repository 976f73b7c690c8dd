// Search evaluation: how often the intended article is in the top 3.
//
//   tsx scripts/search-eval.ts --site _site --content content [--count 300] [--seed 1] [--baseline]
//   tsx scripts/search-eval.ts --site DIR --queries pairs.json
//
// Queries are three consecutive words of an article's text whose phrase, once
// folded, occurs in no other article (so a perfect engine can find it), drawn
// deterministically from --content; or (query, url) pairs from a JSON file.
// Each query runs twice through the built site's own /tim-kiem/search.js,
// served on 127.0.0.1: as written (with diacritics), and folded (no marks,
// đ → d), and again with every period of the index searched (search.js's
// `all`: a search stops in the newest periods once it has enough good
// matches). --baseline also indexes the built HTML with Pagefind's defaults
// (the Pagefind CLI's behaviour) and runs the same queries on that.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as pagefind from "pagefind";
import { serveStaticApart } from "../src/dev/static-server.ts";
import { fold } from "../src/search/client/search.js";
import { makeQueries, type Pair } from "./lib/queries.ts";

const { values } = parseArgs({
  options: {
    site: { type: "string", default: "_site" },
    content: { type: "string" },
    queries: { type: "string" },
    count: { type: "string", default: "300" },
    seed: { type: "string", default: "1" },
    baseline: { type: "boolean", default: false },
    write: { type: "string" },
  },
});

type Search = (q: string) => Promise<string[]>;

async function rate(pairs: Pair[], run: Search, transform: (q: string) => string) {
  let hits = 0;
  const misses: string[] = [];
  for (const p of pairs) {
    const top = await run(transform(p.query));
    if (top.slice(0, 3).includes(p.url)) hits++;
    else if (misses.length < 5) misses.push(`${transform(p.query)} → ${top.slice(0, 3).join(", ") || "(nothing)"} (want ${p.url})`);
  }
  return { rate: hits / pairs.length, misses };
}

async function main() {
  const site = path.resolve(values.site!);
  const pairs: Pair[] = values.queries
    ? JSON.parse(fs.readFileSync(values.queries, "utf8"))
    : makeQueries(path.resolve(values.content ?? "content"), Number(values.count), values.seed!);
  if (values.write) fs.writeFileSync(values.write, JSON.stringify(pairs, null, 1));
  if (!pairs.length) throw new Error("no queries");

  let baselineDir: string | undefined;
  if (values.baseline) {
    baselineDir = fs.mkdtempSync(path.join(os.tmpdir(), "pagefind-baseline-"));
    const { index } = await pagefind.createIndex({});
    await index!.addDirectory({ path: site });
    await index!.writeFiles({ outputPath: path.join(baselineDir, "pagefind") });
    await pagefind.close();
    fs.symlinkSync(path.join(baselineDir, "pagefind"), path.join(site, "pagefind-baseline"));
  }
  // In a process of its own: search.js, in this one, may hold the event loop for seconds.
  const server = await serveStaticApart(site);
  try {
    const mod = await import(pathToFileURL(path.join(site, "tim-kiem/search.js")).href);
    const basePath = `${server.url}pagefind/`;
    const ours: Search = async (q) => (await mod.search(q, { basePath, limit: 3 })).map((r: { url: string }) => r.url);
    // The index is in shards: a search stops in the newest periods once it has enough good matches.
    // Searching every period shows what the shards hold, whatever the stop.
    const everyPeriod: Search = async (q) => (await mod.search(q, { basePath, limit: 3, all: true })).map((r: { url: string }) => r.url);
    const noMarks = (q: string) => fold(q);
    const asWritten = (q: string) => q;
    console.log(`site: ${site}\nqueries: ${pairs.length} (three consecutive words unique to one article)`);
    const report = async (name: string, run: Search) => {
      for (const [form, t] of [["with diacritics", asWritten], ["without diacritics", noMarks]] as const) {
        const { rate: r, misses } = await rate(pairs, run, t);
        console.log(`${name.padEnd(22)} ${form.padEnd(19)} top-3: ${(r * 100).toFixed(1)}%`);
        for (const m of misses) console.log(`    miss: ${m}`);
      }
    };
    await report("this archive's search", ours);
    await report("…every period searched", everyPeriod);
    if (baselineDir) {
      const pf = await import(`data:text/javascript;base64,${fs.readFileSync(path.join(baselineDir, "pagefind/pagefind.js")).toString("base64")}`);
      await pf.options({ basePath: `${server.url}pagefind-baseline/`, baseUrl: "/" });
      await pf.init();
      const base: Search = async (q) => {
        const r = await pf.search(q);
        const data = await Promise.all(r.results.slice(0, 3).map((x: { data: () => Promise<{ raw_url: string }> }) => x.data()));
        return data.map((d) => d.raw_url);
      };
      await report("Pagefind defaults", base);
    }
  } finally {
    await server.close();
    if (baselineDir) {
      fs.rmSync(path.join(site, "pagefind-baseline"), { force: true });
      fs.rmSync(baselineDir, { recursive: true, force: true });
    }
  }
}

await main();
