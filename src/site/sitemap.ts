// sitemap.xml from the pages Eleventy wrote, with the date each last
// changed: an article's correction (updated) or publication, an award list's
// date, and for a list page the newest of what it lists.
import type { Archive } from "../archive/build.ts";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The date (ISO) each page last changed, by site-relative URL. */
export function lastModified(archive: Archive): Map<string, string> {
  const dates = new Map<string, string>();
  const newest = (isos: (string | undefined)[]) => isos.filter((d): d is string => Boolean(d)).reduce<string | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  const changedOf = new Map(archive.articles.map((a) => [a.url, a.updated && a.updated > a.date ? a.updated : a.date]));
  for (const [url, d] of changedOf) dates.set(url, d);
  for (const l of archive.awardLists) dates.set(l.url, l.date);
  for (const r of archive.recipients) dates.set(r.url, r.entries[0].date);
  for (const p of [...archive.yearPages, ...archive.campaignPages, ...archive.tagPages]) {
    const d = newest(p.items.map((i) => changedOf.get(i.url)));
    if (d) dates.set(p.url, d);
  }
  const all = newest([...changedOf.values(), ...archive.awardLists.map((l) => l.date)]);
  if (all) for (const url of ["/", "/tin-tuc/", "/phong-trao/", "/chu-de/"]) dates.set(url, all);
  const awards = newest(archive.awardLists.map((l) => l.date));
  if (awards) for (const url of ["/khen-thuong/", "/khen-thuong/don-vi/"]) dates.set(url, awards);
  return dates;
}

/** Every HTML page but the 404 page, in URL order. */
export function sitemapXml(pageUrls: string[], dates: Map<string, string>, absolute: (url: string) => string): string {
  const urls = [...new Set(pageUrls)].filter((u) => u.endsWith("/") || (u.endsWith(".html") && !u.endsWith("/404.html"))).sort();
  const entries = urls.map((u) => {
    const lastmod = dates.get(u);
    return `  <url><loc>${escapeXml(absolute(u))}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ""}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}
