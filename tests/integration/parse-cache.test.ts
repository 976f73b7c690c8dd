// The parse cache (src/content/parse-cache.ts): a load that takes unchanged
// files from it gives the same content, problems and site as one that parses
// every file; a changed file, a changed option or new parser code is parsed again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { cacheFolderFor, STAT_SETTLED_MS } from "../../src/content/parse-cache.ts";
import { CONTENT_CACHE, ROOT } from "../../src/paths.ts";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { makeContent, SAMPLE_CONTENT, snapshot, writeFiles } from "../helpers/content.ts";

function sampleCopy() {
  const { root, content } = makeContent({}, {});
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  return { root, content, cacheDir: path.join(root, "cache") };
}

const BROKEN = "---\ntitle: Bài lỗi\ndate: 2019-13-01\ncampaigns: [khong-co]\n---\nThân bài.\n";

describe("the parse cache", () => {
  it("gives the same content and problems as parsing every file, and parses only what changed", () => {
    const { content, cacheDir } = sampleCopy();
    writeFiles(content, { "articles/2019/bai-loi.md": BROKEN });
    const fresh = loadContent({ contentDir: content });
    const first = loadContent({ contentDir: content, cacheDir });
    expect(first.cacheStats!.reused).toBe(0);
    const second = loadContent({ contentDir: content, cacheDir });
    const files = first.cacheStats!.parsed;
    expect(second.cacheStats).toEqual({ reused: files, parsed: 0, unread: 0 }); // files written just now are read: see the stat test
    for (const r of [first, second]) {
      expect(r.content).toEqual(fresh.content);
      expect(r.problems).toEqual(fresh.problems);
      expect(r.drafts).toEqual(fresh.drafts);
      expect(r.photoUses).toEqual(fresh.photoUses);
    }
    // The broken file's problems come back from the cache with their lines.
    expect(second.problems.filter((p) => p.file.endsWith("bai-loi.md")).map((p) => p.line)).toEqual(fresh.problems.filter((p) => p.file.endsWith("bai-loi.md")).map((p) => p.line));

    // One edited file is parsed again, and its edit shows.
    const file = path.join(content, "articles/2018/tong-ket-phong-trao-2017.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("title: Tổng kết", "title: Đã sửa - Tổng kết"));
    const third = loadContent({ contentDir: content, cacheDir });
    expect(third.cacheStats).toEqual({ reused: files - 1, parsed: 1, unread: 0 });
    expect(third.content.articles.find((a) => a.slug === "tong-ket-phong-trao-2017")!.title).toMatch(/^Đã sửa - Tổng kết/);
    expect(third.content).toEqual(loadContent({ contentDir: content }).content);
  });

  it("keys on what changes a parse: check's unrendered bodies, the site's award kinds, the moment that ends a schedule", () => {
    const { content, cacheDir } = sampleCopy();
    writeFiles(content, { "articles/2030/hen-gio.md": "---\ntitle: Hẹn giờ\ndate: 2030-01-01T08:00\n---\nSẽ đăng.\n" });
    const early = Date.UTC(2026, 0, 1);
    expect(loadContent({ contentDir: content, cacheDir, now: early, includeDrafts: true }).content.articles.find((a) => a.slug === "hen-gio")!.scheduled).toBe(true);
    const later = loadContent({ contentDir: content, cacheDir, now: Date.UTC(2031, 0, 1) });
    expect(later.cacheStats!.parsed).toBe(0);
    expect(later.content.articles.find((a) => a.slug === "hen-gio")!.scheduled).toBe(false);
    // npm run check renders no bodies: its parses are its own (it keeps them in a file of its own, so that check and build do not evict each other's).
    const check = loadContent({ contentDir: content, cacheDir: `${cacheDir}.check`, renderBodies: false });
    expect(check.cacheStats!.reused).toBe(0);
    expect(check.content.articles.every((a) => a.html === "")).toBe(true);
    // A new kind of award in site.yaml is parsed anew by the award lists, not by the articles.
    fs.appendFileSync(path.join(content, "site.yaml"), "awardKinds: [Thư khen]\n");
    const kinds = loadContent({ contentDir: content, cacheDir });
    const awardFiles = fs.readdirSync(path.join(content, "awards"), { recursive: true }).filter((f) => String(f).endsWith(".md")).length;
    expect(kinds.cacheStats!.parsed).toBe(awardFiles);
  });

  it("writes again only the part of the cache that a new file's parse goes to", () => {
    const { content, cacheDir } = sampleCopy();
    loadContent({ contentDir: content, cacheDir });
    const inodes = () => new Map(fs.readdirSync(cacheDir).map((f) => [f, fs.statSync(path.join(cacheDir, f)).ino]));
    const before = inodes();
    expect(before.size).toBeGreaterThan(10);
    // Nothing changed: nothing written.
    loadContent({ contentDir: content, cacheDir });
    expect(inodes()).toEqual(before);
    writeFiles(content, { "articles/2019/bai-moi.md": "---\ntitle: Bài mới\ndate: 2019-05-01\n---\nThân bài.\n" });
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats!.parsed).toBe(1);
    const after = inodes();
    const rewritten = [...after].filter(([f, ino]) => before.get(f) !== ino).map(([f]) => f);
    expect(rewritten).toHaveLength(1);
    // Its file deleted: its entry is dropped from that part alone.
    fs.rmSync(path.join(content, "articles/2019/bai-moi.md"));
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats!.parsed).toBe(0);
    expect([...inodes()].filter(([f, ino]) => after.get(f) !== ino).map(([f]) => f)).toEqual(rewritten.filter((f) => fs.existsSync(path.join(cacheDir, f))));
  });

  it("takes a settled file's parse by its stat without reading it, and reads a file whose stat changed", async () => {
    const { content, cacheDir } = sampleCopy();
    const fresh = loadContent({ contentDir: content });
    // Files written less than STAT_SETTLED_MS before a load are read by the next load too.
    const first = loadContent({ contentDir: content, cacheDir });
    const files = first.cacheStats!.parsed;
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats!.unread).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, STAT_SETTLED_MS + 100));
    // Settled now: this load reads them and keeps their stats; the next takes every one by its stat.
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats).toEqual({ reused: files, parsed: 0, unread: 0 });
    const unread = loadContent({ contentDir: content, cacheDir });
    expect(unread.cacheStats).toEqual({ reused: files, parsed: 0, unread: files });
    expect(unread.content).toEqual(fresh.content);
    expect(unread.problems).toEqual(fresh.problems);

    // An edit of the same size, its times set back to the old ones: the change of ctime still shows.
    const file = path.join(content, "articles/2018/tong-ket-phong-trao-2017.md");
    const stat = fs.statSync(file);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("title: Tổng kết", "title: Tổng-kết"));
    expect(fs.statSync(file).size).toBe(stat.size);
    fs.utimesSync(file, stat.atime, stat.mtime);
    const edited = loadContent({ contentDir: content, cacheDir });
    expect(edited.cacheStats).toEqual({ reused: files - 1, parsed: 1, unread: files - 1 });
    expect(edited.content.articles.find((a) => a.slug === "tong-ket-phong-trao-2017")!.title).toMatch(/^Tổng-kết/);
  }, 30_000);

  it("loads as usual when the cache cannot be written", () => {
    const { root, content } = sampleCopy();
    fs.writeFileSync(path.join(root, "not-a-folder"), "");
    const cacheDir = path.join(root, "not-a-folder", "cache.v8");
    const r = loadContent({ contentDir: content, cacheDir });
    expect(r.problems).toEqual([]);
    expect(r.content.articles.length).toBeGreaterThan(10);
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats!.reused).toBe(0);
  });

  it("ignores a damaged cache file, and writes it again", () => {
    const { content, cacheDir } = sampleCopy();
    fs.mkdirSync(cacheDir);
    for (let b = 0; b < 64; b++) fs.writeFileSync(path.join(cacheDir, `${b.toString(16).padStart(2, "0")}.v8`), "không phải bộ nhớ đệm");
    const r = loadContent({ contentDir: content, cacheDir });
    expect(r.problems).toEqual([]);
    expect(r.cacheStats!.reused).toBe(0);
    expect(loadContent({ contentDir: content, cacheDir }).cacheStats!.parsed).toBe(0);
  });

  it("builds the same bytes with the cache as without it", async () => {
    const { root, content } = sampleCopy();
    const out = (name: string) => path.join(root, name);
    const options = { contentDir: content, now: Date.UTC(2026, 10, 30) };
    expect((await buildSite({ ...options, outputDir: out("full"), reuse: false })).ok).toBe(true);
    expect((await buildSite({ ...options, outputDir: out("first") })).ok).toBe(true);
    expect((await buildSite({ ...options, outputDir: out("cached") })).ok).toBe(true);
    expect(snapshot(out("cached"))).toEqual(snapshot(out("full")));
    expect(snapshot(out("first"))).toEqual(snapshot(out("full")));
    // The cache is where LUU_TRU_CACHE says (this test run's folder, tests/global-setup.ts), not in the project.
    const kept = cacheFolderFor(CONTENT_CACHE, content);
    expect(kept.startsWith(path.join(process.env.LUU_TRU_CACHE!, "content"))).toBe(true);
    expect(fs.readdirSync(kept).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(ROOT, ".cache", "content", path.basename(kept)))).toBe(false);
  }, 120_000);
});
