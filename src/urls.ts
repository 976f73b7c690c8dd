// The URL scheme, in one place. Every URL is site-relative and ends in "/"
// (a folder with index.html) unless it names a file. A host's sub-path is
// added at render time by Eleventy's HtmlBasePlugin, never here.

const paged = (base: string, page: number) => (page <= 1 ? base : `${base}trang-${page}/`);

export const urls = {
  home: () => "/",
  news: () => "/tin-tuc/",
  year: (year: number, page = 1) => paged(`/tin-tuc/${year}/`, page),
  article: (year: number, slug: string) => `/tin-tuc/${year}/${slug}/`,
  campaigns: () => "/phong-trao/",
  campaign: (id: string, page = 1) => paged(`/phong-trao/${id}/`, page),
  awards: () => "/khen-thuong/",
  /** The anchor of a year's section on the award lists' page, and its address. */
  yearAnchor: (year: number) => `nam-${year}`,
  awardYear: (year: number) => `/khen-thuong/#nam-${year}`,
  awardList: (year: number, id: string) => `/khen-thuong/${year}/${id}/`,
  awardListCsv: (year: number, id: string) => `/khen-thuong/${year}/${id}/danh-sach.csv`,
  recipients: () => "/khen-thuong/don-vi/",
  recipient: (slug: string) => `/khen-thuong/don-vi/${slug}/`,
  registerCsv: () => "/khen-thuong/danh-sach.csv",
  sections: () => "/chuyen-muc/",
  section: (id: string, page = 1) => paged(`/chuyen-muc/${id}/`, page),
  sectionFeed: (id: string) => `/chuyen-muc/${id}/feed.xml`,
  /** What a host reads for redirects: Netlify and Cloudflare Pages, an nginx include, Apache. */
  netlifyRedirects: () => "/_redirects",
  nginxRedirects: () => "/redirects.nginx.conf",
  apacheRedirects: () => "/.htaccess",
  tags: () => "/chu-de/",
  tag: (slug: string, page = 1) => paged(`/chu-de/${slug}/`, page),
  search: () => "/tim-kiem/",
  searchModule: () => "/tim-kiem/search.js",
  searchPage: () => "/tim-kiem/trang.js",
  /** Pagefind's index folder (search.js, copied on its own, finds it as "../pagefind/" from itself). */
  searchIndex: () => "/pagefind/",
  stylesheet: () => "/assets/style.css",
  feed: () => "/feed.xml",
  campaignFeed: (id: string) => `/phong-trao/${id}/feed.xml`,
  sitemap: () => "/sitemap.xml",
  robots: () => "/robots.txt",
  notFound: () => "/404.html",
  /** The folder of resized photos. */
  photos: () => "/anh/",
  /** A file a body links to (pdf, doc …), published as it is, by its path relative to content/. */
  file: (contentRelativePath: string) => `/tep/${contentRelativePath.split("/").map(encodeURIComponent).join("/")}`,
  /**
   * Plain share links for a page's absolute address (no third-party script).
   * Zalo documents no share address outside its SDK; this is the one its
   * share pages answer at, and the one to change if Zalo moves it.
   */
  shareFacebook: (absolute: string) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(absolute)}`,
  shareZalo: (absolute: string) => `https://sp.zalo.me/share?url=${encodeURIComponent(absolute)}`,
  /** A photo from the content folder, by its path relative to content/ (POSIX separators). */
  media: (contentRelativePath: string) => `/media/${contentRelativePath.split("/").map(encodeURIComponent).join("/")}`,
};

/**
 * The sub-path a site is hosted under, normalised to "/a/b/" ("/" for a
 * domain's root), or undefined when it cannot be one: only unaccented
 * letters, digits, "-", "_", "." and "~" between slashes, and no "." or "..".
 */
export function normalisePathPrefix(raw: string): string | undefined {
  const parts = raw.trim().split("/").filter(Boolean);
  if (parts.some((p) => p === "." || p === ".." || !/^[A-Za-z0-9._~-]+$/.test(p))) return undefined;
  return parts.length ? `/${parts.join("/")}/` : "/";
}

/**
 * The absolute address of a site-relative URL, for feeds, the sitemap,
 * canonical links and structured data: origin from content/site.yaml, then the
 * host's sub-path. Without a configured origin, http://localhost is used.
 */
export function absoluteUrl(siteUrl: string, pathPrefix: string, url: string): string {
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace(/\/+/g, "/");
  return `${siteUrl || "http://localhost"}${prefix}${url.replace(/^\//, "")}`;
}
