// @ts-check
// A full garbage collection on request, so that a thread that has dropped
// what it no longer needs gives the memory back before Pagefind's indexer
// takes its most. Plain JS, shared by the main thread and the index worker.
import v8 from "node:v8";
import vm from "node:vm";

let gc = globalThis.gc;
/** The heap in use just after the last collection asked for here: roughly what is alive. */
let live = 0;

/**
 * Collects garbage now; V8 returns the freed pages to the system shortly
 * after. Node exposes the collector only behind --expose-gc, which is turned
 * on here; if the runtime refuses, this does nothing.
 */
export function releaseMemory() {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc");
  }
  if (typeof gc === "function") gc();
  live = v8.getHeapStatistics().used_heap_size;
}

/** At least this much garbage before releaseMemoryIfGrown collects. */
const MIN_GROWTH = 128 * 2 ** 20;
/** …or this share of what was alive, whichever is more. */
const GROWTH_SHARE = 0.25;

/**
 * Collects garbage once the heap has grown, since the last collection, by a
 * quarter of what was alive then (at least 128 MiB). A collection costs in
 * proportion to what is alive (~0.7 ms a MiB here): collecting after every
 * run of pages would cost a 100,000-article build (2 GB alive) minutes, while
 * this keeps the garbage to a share of the live heap for any archive.
 */
export function releaseMemoryIfGrown() {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used - live > Math.max(MIN_GROWTH, live * GROWTH_SHARE)) releaseMemory();
}
