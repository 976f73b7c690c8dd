// npm run build -- [--content DIR] [--output DIR] [--path-prefix /sub/] [--drafts] [--force] [--full] [--shard-size N] [--timings FILE]
// What the command does, apart from the process it runs in (build.ts), so
// that tests can run it as a writer would and read its exit code and output.
import fs from "node:fs";
import { buildSite } from "../pipeline/build-site.ts";
import { formatProblem, sortProblems } from "../content/problems.ts";
import { buildMessages, summaryLine } from "../strings.ts";
import { formatLong } from "../text/dates.ts";
import { consoleIO, parseOptions, runCommand, UsageError, type CommandIO } from "./args.ts";

const OPTIONS = {
  content: { type: "string", default: "content" },
  output: { type: "string", default: "_site" },
  "path-prefix": { type: "string", default: "/" },
  drafts: { type: "boolean", default: false },
  // Replaces an output folder that no build made (see README).
  force: { type: "boolean", default: false },
  // Redoes everything: parses every file, renders every page, writes every shard of the search index (see BuildOptions.reuse).
  full: { type: "boolean", default: false },
  // At most this many pages in a shard of the search index (src/search/shards.ts, MAX_SHARD_RECORDS by default).
  "shard-size": { type: "string" },
  // For benchmarks only: build without the search index.
  "no-search": { type: "boolean", default: false },
  // Writes when each step of the build ended (seconds since the process started) as JSON, for benchmarks.
  timings: { type: "string" },
} as const;

/** --shard-size: a whole number of at least 100. */
function shardSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100) throw new UsageError(buildMessages.badShardSize(value));
  return n;
}

export function buildCommand(argv: string[], io: CommandIO = consoleIO): Promise<number> {
  return runCommand(io, async () => {
    const { values } = parseOptions(OPTIONS, argv);
    const steps: { step: string; at: number }[] = [];
    const started = performance.now();
    const result = await buildSite({
      contentDir: values.content,
      outputDir: values.output,
      pathPrefix: values["path-prefix"],
      includeDrafts: values.drafts,
      force: values.force,
      reuse: !values.full,
      search: !values["no-search"],
      shardSize: shardSize(values["shard-size"]),
      onStep: (step) => steps.push({ step, at: performance.now() / 1000 }),
    });
    if (values.timings) fs.writeFileSync(values.timings, JSON.stringify(steps));
    const problems = sortProblems(result.problems);
    const errors = problems.filter((p) => p.severity === "error");
    const warnings = problems.filter((p) => p.severity === "warning");
    for (const p of [...errors, ...warnings]) io.error(formatProblem(p));
    if (!result.ok) {
      io.error(summaryLine.failed(errors.length, new Set(errors.map((e) => e.file)).size));
      return 1;
    }
    if (warnings.length) io.error(summaryLine.warnings(warnings.length));
    if (!result.siteUrl) io.error(buildMessages.noSiteUrl);
    if (!values.drafts) {
      if (result.drafts.length) io.log(buildMessages.heldDrafts(result.drafts.length));
      if (result.scheduled.length) {
        io.log(buildMessages.heldScheduled(result.scheduled.length));
        for (const s of result.scheduled) io.log(buildMessages.scheduledItem(s.file, formatLong(s.date)));
      }
    }
    io.log(summaryLine.built(result.pages, ((performance.now() - started) / 1000).toFixed(1), values.output));
    if (result.keptPages) io.log(summaryLine.kept(result.keptPages));
    return 0;
  });
}
