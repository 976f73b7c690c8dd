// The typed model of a content folder, as the loader returns it. Plain data:
// dates are ISO strings with the site's offset, URLs are site-relative.

export interface Photo {
  /** Site-relative URL of the photo. */
  src: string;
  /** Path of the photo file, relative to the content folder (POSIX); absent for a web address. */
  file?: string;
  alt: string;
  caption?: string;
}

/** A titled address: what a link shows and where it goes. */
export interface Link {
  title: string;
  url: string;
}

export interface Tag {
  name: string;
  slug: string;
}

export interface Article {
  kind: "article";
  /** Path of the source file as shown in messages. */
  file: string;
  year: number;
  slug: string;
  url: string;
  title: string;
  /** ISO date-time in the site's time zone. */
  date: string;
  /** Epoch milliseconds of `date`, for ordering. */
  time: number;
  /** False when the writer gave a day only: the page then shows no clock time. */
  hasTime: boolean;
  updated?: string;
  authors: string[];
  source?: string;
  /** The writer's `summary`, else the first paragraph: for lists and descriptions. */
  summary: string;
  /** The writer's `summary` only, shown as the lead above the body. */
  lead?: string;
  /** Campaign ids, in the writer's order; all exist. */
  campaigns: string[];
  tags: Tag[];
  image?: Photo;
  /** The photo that stands for it in lists, previews and search: `image`, else the body's first photo. */
  cover?: Photo;
  /** Award-list ids, in the writer's order; all exist. */
  awards: string[];
  /** Section ids, in the writer's order; the first is its main section. All exist. */
  sections: string[];
  /** Old addresses (site paths) that lead here. */
  aliases: string[];
  draft: boolean;
  /** Dated in the future: published by the first build after its date. */
  scheduled: boolean;
  /** The body, rendered to HTML. */
  html: string;
}

export interface Campaign {
  kind: "campaign";
  id: string;
  file: string;
  url: string;
  title: string;
  summary?: string;
  started?: number;
  ended?: number;
  /** Old addresses (site paths) that lead here. */
  aliases: string[];
  html: string;
}

/** A section (chuyên mục): where the newsroom files its news. Sections may nest. */
export interface Section {
  kind: "section";
  id: string;
  file: string;
  url: string;
  title: string;
  /** The section it sits under. */
  parent?: string;
  /** Its place among its siblings (then by title). */
  order?: number;
  summary?: string;
  aliases: string[];
  html: string;
}

/** An old address and where it leads now: a site path, or a full URL. */
export interface Redirect {
  from: string;
  to: string;
  /** Where it was declared, for messages. */
  file: string;
  line: number;
}

export interface Individual {
  name: string;
  rank?: string;
  position?: string;
  unit?: string;
}

export interface AwardGroup {
  award: string;
  by: string;
  collectives: string[];
  individuals: Individual[];
}

export interface Decision {
  number?: string;
  date?: string;
  issuer?: string;
}

export interface AwardList {
  kind: "awardList";
  id: string;
  file: string;
  year: number;
  url: string;
  title: string;
  date: string;
  time: number;
  campaigns: string[];
  decision?: Decision;
  groups: AwardGroup[];
  html: string;
}

export interface SiteSettings {
  title: string;
  description: string;
  /** Absolute URL of the site's root, without a trailing slash; "" when unknown. */
  url: string;
  /** Kinds of award this site uses beyond the built-in ones (src/awards/kinds.ts). */
  awardKinds: string[];
  /** The emblem in the header: the file's URL (published as it is, like a linked file). */
  logo?: string;
  /** Shown in the footer. */
  contact?: { address?: string; phone?: string; email?: string };
  /** Who is responsible for publication ("Chịu trách nhiệm xuất bản"). */
  editor?: string;
  /** The press licence. */
  licence?: string;
}

export interface Content {
  site: SiteSettings;
  articles: Article[];
  campaigns: Campaign[];
  sections: Section[];
  /** Every old address: the items' aliases and content/redirects.yaml. */
  redirects: Redirect[];
  awardLists: AwardList[];
  /** Photos referenced by the content, as paths relative to the content folder. */
  media: string[];
  /** Files (pdf, doc …) published content links to, as paths relative to the content folder. */
  files: string[];
}
