// @ts-check
// Runs Pagefind's Node API on a thread of its own, so that feeding the native
// indexer and waiting for it never waits on Eleventy's rendering in the main
// thread. Its messages are typed in src/pipeline/messages.ts: started with
// IndexWorkerData, it receives IndexRequests ({ records } then { outputPath },
// or { cancel }) and answers one IndexAnswer.
import childProcess from "node:child_process";
import { parentPort, workerData } from "node:worker_threads";
import { releaseMemory } from "../pipeline/memory.js";

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

/** @type {import("pagefind").PagefindIndex} */
let index;
/** @type {Promise<void>[]} */
const added = [];

/** @param {number | undefined} maxFragments */
async function start(maxFragments) {
  const created = await pagefind.createIndex(maxFragments ? { forceLanguage: "vi", maxFragments } : { forceLanguage: "vi" });
  if (!created.index) throw new Error(`Pagefind: ${created.errors.join("; ")}`);
  index = created.index;
}
const ready = start(/** @type {IndexWorkerData | undefined} */ (workerData)?.maxFragments);

/** @param {SearchRecord[]} records */
async function add(records) {
  await ready;
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const answers = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
    answers.forEach((a, j) => {
      if (a.errors.length) throw new Error(`Pagefind: ${batch[j].url}: ${a.errors.join("; ")}`);
    });
  }
}

/** @param {string} outputPath */
async function finish(outputPath) {
  await ready;
  await Promise.all(added);
  added.length = 0;
  releaseMemory(); // the records, now in Pagefind's process
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  await closeIndexer();
}

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @param {IndexAnswer} answer */
const answer = (answer) => port.postMessage(answer);

port.on("message", (/** @type {IndexRequest} */ message) => {
  if ("records" in message) {
    const adding = add(message.records);
    adding.catch(() => {}); // reported by finish
    added.push(adding);
  }
  if ("cancel" in message) {
    closeIndexer().then(
      () => answer({ cancelled: true }),
      () => answer({ cancelled: true }),
    );
  }
  if ("outputPath" in message) {
    finish(message.outputPath).then(
      () => answer({ ok: true }),
      (error) => answer({ error: String(error?.stack ?? error) }),
    );
  }
});
