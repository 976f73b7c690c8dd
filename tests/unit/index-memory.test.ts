// The sharded index lives until the pages are rendered (the build awaits its
// write() at the end): it must not keep the records it handed to the indexer.
// At 100,000 articles they are ~0.8 GB (BENCHMARKS.md, issue 15, eighth session).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { releaseMemory } from "../../src/pipeline/memory.js";
import type { SearchRecord } from "../../src/search/documents.ts";
import { shardRecords } from "../../src/search/shards.ts";
import { SHARD_LIST, shardedIndex, type SearchIndex } from "../../src/search/write-index.ts";

const record = (i: number): SearchRecord => ({
  url: `/tin-tuc/${2000 + (i % 20)}/bai-${i}/`,
  content: `bài số ${i} công an tỉnh`,
  language: "vi",
  meta: { title: `Bài ${i}` },
  filters: { year: [String(2000 + (i % 20))], kind: ["article"] },
  sort: { date: `${2000 + (i % 20)}-01-01T00:00:00+07:00` },
});

describe("shardedIndex", () => {
  it("keeps no record alive once they went to the indexer, and still writes every shard into shards.json", async () => {
    let records: SearchRecord[] | undefined = Array.from({ length: 200 }, (_, i) => record(i));
    const watched = new WeakRef(records[7]);
    let handed = 0;
    // An indexer that, like the real one, keeps nothing of the jobs once it has them (the worker spills them to files).
    const indexer = (jobs: { records: SearchRecord[] }[]): SearchIndex => {
      handed = jobs.reduce((n, j) => n + j.records.length, 0);
      return { write: async () => ({ locator: false }), cancel() {} };
    };
    // Pages as the build gives them: each makes its record on request.
    const index = shardedIndex(shardRecords(records.map((r) => ({ ...r, record: () => r, input: () => r.content })), 50), 0, undefined, indexer);
    records = undefined;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseMemory();
    expect(handed).toBe(201); // the records and the hub's
    expect(watched.deref()).toBeUndefined();

    const out = fs.mkdtempSync(path.join(os.tmpdir(), "index-memory-"));
    await index.write(out);
    const list = JSON.parse(fs.readFileSync(path.join(out, "pagefind", SHARD_LIST), "utf8")) as { shards: { pages: number }[] };
    expect(list.shards.reduce((n, s) => n + s.pages, 0)).toBe(200);
    fs.rmSync(out, { recursive: true });
  });
});

describe("shardedIndex, on a build after another", () => {
  it("makes the records of the shards it writes again only", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "index-records-"));
    // An indexer that writes what a kept shard needs (its entry files, the locator's folder), and counts the records it is given.
    let given = 0;
    const indexer = (jobs: { id: string; records: SearchRecord[] }[]): SearchIndex => ({
      async write(out) {
        for (const j of jobs) {
          given += j.records.length;
          const dir = path.join(out, "pagefind", j.id);
          fs.mkdirSync(dir, { recursive: true });
          for (const f of ["pagefind.js", "pagefind-entry.json"]) fs.writeFileSync(path.join(dir, f), "");
        }
        fs.mkdirSync(path.join(out, "pagefind", "locator"), { recursive: true });
        return { locator: true };
      },
      cancel() {},
    });
    let made = 0;
    const pages = (changed?: number) =>
      Array.from({ length: 200 }, (_, i) => record(i)).map((r, i) => ({ ...r, input: () => (i === changed ? "sửa" : r.content), record: () => (made++, r) }));
    const build = async (out: string, changed?: number, previous?: string) => {
      made = 0;
      given = 0;
      const index = shardedIndex(shardRecords(pages(changed), 50), 0, previous, indexer);
      await index.write(out);
      return { written: index.written, made, given };
    };
    const first = await build(path.join(root, "a"));
    expect(first.made).toBe(200);
    expect(first.given).toBe(201);
    // Record 7 (of 2007) changed: its shard alone is written again, and only its records are made.
    const second = await build(path.join(root, "b"), 7, path.join(root, "a"));
    const shardOf7 = shardRecords(pages(), 50).find((s) => s.records.some((r) => r.url === record(7).url))!;
    expect(second.written).toBe(1);
    expect(second.made).toBe(shardOf7.records.length);
    expect(second.made).toBeLessThan(200);
    fs.rmSync(root, { recursive: true });
  });
});
