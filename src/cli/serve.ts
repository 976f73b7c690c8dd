// npm start -- [--content DIR] [--port 8080]
// A live preview on 127.0.0.1: builds the archive with drafts into
// .tmp/preview, serves it with Eleventy's dev server, and rebuilds on every
// change to the content, the layouts or the stylesheet. A build with
// problems prints them and keeps the last good preview on screen.
import path from "node:path";
import chokidar from "chokidar";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { ROOT } from "../../eleventy.config.ts";
import { buildSite } from "../build/build-site.ts";
import { formatProblem } from "../content/problems.ts";
import { readOptions } from "./args.ts";

const { values } = readOptions({
  content: { type: "string", default: "content" },
  port: { type: "string", default: "8080" },
});
const contentDir = path.resolve(values.content as string);
const outputDir = path.join(ROOT, ".tmp", "preview");

/** Eleventy's dev server, listening on the loopback interface only. */
class LoopbackServer extends EleventyDevServer {
  _serverListen(port: number) {
    this.server.listen({ port, host: "127.0.0.1" });
  }
}

async function rebuild(): Promise<boolean> {
  const started = performance.now();
  try {
    const result = await buildSite({ contentDir, outputDir, includeDrafts: true });
    for (const p of result.problems) console.error(formatProblem(p));
    if (!result.ok) {
      server?.sendError({ error: new Error(result.problems.map(formatProblem).join("\n")) });
      return false;
    }
    console.log(`Xem trước: đã cập nhật ${result.pages} trang trong ${Math.round(performance.now() - started)} ms`);
    return true;
  } catch (error) {
    console.error(error);
    return false;
  }
}

let server: LoopbackServer | undefined;
await rebuild();
server = new LoopbackServer("preview", outputDir, { port: Number(values.port), domDiff: false, showVersion: false });
server.serve(Number(values.port));

let queued = false;
let running: Promise<void> | undefined;
const schedule = () => {
  if (running) return void (queued = true);
  running = rebuild().then((ok) => {
    if (ok) server?.reload({ subtype: undefined, files: [] });
    running = undefined;
    if (queued) {
      queued = false;
      schedule();
    }
  });
};
chokidar
  .watch([contentDir, path.join(ROOT, "layouts"), path.join(ROOT, "static")], { ignoreInitial: true })
  .on("all", schedule);
