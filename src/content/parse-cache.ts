// What the last load parsed, kept between builds (a folder of files): each content file's parse
// result (its item with the body already rendered, its problems and uses),
// under a key made of the file's bytes, its place, and the code that parsed
// it. An unchanged file is then read and hashed, not parsed again; the checks
// across files still run on every load. A change to the parser's code (any
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

export class ParseCache {
  private readonly used = Array.from({ length: BUCKETS }, () => new Map<string, Buffer>());
  /** Buckets that must be written: a new entry, or a file there that this code cannot read. */
  private readonly changed = new Set<number>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly dir: string,
    private readonly old: Map<string, Buffer>[],
    unreadable: number[],
  ) {
    for (const b of unreadable) this.changed.add(b);
  }

  /** Opens the cache kept in the folder `dir` (a missing, unreadable or foreign file is an empty bucket). */
  static open(dir: string): ParseCache {
    const old: Map<string, Buffer>[] = [];
    const unreadable: number[] = [];
    for (let b = 0; b < BUCKETS; b++) {
      let entries = new Map<string, Buffer>();
      let bytes: Buffer | undefined;
      try {
        bytes = fs.readFileSync(bucketFile(dir, b));
      } catch {
        /* no cache yet */
      }
      if (bytes) {
        try {
          const data = v8.deserialize(bytes) as { fingerprint: string; entries: Map<string, Buffer> };
          if (data?.fingerprint === fingerprint() && data.entries instanceof Map) entries = data.entries;
          else unreadable.push(b);
        } catch {
          unreadable.push(b); // one this code cannot read: written again
        }
      }
      old.push(entries);
    }
    return new ParseCache(dir, old, unreadable);
  }

  /** The key of a file's parse: what the parser reads (its text, its name, its place) and the options that change its result. */
  static key(parts: string[]): string {
    const hash = crypto.createHash("sha256");
    for (const p of parts) hash.update(p).update("\0");
    return hash.digest("hex");
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
   * bucket left with no entries is removed.
   */
  save(): void {
    for (let b = 0; b < BUCKETS; b++) {
      if (!this.changed.has(b) && this.used[b].size === this.old[b].size) continue;
      const file = bucketFile(this.dir, b);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        if (!this.used[b].size) {
          fs.rmSync(file, { force: true });
          continue;
        }
        fs.mkdirSync(this.dir, { recursive: true });
        fs.writeFileSync(tmp, v8.serialize({ fingerprint: fingerprint(), entries: this.used[b] }));
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
