// Writes the Pagefind index of the records into <outputDir>/pagefind. The
// work runs on a worker thread (index-worker.js) driving Pagefind's native
// indexer in its own process, so it goes on while Eleventy renders.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SearchRecord } from "./documents.ts";

export function writeSearchIndex(records: SearchRecord[], outputDir: string): Promise<{ pages: number }> {
  const worker = new Worker(new URL("./index-worker.js", import.meta.url));
  return new Promise<{ pages: number }>((resolve, reject) => {
    worker.once("message", (m: { ok?: true; error?: string }) => (m.ok ? resolve({ pages: records.length }) : reject(new Error(m.error))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`search index worker stopped (${code})`)));
    worker.postMessage({ records });
    worker.postMessage({ outputPath: path.join(outputDir, "pagefind") });
  }).finally(() => worker.terminate());
}
