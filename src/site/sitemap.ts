// sitemap.xml: every HTML page the archive has (archive.pages, all but the
// 404 page), in address order, with the day what it shows last changed.
import type { PageEntry } from "../archive/archive.ts";
import { escapeHtml } from "../text/html.ts";

export function sitemapXml(pages: PageEntry[], absolute: (url: string) => string): string {
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const entries = [...byUrl.keys()].sort().map((url) => {
    const changed = byUrl.get(url)!.changed;
    return `  <url><loc>${escapeHtml(absolute(url))}</loc>${changed ? `<lastmod>${changed.slice(0, 10)}</lastmod>` : ""}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}
