// npm run check -- [--content DIR]
// Checks all content with the build's own rules and messages, without
// building: exit code 1 on any error, and a one-line summary.
import path from "node:path";
import { loadAndCheckContent } from "../content/load.ts";
import { cacheFolderFor } from "../content/parse-cache.ts";
import { CONTENT_CACHE } from "../paths.ts";
import { archiveOf } from "../archive/archive.ts";
import { formatProblem, sortProblems } from "../content/problems.ts";
import { redirectProblems } from "../site/redirects.ts";
import { buildMessages } from "../strings.ts";
import { consoleIO, parseOptions, runCommand, type CommandIO } from "./args.ts";

export function checkCommand(argv: string[], io: CommandIO = consoleIO): Promise<number> {
  return runCommand(io, async () => {
    const { values } = parseOptions({ content: { type: "string", default: "content" } } as const, argv);
    const contentDir = path.resolve(values.content);
    const loaded = await loadAndCheckContent({ contentDir, renderBodies: false, cacheDir: cacheFolderFor(CONTENT_CACHE, contentDir, "check") });
    const { content, drafts, scheduled } = loaded;
    // Old addresses are checked against every address the site will have: the build's archive.
    const problems = loaded.problems.some((p) => p.severity === "error") ? loaded.problems : sortProblems([...loaded.problems, ...redirectProblems(archiveOf(content))]);
    for (const p of problems) io.error(formatProblem(p));
    const errors = problems.filter((p) => p.severity === "error");
    const counts = [content.articles.length, content.sections.length, content.campaigns.length, content.awardLists.length, drafts.length, scheduled.length] as const;
    if (errors.length) {
      io.error(buildMessages.checkFailed(errors.length, new Set(errors.map((e) => e.file)).size, ...counts));
      return 1;
    }
    io.log(buildMessages.checkOk(...counts));
    return 0;
  });
}
