// Eleventy glue: what it renders (layouts/), with which data (the archive,
// computed in src/ before Eleventy starts), filters and files to copy.
// The default export serves `npm start` and the plain Eleventy CLI; the
// production build (src/build/build-site.ts) calls configureSite directly.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildArchive, type Archive } from "./src/archive/build.ts";
import { loadContent } from "./src/content/load.ts";
import { ContentError } from "./src/content/problems.ts";
import { searchPageStrings, ui } from "./src/strings.ts";
import { formatLong, formatShort } from "./src/text/dates.ts";
import { urls } from "./src/urls.ts";

export const ROOT = path.dirname(fileURLToPath(import.meta.url));
export const LAYOUTS_DIR = path.join(ROOT, "layouts");

export interface SiteInput {
  archive: Archive;
  contentDir: string;
  /** Photos to copy, relative to contentDir. */
  media: string[];
}

export function configureSite(eleventyConfig: UserConfig, input: SiteInput): void {
  eleventyConfig.setIncludesDirectory("_includes");
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.setQuietMode(true);

  // Data: one object computed in src/, plus the UI strings and URL scheme.
  eleventyConfig.addGlobalData("archive", input.archive);
  eleventyConfig.addGlobalData("site", input.archive.site);
  eleventyConfig.addGlobalData("ui", ui);
  eleventyConfig.addGlobalData("urls", urls);
  eleventyConfig.addGlobalData("searchStrings", searchPageStrings);

  // Filters
  eleventyConfig.addFilter("dateLong", formatLong);
  eleventyConfig.addFilter("dateShort", formatShort);
  // JSON inside <script type="application/json">: "<" escaped so that no value can close the element.
  eleventyConfig.addFilter("jsonScript", (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"));

  // Files copied as they are: the stylesheet, and the photos the content uses.
  eleventyConfig.addPassthroughCopy({ [path.join(ROOT, "static")]: "assets" });
  eleventyConfig.addPassthroughCopy({ [path.join(ROOT, "src/search/client/search.js")]: urls.searchModule().slice(1) });
  eleventyConfig.addPassthroughCopy({ [path.join(ROOT, "src/search/client/page.js")]: urls.searchPage().slice(1) });
  for (const file of input.media) eleventyConfig.addPassthroughCopy({ [path.join(input.contentDir, file)]: urls.media(file).slice(1) });

  // Links and sources written site-relative get the host's sub-path (--path-prefix).
  eleventyConfig.addPlugin(HtmlBasePlugin);
}

/** For `npm start` and `eleventy --config=eleventy.config.ts`: drafts are shown. */
export default function (eleventyConfig: UserConfig) {
  const contentDir = path.resolve(process.env.ARCHIVE_CONTENT ?? "content");
  const { content, problems } = loadContent({ contentDir, includeDrafts: true });
  if (problems.some((p) => p.severity === "error")) throw new ContentError(problems);
  configureSite(eleventyConfig, { archive: buildArchive(content), contentDir, media: content.media });
}

export const config = { dir: { input: "layouts", includes: "_includes", output: "_site" } };
