// @ts-check
// Folders left empty by unlinking files, removed: no full build leaves an
// empty folder. Plain JS, shared by the build (incremental.ts) and the link
// worker.
import fs from "node:fs";
import path from "node:path";

/**
 * Removes each of `dirs` (relative to `root`) that is empty, deepest first,
 * and then its parents as long as they are empty.
 * @param {string} root
 * @param {Iterable<string>} dirs
 */
export function removeEmptyFolders(root, dirs) {
  for (const dir of [...new Set(dirs)].sort((a, b) => b.length - a.length)) {
    for (let at = dir; at !== "." && at !== ""; at = path.dirname(at)) {
      try {
        fs.rmdirSync(path.join(root, at));
      } catch {
        break;
      }
    }
  }
}
