// Builds the Pagefind index of the records on a worker thread
// (index-worker.js) driving Pagefind's native indexer in its own process:
// the records are added while Eleventy renders, and the index is written into
// <outputDir>/pagefind when the build asks for it. Writing is the build's most
// memory-hungry step, so the build asks once the pages are written.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IndexAnswer, IndexRequest, IndexWorkerData } from "../pipeline/messages.ts";
import { urls } from "../urls.ts";
import type { SearchRecord } from "./documents.ts";

/** Static hosts that cap a site's file count allow 20,000; this leaves a margin. */
export const MAX_SITE_FILES = 19_000;

/**
 * How many fragment files Pagefind may write: one per record (the fewest
 * bytes per search) while the site stays under MAX_SITE_FILES, else bundled
 * into what is left. Bundling makes every search download more (BENCHMARKS.md).
 * Pagefind writes a few hundred other index files besides: 5 % of the records.
 */
export function fragmentBudget(records: number, otherFiles: number): number | undefined {
  const free = MAX_SITE_FILES - otherFiles - Math.ceil(records * 0.05) - 20;
  return records <= free ? undefined : Math.max(500, free);
}

export interface SearchIndex {
  /** Writes the index once every record is added; rejects on any of Pagefind's errors. Call once. */
  write(outputDir: string): Promise<void>;
  /** Stops the indexer without writing (the build failed elsewhere). */
  cancel(): void;
}

/** Starts adding the records to a new index; `otherFiles` is how many files the site has besides the index. */
export function startSearchIndex(records: SearchRecord[], otherFiles = 0): SearchIndex {
  const workerData: IndexWorkerData = { maxFragments: fragmentBudget(records.length, otherFiles) };
  const worker = new Worker(new URL("./index-worker.js", import.meta.url), { workerData });
  const send = (request: IndexRequest) => worker.postMessage(request);
  // Sent before any closure is made, so that no closure keeps the records alive: the worker has its copy.
  send({ records });
  const outcome = new Promise<void>((resolve, reject) => {
    worker.once("message", (m: IndexAnswer) => ("ok" in m ? resolve() : reject(new Error("error" in m ? m.error : "search index cancelled"))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`search index worker stopped (${code})`)));
  }).finally(() => worker.terminate());
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

/** In the index folder: the hash of what the index was made from (see indexStamp). */
export const INDEX_STAMP = ".records-sha256";

/**
 * What decides the index's bytes: the records, the fragment budget, Pagefind's
 * version and the worker that drives it. Pagefind writes the same bytes for
 * the same input, so an index with the same stamp can be kept as it is.
 */
export function indexStamp(records: SearchRecord[], otherFiles: number): string {
  // Pagefind's version (its package exports no package.json: read from its folder).
  const pagefind = fs.readFileSync(path.join(path.dirname(path.dirname(fileURLToPath(import.meta.resolve("pagefind")))), "package.json"), "utf8");
  const worker = fs.readFileSync(new URL("./index-worker.js", import.meta.url));
  return crypto
    .createHash("sha256")
    .update(JSON.stringify({ pagefind: JSON.parse(pagefind).version, budget: fragmentBudget(records.length, otherFiles) ?? null }))
    .update(worker)
    .update(JSON.stringify(records))
    .digest("hex");
}

/** The stamp of the index in a built site's folder, if it has one and its entry files are there. */
export function stampOf(siteDir: string): string | undefined {
  const dir = path.join(siteDir, urls.searchIndex());
  if (!["pagefind.js", "pagefind-entry.json"].every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  try {
    return fs.readFileSync(path.join(dir, INDEX_STAMP), "utf8").trim();
  } catch {
    return undefined;
  }
}

/** An index that also writes its stamp once it is written. */
export function stamped(index: SearchIndex, stamp: string): SearchIndex {
  return {
    async write(outputDir) {
      await index.write(outputDir);
      const dir = path.join(outputDir, urls.searchIndex());
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, INDEX_STAMP), `${stamp}\n`);
    },
    cancel: () => index.cancel(),
  };
}

/** The previous build's index, kept: its files are linked (else copied) into the new output. Pagefind does not run. */
export function keptSearchIndex(previousSite: string): SearchIndex {
  return {
    async write(outputDir) {
      const from = path.join(previousSite, urls.searchIndex());
      const to = path.join(outputDir, urls.searchIndex());
      for (const rel of (fs.readdirSync(from, { recursive: true }) as string[]).sort()) {
        const source = path.join(from, rel);
        const target = path.join(to, rel);
        if (fs.statSync(source).isDirectory()) {
          fs.mkdirSync(target, { recursive: true });
          continue;
        }
        fs.mkdirSync(path.dirname(target), { recursive: true });
        try {
          fs.linkSync(source, target);
        } catch {
          fs.copyFileSync(source, target);
        }
      }
    },
    cancel() {},
  };
}
