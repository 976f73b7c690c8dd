// An incremental build (pages whose data did not change linked from the
// output it replaces, the others rendered) gives the same bytes as a build
// from scratch of the same content: on the sample and on a larger archive made from it,
// after additions, edits, deletions, a renamed campaign and a changed
// site.yaml. And it renders only what changed.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, type BuildOptions } from "../../src/pipeline/build-site.ts";
import { PAGE_HASHES, spareOf } from "../../src/pipeline/incremental.ts";
import { OUTPUT_MARKER } from "../../src/pipeline/output-folder.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";

/**
 * A larger archive made from the sample: its campaigns, sections, award lists
 * and photos, and `n` articles copied from its articles round-robin, each
 * dated in one of fifteen years and given a title of its own (old addresses
 * dropped: two articles cannot claim one).
 */
function largerArchive(root: string, n: number): string {
  const content = path.join(root, "content");
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  const samples = markdown(path.join(SAMPLE_CONTENT, "articles")).map((f) => fs.readFileSync(path.join(SAMPLE_CONTENT, "articles", f), "utf8"));
  for (let i = 0; i < n; i++) {
    const year = 2010 + (i % 15);
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 27) + 1).padStart(2, "0");
    const text = samples[i % samples.length]
      .replace(/^date: .*$/m, `date: ${year}-${month}-${day}T0${i % 10}:15`)
      .replace(/^title: .*$/m, `title: Bài số ${i} của kho lưu trữ thử`)
      .replace(/^aliases: .*\n/m, "")
      .replace(/^updated: .*\n/m, "");
    fs.mkdirSync(path.join(content, "articles", String(year)), { recursive: true });
    fs.writeFileSync(path.join(content, "articles", String(year), `bai-so-${i}.md`), text);
  }
  return content;
}

/** Every folder below `dir`, empty ones too. */
const folders = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()).sort();

/**
 * Builds incrementally into `out`, and from scratch into a folder beside it;
 * the two must be equal, files and folders. The previous output's files
 * (hard-linked aside first) must be as they were: the new output links them,
 * and must never write into one. Returns the incremental build's result.
 */
async function buildBoth(options: BuildOptions) {
  const out = options.outputDir;
  const aside = `${out}-previous`;
  if (fs.existsSync(out)) for (const f of snapshot(out).keys()) {
    fs.mkdirSync(path.dirname(path.join(aside, f)), { recursive: true });
    fs.linkSync(path.join(out, f), path.join(aside, f));
  }
  const before = fs.existsSync(aside) ? snapshot(aside) : undefined;
  const result = await buildSite(options);
  expect(result.ok, JSON.stringify(result.problems.slice(0, 3))).toBe(true);
  if (before) expect(snapshot(aside)).toEqual(before);
  fs.rmSync(aside, { recursive: true, force: true });
  const full = `${out}-full`;
  const scratch = await buildSite({ ...options, outputDir: full, reuse: false });
  expect(scratch.ok).toBe(true);
  expect(scratch.keptPages).toBe(0);
  const [a, b] = [snapshot(out), snapshot(full)];
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [file, bytes] of b) expect(a.get(file), file).toBe(bytes);
  expect(folders(out)).toEqual(folders(full));
  fs.rmSync(full, { recursive: true });
  return result;
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = fs.readFileSync(file, "utf8");
  const changed = text.replace(from, to);
  expect(changed, file).not.toBe(text);
  fs.writeFileSync(file, changed);
};

/** Every Markdown file under `dir`. */
const markdown = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();

describe("an incremental build", () => {
  it("equals a full build of the sample after each kind of change, and renders only the changed pages", async () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    const out = path.join(root, "_site");
    const options: BuildOptions = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30) };

    const first = await buildSite(options);
    expect(first.keptPages).toBe(0);
    // Rendered in runs of seven pages (the first with the whole-archive pages): the same bytes.
    const inRuns = path.join(root, "runs");
    expect((await buildSite({ ...options, outputDir: inRuns, renderBatch: 7 })).pages).toBe(first.pages);
    expect(snapshot(inRuns)).toEqual(snapshot(out));
    const lists = Object.keys(JSON.parse(fs.readFileSync(path.join(out, PAGE_HASHES), "utf8")).pages).length;

    // Nothing changed: every page of the lists is kept. The output it replaced is kept beside it, as the spare.
    const unchanged = await buildBoth(options);
    expect(unchanged.keptPages).toBe(lists);
    expect(unchanged.reusedSpare).toBe(false);
    expect(snapshot(spareOf(out)).get("index.html")).toBe(snapshot(out).get("index.html"));

    // One article's text: that page alone of the lists' pages, and the lists that show its summary.
    // The build starts from the spare (the output before last) and leaves the output it replaced as the next one.
    edit(path.join(content, "articles/2018/tong-ket-phong-trao-2017.md"), "Năm 2017, phong trào", "Năm 2017, phong trào mới");
    const edited = await buildBoth(options);
    expect(edited.keptPages).toBeGreaterThan(lists / 2);
    expect(edited.keptPages).toBeLessThan(lists);
    expect(edited.reusedSpare).toBe(true);

    // A new article with a campaign and a tag; then one deleted.
    fs.writeFileSync(
      path.join(content, "articles/2020/ra-quan-cuoi-nam.md"),
      "---\ntitle: Công an tỉnh ra quân bảo đảm an ninh dịp cuối năm\ndate: 2020-12-20T08:00\ncampaigns: [toan-dan-bao-ve-an-ninh-to-quoc]\ntags: [Tết Nguyên đán]\n---\nCông an tỉnh tổ chức lễ ra quân.\n",
    );
    expect((await buildBoth(options)).keptPages).toBeGreaterThan(lists / 2);
    fs.rmSync(path.join(content, "articles/2019/tap-huan-nghiep-vu-cho-cong-an-xa-nam-2019.md"));
    await buildBoth(options);
    expect(fs.existsSync(path.join(out, "tin-tuc/2019/tap-huan-nghiep-vu-cho-cong-an-xa-nam-2019/index.html"))).toBe(false);

    // A file removed from the output by hand (an award list's CSV): kept from the spare, which has it as it was.
    const recorded = JSON.parse(fs.readFileSync(path.join(out, PAGE_HASHES), "utf8")).pages as Record<string, string>;
    const awardCsv = Object.keys(recorded).find((f) => f.endsWith(".csv"))!;
    fs.rmSync(path.join(out, awardCsv));
    const fromSpare = await buildBoth(options);
    expect(fromSpare.reusedSpare).toBe(true);
    expect(fromSpare.keptPages).toBe(Object.keys(recorded).length);
    expect(fs.existsSync(path.join(out, awardCsv))).toBe(true);
    // Removed again: the spare now is the output it was removed from, so that list's page and CSV are rendered again, the rest kept.
    fs.rmSync(path.join(out, awardCsv));
    expect(fs.existsSync(path.join(spareOf(out), awardCsv))).toBe(false);
    const mended = await buildBoth(options);
    expect(mended.keptPages).toBe(Object.keys(recorded).length - 2);
    expect(fs.existsSync(path.join(out, awardCsv))).toBe(true);

    // A campaign renamed (its title, shown in every page's sidebar): everything is rendered.
    edit(path.join(content, "campaigns/toan-dan-bao-ve-an-ninh-to-quoc.md"), /^title: .*$/m, "title: Phong trào Toàn dân bảo vệ an ninh Tổ quốc (đổi tên)");
    expect((await buildBoth(options)).keptPages).toBe(0);

    // site.yaml: everything.
    edit(path.join(content, "site.yaml"), /^title: .*$/m, "title: Công an tỉnh Bắc Kạn – Lưu trữ");
    expect((await buildBoth(options)).keptPages).toBe(0);

    // A damaged record of the hashes only costs a full render.
    fs.writeFileSync(path.join(out, PAGE_HASHES), "{ not json");
    expect((await buildBoth(options)).keptPages).toBe(0);
  }, 300_000);

  it("equals a full build of a larger archive after additions, edits, deletions and a campaign given a new id", async () => {
    const { root } = makeContent({}, {});
    fs.rmSync(path.join(root, "content"), { recursive: true, force: true });
    const content = largerArchive(root, 300);
    const out = path.join(root, "_site");
    const options: BuildOptions = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30), shardSize: 150 };
    const built = await buildSite(options);
    expect(built.ok, JSON.stringify(built.problems.slice(0, 3))).toBe(true);
    const articles = markdown(path.join(content, "articles")).map((f) => path.join(content, "articles", f));

    // Three new articles (copies of old ones, newest year and an old one), two edited, two deleted.
    const [y1, y2] = ["2024", "2012"]; // years the archive has: a new year changes every page's sidebar
    for (const [i, year] of [y1, y1, y2].entries()) {
      const source = fs.readFileSync(articles[i * 50], "utf8");
      fs.mkdirSync(path.join(content, "articles", year), { recursive: true });
      const dated = source.replace(/^aliases: .*\n/m, "").replace(/^date: .*$/m, `date: ${year}-0${i + 3}-1${i}T09:00`).replace(/^title: .*$/m, `title: Bài mới số ${i} về phong trào`);
      fs.writeFileSync(path.join(content, "articles", year, `bai-moi-${i}.md`), dated);
    }
    edit(articles[10], /\n\n([^\n])/, "\n\nĐoạn mới thêm vào bài. $1");
    edit(articles[200], /^title: .*$/m, "title: Tiêu đề đã sửa của một bài");
    fs.rmSync(articles[30]);
    fs.rmSync(articles[300]);
    const incremental = await buildBoth(options);
    expect(incremental.keptPages).toBeGreaterThan(0);

    // A campaign moved to a new id (its file renamed, every article's reference changed).
    const campaigns = path.join(content, "campaigns");
    const oldId = "thong-tu-23";
    fs.renameSync(path.join(campaigns, `${oldId}.md`), path.join(campaigns, "thong-tu-23-bca.md"));
    for (const f of markdown(content).map((r) => path.join(content, r))) {
      const text = fs.readFileSync(f, "utf8");
      if (text.includes(oldId)) fs.writeFileSync(f, text.replaceAll(`[${oldId}]`, "[thong-tu-23-bca]").replaceAll(`- ${oldId}\n`, "- thong-tu-23-bca\n").replaceAll(`, ${oldId}`, ", thong-tu-23-bca").replaceAll(`${oldId},`, "thong-tu-23-bca,"));
    }
    await buildBoth(options);
    expect(fs.existsSync(path.join(out, "phong-trao", oldId))).toBe(false);
  }, 600_000);

  it("starts from the spare only when it is ours and rendered as the build renders, and never touches one that is not ours", async () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    const out = path.join(root, "_site");
    const options: BuildOptions = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30) };
    const spare = spareOf(out);
    expect((await buildSite(options)).ok).toBe(true);
    expect(fs.existsSync(spare)).toBe(false); // a first build replaces nothing

    // A folder of that name that is not the program's: neither used nor replaced nor removed.
    fs.mkdirSync(spare);
    fs.writeFileSync(path.join(spare, "cua-toi.txt"), "không phải của chương trình");
    const notOurs = await buildBoth(options);
    expect(notOurs.reusedSpare).toBe(false);
    expect(fs.readdirSync(spare)).toEqual(["cua-toi.txt"]);
    fs.rmSync(spare, { recursive: true });

    // Kept by a build that shared the replaced output's pages; not by one that shared none (--full).
    await buildBoth(options);
    expect(fs.existsSync(path.join(spare, OUTPUT_MARKER))).toBe(true);
    const full = await buildSite({ ...options, reuse: false });
    expect(full.keptPages).toBe(0);
    expect(fs.existsSync(spare)).toBe(false);

    // A build that keeps nothing (site.yaml changed: every page renders again) removes the spare; the next build
    // starts from an empty folder, and leaves the output it replaced as the spare, which the one after starts from.
    await buildBoth(options);
    edit(path.join(content, "site.yaml"), /^title: .*$/m, "title: Công an tỉnh Bắc Kạn – Lưu trữ");
    const renamed = await buildBoth(options);
    expect(renamed.keptPages).toBe(0);
    expect(renamed.reusedSpare).toBe(false);
    expect(fs.existsSync(spare)).toBe(false);
    edit(path.join(content, "articles/2018/tong-ket-phong-trao-2017.md"), "Năm 2017, phong trào", "Năm 2017, phong trào đã sửa");
    const stale = await buildBoth(options);
    expect(stale.reusedSpare).toBe(false);
    expect(stale.keptPages).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(spare, "index.html"), "utf8")).toContain("Công an tỉnh Bắc Kạn – Lưu trữ");
    const next = await buildBoth(options);
    expect(next.reusedSpare).toBe(true);

    // A spare whose record says it was rendered otherwise (changed by hand): not used, and replaced by the output before last.
    const record = path.join(spare, PAGE_HASHES);
    const recorded = fs.readFileSync(record, "utf8");
    fs.writeFileSync(record, recorded.replace(/"fingerprint":"[0-9a-f]+"/, '"fingerprint":"khac"'));
    expect(fs.readFileSync(record, "utf8")).not.toBe(recorded);
    const otherwise = await buildBoth(options);
    expect(otherwise.reusedSpare).toBe(false);
    expect(otherwise.keptPages).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(spare, PAGE_HASHES), "utf8")).toBe(recorded);
  }, 300_000);
});
