// npm run check -- [--content DIR]
// Checks all content with the build's own rules and messages, without
// building: exit code 1 on any error, and a one-line summary.
import path from "node:path";
import { loadAndCheckContent } from "../content/load.ts";
import { formatProblem } from "../content/problems.ts";
import { buildMessages } from "../strings.ts";
import { readOptions, runMain } from "./args.ts";

const { values } = readOptions({ content: { type: "string", default: "content" } });
await runMain(async () => {
  const { content, problems, drafts, scheduled } = await loadAndCheckContent({ contentDir: path.resolve(values.content as string), renderBodies: false });
  for (const p of problems) console.error(formatProblem(p));
  const errors = problems.filter((p) => p.severity === "error");
  const counts = [content.articles.length, content.campaigns.length, content.awardLists.length, drafts.length, scheduled.length] as const;
  if (errors.length) {
    console.error(buildMessages.checkFailed(errors.length, new Set(errors.map((e) => e.file)).size, ...counts));
    process.exit(1);
  }
  console.log(buildMessages.checkOk(...counts));
});
