// npm run import:nukeviet -- --database mysql://USER:PASS@HOST:PORT/DB --uploads PATH --out content
//   [--prefix nv4] [--lang vi] [--module-data news] [--report nukeviet-import-report.json]
// Moves a NukeViet portal's news into a content folder (src/import/nukeviet/),
// shows progress, and prints a report in Vietnamese, also written as JSON.
import fs from "node:fs";
import { importNukeviet, ImportError } from "../import/nukeviet/import.ts";
import { importMessages as say } from "../strings.ts";
import { consoleIO, parseOptions, runCommand } from "./args.ts";

const OPTIONS = {
  database: { type: "string" },
  uploads: { type: "string" },
  out: { type: "string", default: "content" },
  prefix: { type: "string", default: "nv4" },
  lang: { type: "string", default: "vi" },
  "module-data": { type: "string" },
  report: { type: "string", default: "nukeviet-import-report.json" },
} as const;

const code = await runCommand(consoleIO, async () => {
  const { values } = parseOptions(OPTIONS, process.argv.slice(2));
  if (!values.database) {
    console.error(say.usage);
    return 2;
  }
  const started = performance.now();
  try {
    const report = await importNukeviet({
      database: values.database,
      uploads: values.uploads,
      out: values.out,
      prefix: values.prefix,
      lang: values.lang,
      moduleData: values["module-data"],
      onProgress: (done, total) => console.log(say.progress(done, total)),
    });
    console.log(say.report(report));
    fs.writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    console.log(say.reportWritten(values.report));
    console.log(say.done(((performance.now() - started) / 1000).toFixed(1)));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(error.message);
    return 1;
  }
});
process.exit(code);
