// Every temporary folder the tests and the builds they run make (os.tmpdir())
// goes into one folder of this run, removed when the run ends: a run leaves
// nothing behind in the system's /tmp.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "luu-tru-tests-"));
  // Read by os.tmpdir() in the test processes, which start after this.
  process.env.TMPDIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
