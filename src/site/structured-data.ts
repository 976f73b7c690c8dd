// JSON-LD for search engines: NewsArticle for articles, BreadcrumbList for
// every page's breadcrumbs. Plain objects; the layout serializes them.
import type { ArticlePage, Crumb } from "../archive/archive.ts";
import type { SiteSettings } from "../content/model.ts";

export type Absolute = (url: string) => string;

export function breadcrumbList(crumbs: Crumb[], pageUrl: string, absolute: Absolute) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.title,
      item: absolute(c.url ?? pageUrl),
    })),
  };
}

export function newsArticle(a: ArticlePage, site: SiteSettings, absolute: Absolute, image?: string) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary || undefined,
    datePublished: a.date,
    dateModified: a.updated ?? a.date,
    inLanguage: "vi",
    mainEntityOfPage: absolute(a.url),
    author: a.authors.length ? a.authors.map((name) => ({ "@type": "Person", name })) : { "@type": "Organization", name: site.title },
    image: image ? [image] : undefined,
    publisher: { "@type": "Organization", name: site.title, url: absolute("/") },
    keywords: a.tagLinks.length ? a.tagLinks.map((t) => t.title).join(", ") : undefined,
  };
}
