// The preview's builds, on a thread of their own: reading and checking every
// file of a large archive takes seconds of synchronous work, during which the
// preview's server (on the main thread) would answer nothing. This thread
// keeps the last build's state for the quick path. Its messages are typed in
// messages.ts (PreviewRequest, PreviewAnswer): a full build, or the quick path
// for edited articles. The main thread asks for one full build at a time; a
// quick request may come while a full build is running.
import { parentPort, workerData } from "node:worker_threads";
import type { Problem } from "../content/problems.ts";
import type { PreviewAnswer, PreviewRequest, PreviewWorkerData } from "./messages.ts";
import { buildSite, type BuiltState } from "./build-site.ts";
import { quickArticle } from "./quick-article.ts";

const { contentDir, outputDir } = workerData as PreviewWorkerData;
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

const reply = (answer: PreviewAnswer) => parentPort!.postMessage(answer);
parentPort!.on("message", (m: PreviewRequest) => {
  const answer: Promise<Omit<PreviewAnswer, "id">> = "build" in m ? build() : quick(m.quick);
  answer.then(
    (a) => reply({ id: m.id, ...a } as PreviewAnswer),
    (error) => reply({ id: m.id, error: String((error as Error)?.stack ?? error) }),
  );
});
