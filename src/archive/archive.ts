// Computes everything the pages need from the content model, once, for the
// whole archive: orders, neighbours, year/campaign/tag groupings, award lists
// with their counts and reporting articles, breadcrumbs and pagination.
// Sorting dominates: O(n log n) in the number of items.
import { AwardKinds } from "../awards/kinds.ts";
import { collectRecipients, csvRows, recipientsOf, statistics, toCsv, type Recipient, type StatTable } from "../awards/register.ts";
import type { Article, AwardGroup, AwardList, Campaign, Content, Link, Photo, Redirect, Section, SiteSettings } from "../content/model.ts";
import { ui } from "../strings.ts";
import { formatLong, formatShort } from "../text/dates.ts";
import { KINDS } from "../search/kinds.ts";
import { urls } from "../urls.ts";
import { byYear, groupBy, type YearGroup } from "./group.ts";
import { neighboursIn } from "./neighbours.ts";
import { newestFirst, vietnamese } from "./order.ts";
import { paginate, type Paged } from "./paginate.ts";

export const PER_PAGE = 20;
const NEIGHBOURS = 5;
const LATEST = 10;
const FEED_SIZE = 50;

/** When an article last changed: its correction (`updated`), else its publication. The feeds, the sitemap and the pages all use this. */
const lastChange = (a: Article) => (a.updated && a.updated > a.date ? a.updated : a.date);
/** Newest change first: the feed order. */
const byLastChange = (a: ArticlePage, b: ArticlePage) => (a.changed < b.changed ? 1 : a.changed > b.changed ? -1 : newestFirst(a, b));

/** An article as other pages list it. */
export interface ArticleRef extends Link {
  date: string;
  /** When it last changed (see lastChange). */
  changed: string;
  /** The date as lists show it: "15/01/2018". */
  day: string;
  year: number;
  /** One line about it, for lists that show more than titles. */
  summary: string;
  /** Its photo for lists (see Article.cover). */
  photo?: Photo;
  /** Only in the preview: a draft or a scheduled article. */
  draft?: boolean;
  scheduled?: boolean;
}

export interface Crumb {
  title: string;
  url?: string;
}

export interface ArticlePage extends Article {
  /** When it last changed (see lastChange). */
  changed: string;
  /** "Thứ Hai, 15/01/2018 - 08:30" */
  dateText: string;
  updatedText?: string;
  breadcrumbs: Crumb[];
  campaignLinks: Link[];
  tagLinks: Link[];
  awardLinks: Link[];
  newer: ArticleRef[];
  older: ArticleRef[];
  /** Which sequence the newer/older lists come from: its main section, else its first campaign; absent for the whole archive. */
  neighboursFrom?: Link & { kind: "section" | "campaign" };
  /** Its sections, the main one first. */
  sectionLinks: Link[];
  /** The breadcrumbs before its title: its main section and the sections above it, else the news and its year. */
  trail: Crumb[];
  previous?: ArticleRef;
  next?: ArticleRef;
}

export interface ListPage extends Paged<ArticleRef> {
  title: string;
  breadcrumbs: Crumb[];
  groups: YearGroup<ArticleRef>[];
}

export interface YearSummary {
  year: number;
  count: number;
  url: string;
}

export interface CampaignSummary extends Link {
  id: string;
  summary?: string;
  period: string;
  articleCount: number;
  awardListCount: number;
}

export interface CampaignPage extends ListPage {
  campaign: Campaign;
  period: string;
  /** Award lists of the campaign by year; shown on its first page. */
  awardYears: YearGroup<AwardListRef>[];
  /** Statistics of the campaign's award lists; on its first page. */
  stats?: { years: StatTable[]; all: StatTable };
}

export interface AwardListRef extends Link {
  date: string;
  day: string;
  year: number;
  counts: string;
}

export interface AwardGroupView extends AwardGroup {
  counts: string;
  /** The register page of each collective and individual, in the group's order. */
  collectiveUrls: string[];
  individualUrls: string[];
}

export interface AwardListPage extends AwardList {
  day: string;
  /** "Quyết định số … ngày … của …", when the list has a decision. */
  decisionText?: string;
  breadcrumbs: Crumb[];
  groupViews: AwardGroupView[];
  counts: string;
  campaignLinks: Link[];
  reportedBy: ArticleRef[];
  csvUrl: string;
  csv: string;
}

export interface RecipientPage extends Recipient {
  breadcrumbs: Crumb[];
  /** How the register lists it: "Trung tá, Phó Trưởng phòng, Phòng Tham mưu". */
  detail: string;
}

export interface TagSummary extends Link {
  slug: string;
  count: number;
}

/** An HTML page of the site and when what it shows last changed (ISO), for the sitemap. */
export interface PageEntry {
  url: string;
  changed?: string;
}

/** What an article's page shows that comes from the rest of the archive: its links and neighbours. */
export type ArticleContext = Pick<ArticlePage, "campaignLinks" | "sectionLinks" | "tagLinks" | "awardLinks" | "newer" | "older" | "neighboursFrom" | "previous" | "next" | "trail">;

/** A section as the sections' index and the menu show it. */
export interface SectionSummary extends Link {
  id: string;
  summary?: string;
  /** 0 for a top-level section. */
  depth: number;
  articleCount: number;
}

export interface SectionPage extends ListPage {
  section: Section;
  /** The sections right under it. */
  children: Link[];
}

export interface Feed {
  id: string;
  title: string;
  url: string;
  feedUrl: string;
  items: ArticlePage[];
}

export interface Archive {
  site: SiteSettings;
  /** Every HTML page the site has but the 404 page, with when it last changed: the sitemap. */
  pages: PageEntry[];
  /** Every other file the layouts write (feeds, CSV, robots.txt, 404.html), by address. */
  otherFiles: string[];
  latest: ArticleRef[];
  articles: ArticlePage[];
  years: YearSummary[];
  yearPages: ListPage[];
  campaigns: CampaignSummary[];
  campaignPages: CampaignPage[];
  awardYears: YearGroup<AwardListRef>[];
  awardLists: AwardListPage[];
  tags: TagSummary[];
  tagPages: ListPage[];
  recipients: RecipientPage[];
  /** Feeds: the site's latest articles, and each campaign's, by last change (a correction moves an article up). */
  feed: ArticlePage[];
  campaignFeeds: Feed[];
  /** Every campaign's and section's feed: what list-feed.njk writes. */
  listFeeds: Feed[];
  /** Sections in tree order (each after its parent, siblings by `order` then title). */
  sections: SectionSummary[];
  /** The site's main menu: the top-level sections. */
  menu: Link[];
  sectionPages: SectionPage[];
  sectionFeeds: Feed[];
  /** Old addresses and where they lead, for the redirect files (src/site/redirects.ts). */
  redirects: Redirect[];
  awardStats: { years: StatTable[]; all: StatTable };
  registerCsv: string;
  /** The values the search page offers as filters: each a stable id (the filter's value) and what readers see. */
  searchFilters: { years: number[]; campaigns: { id: string; label: string }[]; sections: { id: string; label: string }[]; kinds: { id: string; label: string }[] };
}

const home: Crumb = { title: ui.home, url: urls.home() };
const news: Crumb = { title: ui.news, url: urls.news() };
const campaignsCrumb: Crumb = { title: ui.campaigns, url: urls.campaigns() };
const awardsCrumb: Crumb = { title: ui.awards, url: urls.awards() };
const tagsCrumb: Crumb = { title: ui.tags, url: urls.tags() };

/**
 * An article's page: the article, what is shown of it (its dates, its
 * breadcrumbs) and its place in the archive. The full build and the preview's
 * quick path (which keeps the context of the last build) both make it here.
 */
export function articlePage(a: Article, context: ArticleContext): ArticlePage {
  return {
    ...a,
    changed: lastChange(a),
    dateText: formatLong(a.date, a.hasTime),
    updatedText: a.updated ? formatLong(a.updated) : undefined,
    breadcrumbs: [...context.trail, { title: a.title }],
    ...context,
  };
}

const refOf = (a: Article): ArticleRef => {
  const ref: ArticleRef = { title: a.title, url: a.url, date: a.date, changed: lastChange(a), day: formatShort(a.date), year: a.year, summary: a.summary };
  if (a.cover) ref.photo = a.cover;
  if (a.draft) ref.draft = true;
  if (a.scheduled) ref.scheduled = true;
  return ref;
};

function countsOf(groups: AwardGroup[]): string {
  let c = 0, i = 0;
  for (const g of groups) {
    c += g.collectives.length;
    i += g.individuals.length;
  }
  return ui.counts(c, i);
}

export function archiveOf(content: Content): Archive {
  const articles = [...content.articles].sort(newestFirst);
  const awardLists = [...content.awardLists].sort(newestFirst);
  const refs = new Map(articles.map((a) => [a, refOf(a)]));
  const ref = (a: Article) => refs.get(a)!;

  const campaignById = new Map(content.campaigns.map((c) => [c.id, c]));
  const awardById = new Map(awardLists.map((l) => [l.id, l]));
  const awardRef = new Map(awardLists.map((l) => [l.id, { title: l.title, url: l.url, date: l.date, day: formatShort(l.date), year: l.year, counts: countsOf(l.groups) }]));

  // Sequences: the whole archive, each campaign (articles in it), each tag.
  const inCampaign = groupBy(articles.flatMap((a) => a.campaigns.map((id) => [id, a] as const)), ([id]) => id);
  const campaignArticles = new Map([...inCampaign].map(([id, pairs]) => [id, pairs.map(([, a]) => a)]));
  const inTag = groupBy(articles.flatMap((a) => a.tags.map((t) => [t, a] as const)), ([t]) => t.slug);
  const campaignAwards = groupBy(awardLists.flatMap((l) => l.campaigns.map((id) => [id, l] as const)), ([id]) => id);
  const reporting = groupBy(articles.flatMap((a) => a.awards.map((id) => [id, a] as const)), ([id]) => id);

  // Sections, as a tree: each after its parent, siblings by their order, then title.
  const sections = sectionTree(content.sections);
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const sectionLink = (id: string): Link => ({ title: sectionById.get(id)!.title, url: urls.section(id) });
  const ancestry = (id: string): Link[] => {
    const out: Link[] = [];
    for (let at: string | undefined = id; at && out.length <= sections.length; at = sectionById.get(at)?.parent) out.unshift(sectionLink(at));
    return out;
  };
  const inSection = groupBy(articles.flatMap((a) => a.sections.map((id) => [id, a] as const)), ([id]) => id);
  const sectionArticles = new Map([...inSection].map(([id, pairs]) => [id, pairs.map(([, a]) => a)]));

  // Newer and older: in the article's main section, else its first campaign, else the whole archive (as NukeViet does).
  const global = neighboursIn(articles, NEIGHBOURS);
  const perCampaign = new Map([...campaignArticles].map(([id, list]) => [id, neighboursIn(list, NEIGHBOURS)]));
  const perSection = new Map([...sectionArticles].map(([id, list]) => [id, neighboursIn(list, NEIGHBOURS)]));

  const articlePages: ArticlePage[] = articles.map((a) => {
    const [main] = a.sections;
    const first = a.campaigns[0];
    const near = main ? perSection.get(main)!.get(a)! : first ? perCampaign.get(first)!.get(a)! : global.get(a)!;
    const around = global.get(a)!;
    const neighboursFrom = main
      ? { ...sectionLink(main), kind: "section" as const }
      : first
        ? { title: campaignById.get(first)!.title, url: urls.campaign(first), kind: "campaign" as const }
        : undefined;
    return articlePage(a, {
      trail: main ? [home, ...ancestry(main)] : [home, news, { title: String(a.year), url: urls.year(a.year) }],
      sectionLinks: a.sections.map(sectionLink),
      campaignLinks: a.campaigns.map((id) => ({ title: campaignById.get(id)!.title, url: urls.campaign(id) })),
      tagLinks: a.tags.map((t) => ({ title: t.name, url: urls.tag(t.slug) })),
      awardLinks: a.awards.map((id) => ({ title: awardById.get(id)!.title, url: awardById.get(id)!.url })),
      newer: near.newer.map(ref),
      older: near.older.map(ref),
      neighboursFrom,
      next: around.newer[0] && ref(around.newer[0]),
      previous: around.older[0] && ref(around.older[0]),
    });
  });

  const pageOf = new Map(articles.map((a, i) => [a, articlePages[i]]));

  // Years
  const yearGroups = byYear(articles);
  const years = yearGroups.map((g) => ({ year: g.year, count: g.items.length, url: urls.year(g.year) }));
  const yearPages = yearGroups.flatMap((g) =>
    listPages(g.items.map(ref), ui.yearTitle(g.year), (p) => urls.year(g.year, p), [home, news, { title: String(g.year) }]),
  );

  // Campaigns, in Vietnamese alphabetical order of their titles
  const campaigns = [...content.campaigns].sort((a, b) => vietnamese.compare(a.title, b.title) || (a.id < b.id ? -1 : 1));
  const campaignSummaries = campaigns.map((c) => ({
    id: c.id,
    title: c.title,
    url: c.url,
    summary: c.summary,
    period: ui.campaignPeriod(c.started, c.ended),
    articleCount: campaignArticles.get(c.id)?.length ?? 0,
    awardListCount: campaignAwards.get(c.id)?.length ?? 0,
  }));
  const kinds = new AwardKinds(content.site.awardKinds);
  const campaignPages = campaigns.flatMap((c) => {
    const own = (campaignAwards.get(c.id) ?? []).map(([, l]) => l);
    const lists = own.map((l) => awardRef.get(l.id)!);
    return listPages((campaignArticles.get(c.id) ?? []).map(ref), c.title, (p) => urls.campaign(c.id, p), [home, campaignsCrumb, { title: c.title }]).map(
      (page): CampaignPage => ({
        ...page,
        campaign: c,
        period: ui.campaignPeriod(c.started, c.ended),
        awardYears: page.number === 1 ? byYear(lists) : [],
        stats: page.number === 1 && own.length ? statistics(own, kinds) : undefined,
      }),
    );
  });

  // Section pages and the index
  const sectionsCrumb: Crumb = { title: ui.sections, url: urls.sections() };
  const sectionSummaries: SectionSummary[] = sections.map((sec) => ({
    id: sec.id,
    title: sec.title,
    url: sec.url,
    summary: sec.summary,
    depth: ancestry(sec.id).length - 1,
    articleCount: sectionArticles.get(sec.id)?.length ?? 0,
  }));
  const sectionPages = sections.flatMap((sec) => {
    const trail = [home, sectionsCrumb, ...ancestry(sec.id).slice(0, -1), { title: sec.title }];
    const children = sections.filter((c) => c.parent === sec.id).map((c) => sectionLink(c.id));
    return listPages((sectionArticles.get(sec.id) ?? []).map(ref), sec.title, (p) => urls.section(sec.id, p), trail).map(
      (page): SectionPage => ({ ...page, section: sec, children: page.number === 1 ? children : [] }),
    );
  });

  // Tags, alphabetical
  const tagEntries = [...inTag].map(([slug, pairs]) => ({ slug, name: pairs[0][0].name, items: pairs.map(([, a]) => ref(a)) }));
  tagEntries.sort((a, b) => vietnamese.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  const tags = tagEntries.map((t) => ({ slug: t.slug, title: t.name, url: urls.tag(t.slug), count: t.items.length }));
  const tagPages = tagEntries.flatMap((t) => listPages(t.items, ui.tagTitle(t.name), (p) => urls.tag(t.slug, p), [home, tagsCrumb, { title: t.name }]));

  // The award register: recipients, statistics, downloads
  const reportLinks = new Map([...reporting].map(([id, pairs]) => [id, pairs.map(([, a]) => ({ title: a.title, url: a.url }))]));
  const recipients = collectRecipients(awardLists, reportLinks);
  const recipientUrl = new Map(recipients.map((r) => [r.key, r.url]));
  const recipientsCrumb: Crumb = { title: ui.recipientsShort, url: urls.recipients() };
  const recipientPages = recipients.map(
    (r): RecipientPage => ({
      ...r,
      breadcrumbs: [home, awardsCrumb, recipientsCrumb, { title: r.name }],
      detail: [r.rank, r.position, r.unit].filter(Boolean).join(", "),
    }),
  );

  // Award lists
  const awardListPages = awardLists.map(
    (l): AwardListPage => ({
      ...l,
      day: awardRef.get(l.id)!.day,
      decisionText: l.decision ? ui.decisionLine(l.decision.number ?? "", l.decision.date ? formatShort(l.decision.date) : "", l.decision.issuer ?? "") : undefined,
      breadcrumbs: [home, awardsCrumb, { title: String(l.year), url: urls.awardYear(l.year) }, { title: l.title }],
      groupViews: l.groups.map((g) => {
        const urlsOf = recipientsOf(g).map((r) => recipientUrl.get(r.key)!);
        return {
          ...g,
          counts: ui.counts(g.collectives.length, g.individuals.length),
          collectiveUrls: urlsOf.slice(0, g.collectives.length),
          individualUrls: urlsOf.slice(g.collectives.length),
        };
      }),
      counts: awardRef.get(l.id)!.counts,
      campaignLinks: l.campaigns.map((id) => ({ title: campaignById.get(id)!.title, url: urls.campaign(id) })),
      reportedBy: (reporting.get(l.id) ?? []).map(([, a]) => ref(a)),
      csvUrl: urls.awardListCsv(l.year, l.id),
      csv: toCsv(csvRows([l])),
    }),
  );

  const feedOf = (item: { id: string; title: string; url: string }, feedUrl: string, list: Article[] | undefined): Feed => ({
    id: item.id,
    title: item.title,
    url: item.url,
    feedUrl,
    items: (list ?? []).map((a) => pageOf.get(a)!).sort(byLastChange).slice(0, FEED_SIZE),
  });
  const campaignFeeds = campaigns.map((c) => feedOf(c, urls.campaignFeed(c.id), campaignArticles.get(c.id)));
  const sectionFeeds = sections.map((sec) => feedOf(sec, urls.sectionFeed(sec.id), sectionArticles.get(sec.id)));

  // When each page last changed: a list page when the newest of what it lists did.
  const newest = (isos: string[]) => isos.reduce<string | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  const anyChange = newest([...articles.map(lastChange), ...awardLists.map((l) => l.date)]);
  const awardChange = newest(awardLists.map((l) => l.date));
  const pages: PageEntry[] = [
    ...[urls.home(), urls.news(), urls.campaigns(), urls.sections(), urls.tags()].map((url) => ({ url, changed: anyChange })),
    ...[urls.awards(), urls.recipients()].map((url) => ({ url, changed: awardChange })),
    { url: urls.search() },
    ...articlePages.map((a) => ({ url: a.url, changed: a.changed })),
    ...[...yearPages, ...campaignPages, ...sectionPages, ...tagPages].map((p) => ({ url: p.url, changed: newest(p.items.map((i) => i.changed)) ?? anyChange })),
    ...awardListPages.map((l) => ({ url: l.url, changed: l.date })),
    ...recipientPages.map((r) => ({ url: r.url, changed: r.entries[0].date })),
  ];
  const otherFiles = [
    urls.notFound(),
    urls.feed(),
    ...campaignFeeds.map((f) => f.feedUrl),
    ...sectionFeeds.map((f) => f.feedUrl),
    ...awardListPages.map((l) => l.csvUrl),
    urls.registerCsv(),
    urls.robots(),
    urls.sitemap(),
  ];

  return {
    site: content.site,
    pages,
    otherFiles,
    latest: articles.slice(0, LATEST).map(ref),
    articles: articlePages,
    years,
    yearPages,
    campaigns: campaignSummaries,
    campaignPages,
    awardYears: byYear(awardLists.map((l) => awardRef.get(l.id)!)),
    awardLists: awardListPages,
    tags,
    tagPages,
    recipients: recipientPages,
    feed: [...articlePages].sort(byLastChange).slice(0, FEED_SIZE),
    campaignFeeds,
    sections: sectionSummaries,
    menu: sectionSummaries.filter((sec) => sec.depth === 0).map(({ title, url }) => ({ title, url })),
    sectionPages,
    sectionFeeds,
    listFeeds: [...campaignFeeds, ...sectionFeeds],
    redirects: content.redirects,
    awardStats: statistics(awardLists, kinds),
    registerCsv: toCsv(csvRows(awardLists)),
    searchFilters: {
      years: [...new Set([...articles.map((a) => a.year), ...awardLists.map((l) => l.year)])].sort((a, b) => b - a),
      campaigns: campaignSummaries.filter((c) => c.articleCount + c.awardListCount > 0).map((c) => ({ id: c.id, label: c.title })),
      sections: sectionSummaries.filter((sec) => sec.articleCount > 0).map((sec) => ({ id: sec.id, label: sec.title })),
      kinds: [KINDS.article, ...(awardLists.length ? [KINDS.awardList, KINDS.recipient] : [])],
    },
  };
}

function listPages(items: ArticleRef[], title: string, urlOf: (page: number) => string, breadcrumbs: Crumb[]): ListPage[] {
  return paginate(items, PER_PAGE, urlOf).map((page) => ({
    ...page,
    title: page.number > 1 ? `${title} – ${ui.pageOf(page.number, page.total)}` : title,
    breadcrumbs: page.number > 1 ? [...breadcrumbs.slice(0, -1), { ...breadcrumbs.at(-1)!, url: urlOf(1) }, { title: ui.pageOf(page.number, page.total) }] : breadcrumbs,
    groups: byYear(page.items),
  }));
}

/** Sections in tree order: each right after its parent, siblings by `order` (unset last), then title, then id. */
function sectionTree(all: Section[]): Section[] {
  const children = groupBy(all.map((sec) => [sec.parent ?? "", sec] as const), ([parent]) => parent);
  const bySiblingOrder = (a: Section, b: Section) =>
    (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || vietnamese.compare(a.title, b.title) || (a.id < b.id ? -1 : 1);
  const out: Section[] = [];
  const seen = new Set<string>();
  const visit = (parent: string) => {
    for (const [, sec] of [...(children.get(parent) ?? [])].sort(([, a], [, b]) => bySiblingOrder(a, b))) {
      if (seen.has(sec.id)) continue;
      seen.add(sec.id);
      out.push(sec);
      visit(sec.id);
    }
  };
  visit("");
  return out;
}
