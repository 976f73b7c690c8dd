// @ts-check
// Prints "N passed, N failed" from Vitest's JSON report; a missing report is a failure.
import fs from "node:fs";

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, "utf8"));
// A file whose setup failed (its beforeAll threw) marks its tests skipped, not failed: count the file as a failure.
const brokenFiles = (r.testResults ?? []).filter((/** @type {any} */ t) => t.status === "failed" && !(t.assertionResults ?? []).some((/** @type {any} */ a) => a.status === "failed")).length;
const failed = r.numFailedTests + Math.max(r.numRuntimeErrorTestSuites ?? 0, brokenFiles);
console.log(`${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || r.numPassedTests === 0 ? 1 : 0);
