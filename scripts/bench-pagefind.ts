// npm run bench:pagefind -- [--articles 10000]
//
// How long Pagefind's own indexer takes for this build's search records,
// apart from everything else: adding the records (the build does this while
// Eleventy renders) and writing the index (the build does this after the
// pages, see BENCHMARKS.md). Uses the corpus `npm run bench` generated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as pagefind from "pagefind";
import { archiveOf } from "../src/archive/archive.ts";
import { loadContent } from "../src/content/load.ts";
import { searchRecords } from "../src/search/documents.ts";
import { fragmentBudget } from "../src/search/write-index.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { articles: { type: "string", default: "10000" } } });
const content = path.join(ROOT, ".tmp", "bench", `corpus-${values.articles}`, "content");
if (!fs.existsSync(content)) throw new Error(`${content} is missing: run npm run bench -- --sizes ${values.articles} first`);

const records = searchRecords(archiveOf(loadContent({ contentDir: content }).content));
const site = path.join(ROOT, ".tmp", "bench", `corpus-${values.articles}`, "site");
// The fragment budget the build gave: from the files of the site it built, the index's own left out.
const otherFiles = fs.existsSync(site) ? (fs.readdirSync(site, { recursive: true }) as string[]).filter((f) => !f.startsWith("pagefind") && fs.statSync(path.join(site, f)).isFile()).length : 0;
const maxFragments = fragmentBudget(records.length, otherFiles);
const { index } = await pagefind.createIndex(maxFragments ? { forceLanguage: "vi", maxFragments } : { forceLanguage: "vi" });
if (!index) throw new Error("Pagefind did not start");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "pagefind-"));

let t = performance.now();
for (let i = 0; i < records.length; i += 500) await Promise.all(records.slice(i, i + 500).map((r) => index.addCustomRecord(r)));
const adding = (performance.now() - t) / 1000;
t = performance.now();
await index.writeFiles({ outputPath: out });
const writing = (performance.now() - t) / 1000;
await pagefind.close();
fs.rmSync(out, { recursive: true, force: true });

const chars = records.reduce((n, r) => n + r.content.length, 0);
console.log(`${records.length.toLocaleString("en")} records, ${(chars / 1e6).toFixed(1)} M characters, maxFragments ${maxFragments ?? "none"}`);
console.log(`adding: ${adding.toFixed(1)} s; writing: ${writing.toFixed(1)} s; Pagefind's indexer in all: ${(adding + writing).toFixed(1)} s`);
