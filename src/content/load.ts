// Loads a content folder into the typed model, checking every file against
// the content model and every reference between files. It never stops at the
// first problem: it returns the model and all the problems it found.
import fs from "node:fs";
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import { problems as say } from "../strings.ts";
import { localYear } from "../text/dates.ts";
import { isValidSlug, slugify } from "../text/slug.ts";
import { urls } from "../urls.ts";
import { renderMarkdown } from "./markdown.ts";
import { collectiveKey, individualKey } from "../awards/identity.ts";
import { AwardKinds } from "../awards/kinds.ts";
import { comparable, similarPairs } from "../awards/similar.ts";
import type { Article, AwardGroup, AwardList, Campaign, Content, Photo, SiteSettings } from "./model.ts";
import { showValue, sortProblems, type Problem } from "./problems.ts";
import { articleSchema, awardListSchema, campaignSchema, knownKeys, siteSchema } from "./schema.ts";
import { readSource, type SourceFile } from "./source-file.ts";

export interface LoadOptions {
  contentDir: string;
  /** Drafts and scheduled articles are left out unless this is set (the preview sets it). */
  includeDrafts?: boolean;
  /** The moment that decides which articles are still scheduled (epoch ms); now by default. */
  now?: number;
  /** False skips writing bodies as HTML (npm run check): photos in them are still checked. */
  renderBodies?: boolean;
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
}

const DEFAULT_SITE: SiteSettings = { title: "Tin tức", description: "", url: "", awardKinds: [] };

export function loadContent({ contentDir, includeDrafts = false, now = Date.now(), renderBodies = true }: LoadOptions): LoadResult {
  const root = path.resolve(contentDir);
  const problems: Problem[] = [];
  const loader = new Loader(root, problems, renderBodies);

  const site = loader.site();
  loader.awardKinds = new AwardKinds(site.awardKinds);
  const campaigns = loader.each("campaigns", (src, id) => loader.campaign(src, id));
  const awardLists = loader.each("awards", (src, id) => loader.awardList(src, id));
  const all = loader.each("articles", (src, name) => loader.article(src, name, now));
  const held = (a: Article): HeldArticle => ({ file: a.file, title: a.title, date: a.date });
  const drafts = all.filter((a) => a.draft).map(held);
  const scheduled = all.filter((a) => a.scheduled && !a.draft).map(held);
  const articles = includeDrafts ? all : all.filter((a) => !a.draft && !a.scheduled);

  loader.checkReferences(campaigns, awardLists, articles);
  loader.checkSimilarRecipients();
  return { content: { site, campaigns, awardLists, articles, media: [...loader.media].sort() }, problems: sortProblems(problems), drafts, scheduled };
}

/**
 * Reads and checks one article file against content already loaded (its
 * campaigns and award lists), for the preview's quick path. The checks that
 * need every article (two articles with one URL) are left to the full build.
 */
export function loadOneArticle(content: Content, contentDir: string, file: string, now = Date.now()): { article?: Article; problems: Problem[] } {
  const root = path.resolve(contentDir);
  const problems: Problem[] = [];
  const loader = new Loader(root, problems);
  loader.awardKinds = new AwardKinds(content.site.awardKinds);
  const abs = path.resolve(file);
  const { source, problems: read } = readSource(loader.displayOf(abs), fs.readFileSync(abs, "utf8"));
  problems.push(...read);
  const article = source ? loader.article(source, path.basename(abs, ".md"), now) : undefined;
  const stubs = content.awardLists.map((l) => ({ ...l, campaigns: [...l.campaigns] }));
  if (article) loader.checkReferences(content.campaigns, stubs, [article]);
  return { article, problems: sortProblems(problems) };
}

class Loader {
  readonly media = new Set<string>();
  awardKinds = new AwardKinds();
  /** Every distinct award recipient, where it was first named, for the near-duplicate check. */
  private readonly recipients = new Map<string, { name: string; form: string; file: string; line: number; key: string }>();
  private readonly exists = new Map<string, boolean>();
  private readonly urlOwners = new Map<string, string>();
  private readonly pending: { src: SourceFile; kind: "campaigns" | "awards"; key: string; ids: string[] }[] = [];

  constructor(
    private readonly root: string,
    private readonly problems: Problem[],
    private readonly renderBodies = true,
  ) {}

  displayOf(abs: string): string {
    return this.display(abs);
  }

  /** A path as writers see it: relative to where they run the build, else absolute. */
  private display(abs: string): string {
    const rel = path.relative(process.cwd(), abs);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  }

  private error(file: string, line: number | undefined, key: string | undefined, message: string) {
    this.problems.push({ severity: "error", file, line, key, message });
  }

  site(): SiteSettings {
    const abs = path.join(this.root, "site.yaml");
    if (!fs.existsSync(abs)) return DEFAULT_SITE;
    const { source, problems } = readSource(this.display(abs), `---\n${fs.readFileSync(abs, "utf8")}\n---\n`);
    this.problems.push(...problems.map((p) => ({ ...p, line: p.line && p.line - 1 })));
    if (!source) return DEFAULT_SITE;
    const fields = this.validate(source, siteSchema, knownKeys.site, -1);
    return fields
      ? { title: fields.title, description: fields.description ?? "", url: (fields.url ?? "").replace(/\/+$/, ""), awardKinds: fields.awardKinds }
      : DEFAULT_SITE;
  }

  /** Reads every Markdown file below content/<folder>, in a stable order. */
  each<T>(folder: string, make: (src: SourceFile, id: string) => T | undefined): T[] {
    const out: T[] = [];
    for (const abs of markdownFiles(path.join(this.root, folder))) {
      const { source, problems } = readSource(this.display(abs), fs.readFileSync(abs, "utf8"));
      this.problems.push(...problems);
      if (!source) continue;
      const item = make(source, path.basename(abs, ".md"));
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  campaign(src: SourceFile, id: string): Campaign | undefined {
    const f = this.validate(src, campaignSchema, knownKeys.campaign);
    if (!this.checkId(src, id) || !f) return undefined;
    const url = urls.campaign(id);
    this.claim(url, src);
    return { kind: "campaign", id, file: src.file, url, title: f.title, summary: f.summary, started: f.started, ended: f.ended, html: this.body(src) };
  }

  awardList(src: SourceFile, id: string): AwardList | undefined {
    const f = this.validate(src, awardListSchema, knownKeys.awardList);
    if (!this.checkId(src, id) || !f) return undefined;
    const date = f.date.date.toISO()!;
    const year = localYear(date);
    f.groups.forEach((g, i) => this.checkGroup(src, g, i));
    if (f.decision?.date && f.decision.date.date.toMillis() > f.date.date.toMillis()) {
      const shown = (d: { date: { toFormat(f: string): string } }) => d.date.toFormat("dd/MM/yyyy");
      this.error(src.file, src.lineOf(["decision", "date"]), "decision.date", say.decisionAfterList(shown(f.decision.date), shown(f.date)));
    }
    const url = urls.awardList(year, id);
    this.claim(url, src);
    this.refer(src, "campaigns", "campaigns", f.campaigns);
    const d = f.decision;
    return {
      kind: "awardList",
      id,
      file: src.file,
      year,
      url,
      title: f.title,
      date,
      time: f.date.date.toMillis(),
      campaigns: f.campaigns,
      decision: d && (d.number || d.date || d.issuer) ? { number: d.number, date: d.date?.date.toISO() ?? undefined, issuer: d.issuer } : undefined,
      groups: f.groups,
      html: this.body(src),
    };
  }

  /** An award group: a known kind of award, at least one recipient, nobody twice. */
  private checkGroup(src: SourceFile, g: AwardGroup, i: number) {
    if (g.collectives.length + g.individuals.length === 0) this.error(src.file, src.lineOf(["groups", i]), `groups.${i}`, say.noRecipient());
    if (this.awardKinds.rank(g.award) < 0) {
      this.error(src.file, src.lineOf(["groups", i, "award"]), `groups.${i}.award`, say.unknownAwardKind(g.award, this.awardKinds.suggest(g.award)));
    }
    const seenAt = new Map<string, number>();
    const check = (key: string, name: string, form: string, list: "collectives" | "individuals", j: number) => {
      const path = ["groups", i, list, j];
      const line = src.lineOf(path);
      const first = seenAt.get(key);
      if (first !== undefined) return this.error(src.file, line, path.join("."), say.duplicateRecipient(name, first));
      seenAt.set(key, line);
      if (!this.recipients.has(key)) this.recipients.set(key, { name, form, file: src.file, line, key });
    };
    g.collectives.forEach((name, j) => check(collectiveKey(name), name, comparable(name), "collectives", j));
    g.individuals.forEach((p, j) => {
      const shown = p.unit ? `${p.name} (${p.unit})` : p.name;
      check(individualKey(p), shown, `${comparable(p.name)} | ${comparable(p.unit ?? "")}`, "individuals", j);
    });
  }

  /** Warns about recipients whose names are one letter or one abbreviation apart. */
  checkSimilarRecipients() {
    const all = [...this.recipients.values()];
    const byKey = new Map(all.map((r) => [r.key, r]));
    for (const [a, b] of similarPairs(all.map((r) => [r.key, `${r.key[0]}|${r.form}`]))) {
      const [first, second] = [byKey.get(a)!, byKey.get(b)!].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
      this.problems.push({
        severity: "warning",
        file: second.file,
        line: second.line,
        message: say.similarRecipients(second.name, first.name, `${first.file}:${first.line}`),
      });
    }
  }

  /** An article's slug is its `slug:` key, else its file name (content/articles/<year>/<slug>.md). */
  article(src: SourceFile, fileName: string, now: number): Article | undefined {
    const f = this.validate(src, articleSchema, knownKeys.article);
    if (!f) return undefined;
    const date = f.date.date.toISO()!;
    const year = localYear(date);
    let slug = slugify(fileName) || slugify(f.title);
    if (f.slug !== undefined) {
      if (isValidSlug(f.slug)) slug = f.slug;
      else this.error(src.file, src.lineOf(["slug"]), "slug", say.badSlug(showValue(f.slug), slugify(f.slug) || slug));
    }
    const url = urls.article(year, slug);
    const scheduled = f.date.date.toMillis() > now;
    if (!f.draft && !scheduled) this.claim(url, src);
    this.refer(src, "campaigns", "campaigns", f.campaigns);
    this.refer(src, "awards", "awards", f.awards);
    let image: Photo | undefined;
    if (f.image) {
      const photo = this.photo(src, f.image.src, src.lineOf(["image", "src"]), "image.src");
      if (photo) image = { src: photo.url, file: photo.file, alt: f.image.alt ?? "", caption: f.image.caption };
    }
    let firstParagraph = "";
    const html = this.body(src, (p) => (firstParagraph = p));
    const tags = f.tags.map((name) => ({ name, slug: slugify(name) })).filter((t) => t.slug);
    return {
      kind: "article",
      file: src.file,
      year,
      slug,
      url,
      title: f.title,
      date,
      time: f.date.date.toMillis(),
      hasTime: f.date.hasTime,
      updated: f.updated?.date.toISO() ?? undefined,
      authors: [...new Set(f.authors.flatMap((a) => a.split(/\s+-\s+/)).map((a) => a.trim()).filter(Boolean))],
      source: f.source,
      summary: f.summary ?? firstParagraph,
      lead: f.summary,
      campaigns: f.campaigns,
      tags: uniqueBy(tags, (t) => t.slug),
      image,
      awards: f.awards,
      draft: f.draft,
      scheduled,
      html,
    };
  }

  /** Checks ids given in `key` against the files in content/<kind> once all are read. */
  private refer(src: SourceFile, kind: "campaigns" | "awards", key: string, ids: string[]) {
    if (ids.length) this.pending.push({ src, kind, key, ids });
  }

  checkReferences(campaigns: Campaign[], awardLists: AwardList[], articles: Article[]) {
    const known = { campaigns: campaigns.map((c) => c.id), awards: awardLists.map((a) => a.id) };
    const sets = { campaigns: new Set(known.campaigns), awards: new Set(known.awards) };
    for (const { src, kind, key, ids } of this.pending) {
      ids.forEach((id, i) => {
        if (sets[kind].has(id)) return;
        const suggestion = suggest(id, known[kind]);
        const message = kind === "campaigns" ? say.unknownCampaign(id, suggestion) : say.unknownAwardList(id, suggestion);
        this.error(src.file, src.lineOf([key, i]), key, message);
      });
    }
    // Keep only references that resolve, so that the archive never meets a dangling id.
    for (const a of articles) {
      a.campaigns = a.campaigns.filter((id) => sets.campaigns.has(id));
      a.awards = a.awards.filter((id) => sets.awards.has(id));
    }
    for (const l of awardLists) l.campaigns = l.campaigns.filter((id) => sets.campaigns.has(id));
  }

  private validate<S extends z.ZodObject>(src: SourceFile, schema: S, keys: Record<string, string[]>, lineShift = 0): z.output<S> | undefined {
    this.checkKeys(src, keys, lineShift);
    const result = schema.safeParse(src.data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const keyPath = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      this.error(src.file, src.lineOf(keyPath) + lineShift, keyPath.join("."), issue.message);
    }
    return undefined;
  }

  /** Unknown keys are errors: a misspelt optional key would otherwise be lost without a word. */
  private checkKeys(src: SourceFile, keys: Record<string, string[]>, lineShift: number) {
    const visit = (value: unknown, pattern: string, keyPath: (string | number)[]) => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${pattern}.*`, [...keyPath, i]));
      if (!value || typeof value !== "object") return;
      const allowed = keys[pattern.replace(/^\./, "")];
      if (!allowed) return;
      for (const [k, v] of Object.entries(value)) {
        const at = [...keyPath, k];
        if (!allowed.includes(k)) {
          const guess = suggest(k, allowed);
          this.error(src.file, src.lineOf(at) + lineShift, at.join("."), say.unknownKey(k, guess));
        } else visit(v, `${pattern}.${k}`, at);
      }
    };
    visit(src.data, "", []);
  }

  private checkId(src: SourceFile, id: string): boolean {
    if (isValidSlug(id)) return true;
    this.error(src.file, 1, undefined, say.badSlug(showValue(id), `${slugify(id)}.md`));
    return false;
  }

  /** Registers the URL an item will be written at; two items may not share one. */
  private claim(url: string, src: SourceFile) {
    const owner = this.urlOwners.get(url);
    if (owner) this.error(src.file, src.lineOf(["title"]), "title", say.duplicateUrl(url, owner));
    else this.urlOwners.set(url, src.file);
  }

  private body(src: SourceFile, onFirstParagraph?: (text: string) => void): string {
    const { html, firstParagraph } = renderMarkdown(src.body, (img) => this.photo(src, img.src, src.bodyLine + img.line - 1)?.url, this.renderBodies);
    onFirstParagraph?.(firstParagraph);
    return html;
  }

  /**
   * Resolves a photo path (relative to the Markdown file, or to content/ when
   * it starts with "/"), records it and returns its URL; a web address is kept
   * as written. Reports a photo that does not exist and returns undefined.
   */
  private photo(src: SourceFile, written: string, line: number, key?: string): { url: string; file?: string } | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return { url: written };
    let decoded = written;
    try {
      decoded = decodeURI(written);
    } catch {
      /* keep it as written */
    }
    const sourceDir = path.dirname(path.resolve(process.cwd(), src.file));
    const abs = decoded.startsWith("/") ? path.join(this.root, decoded) : path.resolve(sourceDir, decoded);
    const rel = path.relative(this.root, abs);
    let ok = this.exists.get(abs);
    if (ok === undefined) {
      ok = !rel.startsWith("..") && !path.isAbsolute(rel) && fs.statSync(abs, { throwIfNoEntry: false })?.isFile() === true;
      this.exists.set(abs, ok);
    }
    if (!ok) {
      this.error(src.file, line, key, say.missingImage(written));
      return undefined;
    }
    const file = rel.split(path.sep).join("/");
    this.media.add(file);
    return { url: urls.media(file), file };
  }
}

/** The closest known id, when it is close enough to be a likely slip. */
export function suggest(value: string, known: string[]): string | undefined {
  if (!known.length) return undefined;
  const best = closest(value, known);
  return distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: false }) as string[])
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(dir, f))
    .sort();
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
}
