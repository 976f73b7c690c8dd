// Moves a NukeViet 4.x news module into a content folder: categories become
// sections, topics campaigns, rows articles (with their photos, tags, source
// and every old address as `aliases`). Rows are read in batches by id, so a
// portal of any size imports in flat memory. The import writes into a copy of
// the content folder beside it and swaps it in only when everything
// succeeded; a file a writer edited since the last import is never
// overwritten (content/.nukeviet-import.json remembers what each file was).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { importMessages as say } from "../../strings.ts";
import { localDate, bodyToMarkdown, idOf, leadText, markdownFile, plainText, publicationOf } from "./convert.ts";

export interface ImportOptions {
  /** mysql://USER:PASS@HOST:PORT/DB */
  database: string;
  /** NukeViet's uploads folder (the one that holds news/). */
  uploads?: string;
  /** The content folder to write. */
  out: string;
  prefix?: string;
  lang?: string;
  /** The module's data name (news, or a renamed copy); read from {prefix}_{lang}_modules when absent. */
  moduleData?: string;
  now?: number;
  /** Told every so often how many rows are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  articles: { published: number; scheduled: number; drafts: number };
  sections: number;
  campaigns: number;
  skipped: { expired: number; suspended: number; emptyTitle: number };
  unchanged: number;
  /** Files a writer edited after the last import: kept as they are. */
  keptEdited: string[];
  photos: { copied: number; missing: string[]; external: string[] };
  /** Attached files (decisions, forms): copied into content/files/nukeviet/ and linked under the body; those not found, by article. */
  attachments: { copied: number; missing: string[] };
  warnings: string[];
}

/** A problem that stops the import, said in the writer's words. */
export class ImportError extends Error {}

const MANIFEST = ".nukeviet-import.json";
/** Articles on a NukeViet category page (its per_page setting's default). */
const NUKEVIET_PER_PAGE = 20;
type Manifest = Record<string, { file: string; edittime: number; sha: string }>;
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

interface Row {
  id: number;
  catid: number;
  listcatid: string;
  topicid: number;
  author: string;
  sourceid: number;
  addtime: number;
  edittime: number;
  status: number;
  publtime: number;
  exptime: number;
  archive: number;
  title: string;
  alias: string;
  hometext: string;
  homeimgfile: string;
  homeimgalt: string;
  homeimgthumb: number;
  bodyhtml: string | null;
  keywords: string | null;
  sourcetext: string | null;
  files: string | null;
}

export async function importNukeviet(options: ImportOptions): Promise<ImportReport> {
  const out = path.resolve(options.out);
  const prefix = options.prefix ?? "nv4";
  const lang = options.lang ?? "vi";
  const now = options.now ?? Date.now();
  const report: ImportReport = {
    articles: { published: 0, scheduled: 0, drafts: 0 },
    sections: 0,
    campaigns: 0,
    skipped: { expired: 0, suspended: 0, emptyTitle: 0 },
    unchanged: 0,
    keptEdited: [],
    photos: { copied: 0, missing: [], external: [] },
    attachments: { copied: 0, missing: [] },
    warnings: [],
  };

  const manifestFile = path.join(out, MANIFEST);
  if (fs.existsSync(out) && fs.readdirSync(out).length && !fs.existsSync(manifestFile)) throw new ImportError(say.outNotOurs(out));
  const manifest: Manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, "utf8")) : {};

  let db: mysql.Connection;
  try {
    db = await mysql.createConnection({ uri: options.database, charset: "utf8mb4", dateStrings: true, supportBigNumbers: true });
  } catch (error) {
    throw new ImportError(say.cannotConnect(redact(options.database), String((error as Error).message)));
  }
  const staging = `${out}.tmp-import-${process.pid}`;
  try {
    const q = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params))[0] as T[];
    const tables = new Set((await q<Record<string, string>>("SHOW TABLES")).map((r) => Object.values(r)[0]));
    const moduleData = options.moduleData ?? (await moduleDataOf(q, tables, prefix, lang));
    const t = (name: string) => `${prefix}_${lang}_${moduleData}_${name}`;
    for (const needed of ["rows", "cat"]) if (!tables.has(t(needed))) throw new ImportError(say.notNukeviet(t(needed)));
    if (!tables.has(t("detail"))) {
      const old = [...tables].some((n) => n.startsWith(`${t("bodyhtml")}_`));
      throw new ImportError(old ? say.oldVersion(t("bodyhtml_1")) : say.notNukeviet(t("detail")));
    }
    const moduleName = await moduleNameOf(q, tables, prefix, lang, moduleData);

    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(out)) fs.cpSync(out, staging, { recursive: true });
    else fs.mkdirSync(staging, { recursive: true });
    const write = (rel: string, text: string, edittime: number) => {
      const target = path.join(staging, rel);
      const known = manifest[rel];
      if (known && fs.existsSync(target)) {
        const current = fs.readFileSync(target, "utf8");
        // Edited by a writer since the import wrote it: theirs now.
        if (sha(current) !== known.sha) {
          if (current !== text) report.keptEdited.push(rel);
          return;
        }
        if (current === text) {
          report.unchanged++;
          return;
        }
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
      manifest[rel] = { file: rel, edittime, sha: sha(text) };
    };

    // Sections (categories), with the old addresses of their pages.
    const cats = await q<{ catid: number; parentid: number; title: string; alias: string; description: string | null; weight: number }>(`SELECT catid, parentid, title, alias, description, weight FROM ${t("cat")} ORDER BY catid`);
    const sectionId = new Map(cats.map((c) => [c.catid, idOf(c.alias, `chuyen-muc-${c.catid}`)]));
    const catAlias = new Map(cats.map((c) => [c.catid, c.alias]));
    /** Published articles by main category: how many list pages (page-2/, page-3/ …) each had. */
    const perCategory = new Map<number, number>();

    // Campaigns (topics: "dòng sự kiện").
    const topicId = new Map<number, string>();
    if (tables.has(t("topics"))) {
      for (const tp of await q<{ topicid: number; title: string; alias: string; description: string | null }>(`SELECT topicid, title, alias, description FROM ${t("topics")} ORDER BY topicid`)) {
        const id = idOf(tp.alias, `dong-su-kien-${tp.topicid}`);
        topicId.set(tp.topicid, id);
        write(`campaigns/${id}.md`, markdownFile({ title: plainText(tp.title), summary: leadText(tp.description), aliases: oldPaths(moduleName, lang, `topic/${tp.alias}/`) }, ""), 0);
        report.campaigns++;
      }
    }
    const sources = new Map<number, string>();
    if (tables.has(t("sources"))) for (const s of await q<{ sourceid: number; title: string }>(`SELECT sourceid, title FROM ${t("sources")}`)) sources.set(s.sourceid, plainText(s.title));

    // Articles, in batches by id.
    const [{ total }] = await q<{ total: number }>(`SELECT COUNT(*) AS total FROM ${t("rows")}`);
    const usedSlugs = new Set<string>();
    const tagAliases = new Map<string, string>();
    const hasTags = tables.has(t("tags_id")) && tables.has(t("tags"));
    let lastId = 0;
    let done = 0;
    for (;;) {
      const rows = await q<Row>(
        `SELECT r.id, r.catid, r.listcatid, r.topicid, r.author, r.sourceid, r.addtime, r.edittime, r.status, r.publtime, r.exptime, r.archive,
                r.title, r.alias, r.hometext, r.homeimgfile, r.homeimgalt, r.homeimgthumb, d.bodyhtml, d.keywords, d.sourcetext, d.files
           FROM ${t("rows")} r LEFT JOIN ${t("detail")} d ON d.id = r.id WHERE r.id > ? ORDER BY r.id LIMIT 500`,
        [lastId],
      );
      if (!rows.length) break;
      const tagsOf = new Map<number, { keyword: string; alias: string }[]>();
      if (hasTags) {
        const ids = rows.map((r) => r.id);
        for (const tg of await q<{ id: number; keyword: string; alias: string }>(
          `SELECT ti.id, ti.keyword, tg.alias FROM ${t("tags_id")} ti JOIN ${t("tags")} tg ON tg.tid = ti.tid WHERE ti.id IN (?) ORDER BY ti.id, tg.tid`,
          [ids],
        )) {
          if (!tagsOf.has(tg.id)) tagsOf.set(tg.id, []);
          tagsOf.get(tg.id)!.push(tg);
        }
      }
      for (const row of rows) {
        lastId = row.id;
        done++;
        const title = plainText(row.title);
        if (!title) {
          report.skipped.emptyTitle++;
          report.warnings.push(say.emptyTitle(row.id));
          continue;
        }
        const publication = publicationOf(row, now);
        if (publication.kind === "skipped") {
          report.skipped[publication.reason]++;
          continue;
        }
        if (!catAlias.has(row.catid)) report.warnings.push(say.unknownCategory(row.id, row.catid));
        const date = localDate(row.publtime || row.addtime);
        const year = date.slice(0, 4);
        let slug = idOf(row.alias, `bai-${row.id}`);
        if (usedSlugs.has(`${year}/${slug}`)) slug = `${slug}-${row.id}`;
        usedSlugs.add(`${year}/${slug}`);
        const rel = `articles/${year}/${slug}.md`;
        const photo = photoCopier(options.uploads, staging, report, `${rel} (id ${row.id})`);
        const image = leadPhoto(row, photo);
        const attached = (row.files ?? "").split(",").map((f) => f.trim()).filter(Boolean).flatMap((file) => {
          const copied = copyUpload(options.uploads, staging, path.posix.join("news", file), "files", () => report.attachments.copied++);
          if (!copied) report.attachments.missing.push(`${rel} (id ${row.id}): ${file}`);
          return copied ? [`- [${path.posix.basename(file)}](${encodeURI(copied)})`] : [];
        });
        const body = [bodyToMarkdown(row.bodyhtml ?? "", photo), attached.length ? `**${say.attachments}**\n\n${attached.join("\n")}` : ""].filter(Boolean).join("\n\n");
        const cats = [row.catid, ...row.listcatid.split(",").map(Number)].filter((c, i, all) => c && all.indexOf(c) === i && sectionId.has(c));
        const tags = [...new Set([...(row.keywords ?? "").split(","), ...(tagsOf.get(row.id) ?? []).map((tg) => tg.keyword)].map(plainText).filter(Boolean))];
        if (publication.kind === "published") for (const tg of tagsOf.get(row.id) ?? []) tagAliases.set(tg.alias, plainText(tg.keyword));
        const mainAlias = catAlias.get(row.catid) ?? "";
        const frontMatter = {
          title,
          date,
          authors: plainText(row.author) ? plainText(row.author).split(/\s*,\s*/) : undefined,
          source: sources.get(row.sourceid) ?? (plainText(row.sourcetext) || undefined),
          summary: leadText(row.hometext) || undefined,
          sections: cats.map((c) => sectionId.get(c)),
          campaigns: topicId.has(row.topicid) ? [topicId.get(row.topicid)] : undefined,
          tags,
          image,
          aliases: publication.kind === "published" ? oldPaths(moduleName, lang, `${mainAlias}/${row.alias}-${row.id}.html`, `${mainAlias}/${row.alias}-${row.id}`) : undefined,
          draft: publication.kind === "draft" ? true : undefined,
        };
        write(rel, markdownFile(frontMatter, body), row.edittime);
        report.articles[publication.kind === "published" ? "published" : publication.kind === "scheduled" ? "scheduled" : "drafts"]++;
        if (publication.kind === "published") perCategory.set(row.catid, (perCategory.get(row.catid) ?? 0) + 1);
        if (done % 500 === 0) options.onProgress?.(done, total);
      }
    }
    options.onProgress?.(done, total);

    // Sections, with the old addresses of their pages: a category's page N lists other articles
    // each time one is added, so every /page-N/ leads to the section's first page.
    for (const c of cats) {
      const pages = Math.ceil((perCategory.get(c.catid) ?? 0) / NUKEVIET_PER_PAGE);
      const aliases = [`${c.alias}/`, ...Array.from({ length: Math.max(0, pages - 1) }, (_, i) => `${c.alias}/page-${i + 2}/`)].flatMap((rest) => oldPaths(moduleName, lang, rest));
      write(
        `sections/${sectionId.get(c.catid)}.md`,
        markdownFile({ title: plainText(c.title), parent: c.parentid ? sectionId.get(c.parentid) : undefined, order: c.weight, summary: leadText(c.description), aliases }, ""),
        0,
      );
      report.sections++;
    }

    // Old tag pages lead to the tags that published articles carry.
    const redirects = [...tagAliases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([alias, keyword]) => ({ from: `/${lang}/${moduleName}/tag/${encodeURI(alias)}`, to: `/chu-de/${idOf(keyword, "")}/` }));
    write("redirects.yaml", redirects.length ? `${redirects.map((r) => `- { from: "${r.from}", to: "${r.to}" }`).join("\n")}\n` : "[]\n", 0);
    if (!fs.existsSync(path.join(staging, "site.yaml"))) fs.writeFileSync(path.join(staging, "site.yaml"), `title: ${JSON.stringify(say.siteTitle)}\n`);
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);

    // Swap in: the previous folder is kept aside until the new one is in place.
    const old = `${out}.old-import-${process.pid}`;
    if (fs.existsSync(out)) fs.renameSync(out, old);
    fs.renameSync(staging, out);
    fs.rmSync(old, { recursive: true, force: true });
    return report;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const code = (error as { code?: string }).code;
    if (code === "ER_NO_SUCH_TABLE" || code === "ER_BAD_FIELD_ERROR") throw new ImportError(say.notNukeviet(String((error as Error).message)));
    throw error;
  } finally {
    await db.end().catch(() => {});
  }
}

/** A NukeViet address in the forms old links have: with and without /vi/, and with /index.php/; `query` adds the plain index.php?… form. */
function oldPaths(moduleName: string, lang: string, rest: string, query?: string): string[] {
  const paths = [`/${lang}/${moduleName}/${rest}`, `/${moduleName}/${rest}`, `/index.php/${lang}/${moduleName}/${rest}`].map((p) => encodeURI(p));
  if (query) paths.push(`/index.php?language=${lang}&nv=${moduleName}&op=${encodeURI(query)}`);
  return paths;
}

async function moduleDataOf(q: <T>(sql: string, params?: unknown[]) => Promise<T[]>, tables: Set<string>, prefix: string, lang: string): Promise<string> {
  const modules = `${prefix}_${lang}_modules`;
  if (!tables.has(modules)) return "news";
  const [row] = await q<{ module_data: string }>(`SELECT module_data FROM ${modules} WHERE module_file = 'news' ORDER BY weight LIMIT 1`);
  return row?.module_data ?? "news";
}

async function moduleNameOf(q: <T>(sql: string, params?: unknown[]) => Promise<T[]>, tables: Set<string>, prefix: string, lang: string, moduleData: string): Promise<string> {
  const modules = `${prefix}_${lang}_modules`;
  if (!tables.has(modules)) return moduleData;
  const [row] = await q<{ title: string }>(`SELECT title FROM ${modules} WHERE module_data = ? LIMIT 1`, [moduleData]);
  return row?.title ?? moduleData;
}

/** The lead photo: a file under uploads/news/ (homeimgthumb 1, 2), an external address (3), or none (0). */
function leadPhoto(row: Row, photo: (src: string) => string | undefined): { src: string; alt?: string } | undefined {
  if (!row.homeimgfile || row.homeimgthumb === 0) return undefined;
  const src = row.homeimgthumb === 3 ? photo(row.homeimgfile) : photo(`/uploads/news/${row.homeimgfile}`);
  return src ? { src, alt: plainText(row.homeimgalt) || undefined } : undefined;
}

/**
 * Copies the photos a row uses from NukeViet's uploads into content/images/nukeviet/,
 * and says where each is now. An external photo is kept as its address; a
 * missing one is dropped; both are reported with the article.
 */
function photoCopier(uploads: string | undefined, staging: string, report: ImportReport, where: string) {
  return (src: string): string | undefined => {
    if (/^https?:\/\//i.test(src)) {
      report.photos.external.push(`${where}: ${src}`);
      return src;
    }
    const m = /(?:^|\/)uploads\/(.+)$/.exec(src.split(/[?#]/)[0]);
    const copied = m ? copyUpload(uploads, staging, decodeURIComponent(m[1]), "images", () => report.photos.copied++) : undefined;
    if (!copied) report.photos.missing.push(`${where}: ${src}`);
    return copied;
  };
}

/**
 * Copies a file of NukeViet's uploads (its path below uploads/) into
 * content/<folder>/nukeviet/, once (`counted` is told when it is copied).
 * Returns its new site path, or undefined when it is not there or not inside uploads/.
 */
function copyUpload(uploads: string | undefined, staging: string, rel: string, folder: string, counted: () => void): string | undefined {
  if (!uploads) return undefined;
  const from = path.resolve(uploads, rel);
  const inside = path.relative(path.resolve(uploads), from);
  if (!inside || inside.startsWith("..") || path.isAbsolute(inside) || !fs.statSync(from, { throwIfNoEntry: false })?.isFile()) return undefined;
  const posix = inside.split(path.sep).join("/");
  const to = path.join(staging, folder, "nukeviet", posix);
  if (!fs.existsSync(to)) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    counted();
  }
  return `/${folder}/nukeviet/${posix}`;
}

/** The database address without its password, for messages. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
