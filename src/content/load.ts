// Loads a content folder into the typed model. Each file is read and parsed
// on its own (parse/: the item, its references, its photos, its problems);
// then the checks that need every file run once (cross-checks.ts). It never
// stops at the first problem: it returns the model and all the problems.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { AwardKinds } from "../awards/kinds.ts";
import { problems as say } from "../strings.ts";
import { isValidSlug } from "../text/slug.ts";
import { checkAddresses, checkIds, checkPhotoPaths, checkReferences, checkSectionCycles, checkSimilarRecipients } from "./cross-checks.ts";
import { displayPath, markdownFiles, readText } from "./files.ts";
import { ParseCache, statSignature } from "./parse-cache.ts";
import { checkPhotoFiles } from "./photo-files.ts";
import type { Article, AwardList, Campaign, Content, Redirect, Section, SiteSettings } from "./model.ts";
import { parseArticle } from "./parse/article.ts";
import { parseAwardList } from "./parse/award-list.ts";
import { parseCampaign } from "./parse/campaign.ts";
import { parseSection } from "./parse/section.ts";
import type { ParseContext, Parsed, PhotoUse } from "./parse/common.ts";
import { DEFAULT_SITE, parseSite } from "./parse/site.ts";
import { showValue, sortProblems, type Problem } from "./problems.ts";
import { isSitePath } from "./schema.ts";
import { readSource, readYamlFile, type SourceFile } from "./source-file.ts";

export interface LoadOptions {
  contentDir: string;
  /** Drafts and scheduled articles are left out unless this is set (the preview sets it). */
  includeDrafts?: boolean;
  /** The moment that decides which articles are still scheduled (epoch ms); now by default. */
  now?: number;
  /** False skips writing bodies as HTML (npm run check): photos in them are still checked. */
  renderBodies?: boolean;
  /** Where the parse of each file is kept between loads (src/content/parse-cache.ts); none by default. */
  cacheDir?: string;
}

/** An article left out of a production build. */
export interface HeldArticle {
  file: string;
  title: string;
  /** For a scheduled article: when it will be published (ISO). */
  date: string;
}

export interface LoadResult {
  content: Content;
  problems: Problem[];
  /** Drafts and scheduled articles, whether or not they were kept (the preview keeps them). */
  drafts: HeldArticle[];
  scheduled: HeldArticle[];
  /** Every photo of the content folder that any file uses (drafts' too) and that was found, with where: for checkPhotoFiles. */
  photoUses: PhotoUse[];
  /** With a cache: how many files' parse came from it (of those, how many were found by their stat, unread), and how many were parsed. */
  cacheStats?: { reused: number; parsed: number; unread: number };
}

export function loadContent({ contentDir, includeDrafts = false, now = Date.now(), renderBodies = true, cacheDir }: LoadOptions): LoadResult {
  const root = path.resolve(contentDir);
  const cache = cacheDir ? ParseCache.open(cacheDir) : undefined;
  // The real clock, not `now` (which tests set): it decides which files' stats are settled enough to keep.
  const started = Date.now();
  const cached = (folder: string, ...options: string[]): FolderCache | undefined => cache && { cache, keyParts: [root, folder, String(renderBodies), ...options], started };
  const context: ParseContext = { root, renderBodies };
  const problems: Problem[] = [];
  const folderProblem = checkContentFolder(root);
  if (folderProblem) {
    const content: Content = { site: DEFAULT_SITE, campaigns: [], sections: [], awardLists: [], articles: [], redirects: [], media: [], files: [] };
    return { content, problems: [folderProblem], drafts: [], scheduled: [], photoUses: [] };
  }

  const siteFile = path.join(root, "site.yaml");
  let site = DEFAULT_SITE;
  let siteParsed: Parsed<SiteSettings> | undefined;
  if (fs.existsSync(siteFile)) {
    siteParsed = readFile(siteFile, readYamlFile, problems, (src) => parseSite(src, context));
    problems.push(...(siteParsed?.problems ?? []));
    site = siteParsed?.item ?? DEFAULT_SITE;
  }
  const awardKinds = new AwardKinds(site.awardKinds);

  const campaigns = readFolder(root, "campaigns", problems, (src, id) => parseCampaign(src, id, context), cached("campaigns"));
  const sections = readFolder(root, "sections", problems, (src, id) => parseSection(src, id, context), cached("sections"));
  const awardLists = readFolder(root, "awards", problems, (src, id) => parseAwardList(src, id, { ...context, awardKinds }), cached("awards", JSON.stringify(site.awardKinds)));
  const articles = readFolder(root, "articles", problems, (src, name) => parseArticle(src, name, { ...context, now }), cached("articles"));
  // Whether an article is still scheduled depends on the moment of this load, not on its file: never taken from the cache.
  for (const p of articles) if (p.item) p.item.scheduled = p.item.time > now;
  cache?.save();

  const allArticles = articles.flatMap((p) => (p.item ? [p.item] : []));
  const held = (a: Article): HeldArticle => ({ file: a.file, title: a.title, date: a.date });
  const drafts = allArticles.filter((a) => a.draft).map(held);
  const scheduled = allArticles.filter((a) => a.scheduled && !a.draft).map(held);
  const published = (a: Article) => !a.draft && !a.scheduled;
  const kept = articles.filter((p) => p.item && (includeDrafts || published(p.item)));
  // What the site publishes: its pages claim addresses, keep old ones, and have their photos and files written.
  const publishedArticles = articles.filter((p) => p.item && published(p.item));
  const written = [...campaigns, ...sections, ...awardLists, ...kept];

  const all = [...campaigns, ...sections, ...awardLists, ...articles];
  problems.push(...all.flatMap((p) => p.problems));
  problems.push(
    ...checkReferences(
      all.flatMap((p) => p.references),
      { campaigns: campaigns.ids.filter(isValidSlug), awards: awardLists.ids.filter(isValidSlug), sections: sections.ids.filter(isValidSlug) },
    ),
  );
  const addressed = [...campaigns, ...sections, ...awardLists, ...publishedArticles];
  problems.push(...checkAddresses(addressed.flatMap((p) => (p.item ? [{ url: p.item.url, file: p.item.file, titleLine: p.titleLine }] : []))));
  problems.push(...checkIds(campaigns), ...checkIds(sections), ...checkIds(awardLists));
  problems.push(...checkSectionCycles(sections.flatMap((p) => (p.item ? [{ ...p.item, parentLine: p.references.find((r) => r.key === "parent")?.line ?? p.titleLine }] : []))));
  const redirectsFile = readRedirects(root, problems);
  const photos = checkPhotoPaths(all.flatMap((p) => p.photos), root);
  const siteFiles = siteParsed?.files ?? [];
  problems.push(...photos.problems, ...checkPhotoPaths([...siteFiles, ...all.flatMap((p) => p.files)], root, "file").problems);
  problems.push(...checkSimilarRecipients(awardLists.flatMap((p) => p.recipients)));

  const items = <T>(list: Parsed<T>[]) => list.flatMap((p) => (p.item ? [p.item] : []));
  const content: Content = {
    site,
    campaigns: items<Campaign>(campaigns),
    sections: items<Section>(sections),
    // Old addresses: those of what is published, and content/redirects.yaml.
    redirects: addressed.flatMap((p) => p.redirects).concat(redirectsFile),
    awardLists: items<AwardList>(awardLists),
    articles: items<Article>(kept),
    // Only what is published is written: a draft's photos stay out of the output.
    media: [...new Set(written.flatMap((p) => p.photos.map((u) => u.path)))].sort(),
    files: [...new Set([...siteFiles, ...written.flatMap((p) => p.files)].map((u) => u.path))].sort(),
  };
  pruneDangling(content);
  const cacheStats = cache && { reused: cache.hits, parsed: cache.misses, unread: cache.statHits };
  return { content, problems: sortProblems(problems), drafts, scheduled, photoUses: photos.found, cacheStats };
}

/** loadContent, then the photo files themselves (headers only): what the build and `npm run check` both run. */
export async function loadAndCheckContent(options: LoadOptions): Promise<LoadResult> {
  const result = loadContent(options);
  const photoProblems = await checkPhotoFiles(result.photoUses);
  return photoProblems.length ? { ...result, problems: sortProblems([...result.problems, ...photoProblems]) } : result;
}

/**
 * Reads and checks one article file against content already loaded (its
 * campaigns and award lists), for the preview's quick path. The checks that
 * need every article (two articles with one URL) are left to the full build.
 */
export function loadOneArticle(content: Content, contentDir: string, file: string, now = Date.now()): { article?: Article; problems: Problem[] } {
  const root = path.resolve(contentDir);
  const problems: Problem[] = [];
  const abs = path.resolve(file);
  const parsed = readFile(abs, readSource, problems, (src) => parseArticle(src, path.basename(abs, ".md"), { root, renderBodies: true, now }));
  if (parsed) {
    problems.push(...parsed.problems, ...checkPhotoPaths(parsed.photos, root).problems, ...checkPhotoPaths(parsed.files, root, "file").problems);
    const known = { campaigns: content.campaigns.map((c) => c.id), awards: content.awardLists.map((l) => l.id), sections: content.sections.map((s) => s.id) };
    problems.push(...checkReferences(parsed.references, known));
  }
  return { article: parsed?.item, problems: sortProblems(problems) };
}

/** The content folder must exist and look like one: a typo in --content must not build an empty site over the real one. */
function checkContentFolder(root: string): Problem | undefined {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat) return { severity: "error", file: displayPath(root), message: say.contentMissing() };
  if (!stat.isDirectory()) return { severity: "error", file: displayPath(root), message: say.contentNotFolder() };
  if (!fs.existsSync(path.join(root, "site.yaml")) && !fs.existsSync(path.join(root, "articles"))) {
    return { severity: "error", file: displayPath(root), message: say.contentEmpty() };
  }
  return undefined;
}

type Reader = (file: string, text: string) => { source?: SourceFile; problems: Problem[] };

/** Reads, decodes and splits one file, then parses it; problems on the way are added to `problems`. */
function readFile<P>(abs: string, read: Reader, problems: Problem[], parse: (src: SourceFile) => P): P | undefined {
  const { text, problem } = readText(abs);
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  const { source, problems: found } = read(displayPath(abs), text!);
  problems.push(...found);
  return source ? parse(source) : undefined;
}

/**
 * Parses every Markdown file below content/<folder>, in a stable order; each
 * result carries its file's id (its name). `ids` are the ids of every file
 * found, read or not: a file that cannot be read is reported once, not again
 * by every file that names it.
 */
function readFolder<P extends Parsed<unknown>>(
  root: string,
  folder: string,
  problems: Problem[],
  parse: (src: SourceFile, id: string) => P,
  cached?: FolderCache,
): (P & { id: string; file: string })[] & { ids: string[] } {
  const { files, stats, problems: listing } = markdownFiles(path.join(root, folder));
  problems.push(...listing);
  const ids = files.map((abs) => path.basename(abs, ".md"));
  const parsed = files.flatMap((abs, i) => {
    const result = cached ? readCached(abs, stats[i], ids[i], problems, parse, cached) : readFile(abs, readSource, problems, (src) => plainParse(parse(src, ids[i])));
    return result ? [Object.assign(result, { id: ids[i], file: displayPath(abs) })] : [];
  });
  return Object.assign(parsed, { ids });
}

interface FolderCache {
  cache: ParseCache;
  /** What besides the file decides its parse: the content folder, the kind of file, the load's options. */
  keyParts: string[];
  /** When the load started (epoch ms). */
  started: number;
}

/**
 * readFile through the parse cache: an unchanged file's last parse, else a
 * new one, kept for next time. A file whose stat (taken as its folder was
 * listed) is the one it had when its parse was kept is not read at all.
 */
function readCached<P extends Parsed<unknown>>(
  abs: string,
  stat: fs.Stats,
  id: string,
  problems: Problem[],
  parse: (src: SourceFile, id: string) => P,
  { cache, keyParts, started }: FolderCache,
): P | undefined {
  const file = displayPath(abs);
  const place = ParseCache.key([...keyParts, file, id]);
  const known = cache.keyByStat(place, statSignature(stat));
  const hit = known ? cache.get(known) : undefined;
  if (hit) {
    problems.push(...hit.readProblems);
    return hit.result as P;
  }
  const { text, problem } = readText(abs);
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  const key = ParseCache.key([...keyParts, file, id, text!]);
  cache.keepStat(place, stat, key, started);
  const kept = cache.get(key);
  if (kept) {
    problems.push(...kept.readProblems);
    return kept.result as P;
  }
  const { source, problems: readProblems } = readSource(file, text!);
  problems.push(...readProblems);
  if (!source) return undefined;
  const result = plainParse(parse(source, id));
  cache.set(key, { readProblems, result });
  return result;
}

/**
 * A parse as plain data, in strings of its own: without the source it was
 * read from (its line finder is a function), and without the file's whole
 * text, which V8 would otherwise keep alive behind every title or summary cut
 * from it (a sliced string holds its parent). At 10,000 articles that text
 * was ~80 MiB of the heap for as long as the build ran (BENCHMARKS.md).
 */
function plainParse<P>(result: P): P {
  const { src: _src, context: _context, ...data } = result as P & { src?: unknown; context?: unknown };
  return v8.deserialize(v8.serialize(data)) as P;
}

/** Keeps only references that resolve, so that the archive never meets a dangling id (a build with errors stops before it anyway). */
function pruneDangling(content: Content) {
  const campaigns = new Set(content.campaigns.map((c) => c.id));
  const awards = new Set(content.awardLists.map((a) => a.id));
  for (const a of content.articles) {
    a.campaigns = a.campaigns.filter((id) => campaigns.has(id));
    a.awards = a.awards.filter((id) => awards.has(id));
  }
  for (const l of content.awardLists) l.campaigns = l.campaigns.filter((id) => campaigns.has(id));
  const sections = new Set(content.sections.map((s) => s.id));
  for (const a of content.articles) a.sections = a.sections.filter((id) => sections.has(id));
  for (const s of content.sections) if (s.parent && !sections.has(s.parent)) s.parent = undefined;
}

/** content/redirects.yaml: old addresses that belong to no one file, each { from, to }. */
function readRedirects(root: string, problems: Problem[]): Redirect[] {
  const abs = path.join(root, "redirects.yaml");
  if (!fs.existsSync(abs)) return [];
  const parsed = readFile(abs, (file, text) => readYamlFile(file, text, true), problems, (src) => {
    const out: Redirect[] = [];
    (src.data.items as unknown[]).forEach((item, i) => {
      const line = src.lineOf(["items", i]);
      const r = item as { from?: unknown; to?: unknown } | null;
      const ok =
        r && typeof r === "object" && typeof r.from === "string" && isSitePath(r.from.trim()) && typeof r.to === "string" && (isSitePath(r.to.trim()) || /^https?:\/\/\S+$/.test(r.to.trim()));
      if (ok) out.push({ from: (r.from as string).trim(), to: (r.to as string).trim(), file: src.file, line });
      else problems.push({ severity: "error", file: src.file, line, message: say.badRedirect(showValue(item)) });
    });
    return out;
  });
  return parsed ?? [];
}
