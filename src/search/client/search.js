// The archive's search: one ES module, served at /tim-kiem/search.js, used
// unchanged by the search page and importable in Node 20.
//
//   import { search } from "./search.js";
//   const results = await search("dong chi", { basePath: "http://127.0.0.1:8080/pagefind/" });
//   // [{ url: "/tin-tuc/2018/…/", title: "…", date: "15/01/2018", excerpt: "… <mark>đồng chí</mark> …", … }]
//
// How it matches Vietnamese (see BENCHMARKS.md for the measurements):
// - Every page is indexed twice over: its text as written, then the same text
//   folded to ASCII (tones and vowel marks dropped, đ → d). Pagefind runs with
//   exactDiacritics, so a query typed with marks matches only the text as
//   written (huyện does not drown in huyền, huyên), and a query typed without
//   marks is folded and matches the folded copy ("dong chi" finds "đồng chí").
// - The words as a phrase rank first, then pages that have all the words.
// - Excerpts are cut from the text as written, whichever copy matched.
// This file has no imports, so that it works when copied on its own.

/** @typedef {{ year?: string | string[], campaign?: string | string[], kind?: string | string[] }} Filters */
/**
 * @typedef {object} Result
 * @property {string} url      site path, with the host's sub-path: "/tin-tuc/2018/slug/"
 * @property {string} title
 * @property {string} date     "15/01/2018"
 * @property {string} iso      ISO date-time, for sorting and <time>
 * @property {string} kind     "Tin bài", "Khen thưởng", ...
 * @property {string} excerpt  HTML: escaped text with <mark> around the matches
 * @property {string} [image]  site path of the lead photo
 * @property {string} [imageAlt]
 */

const MARKS = /[\u0300-\u036f]/g;

/** Folds Vietnamese to ASCII letter by letter: tones and vowel marks dropped, đ/Đ → d/D. Whitespace is kept as it is. */
export function fold(text) {
  return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARKS, "").normalize("NFC");
}

/** True when the text has a Vietnamese mark (or đ) anywhere. */
export function hasMarks(text) {
  return /[đĐ]/.test(text) || /[\u0300-\u036f]/.test(text.normalize("NFD"));
}

/** Pagefind splits indexed text into words on this, and so does everything here. */
export const WORD_SEPARATORS = /[^\S\uFEFF]+/g;

/** Stands between two fields of a page's indexed text (title, lead, body, ...): a phrase never spans it. */
export const FIELD_BREAK = "·";

/** The words of a query: NFC, quotes and punctuation at word edges removed. */
export function queryWords(query) {
  return query
    .normalize("NFC")
    .replace(/["“”]/g, " ")
    .split(WORD_SEPARATORS)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
}

const instances = new Map();

function defaultBasePath() {
  return new URL("../pagefind/", import.meta.url).href;
}

/** Loads Pagefind's own module from basePath, once per basePath. */
async function pagefindAt(basePath) {
  let loading = instances.get(basePath);
  if (!loading) {
    loading = (async () => {
      const src = new URL("pagefind.js", basePath).href;
      let pagefind;
      if (typeof document !== "undefined") {
        pagefind = await import(/* @vite-ignore */ src);
      } else {
        // Node cannot import over http: fetch the module and import its text.
        const response = await fetch(src);
        if (!response.ok) throw new Error(`search: cannot load ${src} (${response.status})`);
        const code = await response.text();
        pagefind = await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
      }
      await pagefind.options({ basePath, baseUrl: "/", exactDiacritics: true, excerptLength: 0 });
      await pagefind.init();
      return pagefind;
    })();
    instances.set(basePath, loading);
    loading.catch(() => instances.delete(basePath));
  }
  return loading;
}

function asList(v) {
  return v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v];
}

/** Pagefind's filter object from ours: every given value must match ("any" within a key). */
function pagefindFilters(filters) {
  const out = {};
  for (const [key, value] of Object.entries(filters ?? {})) {
    const list = asList(value).map(String);
    if (list.length) out[key] = { any: list };
  }
  return out;
}

/**
 * The searches to run, best first: the words as a phrase, then all the words;
 * for a query with marks, the same again folded, as a fallback.
 */
export function plan(query) {
  const words = queryWords(query);
  if (!words.length) return [];
  const forms = hasMarks(words.join(" ")) ? [words, words.map(fold)] : [words.map(fold)];
  const out = [];
  for (const form of forms) {
    const text = form.join(" ");
    if (form.length > 1) out.push(`"${text}"`);
    out.push(text);
  }
  return [...new Set(out)];
}

/**
 * Searches the archive. Resolves to the ranked results (at most `limit`,
 * from `offset`); the array's `total` is how many pages matched.
 * @param {string} query
 * @param {{ basePath?: string, filters?: Filters, sort?: "relevance" | "newest" | "oldest", limit?: number, offset?: number }} [options]
 * @returns {Promise<Result[] & { total: number }>}
 */
export async function search(query, options = {}) {
  const { basePath = defaultBasePath(), filters = {}, sort = "relevance", limit = 10, offset = 0 } = options;
  const pagefind = await pagefindAt(basePath);
  const searches = plan(query);
  const pfOptions = { filters: pagefindFilters(filters) };
  if (sort !== "relevance") pfOptions.sort = { date: sort === "oldest" ? "asc" : "desc" };

  const seen = new Set();
  const ranked = [];
  const add = (r) => {
    if (!seen.has(r.id)) {
      seen.add(r.id);
      ranked.push(r);
    }
  };
  // With a date order, the phrase gives no precedence: one search, by date.
  const toRun = sort === "relevance" ? searches : searches.filter((q) => !q.startsWith('"')).slice(0, 1);
  for (let i = 0; i < toRun.length; i++) {
    const q = toRun[i];
    if (q.startsWith('"')) {
      // Pagefind scores every phrase match alike: order them by the all-words search that follows.
      const phrase = new Set(((await pagefind.search(q, pfOptions))?.results ?? []).map((r) => r.id));
      const all = (await pagefind.search(toRun[++i], pfOptions))?.results ?? [];
      for (const r of all) if (phrase.has(r.id)) add(r);
      for (const r of all) add(r);
    } else {
      for (const r of (await pagefind.search(q, pfOptions))?.results ?? []) add(r);
    }
    // The folded fallback (after the searches as typed) only fills a short list.
    const next = toRun[i + 1];
    if (next && hasMarks(q) && !hasMarks(next) && ranked.length >= offset + limit) break;
  }
  const page = await Promise.all(ranked.slice(offset, offset + limit).map((r) => r.data()));
  const root = new URL("../", new URL(basePath, "http://localhost/")).pathname;
  const results = page.map((data) => toResult(data, root));
  return Object.assign(results, { total: ranked.length });
}

/** The values of each filter with their page counts, for the search page. */
export async function filterValues(options = {}) {
  const pagefind = await pagefindAt(options.basePath ?? defaultBasePath());
  return pagefind.filters();
}

function toResult(data, root) {
  const meta = data.meta ?? {};
  const path = (p) => (p && p.startsWith("/") ? root + p.slice(1) : p);
  const result = {
    url: path(data.raw_url ?? data.url),
    title: meta.title ?? "",
    date: meta.date ?? "",
    iso: meta.iso ?? "",
    kind: meta.kind ?? "",
    excerpt: excerpt(data.content ?? "", data.locations ?? [], Number(meta.words) || 0),
  };
  if (meta.image) {
    result.image = path(meta.image);
    result.imageAlt = meta.image_alt ?? "";
  }
  return result;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * An excerpt of about `length` words of the text as written, around the
 * densest run of matches, with the matched words in <mark>. `written` is how
 * many words of the indexed content are the text as written; matches in the
 * folded copy after it are moved back onto the same words.
 */
export function excerpt(content, locations, written, length = 30) {
  const words = content.split(WORD_SEPARATORS);
  const n = written > 0 && written <= words.length ? written : words.length;
  const hits = [...new Set(locations.map((l) => (l >= n ? l - n : l)).filter((l) => l >= 0 && l < n))].sort((a, b) => a - b);
  let start = 0;
  if (hits.length) {
    let best = 0;
    for (let i = 0, j = 0; i < hits.length; i++) {
      while (hits[i] - hits[j] >= length) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        start = hits[j];
      }
    }
    start = Math.max(0, Math.min(start - 3, n - length));
  }
  const marked = new Set(hits);
  const out = [];
  for (let i = start; i < Math.min(n, start + length); i++) {
    if (words[i] === FIELD_BREAK) {
      if (out.length) out.push("·");
      continue;
    }
    const w = escapeHtml(words[i]);
    out.push(marked.has(i) ? `<mark>${w}</mark>` : w);
  }
  return (start > 0 ? "… " : "") + out.join(" ") + (start + length < n ? " …" : "");
}
