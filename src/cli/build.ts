// npm run build -- [--content DIR] [--output DIR] [--path-prefix /sub/] [--drafts] [--force] [--timings FILE]
import fs from "node:fs";
import { buildSite } from "../build/build-site.ts";
import { formatProblem, sortProblems } from "../content/problems.ts";
import { buildMessages, summaryLine } from "../strings.ts";
import { formatLong } from "../text/dates.ts";
import { readOptions, runMain } from "./args.ts";

const { values } = readOptions({
  content: { type: "string", default: "content" },
  output: { type: "string", default: "_site" },
  "path-prefix": { type: "string", default: "/" },
  drafts: { type: "boolean", default: false },
  // Replaces an output folder that no build made (see README).
  force: { type: "boolean", default: false },
  // For benchmarks only: build without the search index.
  "no-search": { type: "boolean", default: false },
  // Writes when each step of the build ended (seconds since the process started) as JSON, for benchmarks.
  timings: { type: "string" },
});

await runMain(async () => {
  const steps: { step: string; at: number }[] = [];
  const started = performance.now();
  const result = await buildSite({
    contentDir: values.content as string,
    outputDir: values.output as string,
    pathPrefix: values["path-prefix"] as string,
    includeDrafts: values.drafts as boolean,
    force: values.force as boolean,
    search: !values["no-search"],
    onStep: (step) => steps.push({ step, at: performance.now() / 1000 }),
  });
  if (values.timings) fs.writeFileSync(values.timings as string, JSON.stringify(steps));
  const problems = sortProblems(result.problems);
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning");
  for (const p of [...errors, ...warnings]) console.error(formatProblem(p));
  if (!result.ok) {
    console.error(summaryLine.failed(errors.length, new Set(errors.map((e) => e.file)).size));
    process.exit(1);
  }
  if (warnings.length) console.error(summaryLine.warnings(warnings.length));
  if (!result.siteUrl) console.error(buildMessages.noSiteUrl);
  if (!values.drafts) {
    if (result.drafts.length) console.log(buildMessages.heldDrafts(result.drafts.length));
    if (result.scheduled.length) {
      console.log(buildMessages.heldScheduled(result.scheduled.length));
      for (const s of result.scheduled) console.log(buildMessages.scheduledItem(s.file, formatLong(s.date)));
    }
  }
  console.log(summaryLine.built(result.pages, ((performance.now() - started) / 1000).toFixed(1), values.output as string));
});
