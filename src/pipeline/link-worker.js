// @ts-check
// Links the previous output's list pages into the new output's folder, in a
// thread of its own, while the build makes the search index's stamps and the
// pages' hashes (src/pipeline/incremental.ts, startLinks). Making ~30,000 folders
// and links is the file system's work, not the CPU's: here it runs beside
// the build instead of after it. When the new output's folder is the output
// before last (the spare, incremental.ts, takeSpare), the files it already
// has as they should be stay, and only the others are unlinked and linked.
// Plain JS, like the search index worker.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { removeEmptyFolders } from "./empty-folders.js";

/** @typedef {import("./messages.ts").LinkWorkerData} LinkWorkerData */
/** @typedef {import("./messages.ts").LinkAnswer} LinkAnswer */

const { from, to, files, spare } = /** @type {LinkWorkerData} */ (workerData);
/** @type {(answer: LinkAnswer) => void} */
const answer = (a) => parentPort?.postMessage(a);

try {
  /** Files the previous output no longer has (removed by hand): their pages are rendered. */
  const missing = [];
  const present = spare ? clearSpare(spare.inPlace, spare.skip) : new Set();
  let made = "";
  for (const file of files) {
    if (present.has(file)) continue;
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

/**
 * The spare (the output before last, renamed into `to`) made into what the
 * links would start from: the files in `inPlace` stay; every other file is
 * unlinked (pages changed since, pages gone, and every file that is not a
 * list page: they are written again), and the folders that leaves empty are
 * removed. Returns the files kept.
 * @param {string[]} inPlace
 * @param {string[]} skip
 */
function clearSpare(inPlace, skip) {
  const keep = new Set(inPlace);
  const present = new Set();
  const emptied = new Set();
  // The skipped top folders are never walked: the search index's writer moves folders out of its own meanwhile.
  const tops = fs.readdirSync(to, { withFileTypes: true }).filter((e) => !skip.includes(e.name));
  const entries = tops.flatMap((e) => (e.isDirectory() ? fs.readdirSync(path.join(to, e.name), { recursive: true, withFileTypes: true }) : [e]));
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const file = path.relative(to, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (keep.has(file)) present.add(file);
    else {
      fs.unlinkSync(path.join(to, file));
      emptied.add(path.dirname(file));
    }
  }
  removeEmptyFolders(to, emptied);
  return present;
}
