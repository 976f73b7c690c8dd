// A shard of the search index whose records are those of the same shard in
// the output is kept from it (Pagefind does not index it again), and the site
// is the same bytes as one built from scratch; a shard whose records changed
// is written again, and only that one; the shard locator, made from the
// written shards' records and the previous locator, is what a full build writes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, type BuildOptions } from "../../src/pipeline/build-site.ts";
import { spareOf } from "../../src/pipeline/incremental.ts";
import { INDEX_STAMP, SHARD_LIST } from "../../src/search/write-index.ts";
import type { ShardEntry } from "../../src/search/shards.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";

const NEW_ARTICLE = `---
title: Công an tỉnh ra quân bảo đảm an ninh dịp cuối năm
date: 2020-12-20T08:00
---
Công an tỉnh tổ chức lễ ra quân bảo đảm an ninh, trật tự dịp cuối năm.
`;

describe("the search index's shards", () => {
  it("are kept when their records did not change, byte for byte what a full build writes; a changed shard alone is written again", async () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    const out = path.join(root, "_site");
    const options: BuildOptions = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30), shardSize: 5 };
    const shards = (): ShardEntry[] => JSON.parse(fs.readFileSync(path.join(out, "pagefind", SHARD_LIST), "utf8")).shards;
    const stamps = () => new Map(shards().map((s) => [s.id, fs.readFileSync(path.join(out, "pagefind", s.id, INDEX_STAMP), "utf8")]));
    const sameAsFull = async () => {
      const full = path.join(root, "full");
      expect((await buildSite({ ...options, outputDir: full, reuse: false })).ok).toBe(true);
      expect(snapshot(out)).toEqual(snapshot(full));
      fs.rmSync(full, { recursive: true });
    };

    const first = await buildSite(options);
    const count = shards().length;
    expect(count).toBeGreaterThan(4);
    // The shards and the hub.
    expect(first.searchIndex).toEqual({ written: count + 1, kept: 0 });
    const before = stamps();

    const again = await buildSite(options);
    expect(again.ok).toBe(true);
    expect(again.searchIndex).toEqual({ written: 0, kept: count + 1 });
    await sameAsFull();

    // --full writes every shard again even so.
    expect((await buildSite({ ...options, reuse: false })).searchIndex).toEqual({ written: count + 1, kept: 0 });

    // An edited article of January 2018 changes its shard's records: that shard alone is written again.
    const file = path.join(content, "articles/2018/tong-ket-phong-trao-2017.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Năm 2017, phong trào", "Năm 2017, phong trào mới"));
    expect((await buildSite(options)).searchIndex).toEqual({ written: 1, kept: count });
    const edited = stamps();
    const changed = [...edited].filter(([id, stamp]) => before.get(id) !== stamp).map(([id]) => id);
    expect(changed).toEqual(["2018-01-2018-05"]);
    await sameAsFull();

    // A new article of the newest year: the newest shard alone.
    fs.writeFileSync(path.join(content, "articles/2020/ra-quan-cuoi-nam.md"), NEW_ARTICLE);
    expect((await buildSite(options)).searchIndex).toEqual({ written: 1, kept: count });
    expect([...stamps()].filter(([id, stamp]) => edited.get(id) !== stamp).map(([id]) => id)).toEqual([shards()[0].id]);
    await sameAsFull();

    // A shard whose entry file is gone is never kept.
    fs.rmSync(path.join(out, "pagefind", "2017", "pagefind-entry.json"));
    expect((await buildSite(options)).searchIndex).toEqual({ written: 1, kept: count });
    expect(fs.existsSync(path.join(out, "pagefind", "2017", "pagefind-entry.json"))).toBe(true);

    // The shard locator is made from the kept shards' entries in the previous one: without it, no shard is kept,
    // and the locator is whole again.
    fs.rmSync(path.join(out, "pagefind", "locator"), { recursive: true });
    expect((await buildSite(options)).searchIndex).toEqual({ written: count + 1, kept: 0 });
    expect(JSON.parse(fs.readFileSync(path.join(out, "pagefind", SHARD_LIST), "utf8")).locator).toEqual({ folder: "locator", bits: 0 });
    await sameAsFull();
  }, 300_000);

  it("are kept where they are in the spare when unchanged, never written into, and linked again when the spare's differs", async () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    const out = path.join(root, "_site");
    const options: BuildOptions = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30), shardSize: 5 };
    const index = (site: string) => path.join(site, "pagefind");
    const inode = (dir: string) => fs.statSync(dir).ino;
    const file = path.join(content, "articles/2018/tong-ket-phong-trao-2017.md");
    const change = (word: string) => fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/Năm 2017, phong trào\S*/, `Năm 2017, phong trào${word}`));
    await buildSite(options);
    await buildSite(options); // keeps the first output as the spare
    const spare = spareOf(out);
    const ids = (JSON.parse(fs.readFileSync(path.join(index(out), SHARD_LIST), "utf8")).shards as ShardEntry[]).map((s) => s.id);
    const other = ids.find((id) => id !== "2018-01-2018-05")!;
    // The spare's folders of the shards to keep, by inode; one given a file by hand, which must not reach the output.
    const folders = new Map(ids.map((id) => [id, inode(path.join(index(spare), id))]));
    fs.writeFileSync(path.join(index(spare), other, "them-bang-tay.txt"), "không phải của chương trình");
    // The live output's index, as it is: the build must not write into its files, which the spare's kept ones link to.
    const live = snapshot(index(out));

    change(" mới");
    const result = await buildSite(options);
    expect(result.reusedSpare).toBe(true);
    expect(result.searchIndex).toEqual({ written: 1, kept: ids.length });
    expect(snapshot(index(spare))).toEqual(live);
    for (const id of ids) {
      const kept = id !== "2018-01-2018-05" && id !== other;
      expect(inode(path.join(index(out), id)) === folders.get(id), id).toBe(kept);
    }
    expect(fs.existsSync(path.join(index(out), other, "them-bang-tay.txt"))).toBe(false);
    const full = path.join(root, "full");
    expect((await buildSite({ ...options, outputDir: full, reuse: false })).ok).toBe(true);
    expect(snapshot(out)).toEqual(snapshot(full));

    // A build without search (--no-search) from a spare that has an index: the output has none.
    change(" đã sửa");
    const bare = await buildSite({ ...options, search: false });
    expect(bare.reusedSpare).toBe(true);
    expect(fs.existsSync(index(out))).toBe(false);
  }, 300_000);
});
