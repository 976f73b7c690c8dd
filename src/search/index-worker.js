// Runs Pagefind's Node API on a thread of its own, so that feeding the native
// indexer and waiting for it never waits on Eleventy's rendering in the main
// thread. Started with { maxFragments }; receives { records } then
// { outputPath }; answers { ok } or { error }.
import { parentPort, workerData } from "node:worker_threads";
import { releaseMemory } from "../build/memory.js";
import * as pagefind from "pagefind";

const BATCH = 500;

let index;
const added = [];

async function start(maxFragments) {
  const created = await pagefind.createIndex(maxFragments ? { forceLanguage: "vi", maxFragments } : { forceLanguage: "vi" });
  if (!created.index) throw new Error(`Pagefind: ${created.errors.join("; ")}`);
  index = created.index;
}
const ready = start(workerData?.maxFragments);

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

async function finish(outputPath) {
  await ready;
  await Promise.all(added);
  added.length = 0;
  releaseMemory(); // the records, now in Pagefind's process
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  await pagefind.close();
}

parentPort.on("message", (message) => {
  if (message.records) {
    const adding = add(message.records);
    adding.catch(() => {}); // reported by finish
    added.push(adding);
  }
  if (message.outputPath) {
    finish(message.outputPath).then(
      () => parentPort.postMessage({ ok: true }),
      (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }),
    );
  }
});
