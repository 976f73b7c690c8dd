// What the last load parsed, kept between builds: each content file's parse
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

export class ParseCache {
  private readonly used = new Map<string, Buffer>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string,
    private readonly old: Map<string, Buffer>,
  ) {}

  /** Opens the cache kept in `file` (an unreadable or foreign file is an empty cache). */
  static open(file: string): ParseCache {
    let old = new Map<string, Buffer>();
    try {
      const data = v8.deserialize(fs.readFileSync(file)) as { fingerprint: string; entries: Map<string, Buffer> };
      if (data?.fingerprint === fingerprint() && data.entries instanceof Map) old = data.entries;
    } catch {
      /* no cache yet, or one this code cannot read: start empty */
    }
    return new ParseCache(file, old);
  }

  /** The key of a file's parse: what the parser reads (its text, its name, its place) and the options that change its result. */
  static key(parts: string[]): string {
    const hash = crypto.createHash("sha256");
    for (const p of parts) hash.update(p).update("\0");
    return hash.digest("hex");
  }

  /** A fresh copy of the cached parse (callers may change it), or undefined. */
  get(key: string): CachedParse | undefined {
    const bytes = this.old.get(key) ?? this.used.get(key);
    if (!bytes) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.set(key, bytes);
    return v8.deserialize(bytes) as CachedParse;
  }

  set(key: string, value: CachedParse): void {
    this.used.set(key, v8.serialize(value));
  }

  /** Writes the entries this load used (a file deleted since is dropped), atomically; nothing when they are the ones it read. */
  save(): void {
    if (this.misses === 0 && this.used.size === this.old.size) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, v8.serialize({ fingerprint: fingerprint(), entries: this.used }));
      fs.renameSync(tmp, this.file);
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
 * The cache file of a content folder, in `dir` (.cache/content/), for the
 * build or for `npm run check` (which renders no bodies: its own file, so
 * that the two do not evict each other's entries). Caches of folders not
 * loaded for a while are removed.
 */
export function cacheFileFor(dir: string, contentRoot: string, use: "build" | "check" = "build"): string {
  const name = `${crypto.createHash("sha256").update(path.resolve(contentRoot)).digest("hex").slice(0, 16)}-${use}.v8`;
  try {
    const others = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".v8") && f !== name)
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of others.slice(KEPT_FOLDERS - 1)) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    /* no folder yet */
  }
  return path.join(dir, name);
}
