// @ts-check
// A full garbage collection on request, so that a thread that has dropped
// what it no longer needs gives the memory back before Pagefind's indexer
// takes its most. Plain JS, shared by the main thread and the index worker.
import v8 from "node:v8";
import vm from "node:vm";

let gc = globalThis.gc;

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
}
