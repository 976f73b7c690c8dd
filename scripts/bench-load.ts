// What the parse cache saves: loading a content folder (parse and check every
// file) without the cache, then with it, cold (first load, which fills it)
// and warm (nothing changed), then after one new article; each measured in
// the same run, in a fresh process each, so that no run warms another.
//
//   npm run bench:load -- --content /path/to/content [--runs 3]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadContent } from "../src/content/load.ts";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

if (args[0] === "--child") {
  // One load, timed, in this process: prints { seconds, rss, reused, parsed }.
  const [, contentDir, cacheDir] = args;
  const started = performance.now();
  const r = loadContent({ contentDir, cacheDir: cacheDir === "-" ? undefined : cacheDir });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, rss: process.memoryUsage().rss, articles: r.content.articles.length, ...r.cacheStats }));
  process.exit(0);
}

const content = path.resolve(option("--content") ?? "content");
const runs = Number(option("--runs") ?? 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
const copy = path.join(work, "content");
fs.cpSync(content, copy, { recursive: true });
const cacheDir = path.join(work, "cache");
const load = (cache: string) =>
  JSON.parse(execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", copy, cache], { encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows: [string, { seconds: number; rss: number; articles: number; reused?: number; parsed?: number }[]][] = [
  ["no cache", []],
  ["cache, cold (fills it)", []],
  ["cache, warm (no change)", []],
  ["cache, one new article", []],
];
for (let i = 0; i < runs; i++) {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  rows[0][1].push(load("-"));
  rows[1][1].push(load(cacheDir));
  rows[2][1].push(load(cacheDir));
  const added = path.join(copy, "articles", "2026", `bai-moi-${i}.md`);
  fs.mkdirSync(path.dirname(added), { recursive: true });
  fs.writeFileSync(added, `---\ntitle: Bài mới số ${i}\ndate: 2026-01-0${i + 1}T08:00\n---\nMột bài mới thêm vào kho.\n`);
  rows[3][1].push(load(cacheDir));
}
fs.rmSync(work, { recursive: true, force: true });

const base = median(rows[0][1].map((r) => r.seconds));
console.log(`${rows[0][1][0].articles} articles in ${content}, ${runs} run(s), median`);
console.log("load                        seconds   × no cache   RSS MiB   files reused / parsed");
for (const [name, rs] of rows) {
  const s = median(rs.map((r) => r.seconds));
  const last = rs[rs.length - 1];
  console.log(
    `${name.padEnd(26)} ${s.toFixed(2).padStart(8)} ${(s / base).toFixed(2).padStart(11)} ${(median(rs.map((r) => r.rss)) / 2 ** 20).toFixed(0).padStart(9)}   ${last.reused ?? "–"} / ${last.parsed ?? "–"}`,
  );
}
