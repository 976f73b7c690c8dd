// npm start -- [--content DIR] [--port 8080]
// A live preview on 127.0.0.1: builds the archive with drafts and scheduled
// articles (marked as such) into .tmp/preview, serves it with Eleventy's dev
// server, and rebuilds on every change to the content, the layouts or the
// stylesheet; the browser reloads by itself. Content with errors keeps the
// last good preview on screen, with the errors in the terminal and in a
// banner on every page, until a save fixes them.
// An edit to an article's text is shown first by re-rendering that one page
// (quick-article.ts: well under a second at any size), then the full rebuild
// brings the lists, feeds and search up to date. Builds run on a worker
// thread (preview-builder.ts), so the server answers while they read files.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Worker } from "node:worker_threads";
import chokidar from "chokidar";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { ROOT } from "../paths.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import type { PreviewAnswer, PreviewRequest, PreviewWorkerData } from "../pipeline/messages.ts";
import { buildMessages } from "../strings.ts";
import { escapeHtml } from "../text/html.ts";
import { readOptions } from "./args.ts";

const { values } = readOptions({
  content: { type: "string", default: "content" },
  port: { type: "string", default: "8080" },
  output: { type: "string", default: path.join(ROOT, ".tmp", "preview") },
});
const contentDir = path.resolve(values.content);
const outputDir = path.resolve(values.output);
const port = Number(values.port);


const hashOf = (file: string) => {
  try {
    return createHash("sha1").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return "";
  }
};

/**
 * Eleventy's dev server on the loopback interface only, adding the error
 * banner to every page while content has errors. It remembers the pages it
 * served, so that a rebuild reloads the browser only when one of them changed.
 */
class PreviewServer extends EleventyDevServer {
  errors: string[] = [];
  private readonly served = new Map<string, string>();

  _serverListen(listenPort: number) {
    this.server.listen({ port: listenPort, host: "127.0.0.1" });
  }

  renderFile(filepath: string, res: unknown) {
    if (filepath.endsWith(".html")) this.served.set(filepath, hashOf(filepath));
    return super.renderFile(filepath, res);
  }

  /** Whether a page served since the last reload is no longer what was served. */
  servedPagesChanged(): boolean {
    for (const [file, hash] of this.served) if (hashOf(file) !== hash) return true;
    return false;
  }

  augmentContentWithNotifier(content: string, inlineContents?: boolean, options?: object): string {
    const html = super.augmentContentWithNotifier(content, inlineContents, options);
    if (!this.errors.length) return html;
    const banner =
      `<div id="loi-xem-truoc" role="alert" style="position:sticky;top:0;z-index:9999;background:#7a0000;color:#fff;padding:.75rem 1rem;font:15px/1.5 system-ui,sans-serif;white-space:pre-wrap">` +
      `<strong>${escapeHtml(buildMessages.bannerTitle)}</strong>\n${this.errors.map(escapeHtml).join("\n")}\n<em>${escapeHtml(buildMessages.bannerHint)}</em></div>`;
    return html.replace(/<body([^>]*)>/, `<body$1>${banner}`);
  }
}

const server = new PreviewServer("preview", outputDir, { port, domDiff: false, showVersion: false, messageOnStart: () => "" });

// Builds run on a thread of their own (preview-builder.ts), so that this
// thread's server answers while a full rebuild reads every file.
const workerData: PreviewWorkerData = { contentDir, outputDir };
const builder = new Worker(new URL("../pipeline/preview-thread.js", import.meta.url), { workerData });
builder.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
builder.on("exit", (code) => process.exit(code || 1));
let nextId = 0;
const pending = new Map<number, (answer: PreviewAnswer) => void>();
builder.on("message", (m: PreviewAnswer) => {
  pending.get(m.id)?.(m);
  pending.delete(m.id);
});
type Request = { build: true } | { quick: string[] };
function ask(request: Request): Promise<PreviewAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    builder.postMessage({ id, ...request } satisfies PreviewRequest);
  });
}

// Each problem is printed once while it lasts: a save that changes nothing
// about it (or the full rebuild after a quick update) does not print it again.
let shown = new Set<string>();
function report(problems: Problem[]): string[] {
  const fresh = problems.filter((p) => !shown.has(formatProblem(p)));
  for (const p of fresh) console.error(formatProblem(p));
  shown = new Set(problems.map(formatProblem));
  if (fresh.some((p) => p.severity === "error")) console.error(buildMessages.previewFailed);
  return problems.filter((p) => p.severity === "error").map(formatProblem);
}

async function rebuild(): Promise<boolean> {
  const started = performance.now();
  const result = await ask({ build: true });
  if ("error" in result) {
    server.errors = [result.error.split("\n")[0]];
    console.error(result.error);
    return false;
  }
  if (!("ok" in result)) return false;
  const errors = report(result.problems);
  server.errors = errors;
  if (!result.ok) return false;
  console.log(buildMessages.previewUpdated(result.pages, Math.round(performance.now() - started)));
  return true;
}

// One full rebuild at a time; saves during a rebuild queue one more.
let running: Promise<void> | undefined;
let again = false;
function schedule() {
  if (running) {
    again = true;
    return;
  }
  const errorsBefore = server.errors.join("\n");
  running = rebuild().then(() => {
    if (server.errors.join("\n") !== errorsBefore || server.servedPagesChanged()) reload();
    running = undefined;
    if (again) {
      again = false;
      schedule();
    }
  });
}
const reload = () => server.reload({ subtype: undefined, files: [], build: { templates: [] } });

/** The quick path, for saves that touch only existing articles while the preview has no errors. */
async function quick(files: string[]): Promise<boolean> {
  if (server.errors.length) return false;
  const articles = path.join(contentDir, "articles") + path.sep;
  if (!files.every((f) => f.startsWith(articles) && f.endsWith(".md") && fs.existsSync(f))) return false;
  const started = performance.now();
  const answer = await ask({ quick: files });
  if (!("outcome" in answer) || answer.outcome === "full") return false;
  const errors = report(answer.outcome);
  server.errors = errors;
  if (!errors.length) console.log(buildMessages.previewQuick(files.length, Math.round(performance.now() - started)));
  reload();
  return true;
}

const FULL_REBUILD_DELAY_MS = 2000;
let changed = new Set<string>();
let timer: NodeJS.Timeout | undefined;
function onChange(file: string) {
  changed.add(path.resolve(file));
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const files = [...changed];
    changed = new Set();
    // After a quick update the full rebuild waits a little, for the browser to
    // fetch the page while the builder is free to answer a second quick save.
    if (await quick(files)) setTimeout(schedule, FULL_REBUILD_DELAY_MS);
    else schedule();
  }, 30);
}
// The watcher is ready before the first build starts, so that no save made
// during it or just after the page first shows is missed; saves during the
// first build queue a rebuild like any other.
const watcher = chokidar
  .watch([contentDir, path.join(ROOT, "layouts"), path.join(ROOT, "static")], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } })
  .on("all", (_event, file) => onChange(file));
await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
running = rebuild().then(() => {
  running = undefined;
});
await running;
server.serve(port);
await server.ready();
// The port asked for may be taken: the server then takes the next free one, and that is the one to open.
const listening = (server.server.address() as AddressInfo).port;
if (listening !== port) console.log(buildMessages.previewPortTaken(port, listening));
console.log(buildMessages.previewReady(`http://127.0.0.1:${listening}/`));
if (again) {
  again = false;
  schedule();
}

// Ctrl-C, a SIGTERM (sent to npm, which passes it on) or a closed terminal stop
// the whole preview: server, watcher and build thread. So does the end of the
// process that started it (npm killed outright), which would leave this
// server answering on its port with nobody to stop it.
async function stop(code = 0) {
  setTimeout(() => process.exit(code), 2000).unref();
  await Promise.allSettled([watcher.close(), server.close(), builder.terminate()]);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => void stop());
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();
