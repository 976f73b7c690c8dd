// @ts-check
// Links the previous output's list pages into the new output's folder, in a
// thread of its own, while the build makes the search index's stamps and the
// pages' hashes (src/pipeline/incremental.ts, startLinks). Making ~30,000 folders
// and links is the file system's work, not the CPU's: here it runs beside
// the build instead of after it. Plain JS, like the search index worker.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

/** @typedef {import("./messages.ts").LinkWorkerData} LinkWorkerData */
/** @typedef {import("./messages.ts").LinkAnswer} LinkAnswer */

const { from, to, files } = /** @type {LinkWorkerData} */ (workerData);
/** @type {(answer: LinkAnswer) => void} */
const answer = (a) => parentPort?.postMessage(a);

try {
  /** Files the previous output no longer has (removed by hand): their pages are rendered. */
  const missing = [];
  let made = "";
  for (const file of files) {
    const target = path.join(to, file);
    const dir = path.dirname(target);
    if (dir !== made) {
      fs.mkdirSync(dir, { recursive: true });
      made = dir;
    }
    const source = path.join(from, file);
    try {
      fs.linkSync(source, target);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") missing.push(file);
      // A file system without hard links (or across devices): a copy, as linkOrCopy (output-folder.ts) makes.
      else fs.copyFileSync(source, target);
    }
  }
  answer({ missing });
} catch (error) {
  const e = /** @type {NodeJS.ErrnoException} */ (error);
  answer({ error: e.message, code: e.code, path: e.path });
}
