// NukeViet's news rows to this archive's content files: pure functions, no
// database. What NukeViet stores is described in ../shared/field-notes.md and
// README ("Chuyển từ NukeViet").
import { decodeHTML } from "entities";
import { DateTime } from "luxon";
import TurndownService from "turndown";
import { gfm } from "turndown-plugin-gfm";
import { stringify } from "yaml";
import { TIME_ZONE } from "../../text/dates.ts";
import { slugify } from "../../text/slug.ts";

/** Titles and aliases are stored HTML-escaped ("GD&amp;ĐT", "&#33;"): the text as written. */
export function plainText(stored: string | null | undefined): string {
  return decodeHTML(stored ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
}

/** NukeViet's lead (hometext): text with <br>, or HTML when the site stored HTML. */
export function leadText(hometext: string | null | undefined): string {
  return plainText((hometext ?? "").replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, " "));
}

/** A Unix time as this archive writes dates: local time in Asia/Ho_Chi_Minh, "2018-01-15T08:30". */
export function localDate(unixSeconds: number): string {
  return DateTime.fromSeconds(unixSeconds, { zone: TIME_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export type Publication = { kind: "published" } | { kind: "scheduled" } | { kind: "draft" } | { kind: "skipped"; reason: "expired" | "suspended" };

/** NukeViet locks a row's status while its category is locked: the real status is stored above this. */
const ROW_LOCKED_STATUS = 20;

/**
 * What becomes of a row: published when status is 1, its publication time
 * has passed and it has not expired (or its `archive` keeps it); scheduled for
 * a future publication time or status 2; a draft for status 4 and the approval
 * steps (5–10); left out when suspended (0) or expired without `archive`.
 */
export function publicationOf(row: { status: number; publtime: number; exptime: number; archive: number }, now: number): Publication {
  let status = row.status;
  if (status > ROW_LOCKED_STATUS) status -= ROW_LOCKED_STATUS + 1;
  const expired = row.exptime > 0 && row.exptime * 1000 <= now;
  if (status === 0) return { kind: "skipped", reason: "suspended" };
  if (status >= 4) return { kind: "draft" };
  if (status === 2 || row.publtime * 1000 > now) return { kind: "scheduled" };
  if ((status === 3 || expired) && !row.archive) return { kind: "skipped", reason: "expired" };
  return { kind: "published" };
}

/** An id of this archive from a NukeViet alias ("Ra-mat-cong-ty-ABC" → "ra-mat-cong-ty-abc"). */
export function idOf(alias: string, fallback: string): string {
  return slugify(plainText(alias)) || fallback;
}

/** A photo's fate while converting a body: its new path, or undefined when it is dropped (reported by the caller). */
export type PhotoResolver = (src: string) => string | undefined;

/** HTML bodies to Markdown: tables (GFM), figures with their captions, photos through `photo`; styles and empty paragraphs dropped. */
export function bodyToMarkdown(html: string, photo: PhotoResolver): string {
  const service = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "*" });
  service.use(gfm);
  service.remove(["script", "style", "iframe", "object", "embed"]);
  const image = (img: HTMLElement, caption = "") => {
    const src = photo(img.getAttribute("src") ?? "");
    if (!src) return "";
    const alt = plainText(img.getAttribute("alt") ?? "").replace(/[[\]]/g, "");
    const title = plainText(caption).replace(/"/g, "'");
    return `![${alt}](${encodeURI(src)}${title ? ` "${title}"` : ""})`;
  };
  service.addRule("figure", {
    filter: "figure",
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      const img = el.querySelector("img");
      const caption = el.querySelector("figcaption")?.textContent ?? "";
      return img ? `\n\n${image(img as HTMLElement, caption)}\n\n` : `\n\n${plainText(el.textContent ?? "")}\n\n`;
    },
  });
  service.addRule("image", { filter: "img", replacement: (_content, node) => image(node as HTMLElement) });
  return service
    .turndown(html ?? "")
    .normalize("NFC")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A Markdown file: YAML front matter (keys in the given order, empty ones left out), then the body. */
export function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  const kept = Object.fromEntries(Object.entries(frontMatter).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && !v.length)));
  return `---\n${stringify(kept, { lineWidth: 0, flowCollectionPadding: false }).trimEnd()}\n---\n${body ? `${body}\n` : ""}`;
}
