// npm run check -- [--content DIR]
// Checks all content with the build's own rules and messages, without
// building: exit code 1 on any error, and a one-line summary.
import path from "node:path";
import { loadAndCheckContent } from "../content/load.ts";
import { formatProblem } from "../content/problems.ts";
import { buildMessages } from "../strings.ts";
import { consoleIO, parseOptions, runCommand, type CommandIO } from "./args.ts";

export function checkCommand(argv: string[], io: CommandIO = consoleIO): Promise<number> {
  return runCommand(io, async () => {
    const { values } = parseOptions({ content: { type: "string", default: "content" } } as const, argv);
    const { content, problems, drafts, scheduled } = await loadAndCheckContent({ contentDir: path.resolve(values.content), renderBodies: false });
    for (const p of problems) io.error(formatProblem(p));
    const errors = problems.filter((p) => p.severity === "error");
    const counts = [content.articles.length, content.campaigns.length, content.awardLists.length, drafts.length, scheduled.length] as const;
    if (errors.length) {
      io.error(buildMessages.checkFailed(errors.length, new Set(errors.map((e) => e.file)).size, ...counts));
      return 1;
    }
    io.log(buildMessages.checkOk(...counts));
    return 0;
  });
}
