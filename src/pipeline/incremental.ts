// Builds that render only the pages whose data changed. Each page of the
// archive's page lists (articles, year, campaign, section and tag lists,
// award lists with their CSV, recipients) has a hash of what its HTML is made
// from: its own page object, the photos it shows, and what every page shows
// around it (the "chrome": site settings, menu, sidebar). The hashes are
// written into the output, in PAGE_HASHES, beside a fingerprint of the code
// and layouts that render them. The next build keeps the pages whose hash is
// unchanged, linked from the output it replaces, and gives Eleventy only the
// others; the few pages made from the whole archive (home, indexes, feeds,
// search, 404) are rendered every time. A different fingerprint (a changed
// layout, stylesheet, code, package version, sub-path) renders everything.
//
// The links are made before the hashes are known (startLinks: every list
// page of the previous output, in a worker, once the archive shows that the
// fingerprint is the same, while the build computes the search index's
// stamps and the hashes), and those of pages rendered again or gone are
// unlinked after (settleLinks): tens of thousands of folders and links are
// the file system's work, and cost less beside the build than after it. Less
// still when the build starts from the output before last (the spare,
// takeSpare), kept beside the output by the build that replaced it: only the
// files changed in the last two builds are then unlinked and linked.
//
// A page's hash must cover everything its template reads. The page
// templates read their own page object, `site`, and of the archive only what
// chromeOf() lists (base.njk, sidebar.njk, yearLinks): keep them in step.
// tests/integration/incremental.test.ts proves the result equal to a full
// build's, byte for byte, after additions, edits, deletions and a rename.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Archive } from "../archive/archive.ts";
import { ROOT } from "../paths.ts";
import { Worker } from "node:worker_threads";
import { namedHtml } from "./digest.ts";
import { removeEmptyFolders } from "./empty-folders.js";
import type { LinkAnswer, LinkWorkerData } from "./messages.ts";
import { asideName, makeFolder, markOutput, OUTPUT_MARKER, ours, removeInBackgroundFrom } from "./output-folder.ts";
import { urls } from "../urls.ts";
import type { Photos } from "./photos.ts";

/** In the output: each rendered page's hash, and the fingerprint they were rendered with. */
export const PAGE_HASHES = ".pages-sha256.json";

/** The archive's page lists, as the paginated templates render them: all of them, or only the changed pages. */
export interface RenderLists {
  articles: Archive["articles"];
  yearPages: Archive["yearPages"];
  campaignPages: Archive["campaignPages"];
  sectionPages: Archive["sectionPages"];
  tagPages: Archive["tagPages"];
  awardLists: Archive["awardLists"];
  recipients: Archive["recipients"];
}

/** The templates that render RenderLists (one page per item); every other template renders one page from the whole archive. */
export const LIST_TEMPLATES = ["article.njk", "year.njk", "campaign.njk", "section.njk", "tag.njk", "award-list.njk", "award-list-csv.njk", "recipient.njk"];

/**
 * How many pages one Eleventy run renders at most. Eleventy holds every page
 * of a run in memory until it ends: runs of a bounded size bound the build's
 * memory, whatever the archive's size (BENCHMARKS.md has the figures).
 */
export const RENDER_BATCH = 1_000;

/** The lists cut into runs of at most `size` pages, in a fixed order; always one run at least (it renders the whole-archive pages). */
export function renderBatches(lists: RenderLists, size = RENDER_BATCH): RenderLists[] {
  const empty = (): RenderLists => ({ articles: [], yearPages: [], campaignPages: [], sectionPages: [], tagPages: [], awardLists: [], recipients: [] });
  const runs: RenderLists[] = [];
  let current = empty();
  let count = 0;
  for (const key of Object.keys(lists) as (keyof RenderLists)[]) {
    for (const item of lists[key]) {
      if (count >= size) {
        runs.push(current);
        current = empty();
        count = 0;
      }
      (current[key] as unknown[]).push(item);
      count++;
    }
  }
  runs.push(current);
  return runs;
}

export function allPages(archive: Archive): RenderLists {
  const { articles, yearPages, campaignPages, sectionPages, tagPages, awardLists, recipients } = archive;
  return { articles, yearPages, campaignPages, sectionPages, tagPages, awardLists, recipients };
}

/** The files a page of a list writes, relative to the output: its index.html (and an award list's CSV). */
function filesOf(item: { url: string; csvUrl?: string }): string[] {
  const page = `${decodeURI(item.url).slice(1)}index.html`;
  return item.csvUrl ? [page, decodeURI(item.csvUrl).slice(1)] : [page];
}

/** What every page shows around its own content, as the layouts read it from the archive. */
function chromeOf(archive: Archive) {
  return {
    site: archive.site,
    menu: archive.menu,
    campaigns: archive.campaigns.map((c) => ({ title: c.title, url: c.url, period: c.period })),
    years: archive.years.map((y) => ({ year: y.year, url: y.url })),
  };
}

/** Every file under `dir`, sorted, hashed by path and bytes. */
function hashFolder(hash: crypto.Hash, dir: string) {
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    hash.update(rel).update("\0").update(fs.readFileSync(file)).update("\0");
  }
}

let code: string | undefined;
/** The code that turns page objects into files and records: src/, the packages and Node (read once a process). */
export function codeFingerprint(): string {
  if (code) return code;
  const hash = crypto.createHash("sha256");
  hashFolder(hash, path.join(ROOT, "src"));
  hash.update(fs.readFileSync(path.join(ROOT, "package-lock.json"))).update(process.version);
  code = hash.digest("hex");
  return code;
}

let renderCode: { pathPrefix: string; hash: string } | undefined;
/** What renders every page but the archive: the layouts, the stylesheet, the code, the packages, Node, the sub-path (read once a process). */
function renderCodeFingerprint(pathPrefix: string): string {
  if (renderCode?.pathPrefix === pathPrefix) return renderCode.hash;
  const hash = crypto.createHash("sha256").update(codeFingerprint());
  for (const dir of ["layouts", "static"]) hashFolder(hash, path.join(ROOT, dir));
  hash.update(fs.readFileSync(path.join(ROOT, "eleventy.config.ts")));
  renderCode = { pathPrefix, hash: hash.update(JSON.stringify({ pathPrefix })).digest("hex") };
  return renderCode.hash;
}

/** What renders every page: renderCodeFingerprint, and the chrome. Any change renders everything. */
export function renderFingerprint(archive: Archive, pathPrefix: string): string {
  return crypto.createHash("sha256").update(renderCodeFingerprint(pathPrefix)).update(JSON.stringify(chromeOf(archive))).digest("hex");
}

/** A string value of a page object's JSON that starts with "/": a link, or a photo the page shows. */
const SITE_PATH = /"(\/[^"\\]*)"/g;

/**
 * A page's hash: its page object, with the markup of every photo it names
 * (a photo replaced under the same name changes its page). `shown` keeps each
 * photo's markup across the pages of one plan: one photo is named by every
 * page that lists its article. An object of the plan's shared ones (an
 * article as other pages list it, named by a dozen pages: sharedObjects) is
 * hashed once, on its own, and its hash stands in its place in every page
 * that names it (hashMemo's replacer).
 */
function pageHash(item: object, photos: Photos, memo: HashMemo): string {
  const json = JSON.stringify(item, memo.replacer);
  return withPhotos(crypto.createHash("sha256").update(json), json, photos, memo.shown).digest("hex");
}

/** Adds the markup of each photo that `json` names to `hash`. */
function withPhotos(hash: crypto.Hash, json: string, photos: Photos, shown: Map<string, string>): crypto.Hash {
  for (const [, value] of json.matchAll(SITE_PATH)) {
    if (!photos.large(value)) continue;
    let markup = shown.get(value);
    if (markup === undefined) {
      markup = `\n${value}\n${photos.picture(value, "") ?? ""}`;
      // Kept in a string of its own: `value` is a slice of the page's JSON, which V8 would keep alive behind it.
      shown.set(Buffer.from(value).toString(), markup);
    }
    hash.update(markup);
  }
  return hash;
}

interface HashMemo {
  shown: Map<string, string>;
  replacer: (key: string, value: unknown) => unknown;
}

/** What pageHash keeps across the pages of one plan: photos' markup, and the hashes of the objects in `shared`. */
function hashMemo(photos: Photos, shared: Set<object>): HashMemo {
  const shown = new Map<string, string>();
  const hashes = new Map<object, string>();
  // A page's body by its digest (digest.ts, shared with the search records' hashes); a shared object by its hash.
  const replacer = function (this: unknown, key: string, value: unknown) {
    if (typeof value === "string") return namedHtml(key, value, this as { html?: unknown });
    if (typeof value !== "object" || value === null || !shared.has(value)) return value;
    let hash = hashes.get(value);
    if (hash === undefined) {
      const json = JSON.stringify(value);
      hash = `#${withPhotos(crypto.createHash("sha256").update(json), json, photos, shown).digest("base64")}`;
      hashes.set(value, hash);
    }
    return hash;
  };
  return { shown, replacer };
}

/** The objects many pages name: each article as lists and its neighbours show it. */
function sharedObjects(archive: Archive): Set<object> {
  const shared = new Set<object>();
  for (const a of archive.articles) {
    for (const ref of a.newer) shared.add(ref);
    for (const ref of a.older) shared.add(ref);
    if (a.previous) shared.add(a.previous);
    if (a.next) shared.add(a.next);
  }
  return shared;
}

/** A page of a list whose hash is the one recorded in the previous output: its files are linked from there. */
export interface KeptPage {
  list: keyof RenderLists;
  item: { url: string; csvUrl?: string };
  files: string[];
}

export interface RenderPlan {
  /** What Eleventy renders: the changed pages of each list. */
  render: RenderLists;
  /** Pages kept from the previous output, unchanged (their files linked: startLinks). */
  kept: KeptPage[];
  /** PAGE_HASHES for the new output. */
  hashes: string;
}

/** What an output records of its list pages (PAGE_HASHES): each file's hash, and what rendered them (renderFingerprint). */
export interface RecordedPages {
  fingerprint: string;
  pages: Record<string, string>;
}

/**
 * Which pages to render: every page whose hash differs from the one recorded
 * in the previous output (`previous`), all of them when its fingerprint is
 * not this build's (`fingerprint`, renderFingerprint) or there is no previous
 * output (undefined: --full). A kept page whose
 * files turn out to be missing there is rendered after all (settleLinks).
 */
export function renderPlan(archive: Archive, photos: Photos, fingerprint: string, previous: RecordedPages | undefined): RenderPlan {
  const usable = previous?.fingerprint === fingerprint ? previous.pages : undefined;
  const pages: Record<string, string> = {};
  const kept: KeptPage[] = [];
  const lists = allPages(archive);
  const memo = hashMemo(photos, sharedObjects(archive));
  const render = Object.fromEntries(
    Object.entries(lists).map(([name, items]: [string, { url: string; csvUrl?: string }[]]) => [
      name,
      items.filter((item) => {
        const hash = pageHash(item, photos, memo);
        const files = filesOf(item);
        for (const f of files) pages[f] = hash;
        const same = usable !== undefined && files.every((f) => usable[f] === hash);
        if (same) kept.push({ list: name as keyof RenderLists, item, files });
        return !same;
      }),
    ]),
  ) as unknown as RenderLists;
  const sorted = Object.fromEntries(Object.keys(pages).sort().map((k) => [k, pages[k]]));
  const recorded: RecordedPages = { fingerprint, pages: sorted };
  return { render, kept, hashes: `${JSON.stringify({ version: 1, ...recorded })}\n` };
}

/** The list pages a built site records (PAGE_HASHES), if it has a record this code reads. */
export function recordedPages(siteDir: string): RecordedPages | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(siteDir, PAGE_HASHES), "utf8"));
    return data?.version === 1 && typeof data.fingerprint === "string" && data.pages && typeof data.pages === "object" ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The previous output's list pages being linked into the new output, while the build goes on. */
export interface PageLinks {
  /** Every file being linked (those PAGE_HASHES lists). */
  files: string[];
  /** The files that turned out to be missing in the previous output, once every other one is linked. */
  done: Promise<string[]>;
  /** Stops the linking (a build that fails before settleLinks). */
  stop(): Promise<void>;
}

/**
 * Starts linking (else copying) every list page of the previous output into
 * the new one, in a worker (link-worker.js), before the build knows which
 * pages changed: the hashes take seconds to compute, while this is the file
 * system's work and can run beside them. settleLinks then unlinks the files
 * of the pages rendered again or gone. Only for a previous output rendered as
 * this build renders (its fingerprint is renderFingerprint's). `spare`: the
 * record of the output before last, when `staging` is that (takeSpare).
 */
export function startLinks(previousSite: string, previous: RecordedPages, staging: string, spare?: RecordedPages): PageLinks {
  const files = Object.keys(previous.pages);
  const inPlace = spare ? files.filter((f) => spare.pages[f] === previous.pages[f]) : [];
  const skip = [OUTPUT_MARKER, INDEX_FOLDER];
  const workerData: LinkWorkerData = { from: previousSite, to: staging, files, ...(spare ? { spare: { inPlace, skip } } : {}) };
  const worker = new Worker(new URL("./link-worker.js", import.meta.url), { workerData });
  const done = new Promise<string[]>((resolve, reject) => {
    worker.once("message", (m: LinkAnswer) =>
      // The file system's error as it was (its code and path), for outputErrorMessage.
      "missing" in m ? resolve(m.missing) : reject(Object.assign(new Error(m.error), { code: m.code, path: m.path })),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`link worker stopped (${code})`)));
  });
  done.catch(() => {}); // awaited by settleLinks
  return { files, done, stop: async () => void (await worker.terminate()) };
}

/** The search index's folder in an output (a top folder). */
const INDEX_FOLDER = urls.searchIndex().split("/")[1];

/** The output before last, kept beside the output (`<output>.spare`) by a build that linked pages from the output it replaced. */
export const spareOf = (outputDir: string) => `${path.resolve(outputDir)}.spare`;

/**
 * Takes the spare as the build's folder (renamed into `staging`, which must
 * hold nothing but the marker yet), if it is ours and its pages were rendered
 * as this build renders them (`fingerprint`). It already holds nearly every
 * page: the links then touch only what changed in the last two builds,
 * instead of making ~30,000 folders and links (and deleting as many after),
 * which costs 2–11 s of the file system's time at 20,000 articles
 * (BENCHMARKS.md, issue 15, thirteenth session). Its search index is left
 * to the index's writer (`keepIndex`), else moved aside. Returns
 * the spare's record, or undefined (no usable spare: the links start from an
 * empty folder).
 */
export function takeSpare(outputDir: string, staging: string, fingerprint: string, keepIndex: boolean): RecordedPages | undefined {
  const spare = spareOf(outputDir);
  if (!ours(spare)) return undefined;
  const recorded = recordedPages(spare);
  if (recorded?.fingerprint !== fingerprint) return undefined;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    fs.renameSync(spare, staging);
  } catch {
    // Taken by another build into the same output meanwhile, or the file system refused: an empty folder, as without one.
    makeFolder(staging);
    markOutput(staging);
    return undefined;
  }
  // Its search index stays for the index's writer, which keeps the shards that did not change where they are
  // (write-index.ts, settleSpareIndex); a build without search has none to write.
  if (!keepIndex && fs.existsSync(path.join(staging, INDEX_FOLDER))) removeInBackgroundFrom(staging, [INDEX_FOLDER], asideName(outputDir));
  return recorded;
}

/**
 * Waits for the links, then unlinks every linked file that is not a kept
 * page's (the page is rendered again, or is gone), and removes the folders
 * that leaves empty: Eleventy must write new files, never into a link to the
 * previous output's. A kept page with a file missing in the previous output
 * (removed by hand since) is added to `plan.render`. Returns how many files
 * were kept. `aside`: a new folder's name, for moveAside.
 */
export async function settleLinks(plan: RenderPlan, links: PageLinks, staging: string, aside: string): Promise<number> {
  const missing = new Set(await links.done);
  if (!plan.kept.length) return moveAside(links, staging, aside);
  const keep = new Set<string>();
  plan.kept = plan.kept.filter((page) => {
    if (page.files.some((f) => missing.has(f))) {
      (plan.render[page.list] as unknown[]).push(page.item);
      return false;
    }
    for (const f of page.files) keep.add(f);
    return true;
  });
  const emptied = new Set<string>();
  for (const file of links.files) {
    if (keep.has(file)) continue;
    if (!missing.has(file)) fs.unlinkSync(path.join(staging, file));
    emptied.add(path.dirname(file));
  }
  removeEmptyFolders(staging, emptied);
  return keep.size;
}

/**
 * When no page is kept (every page's hash changed, though the fingerprint
 * did not), the folders the links were made in are moved into `aside` whole,
 * and removed in the background: unlinking 30,000 files and folders one by one costs
 * seconds. Nothing else is written in those folders before the links are
 * settled (the search index has a folder of its own).
 */
function moveAside(links: PageLinks, staging: string, aside: string): number {
  removeInBackgroundFrom(staging, new Set(links.files.map((f) => f.split("/")[0])), aside);
  return 0;
}

/**
 * A page rendered outside a build (the preview's quick path) no longer has the
 * hash recorded for it: its entry is dropped, so that the next build renders it.
 */
export function forgetPage(siteDir: string, item: { url: string; csvUrl?: string }) {
  const recorded = recordedPages(siteDir);
  if (!recorded) return;
  for (const f of filesOf(item)) delete recorded.pages[f];
  fs.writeFileSync(path.join(siteDir, PAGE_HASHES), `${JSON.stringify({ version: 1, ...recorded })}\n`);
}
