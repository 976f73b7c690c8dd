// Every temporary folder the tests and the builds they run make (os.tmpdir()),
// and the builds' caches, go into one folder of this run, removed when the run
// ends: a run leaves nothing behind in the system's /tmp, and evicts nothing
// from the project's .cache/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "luu-tru-tests-"));
  // Read by os.tmpdir() in the test processes, which start after this.
  process.env.TMPDIR = dir;
  // The builds' caches (src/paths.ts) too: the tests' many content folders would evict a site's own.
  process.env.LUU_TRU_CACHE = path.join(dir, "cache");
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
