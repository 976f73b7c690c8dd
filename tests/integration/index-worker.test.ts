// The indexer keeps each shard's records in a file of their own until their
// turn (so that the build renders without holding them), and removes those
// files whether it finishes or is stopped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SearchRecord } from "../../src/search/documents.ts";
import { startSearchIndex, type ShardJob } from "../../src/search/write-index.ts";

const record = (url: string, content: string): SearchRecord => ({ url, content, language: "vi", meta: { title: content }, filters: { kind: ["article"] }, sort: { date: "2024-01-01" } });
const jobs = (): ShardJob[] => [
  { id: "2024", records: [record("/2024/a/", "Công an tỉnh ra quân"), record("/2024/b/", "Bảo vệ an ninh Tổ quốc")] },
  { id: "2023", records: [record("/2023/c/", "Tổng kết phong trào năm 2023")] },
];

let tmp: string;
let savedTmpdir: string | undefined;
beforeEach(() => {
  // The indexer's temporary folder goes under TMPDIR: a folder of this test's own, to look into.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "index-worker-test-"));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const spilled = () => fs.readdirSync(tmp).filter((f) => f.startsWith("search-records-"));

describe("the search indexer", () => {
  it("keeps each shard's records in a file until it indexes them, writes every shard, and removes the files", async () => {
    const given = jobs();
    const index = startSearchIndex(given);
    const [folder] = spilled();
    expect(spilled()).toHaveLength(1);
    const files = fs.readdirSync(path.join(tmp, folder)).sort();
    expect(files).toHaveLength(2);
    expect(files.map((f) => JSON.parse(fs.readFileSync(path.join(tmp, folder, f), "utf8")))).toEqual(given.map((j) => j.records));

    const out = path.join(tmp, "site");
    await index.write(out);
    for (const id of ["2024", "2023"]) expect(fs.existsSync(path.join(out, "pagefind", id, "pagefind-entry.json"))).toBe(true);
    expect(spilled()).toEqual([]);
  });

  it("removes the files when it is stopped before writing", async () => {
    const index = startSearchIndex(jobs());
    expect(spilled()).toHaveLength(1);
    index.cancel();
    const until = Date.now() + 10_000;
    while (spilled().length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(spilled()).toEqual([]);
  });

  it("leaves no file behind when the records cannot be written", () => {
    // Records that cannot be written as JSON stand here for a full disk: the first shard is written, the second fails.
    const broken = jobs();
    broken[1].records[0].sort = { date: 1n } as unknown as Record<string, string>;
    expect(() => startSearchIndex(broken)).toThrow(/BigInt/);
    expect(spilled()).toEqual([]);
  });
});
