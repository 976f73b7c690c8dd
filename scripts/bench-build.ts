// npm run bench:build -- --content DIR [--full] [--runs N] [--output DIR]
// One production build of any content folder (the 100,000-article corpus,
// which `npm run bench` is too slow for: it also runs Hugo, plain Eleventy and
// Pagefind's CLI, and the CLI alone would need ~18 GiB there), measured as a
// whole process tree: wall time, CPU time, peak RSS (sampled every 50 ms),
// files written, and the build's step times. Prints a Markdown table row.
// The site is built into a temporary folder and removed, or with --output
// into that folder (replaced as \`npm run build\` replaces it), and kept: for
// \`bench:search\` or \`eval:search\` on the same build.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildArgs, folderSize, machine, repeat, stepList, type StepTimes } from "./lib/measure.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { content: { type: "string" }, full: { type: "boolean", default: false }, runs: { type: "string", default: "1" }, output: { type: "string" } } });
if (!values.content) {
  console.error("npm run bench:build -- --content DIR [--full] [--runs N] [--output DIR]");
  process.exit(2);
}
const content = path.resolve(values.content);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-build-"));
const site = values.output ? path.resolve(values.output) : path.join(work, "site");
const timings = path.join(work, "timings.json");
const articles = (fs.readdirSync(path.join(content, "articles"), { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).length;
const args = buildArgs("--content", content, "--output", site, "--timings", timings, ...(values.full ? ["--full"] : []));
// A folder given is the build's to replace (it refuses one it did not make), never removed here.
const m = await repeat("build", process.execPath, args, { runs: Number(values.runs), clean: values.output ? [] : [site], cwd: ROOT });
const steps = JSON.parse(fs.readFileSync(timings, "utf8")) as StepTimes;
const { files } = folderSize(site);
fs.rmSync(work, { recursive: true, force: true });

console.log(`\n### One build (${new Date().toISOString().slice(0, 10)}; ${machine()}${values.full ? "; --full" : ""})\n`);
console.log("| articles | wall | CPU | peak RSS | files | ms per article | steps (s each) |\n|---|---|---|---|---|---|---|");
console.log(`| ${articles.toLocaleString("en")} | ${m.wallSeconds.toFixed(1)} s | ${m.cpuSeconds.toFixed(1)} s | ${m.peakRssMiB.toFixed(0)} MiB | ${files.toLocaleString("en")} | ${((m.wallSeconds / articles) * 1000).toFixed(1)} | ${stepList(steps)} |`);
