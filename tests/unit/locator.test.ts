// The shard locator's keys, entries and files: the keys are what Pagefind
// matches (folded, letters and digits only); a shard's entries hold every
// start of its words and every pair and triple of words standing together,
// never across a field break; chunks read back to the entries written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyHash, locatorForms, locatorKey, MAX_START, pairEntry, placed, startEntry, tripleEntry, FIELD_BREAK, indexForm } from "../../src/search/client/search.js";
import { locatorBits, readLocator, shardEntries, writeLocator } from "../../src/search/locator.js";

const BITS = 3;
const has = (entries: Uint32Array, entry: number) => entries.includes(entry);
const h = (word: string) => keyHash(locatorKey(word));
const start = (key: string) => placed(keyHash(key), startEntry(keyHash(key)), BITS);
const pair = (a: string, b: string) => pairEntry(h(a), h(b));
const triple = (a: string, b: string, c: string) => placed(pairEntry(h(a), h(b)), tripleEntry(h(a), h(b), h(c)), BITS);

describe("the locator's keys", () => {
  it("fold marks and đ, drop case and punctuation, as Pagefind matches words", () => {
    expect(locatorKey(indexForm("Đồng"))).toBe("dong");
    expect(locatorKey("7/12")).toBe("712");
    expect(locatorKey("“Bắc")).toBe("bac");
    expect(locatorKey(FIELD_BREAK)).toBe("");
  });

  it("give a word joined by punctuation its parts too, which Pagefind indexes at its place", () => {
    expect(locatorForms("an-ninh").sort()).toEqual(["an", "anninh", "ninh"]);
    expect(locatorForms("NukeViet-2")).toEqual(expect.arrayContaining(["nukeviet2", "nukeviet", "nuke", "viet", "2"]));
    expect(locatorForms(indexForm("đồng"))).toEqual(["dong"]);
    expect(locatorForms(FIELD_BREAK)).toEqual([]);
  });
});

describe("a shard's entries", () => {
  const entries = shardEntries([{ content: indexForm(`Công an tỉnh Bắc Kạn ${FIELD_BREAK} đồng chí Giám đốc`) }], BITS);

  it("hold every start of every word", () => {
    for (const key of ["c", "co", "con", "cong", "b", "ba", "bac", "dong", "giam", "gia"]) expect(has(entries, start(key))).toBe(true);
    expect(has(entries, start("congx"))).toBe(false);
    expect(has(entries, start("hanoi"))).toBe(false);
  });

  it("hold the pairs and triples of words standing together, but none across a field break", () => {
    expect(has(entries, pair("cong", "an"))).toBe(true);
    expect(has(entries, pair("bac", "kan"))).toBe(true);
    expect(has(entries, pair(indexForm("đồng"), "chi"))).toBe(true);
    expect(has(entries, triple("cong", "an", "tinh"))).toBe(true);
    expect(has(entries, triple("tinh", "bac", "kan"))).toBe(true);
    // Not together, or not in this order.
    expect(has(entries, pair("an", "cong"))).toBe(false);
    expect(has(entries, pair("cong", "tinh"))).toBe(false);
    expect(has(entries, triple("cong", "tinh", "bac"))).toBe(false);
    // "Kạn · đồng": a field break between.
    expect(has(entries, pair("kan", indexForm("đồng")))).toBe(false);
    expect(has(entries, triple("bac", "kan", indexForm("đồng")))).toBe(false);
  });

  it("hold a long word's starts up to MAX_START characters", () => {
    const long = shardEntries([{ content: "2019-08-19T08:00:00+07:00" }], BITS);
    const key = locatorKey("2019-08-19T08:00:00+07:00");
    expect(key.length).toBeGreaterThan(MAX_START);
    expect(has(long, start(key.slice(0, MAX_START)))).toBe(true);
    expect(has(long, start(key.slice(0, MAX_START + 1)))).toBe(false);
  });

  it("hold the words of each meta value, which Pagefind indexes too, each a run of its own", () => {
    const withMeta = shardEntries([{ content: "Công an", meta: { kind: "Tin bài", image_alt: "băng rôn Ngày hội" } }], BITS);
    expect(has(withMeta, start("ron"))).toBe(true);
    expect(has(withMeta, pair("tin", "bai"))).toBe(true);
    expect(has(withMeta, triple("bang", "ron", "ngay"))).toBe(true);
    expect(has(withMeta, pair("bai", "bang"))).toBe(false);
    expect(has(withMeta, pair("an", "tin"))).toBe(false);
  });

  it("are sorted, without repeats, and a triple is in the chunk of the pair it starts with", () => {
    expect([...entries]).toEqual([...new Set(entries)].sort((a, b) => a - b));
    const chunk = (e: number) => Math.floor(e / 2 ** (32 - BITS));
    expect(chunk(triple("cong", "an", "tinh"))).toBe(chunk(pair("cong", "an")));
    expect(chunk(start("cong"))).toBe(Math.floor(keyHash("cong") / 2 ** (32 - BITS)));
  });
});

describe("the locator's files", () => {
  it("read back to the entries of each shard, whichever shards hold an entry (one, some, most)", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "locator-test-"));
    try {
      const texts = ["Công an tỉnh Bắc Kạn", "Công an huyện Ba Bể", "Công an tỉnh Thái Nguyên", "đồng chí Giám đốc Công an tỉnh"];
      const lists = texts.map((t) => shardEntries([{ content: indexForm(t) }], BITS));
      writeLocator(folder, lists, BITS);
      expect(fs.readdirSync(folder)).toHaveLength(2 ** BITS);
      const back = readLocator(folder, BITS, lists.length);
      expect(back?.map((l) => [...l])).toEqual(lists.map((l) => [...l]));
      // A chunk missing: the locator cannot be read back (the build then indexes every shard again).
      fs.rmSync(path.join(folder, fs.readdirSync(folder)[0]));
      expect(readLocator(folder, BITS, lists.length)).toBeUndefined();
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("are a chunk for about every 50 records", () => {
    expect(locatorBits(60)).toBe(0);
    expect(locatorBits(100)).toBe(1);
    expect(locatorBits(12_715)).toBe(7);
    expect(locatorBits(127_000)).toBe(11);
  });
});
