// The preview's builds, on a thread of their own: reading and checking every
// file of a large archive takes seconds of synchronous work, during which the
// preview's server (on the main thread) would answer nothing. This thread
// keeps the last build's state for the quick path. Requests:
//   { id, build: true }       → { id, ok, problems, pages }
//   { id, quick: [files] }    → { id, outcome: Problem[] | "full" }
// and { id, error } when a build throws. The main thread asks for one full
// build at a time; a quick request may come while a full build is running.
import { parentPort, workerData } from "node:worker_threads";
import type { Problem } from "../content/problems.ts";
import { buildSite, type BuiltState } from "./build-site.ts";
import { quickArticle } from "./quick-article.ts";

const { contentDir, outputDir } = workerData as { contentDir: string; outputDir: string };
let state: BuiltState | undefined;

async function build() {
  const result = await buildSite({ contentDir, outputDir, includeDrafts: true, keepState: true });
  if (result.state) state = result.state;
  return { ok: result.ok, problems: result.problems, pages: result.pages };
}

async function quick(files: string[]): Promise<{ outcome: Problem[] | "full" }> {
  if (!state) return { outcome: "full" };
  const problems: Problem[] = [];
  for (const file of files) {
    const outcome = await quickArticle(state, contentDir, file, outputDir).catch(() => "full" as const);
    if (outcome === "full") return { outcome };
    problems.push(...outcome);
  }
  return { outcome: problems };
}

parentPort!.on("message", (m: { id: number; build?: true; quick?: string[] }) => {
  const answer = m.build ? build() : quick(m.quick ?? []);
  answer.then(
    (a) => parentPort!.postMessage({ id: m.id, ...a }),
    (error) => parentPort!.postMessage({ id: m.id, error: String((error as Error)?.stack ?? error) }),
  );
});
