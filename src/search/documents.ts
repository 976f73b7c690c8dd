// What the search index holds for each page, computed from the archive:
// the text a reader may search for, with the page's filters, sort key and the
// little metadata a result shows. Navigation, breadcrumbs and neighbour lists
// are never part of it.
import type { Archive, ArticlePage, AwardListPage, RecipientPage } from "../archive/archive.ts";
import { htmlDigest } from "../pipeline/digest.ts";
import { ui } from "../strings.ts";
import { formatShort } from "../text/dates.ts";
import { decodeEntities } from "../text/html.ts";
import { KINDS } from "./kinds.ts";
import type { Placed } from "./shards.ts";
import { FIELD_BREAK, indexForm, WORD_SEPARATORS } from "./client/search.js";


export interface SearchRecord {
  url: string;
  /** The page's words as written, đ in its index form (see client/search.js). */
  content: string;
  language: "vi";
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/** Plain text of the HTML that markdown-it writes (tags dropped, its five entities decoded). */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, " "));
}

/** Words only: a lone "-" or "…" between two words would break a phrase a reader types. */
const wordsOf = (text: string) => text.normalize("NFC").split(WORD_SEPARATORS).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Everything a page's record is made from (and it reads nothing else): a build that finds it unchanged needs no new record. */
interface RecordSource {
  url: string;
  title: string;
  /** Its text's fields; HTML as it is (turned into text only when the record is made). */
  text: (string | { html: string } | undefined)[];
  about: (string | undefined)[];
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  /** Its date (ISO): the sort key, and the date a result shows. */
  iso: string;
}

/**
 * A page's record. Its indexed text is three runs of fields: its title; its
 * text (lead, body, a list's recipients...); what is said about it (authors,
 * tags, campaigns...). Fields are kept apart by FIELD_BREAK, so that no phrase
 * runs from one into the next. `meta.text` gives the word span of the text,
 * where results take their excerpts from.
 */
function record({ url, title, text, about, meta, filters, iso }: RecordSource): SearchRecord {
  const fieldWords = (parts: (string | undefined)[]) => parts.filter((p): p is string => Boolean(p)).map((p) => wordsOf(p)).filter((w) => w.length);
  const runs = [fieldWords([title]), fieldWords(text.map((t) => (typeof t === "object" ? htmlToText(t.html) : t))), fieldWords(about)];
  const words: string[] = [];
  let span: [number, number] = [0, 0];
  runs.forEach((fields, run) => {
    if (run === 1) span = [words.length + (words.length ? 1 : 0), 0];
    for (const field of fields) {
      if (words.length) words.push(FIELD_BREAK);
      words.push(...field);
    }
    if (run === 1) span[1] = words.length;
  });
  if (span[1] <= span[0]) span = [0, words.length];
  return {
    url,
    content: indexForm(words.join(" ")),
    language: "vi",
    meta: { ...meta, iso, date: formatShort(iso), text: `${span[0]} ${span[1]}` },
    filters,
    sort: { date: iso },
  };
}

/** The small image a result shows for a photo, given its media URL. */
export type Thumbnail = (mediaUrl: string) => string | undefined;

function articleSource(a: ArticlePage, thumbnail: Thumbnail = () => undefined): RecordSource {
  const meta: Record<string, string> = { title: a.title, kind: KINDS.article.label };
  if (a.cover) {
    meta.image = thumbnail(a.cover.src) ?? a.cover.src;
    meta.image_alt = a.cover.alt;
  }
  return {
    url: a.url,
    title: a.title,
    text: [a.lead, { html: a.html }],
    about: [a.authors.length ? `${ui.authors}: ${a.authors.join(", ")}` : undefined, a.source, ...a.tagLinks.map((t) => t.title), ...a.campaignLinks.map((c) => c.title), ...a.sectionLinks.map((c) => c.title)],
    meta,
    filters: articleFilters(a),
    iso: a.date,
  };
}

const articleFilters = (a: ArticlePage) => ({ year: [String(a.year)], kind: [KINDS.article.id], campaign: a.campaigns, ...(a.sections.length ? { section: a.sections } : {}) });

function awardListSource(l: AwardListPage): RecordSource {
  const groups = l.groups.flatMap((g) => [
    `${g.award} ${g.by}`,
    ...g.collectives,
    ...g.individuals.map((p) => [p.rank, p.name, p.position, p.unit].filter(Boolean).join(" ")),
  ]);
  return {
    url: l.url,
    title: l.title,
    text: [l.decision?.number, l.decision?.issuer, { html: l.html }, ...groups],
    about: l.campaignLinks.map((c) => c.title),
    meta: { title: l.title, kind: KINDS.awardList.label },
    filters: awardListFilters(l),
    iso: l.date,
  };
}

const awardListFilters = (l: AwardListPage) => ({ year: [String(l.year)], kind: [KINDS.awardList.id], campaign: l.campaigns });

/**
 * A recipient: its name and details, then the awards it received and who
 * conferred them. Not the lists' titles: a recipient page would then match
 * every word of those titles, and bury the articles that report them.
 */
function recipientSource(r: RecipientPage): RecordSource {
  return {
    url: r.url,
    title: r.name,
    text: [r.detail, ...new Set(r.entries.map((e) => `${e.award} ${e.by}`))],
    about: [],
    meta: { title: r.name, kind: KINDS.recipient.label },
    filters: recipientFilters(r),
    iso: r.entries[0].date,
  };
}

const recipientFilters = (r: RecipientPage) => ({ year: [...new Set(r.entries.map((e) => String(e.year)))], kind: [KINDS.recipient.id] });

/**
 * A page the search index holds, before its record is made: what decides its
 * shard (its address, filters and date, as in its record), a hash of what its
 * record is made from, and its record on request. A build makes the records
 * of the shards it writes again only.
 */
export interface SearchPage extends Placed {
  /** Its record's source as JSON (the code that makes records is not in it; its body by its digest, digest.ts). */
  input(): string;
  record(): SearchRecord;
}

/**
 * A record's source as JSON, its body by its digest (digest.ts): the body is
 * the only field where it stands, in `text`, so it is put there by hand
 * rather than by a replacer, which would be called for every value.
 */
function sourceJson(source: RecordSource, body: { html: string } | undefined): string {
  const text = source.text.map((t) => (typeof t === "object" && body !== undefined && t.html === body.html ? { html: `#html:${htmlDigest(body)}` } : t));
  return JSON.stringify({ ...source, text });
}

export function searchPages(archive: Archive, photos?: { thumbnail: Thumbnail }): SearchPage[] {
  /** `body`: the page whose html the source holds. */
  const page = (url: string, filters: Record<string, string[]>, date: string, source: () => RecordSource, body?: { html: string }): SearchPage => ({
    url,
    filters,
    sort: { date },
    input: () => sourceJson(source(), body),
    record: () => record(source()),
  });
  return [
    ...archive.articles.map((a) => page(a.url, articleFilters(a), a.date, () => articleSource(a, photos?.thumbnail), a)),
    ...archive.awardLists.map((l) => page(l.url, awardListFilters(l), l.date, () => awardListSource(l), l)),
    ...archive.recipients.map((r) => page(r.url, recipientFilters(r), r.entries[0].date, () => recipientSource(r))),
  ];
}

export function searchRecords(archive: Archive, photos?: { thumbnail: Thumbnail }): SearchRecord[] {
  return searchPages(archive, photos).map((p) => p.record());
}
