// Old addresses that must keep working, on any static host: for each alias
// and redirect, a small HTML page at the old path (meta refresh, canonical,
// noindex, a visible link), and the hosts' own redirect files: `_redirects`
// (Netlify, Cloudflare Pages), an nginx `map` include and an Apache
// `.htaccess`. Only these files can catch an old address with a query string
// (NukeViet's `index.php?nv=news&op=…`): no static file can.
import type { Archive } from "../archive/archive.ts";
import { checkRedirects } from "../content/cross-checks.ts";
import type { Redirect } from "../content/model.ts";
import type { Problem } from "../content/problems.ts";
import { redirectPage } from "../strings.ts";
import { escapeHtml } from "../text/html.ts";
import { urls } from "../urls.ts";

/** Every redirect must start from an address the site does not have and, within the site, lead to one it has. */
export function redirectProblems(archive: Archive): Problem[] {
  const addresses = new Set([...archive.pages.map((p) => p.url), ...archive.otherFiles]);
  return checkRedirects(archive.redirects, addresses);
}

export interface RedirectOptions {
  /** A site path as served under the host's sub-path ("/luu-tru/…"). */
  served: (url: string) => string;
  /** A site path as a full address. */
  absolute: (url: string) => string;
  siteTitle: string;
}

/** The files to write, by their path in the output folder (POSIX, no leading "/"). */
export function redirectFiles(redirects: Redirect[], options: RedirectOptions): Map<string, string> {
  const files = new Map<string, string>();
  const sorted = [...redirects].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const target = (to: string) => (to.startsWith("/") ? options.served(to) : to);
  for (const r of sorted) {
    if (r.from.includes("?")) continue; // only the servers' files can match a query string
    files.set(pageFileOf(r.from), redirectHtml(target(r.to), r.to.startsWith("/") ? options.absolute(r.to) : r.to, options.siteTitle));
  }
  files.set(urls.netlifyRedirects().slice(1), netlify(sorted, options, target));
  files.set(urls.nginxRedirects().slice(1), nginx(sorted, options, target));
  files.set(urls.apacheRedirects().slice(1), apache(sorted, options, target));
  return files;
}

const decoded = (p: string) => {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
};

/** The file an old path is served from: a ".html" path is that file, any other path a folder's index.html. */
function pageFileOf(from: string): string {
  const path = decoded(from).slice(1); // hosts look up the decoded path on disk
  return /\.html?$/i.test(path) ? path : `${path.replace(/\/?$/, "/")}index.html`;
}

function redirectHtml(to: string, canonical: string, siteTitle: string): string {
  const href = escapeHtml(to);
  return [
    "<!DOCTYPE html>",
    `<html lang="vi">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<title>${escapeHtml(redirectPage.title)} – ${escapeHtml(siteTitle)}</title>`,
    `<meta name="robots" content="noindex">`,
    `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    `<meta http-equiv="refresh" content="0; url=${href}">`,
    "</head>",
    "<body>",
    `<p>${escapeHtml(redirectPage.text)} <a href="${href}">${href}</a></p>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Netlify's and Cloudflare's `_redirects`: "from to 301"; a query string as Netlify's "key=value" matches. */
function netlify(redirects: Redirect[], options: RedirectOptions, target: (to: string) => string): string {
  const lines = redirects.map((r) => {
    const [path, query] = r.from.split("?");
    const params = query ? ` ${query.split("&").join(" ")}` : "";
    return `${options.served(path)}${params} ${target(r.to)} 301`;
  });
  return `# ${redirectPage.generated}\n${lines.join("\n")}\n`;
}

/** An nginx `map` from the request (path and query) to its new address. */
function nginx(redirects: Redirect[], options: RedirectOptions, target: (to: string) => string): string {
  const quote = (s: string) => `"${s.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
  return [
    `# ${redirectPage.generated}`,
    "# In nginx's http { } block:   include /path/to/site/redirects.nginx.conf;",
    "# In the site's server { } block:   if ($luu_tru_redirect) { return 301 $luu_tru_redirect; }",
    "map $request_uri $luu_tru_redirect {",
    `    default "";`,
    ...redirects.map((r) => `    ${quote(options.served(r.from))} ${quote(target(r.to))};`),
    "}",
    "",
  ].join("\n");
}

/** Apache: exact paths with RedirectMatch, query strings with mod_rewrite. */
function apache(redirects: Redirect[], options: RedirectOptions, target: (to: string) => string): string {
  const regex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = [`# ${redirectPage.generated}`];
  // mod_rewrite only where a query string must be matched: a host without it answers 500 to "RewriteEngine On".
  if (redirects.some((r) => r.from.includes("?"))) lines.push("RewriteEngine On");
  for (const r of redirects) {
    const [path, query] = r.from.split("?");
    const to = target(r.to).replace(/ /g, "%20");
    // RedirectMatch compares the decoded path ("/tag/an-ninh-trật-tự"), nginx's map the path as sent ("%E1%BA%AD…").
    if (query === undefined) lines.push(`RedirectMatch 301 ^${regex(decoded(options.served(path)))}$ ${to}`);
    // In .htaccess, a rule's pattern is the path below the folder the file is in: the site's root.
    else lines.push(`RewriteCond %{QUERY_STRING} ^${regex(query)}$`, `RewriteRule ^${regex(path.slice(1))}$ ${to}? [R=301,L]`);
  }
  return `${lines.join("\n")}\n`;
}
