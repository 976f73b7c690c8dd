// @ts-check
// Runs Pagefind's Node API on a thread of its own, so that feeding the native
// indexer and waiting for it never waits on Eleventy's rendering in the main
// thread. Its messages are typed in src/pipeline/messages.ts: started with
// IndexWorkerData, it receives IndexRequests ({ shards } then { outputPath },
// or { cancel }) and answers one IndexAnswer.
import childProcess from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { releaseMemory } from "../pipeline/memory.js";
import { LOCATOR_FOLDER, readLocator, shardEntries, writeLocator } from "./locator.js";

/** @typedef {import("../pipeline/messages.ts").IndexRequest} IndexRequest */
/** @typedef {import("../pipeline/messages.ts").IndexAnswer} IndexAnswer */
/** @typedef {import("../pipeline/messages.ts").IndexWorkerData} IndexWorkerData */
/** @typedef {import("../search/documents.ts").SearchRecord} SearchRecord */

// Pagefind's indexer is a process this thread starts. Once this thread is
// terminated nobody would collect that process when it exits, and it would
// stay a zombie (<defunct>) for as long as the preview runs: so its handle is
// kept here, and this thread answers only after the process has exited.
/** @type {import("node:child_process").ChildProcess[]} */
const indexers = [];
const spawn = childProcess.spawn;
childProcess.spawn = /** @type {typeof spawn} */ (
  /** @type {unknown} */ (
    /** @param {Parameters<typeof spawn>} args */
    (...args) => {
      const child = /** @type {(...a: unknown[]) => import("node:child_process").ChildProcess} */ (spawn)(...args);
      indexers.push(child);
      return child;
    }
  )
);
const pagefind = await import("pagefind");

/** Closes Pagefind and waits until its process has exited (and so been collected). */
async function closeIndexer() {
  const exited = indexers.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once("exit", r))));
  await pagefind.close();
  await Promise.all(exited);
  indexers.length = 0;
}

const BATCH = 500;

/** Pagefind's files the archive's own search does not use (its ready-made interfaces): not published. */
const UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"];

/** @typedef {import("../search/write-index.ts").SpilledShard} SpilledShard */

/** @type {SpilledShard[]} */
let shards = [];
/** @type {import("../pipeline/messages.ts").LocatorRequest | undefined} */
let locator;
/** The locator entries of each shard indexed: in a file beside its records' until the end. @type {Map<string, string>} */
const entries = new Map();
let cancelled = false;
const parallel = /** @type {IndexWorkerData | undefined} */ (workerData)?.parallel ?? 1;

/** Indexes one shard, its records read from their file, into <outputPath>/<id>/, and gives its memory back. @param {SpilledShard} shard @param {string} outputPath */
async function indexShard(shard, outputPath) {
  const created = await pagefind.createIndex(shard.maxFragments ? { forceLanguage: "vi", maxFragments: shard.maxFragments } : { forceLanguage: "vi" });
  if (!created.index) throw new Error(`Pagefind: ${created.errors.join("; ")}`);
  const index = created.index;
  /** @type {SearchRecord[]} */
  const records = JSON.parse(fs.readFileSync(shard.file, "utf8"));
  fs.rmSync(shard.file, { force: true });
  for (let i = 0; i < records.length && !cancelled; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const answers = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
    answers.forEach((a, j) => {
      if (a.errors.length) throw new Error(`Pagefind: ${batch[j].url}: ${a.errors.join("; ")}`);
    });
  }
  if (cancelled) return;
  const folder = path.join(outputPath, shard.id);
  const writing = index.writeFiles({ outputPath: folder });
  // The shard's locator entries, while Pagefind's process writes its files.
  if (locator?.shards.includes(shard.id)) {
    fs.writeFileSync(`${shard.file}.locator`, shardEntries(records, locator.bits));
    entries.set(shard.id, `${shard.file}.locator`);
    releaseMemory(); // its garbage (the words of 2,000 records, the entry set's tables as it grew), before Pagefind's peak
  }
  const written = await writing;
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const file of UNUSED) fs.rmSync(path.join(folder, file), { force: true });
}

/**
 * The shard locator of every shard, from the entries of those indexed now
 * and the previous locator for the others. False (no locator: searches go
 * shard by shard) when the previous one cannot be read.
 * @param {string} outputPath
 */
function finishLocator(outputPath) {
  if (!locator) return false;
  const { previous, bits } = locator;
  const before = previous && locator.shards.some((id) => !entries.has(id)) ? readLocator(previous.folder, bits, previous.shards.length) : undefined;
  /** @type {Uint32Array[]} */
  const lists = [];
  for (const id of locator.shards) {
    const file = entries.get(id);
    const list = file ? new Uint32Array(new Uint8Array(fs.readFileSync(file)).buffer) : previous && before?.[previous.shards.indexOf(id)];
    if (!list) return false;
    lists.push(list);
  }
  entries.clear();
  writeLocator(path.join(outputPath, LOCATOR_FOLDER), lists, bits);
  return true;
}

/** Indexes every shard, `parallel` at a time, writes the locator, then closes Pagefind. @param {string} outputPath */
async function finish(outputPath) {
  let next = 0;
  const lane = async () => {
    while (next < shards.length && !cancelled) {
      await indexShard(shards[next++], outputPath);
      releaseMemory(); // the shard's records, before the next one's are read
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, shards.length) }, lane));
  } finally {
    shards = [];
    releaseMemory();
  }
  await closeIndexer();
  return !cancelled && finishLocator(outputPath);
}

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @param {IndexAnswer} answer */
const answer = (answer) => port.postMessage(answer);

port.on("message", (/** @type {IndexRequest} */ message) => {
  if ("shards" in message) ({ shards, locator } = message);
  if ("cancel" in message) {
    cancelled = true;
    closeIndexer().then(
      () => answer({ cancelled: true }),
      () => answer({ cancelled: true }),
    );
  }
  if ("outputPath" in message) {
    finish(message.outputPath).then(
      (located) => answer({ ok: true, locator: located }),
      (error) => answer({ error: String(error?.stack ?? error) }),
    );
  }
});
