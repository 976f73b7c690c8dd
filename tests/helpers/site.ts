// Reading a built site in tests: its pages, and the links between them.
import fs from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { makeContent, SAMPLE_CONTENT } from "./content.ts";

/** The few lines every page carries for its menu button, print button and copy link (layouts/_includes/site-script.njk). */
export const SITE_SCRIPT = fs.readFileSync(path.join(import.meta.dirname, "../../layouts/_includes/site-script.njk"), "utf8").trim();

/** A page without its structured data and the site's own few lines of script: what is left must hold no script. */
export function withoutOwnScripts(html: string): string {
  return html
    .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "")
    .replace(/<script>([\s\S]*?)<\/script>/g, (tag, body: string) => (body.trim() === SITE_SCRIPT ? "" : tag));
}

export function htmlFiles(outDir: string): string[] {
  return (fs.readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".html")).sort();
}

/** The pages left at old addresses, which only send readers on (src/site/redirects.ts). */
export function redirectFiles(outDir: string): string[] {
  return htmlFiles(outDir).filter((f) => fs.readFileSync(path.join(outDir, f), "utf8").includes('<meta http-equiv="refresh"'));
}

/** The site's own pages: every HTML file but the redirect pages. */
export function pageFiles(outDir: string): string[] {
  const redirects = new Set(redirectFiles(outDir));
  return htmlFiles(outDir).filter((f) => !redirects.has(f));
}

export function page(outDir: string, url: string): cheerio.CheerioAPI {
  return cheerio.load(fs.readFileSync(fileFor(outDir, url), "utf8"));
}

/** The file a site-relative URL is served from. */
export function fileFor(outDir: string, url: string): string {
  const clean = decodeURIComponent(url.split(/[?#]/)[0]);
  return path.join(outDir, clean.endsWith("/") ? `${clean}index.html` : clean);
}

export interface BrokenLink {
  from: string;
  to: string;
}

/**
 * Every internal href and src in every page must resolve to a file, and every
 * #anchor to an id on its page. `prefix` is the sub-path the site is built for.
 */
export function brokenLinks(outDir: string, prefix = "/"): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      const $ = cheerio.load(fs.readFileSync(file, "utf8"));
      set = new Set($("[id]").map((_, el) => $(el).attr("id")!).get());
      ids.set(file, set);
    }
    return set;
  };
  for (const rel of htmlFiles(outDir)) {
    const from = path.join(outDir, rel);
    const $ = cheerio.load(fs.readFileSync(from, "utf8"));
    const refs: string[] = [];
    $("a[href], link[href], img[src], script[src], form[action]").each((_, el) => void refs.push($(el).attr("href") ?? $(el).attr("src") ?? $(el).attr("action")!));
    $("[srcset]").each((_, el) => void refs.push(...$(el).attr("srcset")!.split(",").map((c) => c.trim().split(/\s+/)[0])));
    for (const raw of refs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//")) continue;
      let target: string;
      let anchor = "";
      if (raw.startsWith("#")) {
        target = from;
        anchor = raw.slice(1);
      } else {
        const url = new URL(raw, `http://x/${rel}`);
        if (!url.pathname.startsWith(prefix)) {
          broken.push({ from: rel, to: raw });
          continue;
        }
        target = fileFor(outDir, `/${url.pathname.slice(prefix.length)}`);
        anchor = url.hash.slice(1);
      }
      if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
        broken.push({ from: rel, to: raw });
        continue;
      }
      if (anchor && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(anchor))) broken.push({ from: rel, to: raw });
    }
  }
  return broken;
}

/** The sample content built into a fresh temporary folder (at `prefix`) and served on 127.0.0.1. */
export async function servedSample(prefix = "/"): Promise<{ out: string; server: StaticServer }> {
  const { root } = makeContent({}, {});
  const out = path.join(root, "_site");
  const result = await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: out, pathPrefix: prefix });
  if (!result.ok) throw new Error("the sample does not build");
  return { out, server: await serveStatic(out, prefix) };
}
