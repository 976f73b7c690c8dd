// content/articles/<year>/<slug>.md: an article. Its slug is its `slug:` key,
// else its file name.
import { problems as say } from "../../strings.ts";
import { formatShort, localYear } from "../../text/dates.ts";
import { isValidSlug, slugify } from "../../text/slug.ts";
import { urls } from "../../urls.ts";
import type { Article, Photo } from "../model.ts";
import { showValue } from "../problems.ts";
import { articleSchema, knownKeys } from "../schema.ts";
import type { SourceFile } from "../source-file.ts";
import { FileResult, type ParseContext, type Parsed } from "./common.ts";

export function parseArticle(src: SourceFile, fileName: string, context: ParseContext & { now: number }): Parsed<Article> {
  const r = new FileResult<Article>(src, context);
  const f = r.fields(articleSchema, knownKeys.article);
  const date = f.date?.date;
  const year = date ? localYear(date.toISO()!) : undefined;
  if (year !== undefined) r.checkYearFolder(year, "date");
  if (date && f.updated && f.updated.date.toMillis() < date.toMillis()) {
    r.error(["updated"], say.updatedBeforeDate(formatShort(f.updated.date.toISO()!), formatShort(date.toISO()!)));
  }
  let slug = slugify(fileName) || slugify(f.title ?? "");
  if (f.slug !== undefined) {
    if (isValidSlug(f.slug)) slug = f.slug;
    else r.error(["slug"], say.badSlug(showValue(f.slug), slugify(f.slug) || slug));
  }
  r.refer("campaigns", "campaigns", f.campaigns);
  r.refer("awards", "awards", f.awards);
  r.refer("sections", "sections", f.sections);
  let image: Photo | undefined;
  if (f.image) {
    const photo = r.photo(f.image.src, r.src.lineOf(["image", "src"]), ["image", "src"]);
    if (photo) image = { src: photo.url, file: photo.path, alt: f.image.alt ?? "", caption: f.image.caption };
  }
  const { html, firstParagraph, firstImage } = r.body();
  if (!f.title || !date || year === undefined) return r;
  const tags = (f.tags ?? []).map((name) => ({ name, slug: slugify(name) })).filter((t) => t.slug);
  const url = urls.article(year, slug);
  r.aliasesTo(url, f.aliases);
  r.item = {
    kind: "article",
    file: src.file,
    year,
    slug,
    url,
    title: f.title,
    date: date.toISO()!,
    time: date.toMillis(),
    hasTime: f.date!.hasTime,
    updated: f.updated?.date.toISO() ?? undefined,
    authors: [...new Set((f.authors ?? []).flatMap((a) => a.split(/\s+-\s+/)).map((a) => a.trim()).filter(Boolean))],
    source: f.source,
    summary: f.summary ?? firstParagraph,
    lead: f.summary,
    campaigns: f.campaigns ?? [],
    tags: uniqueBy(tags, (t) => t.slug),
    image,
    cover: image ?? firstImage,
    awards: f.awards ?? [],
    sections: f.sections ?? [],
    aliases: f.aliases ?? [],
    draft: f.draft ?? false,
    scheduled: date.toMillis() > context.now,
    html,
  };
  return r;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
}
