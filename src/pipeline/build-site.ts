// The production build, all or nothing: load and check the content, compute
// the archive, render it with Eleventy and index it with Pagefind into a fresh
// folder beside the output, and only when every step succeeded swap it in. A failed build
// leaves the previous output exactly as it was.
import fs from "node:fs";
import path from "node:path";
import type Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { CONTENT_CACHE, copiedFileCount, LAYOUTS_DIR, PHOTO_CACHE, ROOT } from "../paths.ts";
import { archiveOf, type Archive, type ArticlePage } from "../archive/archive.ts";
import type { Content } from "../content/model.ts";
import { displayPath } from "../content/files.ts";
import { loadAndCheckContent, type HeldArticle, type LoadResult } from "../content/load.ts";
import type { PhotoUse } from "../content/parse/common.ts";
import { sortProblems, type Problem } from "../content/problems.ts";
import { outputMessages, problems as say } from "../strings.ts";
import { searchPages } from "../search/documents.ts";
import { shardedIndex, type SearchIndex, type ShardJob } from "../search/write-index.ts";
import { shardRecords } from "../search/shards.ts";
import { redirectFiles, redirectProblems } from "../site/redirects.ts";
import { sitemapXml } from "../site/sitemap.ts";
import { absoluteUrl, normalisePathPrefix, urls } from "../urls.ts";
import { releaseMemory, releaseMemoryIfGrown } from "./memory.js";
import { asideName, discard, makeFolder, markOutput, ours, outputErrorMessage, outputRefusal, removeInBackground, removeStaleFolders } from "./output-folder.ts";
import { cacheFolderFor } from "../content/parse-cache.ts";
import { allPages, forgetPage, PAGE_HASHES, recordedPages, renderBatches, renderFingerprint, renderPlan, settleLinks, spareOf, startLinks, takeSpare, type PageLinks, type RecordedPages } from "./incremental.ts";
import { FILES_PER_PHOTO, processPhotos, withPictures, type PhotoFailure, type Photos } from "./photos.ts";

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /**
   * False redoes everything (--full): every file is parsed again, instead of
   * taking an unchanged file's parse from the last build; every page is
   * rendered, instead of linking those whose data did not change from the
   * output; every shard of the search index is written again.
   */
  reuse?: boolean;
  /** The sub-path the site is hosted under, e.g. "/luu-tru/"; "/" by default. */
  pathPrefix?: string;
  includeDrafts?: boolean;
  /** The moment that decides which articles are still scheduled (epoch ms); now by default. */
  now?: number;
  /** Indexes the shards whose records changed; Pagefind unless a test replaces it. */
  indexer?: (jobs: ShardJob[]) => SearchIndex;
  /** At most this many pages in one Eleventy run (RENDER_BATCH by default; tests make it small). */
  renderBatch?: number;
  /** At most this many records in a search index shard (MAX_SHARD_RECORDS by default; tests make it small). */
  shardSize?: number;
  /** False leaves the search index out (for benchmarks that measure what it costs). */
  search?: boolean;
  /** Told as each step ends: "load", "photos", "archive", "search records", "pages", "search index" (for `--timings`). */
  onStep?: (step: BuildStep) => void;
  /** Keeps what the build computed in the result (the preview's quick path needs it); dropped otherwise, to free the memory. */
  keepState?: boolean;
  /** Replaces an output folder that a build did not make (never the content, the project, home or the root). */
  force?: boolean;
}

export type BuildStep = "load" | "photos" | "archive" | "search records" | "pages" | "search index";

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  /** Articles left out of a production build (kept, and marked, in the preview). */
  drafts: HeldArticle[];
  scheduled: HeldArticle[];
  /** Pages written (HTML and other rendered files), rendered or kept. */
  pages: number;
  /** Of those, how many were kept from the previous output (their data had not changed). */
  keptPages?: number;
  /** The site's address from site.yaml ("" when it has none). */
  siteUrl?: string;
  /** What the build computed, for the preview's quick path (with keepState). */
  state?: BuiltState;
  /** The build's folder was the output before last (the spare, takeSpare), updated, instead of an empty one. */
  reusedSpare?: boolean;
  /** The search index's shards: how many Pagefind wrote, and how many were kept from the previous output (their records had not changed). */
  searchIndex?: { written: number; kept: number };
}

export interface BuiltState {
  content: Content;
  archive: Archive;
  photos: Photos;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outputDir = path.resolve(options.outputDir);
  const staging = `${outputDir}.tmp-${process.pid}`;
  const refused = (message: string, file = displayPath(outputDir)): BuildResult => ({
    ok: false,
    problems: [{ severity: "error", file, message }],
    drafts: [],
    scheduled: [],
    pages: 0,
  });
  // Before any work: is the output folder ours to replace, and the sub-path one a host can serve?
  const refusal = outputRefusal({ outputDir, contentDir: options.contentDir, projectDir: ROOT, force: options.force });
  if (refusal) return refused(refusal);
  const pathPrefix = normalisePathPrefix(options.pathPrefix ?? "/");
  if (!pathPrefix) return refused(outputMessages.badPathPrefix(JSON.stringify(options.pathPrefix)), "--path-prefix");
  removeStaleFolders(outputDir);
  try {
    const { result, indexing } = await renderSite({ ...options, pathPrefix }, staging);
    if (!result.ok) {
      fs.rmSync(staging, { recursive: true, force: true });
      return result;
    }
    if (indexing) {
      // The shards were being indexed while the pages were rendered: what is left to wait for. The garbage is
      // collected first, so that Pagefind writing the index meets only what is alive here; not once it has
      // finished (a build that wrote one shard: a collection of the whole archive, ~0.2 s at 20k, for nothing).
      if (!indexing.finished()) releaseMemory();
      await indexing.done;
      options.onStep?.("search index");
    }
    // The output replaced is kept as the spare when the new one shares its pages (the next build starts from it),
    // but never beside the preview's output, whose quick path writes into its pages.
    swapIn(staging, outputDir, !options.keepState && (result.keptPages ?? 0) > 0);
    return result;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // The file system's refusals (no permission, disk full, a mount point) are the writer's to fix: say so.
    const message = outputErrorMessage(error, outputDir);
    if (message) return refused(message);
    throw error;
  }
}

/**
 * Loads and checks the content, then writes photos, pages and sitemap into
 * `staging`, while Pagefind indexes the search index's shards into it
 * (`indexing`, to be awaited).
 */
async function renderSite(options: BuildOptions, staging: string): Promise<{ result: BuildResult; indexing?: Indexing }> {
  const contentDir = path.resolve(options.contentDir);
  const pathPrefix = options.pathPrefix ?? "/";
  const step = options.onStep ?? (() => {});
  const cacheDir = options.reuse === false ? undefined : cacheFolderFor(CONTENT_CACHE, contentDir);
  const loaded = await loadAndCheckContent({ contentDir, includeDrafts: options.includeDrafts, now: options.now, cacheDir });
  const { problems, drafts, scheduled } = loaded;
  if (problems.some((p) => p.severity === "error")) return { result: { ok: false, problems: sortProblems(problems), drafts, scheduled, pages: 0 } };
  // The parse's garbage, collected now: V8 would otherwise let it grow toward its heap limit
  // while the pages render (BENCHMARKS.md, issue 15, sixth session).
  releaseMemory();
  step("load");

  fs.rmSync(staging, { recursive: true, force: true });
  makeFolder(staging);
  markOutput(staging);
  // The output being replaced, whose unchanged pages and shards are kept (none with --full, or on a first build).
  const outputDir = path.resolve(options.outputDir);
  const previous = options.reuse !== false && fs.existsSync(outputDir) ? outputDir : undefined;
  const { content, photoUses } = loaded;
  const failed = (more: Problem[]) => ({ result: { ok: false, problems: sortProblems([...problems, ...more]), drafts, scheduled, pages: 0 } });
  const { photos, failures } = await processPhotos(content, contentDir, PHOTO_CACHE);
  if (failures.length) return failed(photoFailureProblems(failures, photoUses));
  for (const item of [...content.articles, ...content.campaigns, ...content.sections, ...content.awardLists]) item.html = withPictures(item.html, photos);
  step("photos");
  const archive = archiveOf(content);
  const wrongRedirects = redirectProblems(archive);
  if (wrongRedirects.length) return failed(wrongRedirects);
  step("archive");
  // If the previous output's list pages were rendered as this build renders them, they are linked into the new one
  // from now on, beside the work that follows (incremental.ts, startLinks); into the output before last (the spare),
  // if there is one, which then needs only what changed since (takeSpare).
  const fingerprint = renderFingerprint(archive, pathPrefix);
  const recorded = previous ? recordedPages(previous) : undefined;
  const linkable = previous !== undefined && recorded !== undefined && recorded.fingerprint === fingerprint;
  const spare = linkable && !options.keepState ? takeSpare(outputDir, staging, fingerprint, options.search !== false) : undefined;
  const links = linkable ? startLinks(previous, recorded, staging, spare) : undefined;
  try {
    const rendered = await indexAndRender(options, { loaded, archive, photos, fingerprint }, staging, previous, links && recorded ? { links, recorded } : undefined);
    rendered.result.reusedSpare = spare !== undefined;
    return rendered;
  } finally {
    // A build that stops before the links are settled stops them, before its staging folder is removed.
    await links?.stop();
  }
}

/**
 * renderSite's work once the archive is computed: the search index's shards
 * (indexed while the pages render), then the pages, with the previous
 * output's list pages being linked into the staging folder.
 */
async function indexAndRender(
  options: BuildOptions,
  { loaded, archive, photos, fingerprint }: { loaded: LoadResult; archive: Archive; photos: Photos; fingerprint: string },
  staging: string,
  previous: string | undefined,
  linking: { links: PageLinks; recorded: RecordedPages } | undefined,
): Promise<{ result: BuildResult; indexing?: Indexing }> {
  const { content, problems, drafts, scheduled } = loaded;
  const contentDir = path.resolve(options.contentDir);
  const pathPrefix = options.pathPrefix ?? "/";
  const step = options.onStep ?? (() => {});
  // The records go to Pagefind's indexer in shards, indexed one at a time (in bounded memory)
  // while Eleventy renders; a shard made from the same records as in the output is kept.
  let index: SearchIndex | undefined;
  let indexing: Indexing | undefined;
  let searchIndex: BuildResult["searchIndex"];
  if (options.search !== false) {
    // Each page's record is made only if its shard is written again (what some of its records are made from changed),
    // then sent to the indexer and dropped here, in one expression: rendering does not keep them alive.
    const sharded = shardedIndex(shardRecords(searchPages(archive, photos), options.shardSize), outputFileCount(archive, content), previous, options.indexer);
    index = sharded;
    searchIndex = { written: sharded.written, kept: sharded.kept };
    indexing = tracked(sharded.write(staging, path.resolve(options.outputDir))); // awaited by buildSite
  }
  // The records (in files now, for the indexer) and the archive's garbage, before Pagefind and Eleventy take their most.
  releaseMemory();
  step("search records");
  try {
    // Pages whose data did not change keep their files, linked from the output being replaced; Eleventy renders the rest.
    const plan = renderPlan(archive, photos, fingerprint, linking?.recorded);
    const keptPages = linking ? await settleLinks(plan, linking.links, staging, asideName(path.resolve(options.outputDir))) : 0;
    fs.writeFileSync(path.join(staging, PAGE_HASHES), plan.hashes);
    const { Eleventy, configureSite } = await renderer();
    let written = keptPages;
    for (const [run, render] of renderBatches(plan.render, options.renderBatch).entries()) {
      const eleventy = withoutSummary(
        new Eleventy(LAYOUTS_DIR, staging, {
          quietMode: true,
          pathPrefix,
          config: (eleventyConfig: UserConfig) => configureSite(eleventyConfig, { archive, photos, pathPrefix, render, singletons: run === 0 }),
        }),
      );
      const [, templates] = (await eleventy.write()) as unknown as [unknown, unknown[]];
      written += templates.flat(Infinity).length;
      // The run's pages are garbage now: collected once they are a share of what is alive (memory.js).
      releaseMemoryIfGrown();
    }
    photos.writeTo(staging);
    copyLinkedFiles(content, contentDir, staging);
    const absolute = (url: string) => absoluteUrl(archive.site.url, pathPrefix, url);
    fs.writeFileSync(path.join(staging, urls.sitemap().slice(1)), sitemapXml(archive.pages, absolute));
    const served = (url: string) => `${pathPrefix}${url.slice(1)}`;
    for (const [file, text] of redirectFiles(archive.redirects, { served, absolute, siteTitle: archive.site.title })) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.writeFileSync(path.join(staging, file), text);
    }
    step("pages");
    const state = options.keepState ? { content, archive, photos } : undefined;
    return { result: { ok: true, problems, drafts, scheduled, pages: written, keptPages, siteUrl: archive.site.url, state, searchIndex }, indexing };
  } catch (error) {
    // Pagefind stops, and nothing writes into the staging folder any more when the build removes it.
    index?.cancel();
    await indexing?.done.catch(() => {});
    throw error;
  }
}

/** The search index being written, and whether it has finished (written or failed). */
interface Indexing {
  done: Promise<void>;
  finished(): boolean;
}

function tracked(done: Promise<void>): Indexing {
  let finished = false;
  done.then(
    () => void (finished = true),
    () => void (finished = true), // reported where `done` is awaited
  );
  return { done, finished: () => finished };
}

/** A photo that could not be resized, reported where each file uses it. */
function photoFailureProblems(failures: PhotoFailure[], uses: PhotoUse[]): Problem[] {
  return failures.flatMap(({ file, error }) =>
    uses.filter((u) => u.path === file).map((u) => ({ severity: "error" as const, file: u.file, line: u.line, key: u.key, message: say.notAnImage(u.written, error) })),
  );
}

/**
 * The preview's quick path: renders one article page into an existing output
 * folder, with the rest of the archive as the last build computed it. Only
 * article.njk is given to Eleventy, so only that page is written.
 */
export async function renderArticlePage(state: BuiltState, page: ArticlePage, outputDir: string, pathPrefix = "/"): Promise<void> {
  const archive = { ...state.archive, articles: [page] };
  const render = allPages(archive);
  const { Eleventy, configureSite } = await renderer();
  const eleventy = withoutSummary(
    new Eleventy(path.join(LAYOUTS_DIR, "article.njk"), outputDir, {
      quietMode: true,
      pathPrefix,
      config: (eleventyConfig: UserConfig) => {
        eleventyConfig.setInputDirectory(LAYOUTS_DIR);
        configureSite(eleventyConfig, { archive, photos: state.photos, pathPrefix, render });
      },
    }),
  );
  await eleventy.write();
  forgetPage(outputDir, page);
}

/** Eleventy and the site's configuration, loaded when a build first renders: a build that stops on the content's problems never needs them. */
async function renderer() {
  const [{ default: Eleventy }, { configureSite }] = await Promise.all([import("@11ty/eleventy"), import("../../eleventy.config.ts")]);
  return { Eleventy, configureSite };
}

/**
 * Eleventy prints its own English summary ("[11ty] Copied 3 Wrote 104 files
 * …") even in quiet mode; our CLIs say what was built, in Vietnamese. Its
 * warnings and errors still reach the console.
 */
function withoutSummary(eleventy: Eleventy): Eleventy {
  eleventy.logger.overrideLogger({ log() {}, info() {}, warn: console.warn, error: console.error });
  return eleventy;
}

/** The files the build writes besides the search index, counted from the archive's own lists before they are written. */
function outputFileCount(archive: Archive, content: Content): number {
  const marker = 1;
  const redirects = archive.redirects.filter((r) => !r.from.includes("?")).length + 3; // a page each, and the three servers' files
  return archive.pages.length + archive.otherFiles.length + copiedFileCount() + marker + 1 /* PAGE_HASHES */ + redirects + content.files.length + content.media.length * FILES_PER_PHOTO;
}

/**
 * The files (pdf, doc …, the emblem) the content links to, at their addresses
 * (urls.file). Copied, never hard-linked: a link would let a tool that edits
 * the output edit the writer's file, and each build's link and unlink changes
 * the source's ctime, which the preview's watcher took for an edit (a rebuild
 * loop). A copy-on-write clone where the file system has them.
 */
function copyLinkedFiles(content: Content, contentDir: string, staging: string) {
  for (const file of content.files) {
    const to = path.join(staging, decodeURIComponent(urls.file(file)));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(contentDir, file), to, fs.constants.COPYFILE_FICLONE);
  }
}

/**
 * Replaces `target` by `staging` with two renames, so that no reader sees half
 * a site. The previous site is then kept as the spare (`keepSpare`: the next
 * build starts from it), or deleted by a detached `rm -rf` (deleting 28,000
 * files took 5 s of a 10,000-article build), or at once on Windows.
 */
function swapIn(staging: string, target: string, keepSpare: boolean) {
  const old = asideName(target);
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, old);
  fs.renameSync(staging, target);
  // The spare is the output before last, or nothing: one left from an earlier build goes (never a folder that is not ours).
  const spare = spareOf(target);
  if (ours(spare)) discard(spare, target);
  if (!hadTarget) return;
  if (keepSpare && !fs.lstatSync(spare, { throwIfNoEntry: false })) fs.renameSync(old, spare);
  else removeInBackground(old);
}
