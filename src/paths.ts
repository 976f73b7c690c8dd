// Where the generator's own files are, wherever it is run from, and which of
// them the build copies into the site as they are.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { urls } from "./urls.ts";

/** The project's root: package.json, layouts/, static/. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Eleventy's input: one template per kind of page. */
export const LAYOUTS_DIR = path.join(ROOT, "layouts");

/** Files the build copies as they are: source (a file, or a folder copied whole) → its address in the site. */
export const COPIED: Record<string, string> = {
  [path.join(ROOT, "static")]: path.posix.dirname(urls.stylesheet()),
  [path.join(ROOT, "src/search/client/search.js")]: urls.searchModule(),
  [path.join(ROOT, "src/search/client/page.js")]: urls.searchPage(),
};

/** How many files COPIED puts in the output. */
export function copiedFileCount(): number {
  return Object.keys(COPIED).reduce((n, source) => n + (fs.statSync(source).isDirectory() ? fs.readdirSync(source, { recursive: true }).length : 1), 0);
}

/**
 * What builds keep between runs: `.cache/` in the project, or the folder that
 * the LUU_TRU_CACHE environment variable names (a CI's cache folder; each
 * test run's own, so that running the tests evicts no site's cache).
 */
export const CACHE_DIR = process.env.LUU_TRU_CACHE ? path.resolve(process.env.LUU_TRU_CACHE) : path.join(ROOT, ".cache");

/** Each content file's parse is kept here between builds and checks (src/content/parse-cache.ts). */
export const CONTENT_CACHE = path.join(CACHE_DIR, "content");

/** Resized photos are kept here between builds. */
export const PHOTO_CACHE = path.join(CACHE_DIR, "photos");
