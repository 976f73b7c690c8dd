// What every parser of a content file shares: the result it returns (the
// item, what it refers to, the photos it uses, its problems), checking front
// matter key by key so that one bad value never hides another, and reading a
// photo path.
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import { problems as say } from "../../strings.ts";
import { isValidSlug, slugify } from "../../text/slug.ts";
import { urls } from "../../urls.ts";
import { renderMarkdown, type RenderedBody } from "../markdown.ts";
import { showValue, type Problem } from "../problems.ts";
import type { Redirect } from "../model.ts";
import type { KeyPath, SourceFile } from "../source-file.ts";

/** An id given in one file that must name another (a campaign, an award list). */
export interface Reference {
  file: string;
  line: number;
  key: string;
  kind: "campaigns" | "awards" | "sections";
  id: string;
}

/** A photo a file uses, by its path inside the content folder. */
export interface PhotoUse {
  /** The file that uses it, as shown in messages, and where. */
  file: string;
  line: number;
  key?: string;
  /** The path as the writer wrote it. */
  written: string;
  /** Absolute path (inside the content folder, as written: links not followed). */
  abs: string;
  /** Path relative to the content folder, POSIX separators. */
  path: string;
}

export interface Parsed<T> {
  /** Absent when a required value is missing or wrong. */
  item?: T;
  problems: Problem[];
  references: Reference[];
  photos: PhotoUse[];
  /** Files (pdf, doc …) its body links to, published with the site. */
  files: PhotoUse[];
  /** Its old addresses (aliases), each leading to its address. */
  redirects: Redirect[];
  /** The line a duplicate address is reported on. */
  titleLine: number;
}

export interface ParseContext {
  /** The content folder, absolute. */
  root: string;
  /** False skips writing bodies as HTML (npm run check): photos in them are still found. */
  renderBodies: boolean;
}

/** Collects one file's problems and uses, for a parser to fill in. */
export class FileResult<T> implements Parsed<T> {
  item?: T;
  problems: Problem[] = [];
  references: Reference[] = [];
  photos: PhotoUse[] = [];
  files: PhotoUse[] = [];
  redirects: Redirect[] = [];
  titleLine: number;

  constructor(
    readonly src: SourceFile,
    readonly context: ParseContext,
  ) {
    this.titleLine = src.lineOf(["title"]);
  }

  error(key: KeyPath | undefined, message: string, line = key ? this.src.lineOf(key) : 1) {
    this.problems.push({ severity: "error", file: this.src.file, line, key: key?.join("."), message });
  }

  warning(key: KeyPath | undefined, message: string, line = key ? this.src.lineOf(key) : 1) {
    this.problems.push({ severity: "warning", file: this.src.file, line, key: key?.join("."), message });
  }

  /**
   * Checks the front matter against a schema one top-level key at a time, so
   * that every wrong value is reported, and returns the values that are right.
   * Unknown keys are errors too: a misspelt optional key would otherwise be lost without a word.
   */
  fields<S extends z.ZodObject>(schema: S, keys: Record<string, string[]>): Partial<z.output<S>> {
    this.checkKeys(keys);
    const out: Record<string, unknown> = {};
    for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const result = fieldSchema.safeParse(this.src.data[key]);
      if (result.success) {
        if (result.data !== undefined) out[key] = result.data;
        continue;
      }
      for (const issue of result.error.issues) {
        const keyPath = [key, ...issue.path.filter((p): p is string | number => typeof p !== "symbol")];
        this.error(keyPath, issue.message);
      }
    }
    return out as Partial<z.output<S>>;
  }

  private checkKeys(keys: Record<string, string[]>) {
    const visit = (value: unknown, pattern: string, keyPath: (string | number)[]) => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${pattern}.*`, [...keyPath, i]));
      if (!value || typeof value !== "object") return;
      const allowed = keys[pattern.replace(/^\./, "")];
      if (!allowed) return;
      for (const [k, v] of Object.entries(value)) {
        const at = [...keyPath, k];
        if (!allowed.includes(k)) this.error(at, say.unknownKey(k, suggest(k, allowed)));
        else visit(v, `${pattern}.${k}`, at);
      }
    };
    visit(this.src.data, "", []);
  }

  /** A file's id is its name: lower-case letters without marks, digits and "-". */
  checkId(id: string): boolean {
    if (isValidSlug(id)) return true;
    this.error(undefined, say.badSlug(showValue(id), `${slugify(id)}.md`));
    return false;
  }

  /** Ids in `key` that must name files in content/<kind>, checked once every file is read. */
  refer(kind: Reference["kind"], key: string, ids: string[] | undefined) {
    (ids ?? []).forEach((id, i) => this.references.push({ file: this.src.file, line: this.src.lineOf([key, i]), key, kind, id }));
  }

  /** The item's `aliases`: old addresses that lead to `url`. */
  aliasesTo(url: string, aliases: string[] | undefined) {
    (aliases ?? []).forEach((from, i) => this.redirects.push({ from, to: url, file: this.src.file, line: this.src.lineOf(["aliases", i]) }));
  }

  /** A file kept in a year folder (content/articles/2018/) must be of that year. */
  checkYearFolder(year: number, dateKey: string) {
    const folder = /(?:^|[\\/])(\d{4})[\\/][^\\/]+$/.exec(this.src.file)?.[1];
    if (folder && Number(folder) !== year) this.error([dateKey], say.yearNotFolder(year, folder));
  }

  /**
   * Reads a photo path: relative to the Markdown file, or to the content
   * folder when it starts with "/"; a web address (http, https) is kept as
   * written. Returns its URL (and its path inside content/), or undefined
   * after reporting a path that can never be a photo of this site (another
   * scheme, outside content/).
   */
  photo(written: string, line: number, key?: KeyPath, kind: "photo" | "file" = "photo"): { url: string; path?: string } | undefined {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(written)?.[1];
    if (scheme) {
      if (/^https?$/i.test(scheme)) return { url: written };
      this.error(key, say.badPhotoScheme(showValue(written)), line);
      return undefined;
    }
    let decoded = written;
    try {
      decoded = decodeURI(written);
    } catch {
      /* keep it as written */
    }
    const root = this.context.root;
    const sourceDir = path.dirname(path.resolve(process.cwd(), this.src.file));
    const abs = decoded.startsWith("/") ? path.join(root, decoded) : path.resolve(sourceDir, decoded);
    const rel = path.relative(root, abs);
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) {
      this.error(key, kind === "photo" ? say.photoOutsideContent(showValue(written)) : say.fileOutsideContent(showValue(written)), line);
      return undefined;
    }
    const file = rel.split(path.sep).join("/");
    (kind === "photo" ? this.photos : this.files).push({ file: this.src.file, line, key: key?.join("."), written, abs, path: file });
    return { url: kind === "photo" ? urls.media(file) : urls.file(file), path: file };
  }

  /** The body as HTML (empty for npm run check), with its photos read; `firstParagraph` is its first paragraph's text. */
  body(): RenderedBody {
    return renderMarkdown(
      this.src.body,
      (img) => this.photo(img.src, this.src.bodyLine + img.line - 1)?.url,
      this.context.renderBodies,
      (link) => this.photo(link.src, this.src.bodyLine + link.line - 1, undefined, "file")?.url,
    );
  }
}

/** The closest known id, when it is close enough to be a likely slip. */
export function suggest(value: string, known: string[]): string | undefined {
  if (!known.length) return undefined;
  const best = closest(value, known);
  return distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
