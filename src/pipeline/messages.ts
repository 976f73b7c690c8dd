// The messages between threads, one type for each direction, used by both
// sides: the build and its search index worker, the build and its link
// worker, the preview and its build thread.
import type { Problem } from "../content/problems.ts";
import type { SpilledShard } from "../search/write-index.ts";

/** What the search index worker (src/search/index-worker.js) is started with. */
export interface IndexWorkerData {
  /** How many shards Pagefind indexes at once. */
  parallel: number;
}
/**
 * The shard locator to write beside the shards (src/search/locator.js):
 * every shard's id in shards.json's order, how many bits choose a chunk, and
 * where the entries of a shard not written now (kept from the previous
 * output) are read: the previous output's locator (of as many bits) and its
 * shards' ids in its order.
 */
export interface LocatorRequest {
  shards: string[];
  bits: number;
  previous?: { folder: string; shards: string[] };
}
/** The build → the index worker: the shards to index (once; their records in files) and the locator, then where to write them, or to stop. */
export type IndexRequest = { shards: SpilledShard[]; locator?: LocatorRequest } | { outputPath: string } | { cancel: true };
/** The index worker → the build: written (`locator`: the locator asked for too), failed, or stopped. */
export type IndexAnswer = { ok: true; locator: boolean } | { error: string } | { cancelled: true };

/** What the link worker (src/pipeline/link-worker.js) is started with: the files to link from the previous output into the new one. */
export interface LinkWorkerData {
  from: string;
  to: string;
  files: string[];
  /**
   * When `to` is the output before last (the spare, takeSpare): its files
   * that are already what `from` has (the same page hash in both records),
   * kept where they are. Every other file of `to` is unlinked, but those
   * under the top folders in `skip` (the search index, written meanwhile) and
   * the marker.
   */
  spare?: { inPlace: string[]; skip: string[] };
}
/** The link worker → the build: done (with the files the previous output lacked), or failed, with the file system's error. */
export type LinkAnswer = { missing: string[] } | { error: string; code?: string; path?: string };

/** What the preview's build thread (preview-builder.ts) is started with. */
export interface PreviewWorkerData {
  contentDir: string;
  outputDir: string;
}
/** The preview → its build thread: a full build, or the quick path for edited articles. */
export type PreviewRequest = { id: number } & ({ build: true } | { quick: string[] });
/** The build thread → the preview, with the request's id: a build's outcome, the quick path's ("full": do a full build), or an error. */
export type PreviewAnswer = { id: number } & (
  | { ok: boolean; problems: Problem[]; pages: number }
  | { outcome: Problem[] | "full" }
  | { error: string }
);
