// Writes the search index, a Pagefind index per shard (shards.ts), into
// <outputDir>/pagefind/<shard id>/, with shards.json beside them. Pagefind's
// native indexer runs in its own process, driven from a worker thread
// (index-worker.js) that indexes one shard at a time, so its memory is
// bounded by the shards', not by the archive's. A shard whose stamp (what its
// records are made from, shardStamp) is the one of the same shard in the
// previous output is kept from it as it was, and its records are never made.
// The build starts it before Eleventy renders and waits for it afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IndexAnswer, IndexRequest, IndexWorkerData, LocatorRequest } from "../pipeline/messages.ts";
import { codeFingerprint } from "../pipeline/incremental.ts";
import { asideName, linkOrCopy, removeInBackgroundFrom } from "../pipeline/output-folder.ts";
import { urls } from "../urls.ts";
import type { SearchPage, SearchRecord } from "./documents.ts";
import { KINDS } from "./kinds.ts";
import { LOCATOR_FOLDER, locatorBits } from "./locator.js";
import { HUB, hubRecord, shardEntry, shardManifest, type LocatorEntry, type Placed, type Shard } from "./shards.ts";

/** Static hosts that cap a site's file count allow 20,000; this leaves a margin. */
export const MAX_SITE_FILES = 19_000;

/**
 * The files a site may have: MAX_SITE_FILES per 10,000 articles (the issue's
 * "under 20,000 files per 10,000 articles"), and never fewer. A budget for
 * the whole site alone was spent long before 100,000 articles, where every
 * search then downloaded fragments bundled 250 to a file (BENCHMARKS.md).
 */
export const siteFileLimit = (articles: number) => Math.max(MAX_SITE_FILES, Math.floor((MAX_SITE_FILES * articles) / 10_000));

/** The files a shard's folder has besides fragments and index chunks: Pagefind's script, worker, WebAssembly, entry, metadata, a few filters, our stamp. */
const FILES_PER_SHARD = 12;
/** The hub's files (shards.ts): a shard's, with one record. */
const HUB_FILES = FILES_PER_SHARD + 2;

/**
 * How many fragment files Pagefind may write: one per record (the fewest
 * bytes per search) while the site stays under its file limit (siteFileLimit),
 * else bundled into what is left. Bundling makes every search download more
 * (BENCHMARKS.md). Pagefind writes other index files besides: 5 % of the records.
 */
export function fragmentBudget(records: number, otherFiles: number, shards = 1, articles = 0): number | undefined {
  const free = siteFileLimit(articles) - otherFiles - Math.ceil(records * 0.05) - shards * FILES_PER_SHARD - HUB_FILES;
  return records <= free ? undefined : Math.max(500, free);
}

/**
 * Each shard's share of the fragment budget, as a fraction of its records
 * rounded down to 1/32: one more article changes the budget by a file or
 * two, and must not change every shard's bundling (and so every shard).
 */
export function shardFragments(shards: Shard<Placed>[], otherFiles: number): Map<string, number | undefined> {
  const records = shards.reduce((n, s) => n + s.records.length, 0);
  const articles = shards.reduce((n, s) => n + s.records.filter((r) => r.filters.kind?.includes(KINDS.article.id)).length, 0);
  const budget = fragmentBudget(records, otherFiles, shards.length, articles);
  const share = budget === undefined ? undefined : Math.max(1, Math.floor((budget / records) * 32)) / 32;
  return new Map(shards.map((s) => [s.id, share === undefined ? undefined : Math.max(1, Math.floor(s.records.length * share))]));
}

/** A shard to index: its id (its folder), its records and its fragment budget. */
export interface ShardJob {
  id: string;
  records: SearchRecord[];
  maxFragments?: number;
}

export interface SearchIndex {
  /** Indexes the shards into <outputDir>/pagefind/ (starting now) and resolves once they are written, saying whether the locator asked for was written too; rejects on any of Pagefind's errors. Call once. */
  write(outputDir: string): Promise<{ locator: boolean } | void>;
  /** Stops the indexer without writing (the build failed elsewhere). */
  cancel(): void;
}

/**
 * How many shards Pagefind indexes at once. One: a shard of 2,000 records
 * takes Pagefind ~400 MiB, and Eleventy renders on the other core meanwhile.
 * Two at a time finished no sooner at 10k (the render is the longer of the
 * two) and raised the build's peak (BENCHMARKS.md, issue 15, sixth session).
 */
const PARALLEL_SHARDS = 1;

/** A shard as the index worker receives it: its records wait in a file until its turn. */
export interface SpilledShard {
  id: string;
  file: string;
  maxFragments?: number;
}

/**
 * Starts an indexer for these shards, one at a time once write() says where.
 * Each shard's records are written now to a file of their own, in a
 * temporary folder removed when the indexer ends: while the pages render,
 * neither the build nor the worker holds the records of a shard not being
 * indexed (at 100,000 articles they are ~0.6 GB as strings).
 */
export function startSearchIndex(jobs: ShardJob[], locator?: LocatorRequest): SearchIndex {
  const spill = fs.mkdtempSync(path.join(os.tmpdir(), "search-records-"));
  let shards: SpilledShard[];
  try {
    shards = jobs.map((job, i) => {
      const file = path.join(spill, `${i}.json`);
      fs.writeFileSync(file, JSON.stringify(job.records));
      return { id: job.id, file, maxFragments: job.maxFragments };
    });
  } catch (error) {
    fs.rmSync(spill, { recursive: true, force: true }); // a full disk: the build reports it, and leaves no half of the records behind
    throw error;
  }
  const workerData: IndexWorkerData = { parallel: PARALLEL_SHARDS };
  const worker = new Worker(new URL("./index-worker.js", import.meta.url), { workerData });
  const send = (request: IndexRequest) => worker.postMessage(request);
  send({ shards, locator });
  const outcome = new Promise<{ locator: boolean }>((resolve, reject) => {
    worker.once("message", (m: IndexAnswer) => ("ok" in m ? resolve({ locator: m.locator }) : reject(new Error("error" in m ? m.error : "search index cancelled"))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`search index worker stopped (${code})`)));
  }).finally(() => {
    void worker.terminate();
    fs.rmSync(spill, { recursive: true, force: true });
  });
  outcome.catch(() => {}); // reported by write()
  return {
    write(outputDir) {
      send({ outputPath: path.join(outputDir, urls.searchIndex()) });
      return outcome;
    },
    cancel() {
      // The worker stops Pagefind's process and waits for it to exit; it is terminated then, or after a second at most.
      const stop = setTimeout(() => void worker.terminate(), 1000);
      worker.on("message", (m: IndexAnswer) => {
        if ("cancelled" in m) {
          clearTimeout(stop);
          void worker.terminate();
        }
      });
      send({ cancel: true });
    },
  };
}

/** In each shard's folder: the hash of what the shard was made from (see shardStamp). */
export const INDEX_STAMP = ".records-sha256";

/** The name of the list of shards in the index folder. */
export const SHARD_LIST = "shards.json";

/**
 * What decides every shard's bytes besides its own pages: Pagefind's
 * version, the worker that drives it and the code that makes the records;
 * and what decides a shard's entries in the shard locator, read back for a
 * kept shard.
 */
function indexerFingerprint(): string {
  // Pagefind's version (its package exports no package.json: read from its folder).
  const pagefind = fs.readFileSync(path.join(path.dirname(path.dirname(fileURLToPath(import.meta.resolve("pagefind")))), "package.json"), "utf8");
  // The code: the worker, the locator, and what makes the records from the pages (all of src/).
  return crypto.createHash("sha256").update(JSON.parse(pagefind).version).update(codeFingerprint()).digest("hex");
}

/** The shard locator of a built site's index, as its shards.json lists it, with its shards' ids: if it has one of `bits` bits and its folder is there. */
function locatorOf(siteDir: string, bits: number): LocatorRequest["previous"] {
  const folder = path.join(siteDir, urls.searchIndex());
  try {
    const list = JSON.parse(fs.readFileSync(path.join(folder, SHARD_LIST), "utf8")) as { shards?: { id: string }[]; locator?: LocatorEntry };
    if (list.locator?.folder !== LOCATOR_FOLDER || list.locator.bits !== bits || !Array.isArray(list.shards)) return undefined;
    const locator = path.join(folder, LOCATOR_FOLDER);
    return fs.existsSync(locator) ? { folder: locator, shards: list.shards.map((s) => s.id) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What decides a shard's bytes: its pages and what each one's record is made
 * from (documents.ts's SearchPage), its fragment budget, Pagefind's version,
 * the worker and the code that makes records. Pagefind writes the same bytes
 * for the same input, so a shard with the same stamp can be kept as it is,
 * without making its records.
 */
export function shardStamp(shard: { id: string; records: SearchPage[]; maxFragments?: number }, fingerprint: string): string {
  const hash = crypto.createHash("sha256").update(JSON.stringify({ indexer: fingerprint, id: shard.id, budget: shard.maxFragments ?? null }));
  for (const page of shard.records) hash.update(`${page.url}\0${page.input()}\n`);
  return hash.digest("hex");
}

/** The hub's one record, as a page of the index. */
const hubPage = (): SearchPage => {
  const record = hubRecord();
  return { ...record, record: () => record, input: () => JSON.stringify(record) };
};

/** The stamp of a shard in a built site's folder, if it has one and its entry files are there. */
export function stampOf(siteDir: string, shardId: string): string | undefined {
  const dir = path.join(siteDir, urls.searchIndex(), shardId);
  if (!["pagefind.js", "pagefind-entry.json"].every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  try {
    return fs.readFileSync(path.join(dir, INDEX_STAMP), "utf8").trim();
  } catch {
    return undefined;
  }
}

export interface ShardedIndex extends SearchIndex {
  /**
   * Writes the index folder: the shards, shards.json and the shard locator.
   * `besides`: the output the folder is built for (the spare's leftovers are moved aside beside it).
   */
  write(outputDir: string, besides?: string): Promise<void>;
  /** How many shards (and the hub) Pagefind writes, and how many are kept from the previous output. */
  written: number;
  kept: number;
}

/**
 * The whole index: the shards whose records changed go to `indexer`; the
 * others are kept where they are in a folder taken from the spare
 * (settleSpareIndex), else linked (else copied) from `previousSite`'s index (none when
 * `previousSite` is undefined: --full, or when it has no locator of as many
 * chunks to take their entries from). Each shard gets its stamp, and the
 * index folder its shards.json and the shard locator (written by the
 * indexer, or linked from `previousSite` when every shard is kept).
 */
export function shardedIndex(
  shards: Shard<SearchPage>[],
  otherFiles: number,
  previousSite: string | undefined,
  indexer: (jobs: ShardJob[], locator?: LocatorRequest) => SearchIndex = startSearchIndex,
): ShardedIndex {
  const bits = locatorBits(shards.reduce((n, s) => n + s.records.length, 0));
  const fragments = shardFragments(shards, otherFiles + 2 ** bits);
  const fingerprint = indexerFingerprint();
  const all: { id: string; records: SearchPage[]; maxFragments?: number }[] = [
    ...shards.map((s) => ({ id: s.id, records: s.records, maxFragments: fragments.get(s.id) })),
    { id: HUB, records: [hubPage()] },
  ];
  const stamps = new Map(all.map((j) => [j.id, shardStamp(j, fingerprint)]));
  const previous = previousSite ? locatorOf(previousSite, bits) : undefined;
  const kept = previous ? all.filter((j) => stampOf(previousSite!, j.id) === stamps.get(j.id)).map((j) => j.id) : [];
  // Records are made for the shards written again only.
  const toWrite: ShardJob[] = all.filter((j) => !kept.includes(j.id)).map((j) => ({ id: j.id, maxFragments: j.maxFragments, records: j.records.map((p) => p.record()) }));
  const ids = shards.map((s) => s.id);
  const index = toWrite.length ? indexer(toWrite, { shards: ids, bits, ...(previous ? { previous } : {}) }) : undefined;
  // Only the ids from here on: the records went to the indexer's thread, and nothing here keeps them alive
  // (write() below, which lives until the pages are rendered, must not name `shards`, `all` or `toWrite`: at
  // 100,000 articles their records are ~0.8 GB, BENCHMARKS.md, eighth session).
  const written = toWrite.map((j) => j.id);
  const entries = shards.map(shardEntry);

  return {
    written: written.length,
    kept: kept.length,
    async write(outputDir, besides = outputDir) {
      const folder = path.join(outputDir, urls.searchIndex());
      const inPlace = previousSite ? settleSpareIndex(outputDir, kept, stamps, previousSite, besides) : new Set<string>();
      for (const id of kept) if (!inPlace.has(id)) linkFolder(path.join(previousSite!, urls.searchIndex(), id), path.join(folder, id));
      const done = await index?.write(outputDir);
      // Nothing changed (every shard kept, which needs the previous locator): the locator is the previous one.
      if (!index) linkFolder(previous!.folder, path.join(folder, LOCATOR_FOLDER));
      const located = index ? Boolean(done?.locator) : true;
      fs.mkdirSync(folder, { recursive: true });
      for (const id of written) {
        fs.mkdirSync(path.join(folder, id), { recursive: true });
        fs.writeFileSync(path.join(folder, id, INDEX_STAMP), `${stamps.get(id)}\n`);
      }
      fs.writeFileSync(path.join(folder, SHARD_LIST), shardManifest(entries, located ? { folder: LOCATOR_FOLDER, bits } : undefined));
    },
    cancel: () => index?.cancel(),
  };
}

/**
 * A build's folder taken from the spare (takeSpare) holds the spare's index.
 * A kept shard's folder there whose stamp is this build's and whose files are
 * named as in the previous output's stays where it is: the same bytes, with no
 * folder to link and none to remove (~6,000 files at 20,000 articles).
 * Everything else there is moved aside (removed in the background, beside
 * `besides`) before Pagefind writes: its files are links to the live output's,
 * and are never written into. Returns the shards kept in place.
 */
function settleSpareIndex(outputDir: string, kept: string[], stamps: Map<string, string>, previousSite: string, besides: string): Set<string> {
  const folder = path.join(outputDir, urls.searchIndex());
  const previousFolder = path.join(previousSite, urls.searchIndex());
  const inPlace = new Set<string>();
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return inPlace; // a new folder: no index yet
  }
  const names = (dir: string) => JSON.stringify((fs.readdirSync(dir, { recursive: true }) as string[]).sort());
  for (const id of kept) {
    if (entries.includes(id) && stampOf(outputDir, id) === stamps.get(id) && names(path.join(folder, id)) === names(path.join(previousFolder, id))) inPlace.add(id);
  }
  const leftovers = entries.filter((e) => !inPlace.has(e));
  if (leftovers.length) removeInBackgroundFrom(folder, leftovers, asideName(besides));
  return inPlace;
}

/** A folder's files linked (else copied) into a new folder: a kept shard, from the output being replaced. */
function linkFolder(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const rel of (fs.readdirSync(from, { recursive: true }) as string[]).sort()) {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    if (fs.statSync(source).isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    linkOrCopy(source, target);
  }
}

