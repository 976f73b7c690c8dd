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
    const index = shardedIndex(shardRecords(records, 50), 0, undefined, indexer);
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
