// Eleventy glue: what it renders (layouts/), with which data (the archive,
// computed in src/ before Eleventy starts), filters and files to copy.
// src/pipeline/build-site.ts runs Eleventy with this configuration, for the
// production build and for the preview alike.
import { HtmlBasePlugin } from "@11ty/eleventy";
import { convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Archive, ArticlePage, Crumb } from "./src/archive/archive.ts";
import fs from "node:fs";
import path from "node:path";
import { allPages, LIST_TEMPLATES, type RenderLists } from "./src/pipeline/incremental.ts";
import { THUMBNAIL_SIZES, type Photos } from "./src/pipeline/photos.ts";
import { breadcrumbList, newsArticle } from "./src/site/structured-data.ts";
import { searchPageStrings, ui } from "./src/strings.ts";
import { absoluteUrl, urls } from "./src/urls.ts";

import { COPIED, LAYOUTS_DIR } from "./src/paths.ts";

export interface SiteInput {
  archive: Archive;
  /** The content's photos, resized (src/pipeline/photos.ts). */
  photos: Photos;
  /** The sub-path the site is built for ("/" at a domain root). */
  pathPrefix: string;
  /** The pages of the archive's lists to render (src/pipeline/incremental.ts); all of them by default. */
  render?: RenderLists;
  /** False renders only `render`'s pages: not the pages made from the whole archive, nor the copied files (a build's later runs). */
  singletons?: boolean;
}

export function configureSite(eleventyConfig: UserConfig, input: SiteInput): void {
  eleventyConfig.setIncludesDirectory("_includes");
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.setQuietMode(true);

  // Data: one object computed in src/, plus the UI strings and URL scheme.
  eleventyConfig.addGlobalData("archive", input.archive);
  // The paginated templates (one page per article, list page, award list, recipient) render these.
  eleventyConfig.addGlobalData("render", input.render ?? allPages(input.archive));
  eleventyConfig.addGlobalData("site", input.archive.site);
  eleventyConfig.addGlobalData("ui", ui);
  eleventyConfig.addGlobalData("urls", urls);
  eleventyConfig.addGlobalData("searchStrings", searchPageStrings);

  // Filters
  // JSON inside <script type="application/json">: "<" escaped so that no value can close the element.
  eleventyConfig.addFilter("jsonScript", (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"));

  // Absolute addresses (feeds, canonical links, structured data), from content/site.yaml's url.
  const absolute = (url: string) => absoluteUrl(input.archive.site.url, input.pathPrefix, url);
  eleventyConfig.addFilter("absolute", absolute);
  eleventyConfig.addFilter("jsDate", (iso: string) => new Date(iso));
  eleventyConfig.addFilter("breadcrumbLd", (crumbs: Crumb[], pageUrl: string) => breadcrumbList(crumbs, pageUrl, absolute));
  eleventyConfig.addFilter("previewImage", (src: string) => {
    const large = input.photos.large(src);
    return large ? { ...large, url: absolute(large.url) } : /^https?:/.test(src) ? { url: src } : undefined;
  });
  eleventyConfig.addFilter("newsArticleLd", (a: ArticlePage) => {
    const image = a.cover && input.photos.large(a.cover.src);
    return newsArticle(a, input.archive.site, absolute, image ? absolute(image.url) : undefined);
  });

  // Photos: <picture> markup for a lead photo (body photos have theirs already).
  eleventyConfig.addFilter("picture", (src: string, alt: string, eager = false) => input.photos.picture(src, alt, { eager }) ?? "");
  eleventyConfig.addFilter("thumbnail", (src: string, alt: string) => input.photos.picture(src, alt, { sizes: THUMBNAIL_SIZES }) ?? "");

  // A build renders the archive in runs of bounded size: the first run renders the pages made
  // from the whole archive and copies the files, the others only their share of the lists' pages.
  if (input.singletons === false) {
    for (const file of fs.readdirSync(LAYOUTS_DIR).filter((f) => f.endsWith(".njk") && !LIST_TEMPLATES.includes(f))) {
      eleventyConfig.ignores.add(`**/${path.basename(LAYOUTS_DIR)}/${file}`);
    }
  } else {
    // Files copied as they are: the stylesheet and the search scripts.
    for (const [source, url] of Object.entries(COPIED)) eleventyConfig.addPassthroughCopy({ [source]: url.slice(1) });
  }

  // Under a sub-path (--path-prefix), every link and source written site-relative
  // gets it. At a domain root there is nothing to rewrite, and the plugin, which
  // parses every page, is left out: it was a quarter of the rendering time.
  const subPath = input.pathPrefix.replace(/^\/+|\/+$/g, "") !== "";
  if (subPath) eleventyConfig.addPlugin(HtmlBasePlugin);

  // Feeds (with the RSS plugin's functions): Atom dates, and absolute links in entries' HTML.
  eleventyConfig.addFilter("dateToRfc3339", dateToRfc3339);
  eleventyConfig.addAsyncFilter("feedContent", async function (this: unknown, html: string, url: string) {
    if (!subPath) return convertHtmlToAbsoluteUrls(html, absolute(url));
    return eleventyConfig.getFilter("transformWithHtmlBase").call(this, html, `${input.archive.site.url || "http://localhost"}/`, url);
  });
}

