// @ts-check
// The shard locator: which shards hold each word start and each pair and
// triple of words standing together. A search reads the locator's chunks for
// its words and pairs (five for three words) and then opens only the shards
// that can match: those that hold a start of each word (Pagefind matches a
// query's word to every word it starts), and, for the phrase, those that also
// hold each pair and triple of its words (client/search.js). Without it a search for a phrase
// only one old article has goes shard by shard, newest first, until it
// finds it.
//
// Entries are 32-bit hashes of folded keys (locatorKey, startEntry,
// pairEntry, tripleEntry in client/search.js): two entries with one hash make a shard
// look like it holds what it lacks, which costs a shard opened for nothing,
// never a match missed. The locator is in 2^bits chunks, each a gzip file
// of sorted entries, an entry's top bits being its chunk (`placed`):
//   varint(remainder − previous remainder)  the entry without its top bits
//   varint(count × 2 + complement)          then `count` shard positions:
//   varint(first), varint(next − previous)… (complement: the shards that do not hold it)
// Shard positions are those of shards.json. The index worker writes it,
// from each written shard's records and, for a shard kept from the previous
// output, from the previous output's locator.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chunkFile, decodeChunk, keyHash, locatorForms, MAX_START, pairEntry, placed, startEntry, tripleEntry, WORD_SEPARATORS } from "./client/search.js";

/** The locator's folder in the index folder. */
export const LOCATOR_FOLDER = "locator";

/** A chunk for about this many records (BENCHMARKS.md: its size). The site's file budget counts the chunks. */
const RECORDS_PER_CHUNK = 50;

/** How many top bits of an entry choose its chunk, for this many records. @param {number} records */
export function locatorBits(records) {
  let bits = 0;
  while (bits < 16 && 2 ** (bits + 1) * RECORDS_PER_CHUNK <= records) bits++;
  return bits;
}

/** @type {Uint32Array} */
const NONE = new Uint32Array(0);

/** Grows a list of entries. */
class Entries {
  /** @type {Uint32Array} */
  list = new Uint32Array(1 << 16);
  length = 0;
  /** @param {number} entry */
  push(entry) {
    if (this.length === this.list.length) {
      const grown = new Uint32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.length++] = entry;
  }
}

/**
 * A set of entries (open addressing, linear probing): a shard's words repeat
 * their pairs thousands of times, and each is kept once, without a list of
 * every occurrence to sort.
 */
class EntrySet {
  /** @type {Uint32Array} */
  slots = new Uint32Array(1 << 16);
  size = 0;
  /** 0 marks an empty slot: the entry 0 is kept apart. */
  zero = false;
  /** @param {number} entry */
  add(entry) {
    if (entry === 0) {
      this.zero = true;
      return;
    }
    const mask = this.slots.length - 1;
    let i = entry & mask;
    while (this.slots[i] !== 0) {
      if (this.slots[i] === entry) return;
      i = (i + 1) & mask;
    }
    this.slots[i] = entry;
    if (++this.size * 2 > this.slots.length) this.grow();
  }
  grow() {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.size = 0;
    for (const entry of old) if (entry !== 0) this.add(entry);
  }
  /** The entries, sorted. @returns {Uint32Array} */
  sorted() {
    const out = new Uint32Array(this.size + (this.zero ? 1 : 0));
    let n = 0;
    if (this.zero) out[n++] = 0;
    for (const entry of this.slots) if (entry !== 0) out[n++] = entry;
    return out.sort();
  }
}

/**
 * The sorted distinct entries of a shard's records, placed for `bits`: the
 * start of every form of every word (each of its prefixes), and every two
 * and three words standing together, in a record's text and in each of its
 * meta values (Pagefind indexes these too: a result's kind, date, photo's
 * alt text, each a run of words of its own).
 * @param {{ content: string, meta?: Record<string, string> }[]} records
 * @param {number} bits
 * @returns {Uint32Array}
 */
export function shardEntries(records, bits) {
  /** A word's forms' key hashes, once per distinct word of the shard. @type {Map<string, Uint32Array>} */
  const forms = new Map();
  const out = new EntrySet();
  for (const text of records.flatMap((r) => [r.content, ...Object.values(r.meta ?? {})])) {
    let before = NONE;
    let previous = NONE;
    for (const word of text.split(WORD_SEPARATORS)) {
      let current = forms.get(word);
      if (!current) {
        const keys = locatorForms(word);
        current = Uint32Array.from(keys.map(keyHash));
        forms.set(word, current);
        for (const key of keys)
          for (let end = 1; end <= Math.min(key.length, MAX_START); end++) {
            const start = keyHash(key.slice(0, end));
            out.add(placed(start, startEntry(start), bits));
          }
      }
      for (const a of previous) for (const b of current) out.add(pairEntry(a, b));
      for (const a of before) for (const b of previous) for (const c of current) out.add(placed(pairEntry(a, b), tripleEntry(a, b, c), bits));
      before = previous;
      previous = current;
    }
  }
  return out.sorted();
}

/** @param {number} entry @param {number} bits */
const chunkOf = (entry, bits) => Math.floor(entry / 2 ** (32 - bits));

/**
 * Writes the locator of these shards (their entries, in shards.json's
 * order, placed for `bits`) into `folder`.
 * @param {string} folder
 * @param {Uint32Array[]} entries
 * @param {number} bits
 * @returns {{ bytes: number, files: number }}
 */
export function writeLocator(folder, entries, bits) {
  fs.mkdirSync(folder, { recursive: true });
  const next = entries.map(() => 0);
  let bytes = 0;
  for (let chunk = 0; chunk < 2 ** bits; chunk++) {
    /** @type {Map<number, number[]>} */
    const holders = new Map();
    entries.forEach((list, shard) => {
      let i = next[shard];
      for (; i < list.length && chunkOf(list[i], bits) === chunk; i++) {
        const held = holders.get(list[i]);
        if (held) held.push(shard);
        else holders.set(list[i], [shard]);
      }
      next[shard] = i;
    });
    const data = zlib.gzipSync(encodeChunk(holders, chunk, bits, entries.length), { level: 9 });
    fs.writeFileSync(path.join(folder, chunkFile(chunk)), data);
    bytes += data.length;
  }
  return { bytes, files: 2 ** bits };
}

/**
 * @param {Map<number, number[]>} holders entry → the shards that hold it, ascending
 * @param {number} chunk
 * @param {number} bits
 * @param {number} shards how many shards the locator covers
 */
function encodeChunk(holders, chunk, bits, shards) {
  /** @type {number[]} */
  const bytes = [];
  /** @param {number} v */
  const varint = (v) => {
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  const base = chunk * 2 ** (32 - bits);
  let previous = 0;
  for (const entry of [...holders.keys()].sort((a, b) => a - b)) {
    const remainder = entry - base;
    varint(remainder - previous);
    previous = remainder;
    const held = /** @type {number[]} */ (holders.get(entry));
    const complement = held.length * 2 > shards;
    let list = held;
    if (complement) {
      const set = new Set(held);
      list = [];
      for (let s = 0; s < shards; s++) if (!set.has(s)) list.push(s);
    }
    varint(list.length * 2 + (complement ? 1 : 0));
    list.forEach((s, i) => varint(i === 0 ? s : s - list[i - 1]));
  }
  return Buffer.from(bytes);
}

/**
 * The entries of each shard that a locator written by writeLocator covers,
 * read back from its folder: a kept shard's entries, for the next locator.
 * Undefined when a chunk is missing or unreadable.
 * @param {string} folder
 * @param {number} bits
 * @param {number} shards
 * @returns {Uint32Array[] | undefined}
 */
export function readLocator(folder, bits, shards) {
  const lists = Array.from({ length: shards }, () => new Entries());
  try {
    for (let chunk = 0; chunk < 2 ** bits; chunk++) {
      const base = chunk * 2 ** (32 - bits);
      for (const [remainder, held] of decodeChunk(zlib.gunzipSync(fs.readFileSync(path.join(folder, chunkFile(chunk)))), shards)) for (const s of held) lists[s].push(base + remainder);
    }
  } catch {
    return undefined;
  }
  return lists.map((l) => l.list.slice(0, l.length));
}
