// Runs Pagefind's Node API on a thread of its own, so that feeding the native
// indexer and waiting for it never waits on Eleventy's rendering in the main
// thread. Receives { records } then { outputPath }; answers { ok } or { error }.
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";

const BATCH = 500;
/**
 * Pagefind writes one fragment file per page unless told to bundle them. A
 * 10,000-article archive has about 15,000 HTML pages and 12,700 indexed
 * records: bundled into at most 3,000 files, the whole site stays under the
 * 20,000 files that some static hosts allow. Small archives are not affected.
 */
const MAX_FRAGMENT_FILES = 3000;
let index;
const added = [];

async function start() {
  const created = await pagefind.createIndex({ forceLanguage: "vi", maxFragments: MAX_FRAGMENT_FILES });
  if (!created.index) throw new Error(`Pagefind: ${created.errors.join("; ")}`);
  index = created.index;
}
const ready = start();

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
