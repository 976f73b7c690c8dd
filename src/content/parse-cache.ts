// What the last load parsed, kept between builds (a folder of files): each content file's parse
// result (its item with the body already rendered, its problems and uses),
// under a key made of the file's bytes, its place, and the code that parsed
// it. An unchanged file is then read and hashed, not parsed again; a file
// whose size, times and inode are those it had when its parse was kept is not
// even read (keyByStat). The checks across files still run on every load. A change to the parser's code (any
// file of src/content, src/text, src/awards, strings.ts or urls.ts), to the
// installed packages (package-lock.json) or to Node changes every key.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import type { Problem } from "./problems.ts";

/** One file's parse: the problems its reading raised, and the parser's result (plain data). */
export interface CachedParse {
  readProblems: Problem[];
  result: unknown;
}

const CODE_FOLDERS = ["content", "text", "awards"];
const CODE_FILES = ["strings.ts", "urls.ts"];
const SRC = path.resolve(import.meta.dirname, "..");
/** markdown-it, gray-matter, js-yaml, zod, luxon …: their versions are in the lock file. */
const LOCK_FILE = path.resolve(SRC, "..", "package-lock.json");

let codeFingerprint: string | undefined;
/** A hash of the code that turns files into the model: a new version of it never meets an old entry. */
function fingerprint(): string {
  if (codeFingerprint) return codeFingerprint;
  const hash = crypto.createHash("sha256");
  const files = [
    ...CODE_FOLDERS.flatMap((dir) => (fs.readdirSync(path.join(SRC, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f))),
    ...CODE_FILES,
  ]
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort();
  for (const f of files) hash.update(f).update("\0").update(fs.readFileSync(path.join(SRC, f))).update("\0");
  hash.update(fs.existsSync(LOCK_FILE) ? fs.readFileSync(LOCK_FILE) : "").update(process.version);
  codeFingerprint = hash.digest("hex");
  return codeFingerprint;
}

/**
 * The entries are kept in this many files by their key's first byte: a load
 * that parsed one new file writes one of them again, not the whole cache
 * (156 MB at 20,000 articles: 1.8 s of a one-article build, BENCHMARKS.md).
 */
const BUCKETS = 64;
const bucketOf = (key: string) => parseInt(key.slice(0, 2), 16) % BUCKETS;
const bucketFile = (dir: string, bucket: number) => path.join(dir, `${bucket.toString(16).padStart(2, "0")}.v8`);
/** Each file's stat when its parse was kept, and that parse's key (see keyByStat). */
const statFile = (dir: string) => path.join(dir, "stats.v8");

/**
 * A bucket file: this tag, the length of its header, the header (the
 * fingerprint, each entry's key and length, serialized by v8), then the
 * entries' bytes one after another. Reading it makes no copy of them: each
 * entry is a view of the file's bytes, deserialized only when asked for.
 */
const TAG = Buffer.from("luu-tru-parse-cache-2\n");

function readBucket(bytes: Buffer): Map<string, Buffer> | undefined {
  if (!bytes.subarray(0, TAG.length).equals(TAG)) return undefined;
  const headerEnd = TAG.length + 4 + bytes.readUInt32LE(TAG.length);
  const header = v8.deserialize(bytes.subarray(TAG.length + 4, headerEnd)) as { fingerprint: string; keys: string[]; lengths: number[] };
  if (header?.fingerprint !== fingerprint() || !Array.isArray(header.keys) || !Array.isArray(header.lengths)) return undefined;
  const entries = new Map<string, Buffer>();
  let at = headerEnd;
  header.keys.forEach((key, i) => {
    entries.set(key, bytes.subarray(at, at + header.lengths[i]));
    at += header.lengths[i];
  });
  return at === bytes.length ? entries : undefined;
}

function bucketBytes(entries: Map<string, Buffer>): Buffer {
  const values = [...entries.values()];
  const header = v8.serialize({ fingerprint: fingerprint(), keys: [...entries.keys()], lengths: values.map((v) => v.length) });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([TAG, length, header, ...values]);
}

/** What says that a file did not change since its parse was kept: its size, times and inode. */
export function statSignature(stat: fs.Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.dev}`;
}

/**
 * A file's stat is kept only if the file was last changed this long before
 * the load that read it: a file changed again within the clock's grain of
 * that reading could keep the same times (git's "racy" files). Such a file
 * is read and hashed again by the next load.
 */
export const STAT_SETTLED_MS = 2_000;

interface StatEntry {
  signature: string;
  key: string;
}

export class ParseCache {
  private readonly used = Array.from({ length: BUCKETS }, () => new Map<string, Buffer>());
  /** Buckets that must be written: a new entry, or a file there that this code cannot read. */
  private readonly changed = new Set<number>();
  private readonly usedStats = new Map<string, StatEntry>();
  private statsChanged = false;
  hits = 0;
  misses = 0;
  /** Of the hits, how many were found by the file's stat alone, without reading it. */
  statHits = 0;

  private constructor(
    private readonly dir: string,
    private readonly old: Map<string, Buffer>[],
    private readonly oldStats: Map<string, StatEntry>,
    unreadable: number[],
  ) {
    for (const b of unreadable) this.changed.add(b);
  }

  /** Opens the cache kept in the folder `dir` (a missing, unreadable or foreign file is an empty bucket). */
  static open(dir: string): ParseCache {
    const old: Map<string, Buffer>[] = [];
    const unreadable: number[] = [];
    for (let b = 0; b < BUCKETS; b++) {
      let entries: Map<string, Buffer> | undefined;
      let bytes: Buffer | undefined;
      try {
        bytes = fs.readFileSync(bucketFile(dir, b));
      } catch {
        /* no cache yet */
      }
      if (bytes) {
        try {
          entries = readBucket(bytes);
        } catch {
          /* one this code cannot read */
        }
        if (!entries) unreadable.push(b); // written again
      }
      old.push(entries ?? new Map());
    }
    let stats = new Map<string, StatEntry>();
    try {
      const data = v8.deserialize(fs.readFileSync(statFile(dir))) as { fingerprint: string; stats: Map<string, StatEntry> };
      if (data?.fingerprint === fingerprint() && data.stats instanceof Map) stats = data.stats;
    } catch {
      /* none yet, or unreadable: every file is read */
    }
    return new ParseCache(dir, old, stats, unreadable);
  }

  /** The key of a file's parse: what the parser reads (its text, its name, its place) and the options that change its result. */
  static key(parts: string[]): string {
    const hash = crypto.createHash("sha256");
    for (const p of parts) hash.update(p).update("\0");
    return hash.digest("hex");
  }

  /**
   * The key of the parse kept for the file at `place` (ParseCache.key of
   * its name, place and options), if the file's stat is the one it had then
   * and that parse is still kept: the file need not be read.
   */
  keyByStat(place: string, signature: string): string | undefined {
    const entry = this.oldStats.get(place);
    if (entry?.signature !== signature || !this.has(entry.key)) return undefined;
    this.usedStats.set(place, entry);
    this.statHits++;
    return entry.key;
  }

  /** Keeps a file's stat beside its parse's key, for keyByStat (only a stat settled long enough: STAT_SETTLED_MS before `loadStarted`). */
  keepStat(place: string, stat: fs.Stats, key: string, loadStarted: number): void {
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > loadStarted - STAT_SETTLED_MS) return;
    const entry = { signature: statSignature(stat), key };
    const old = this.oldStats.get(place);
    if (old?.signature !== entry.signature || old.key !== key) this.statsChanged = true;
    this.usedStats.set(place, entry);
  }

  private has(key: string): boolean {
    const b = bucketOf(key);
    return this.old[b].has(key) || this.used[b].has(key);
  }

  /** A fresh copy of the cached parse (callers may change it), or undefined. */
  get(key: string): CachedParse | undefined {
    const b = bucketOf(key);
    const bytes = this.old[b].get(key) ?? this.used[b].get(key);
    if (!bytes) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used[b].set(key, bytes);
    return v8.deserialize(bytes) as CachedParse;
  }

  set(key: string, value: CachedParse): void {
    const b = bucketOf(key);
    this.used[b].set(key, v8.serialize(value));
    this.changed.add(b);
  }

  /**
   * Writes each bucket whose entries this load changed: with a new entry, or
   * without one it did not use (a file deleted since), each atomically. A
   * bucket left with no entries is removed. The same for the stats.
   */
  save(): void {
    for (let b = 0; b < BUCKETS; b++) {
      if (!this.changed.has(b) && this.used[b].size === this.old[b].size) continue;
      this.write(bucketFile(this.dir, b), this.used[b].size ? () => bucketBytes(this.used[b]) : undefined);
    }
    if (this.statsChanged || this.usedStats.size !== this.oldStats.size) {
      this.write(statFile(this.dir), this.usedStats.size ? () => v8.serialize({ fingerprint: fingerprint(), stats: this.usedStats }) : undefined);
    }
  }

  /** Writes a file of the cache atomically, or removes it (no bytes). */
  private write(file: string, bytes: (() => Buffer) | undefined) {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      if (!bytes) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, bytes());
      fs.renameSync(tmp, file);
    } catch {
      // A cache that cannot be written (a read-only project, a full disk) only makes the next load slower.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing was written */
      }
    }
  }
}

/** Content folders whose caches are kept (each build of a folder refreshes its own; the oldest beyond this are deleted). */
const KEPT_FOLDERS = 8;

/**
 * The cache folder of a content folder, in `dir` (.cache/content/), for the
 * build or for `npm run check` (which renders no bodies: its own folder, so
 * that the two do not evict each other's entries). Caches of folders not
 * loaded for a while are removed, and caches of the earlier one-file format.
 */
export function cacheFolderFor(dir: string, contentRoot: string, use: "build" | "check" = "build"): string {
  const name = `${crypto.createHash("sha256").update(path.resolve(contentRoot)).digest("hex").slice(0, 16)}-${use}`;
  try {
    const others = fs
      .readdirSync(dir)
      .filter((f) => /^[0-9a-f]{16}-(build|check)(\.v8)?$/.test(f) && f !== name)
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs, oneFile: f.endsWith(".v8") }))
      .sort((a, b) => b.t - a.t);
    const removed = [...others.filter((o) => o.oneFile), ...others.filter((o) => !o.oneFile).slice(KEPT_FOLDERS - 1)];
    for (const { f } of removed) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  } catch {
    /* no folder yet */
  }
  return path.join(dir, name);
}
