// npm run bench:import -- [--rows 10000] [--database mysql://luutru:luutru@127.0.0.1:3306]
// How fast npm run import:nukeviet moves a NukeViet portal in, and in how much
// memory: a generated NukeViet database of N articles (the fixture's tables,
// text from a few sentences of our own, a photo each), imported into a fresh
// folder, measured as a whole process (wall time, peak RSS), at N and at N/2
// in the same run, so that the two can be compared (flat memory means the
// peak does not grow with N).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";
import { readOptions } from "../src/cli/args.ts";
import { makeNukevietDatabase, SERVER } from "../tests/helpers/nukeviet.ts";
import { measure } from "./lib/measure.ts";

const { values } = readOptions({ rows: { type: "string", default: "10000" }, database: { type: "string", default: SERVER } });
const REPO = path.resolve(import.meta.dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));

const SENTENCES = [
  "Công an tỉnh Bắc Kạn triển khai đợt cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh, trật tự trên địa bàn.",
  "Phong trào Toàn dân bảo vệ an ninh Tổ quốc được triển khai sâu rộng tới các thôn, bản, khu dân cư.",
  "Lực lượng Cảnh sát giao thông tăng cường tuần tra, kiểm soát, xử lý vi phạm trên các tuyến quốc lộ.",
  "Đồng chí Giám đốc Công an tỉnh đánh giá cao kết quả đạt được và chỉ đạo các đơn vị tiếp tục phát huy.",
];

async function fill(name: string, rows: number): Promise<string> {
  const uploads = path.join(work, `uploads-${rows}`);
  const uri = await makeNukevietDatabase(name, uploads); // the tables, categories, topic and the fixture's rows
  const db = await mysql.createConnection({ uri, charset: "utf8mb4" });
  const start = Date.parse("2008-01-01T00:00:00+07:00") / 1000;
  const span = Date.parse("2026-01-01T00:00:00+07:00") / 1000 - start;
  for (let from = 1000; from < 1000 + rows; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, 1000 + rows - from) }, (_, i) => from + i);
    const time = (id: number) => Math.floor(start + ((id - 1000) / rows) * span);
    await db.query(
      "INSERT INTO nv4_vi_news_rows (id, catid, listcatid, topicid, author, status, publtime, addtime, edittime, title, alias, hometext, homeimgfile, homeimgthumb) VALUES ?",
      [batch.map((id) => [id, 1 + (id % 3), `${1 + (id % 3)}`, id % 7 ? 0 : 1, "Phóng viên", 1, time(id), time(id), time(id), `Tin số ${id}: ${SENTENCES[id % 4].slice(0, 60)}`, `Tin-so-${id}`, SENTENCES[(id + 1) % 4], "2018_01/tong-ket.jpg", 1])],
    );
    await db.query("INSERT INTO nv4_vi_news_detail (id, description, bodyhtml, keywords) VALUES ?", [
      batch.map((id) => [id, "", Array.from({ length: 12 }, (_, k) => `<p>${SENTENCES[(id + k) % 4]}</p>`).join(""), "an ninh, Bắc Kạn"]),
    ]);
  }
  await db.end();
  return uri;
}

const sizes = [Math.floor(Number(values.rows) / 2), Number(values.rows)];
const results: { rows: number; wall: number; rss: number }[] = [];
for (const rows of sizes) {
  const name = `luutru_bench_${rows}`;
  process.stdout.write(`Filling a NukeViet database with ${rows} articles… `);
  const uri = await fill(name, rows);
  console.log("done.");
  const out = path.join(work, `content-${rows}`);
  const m = await measure(path.join(REPO, "node_modules/.bin/tsx"), [path.join(REPO, "src/cli/import-nukeviet.ts"), "--database", uri, "--uploads", path.join(work, `uploads-${rows}`), "--out", out, "--report", path.join(work, `report-${rows}.json`)], { cwd: work, quiet: true });
  if (m.exitCode !== 0) throw new Error(`the import of ${rows} rows failed (${m.exitCode})`);
  const imported = JSON.parse(fs.readFileSync(path.join(work, `report-${rows}.json`), "utf8")).articles.published;
  results.push({ rows: imported, wall: m.wallSeconds, rss: m.peakRssMiB });
  const admin = await mysql.createConnection({ uri: values.database });
  await admin.query(`DROP DATABASE \`${name}\``);
  await admin.end();
}
console.log("\n| articles imported | wall | rows per second | peak RSS |\n|---|---|---|---|");
for (const r of results) console.log(`| ${r.rows} | ${r.wall.toFixed(1)} s | ${Math.round(r.rows / r.wall)} | ${Math.round(r.rss)} MiB |`);
const [half, full] = results;
console.log(`\n${full.rows} vs ${half.rows}: time ×${(full.wall / half.wall).toFixed(2)}, peak memory ×${(full.rss / half.rss).toFixed(2)}.`);
fs.rmSync(work, { recursive: true, force: true });
