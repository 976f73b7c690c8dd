// @ts-check
// The archive's search: one ES module, served at /tim-kiem/search.js, used
// unchanged by the search page and importable in Node 20.
//
//   import { search } from "./search.js";
//   const results = await search("dong chi", { basePath: "http://127.0.0.1:8080/pagefind/" });
//   // [{ url: "/tin-tuc/2018/…/", title: "…", date: "15/01/2018", excerpt: "… <mark>đồng chí</mark> …", … }]
//
// How it matches Vietnamese (see BENCHMARKS.md for the measurements):
// - Pagefind folds tone and vowel marks, but not đ, which has no Unicode
//   decomposition. The index therefore holds every đ as "d" followed by a
//   combining stroke (U+0335), which Pagefind folds away like any other mark:
//   "dong chi" finds "đồng chí". Results show the đ again.
// - A query typed with marks is searched with exactDiacritics first, so that
//   "huyện" is not drowned in huyền and huyên; pages that match only when
//   folded come after. A query typed without marks is searched folded.
// - The words as a phrase rank first, then pages that have all the words.
// This file has no imports, so that it works when copied on its own.

/**
 * Filters, by stable ids: `year` "2018"; `campaign` a campaign's id ("thong-tu-23");
 * `kind` "article", "award-list" or "recipient". A value, a list (any of them),
 * or Pagefind's own { any: [...] }.
 * @typedef {{ year?: string | string[], campaign?: string | string[], kind?: string | string[] }} Filters
 */
/**
 * @typedef {object} Result
 * @property {string} url      site path, with the host's sub-path: "/tin-tuc/2018/slug/"
 * @property {string} href     the same, absolute: "http://127.0.0.1:8080/tin-tuc/2018/slug/"
 * @property {string} title
 * @property {string} date     "15/01/2018"
 * @property {string} iso      ISO date-time, for sorting and <time>
 * @property {string} kind     "Tin bài", "Khen thưởng", ...
 * @property {string} excerpt  HTML: escaped text with <mark> around the matches
 * @property {string} [image]  site path of the lead photo
 * @property {string} [imageAlt]
 */
/** @typedef {{ id: string, data(): Promise<any> }} PagefindResult */

const MARKS = /[\u0300-\u036f]/g;

/** Folds Vietnamese to ASCII letter by letter: tones and vowel marks dropped, đ/Đ → d/D. Whitespace is kept as it is. @param {string} text */
export function fold(text) {
  return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARKS, "").normalize("NFC");
}

const STROKE = "\u0335";

/** The text as the index holds it: đ/Đ written as d/D with a combining stroke, which Pagefind can fold. @param {string} text */
export function indexForm(text) {
  return text.replace(/đ/g, `d${STROKE}`).replace(/Đ/g, `D${STROKE}`);
}

/** The text as readers write it: the inverse of indexForm. @param {string} text */
export function displayForm(text) {
  return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
}

/** True when the text has a Vietnamese mark (or đ) anywhere. @param {string} text */
export function hasMarks(text) {
  return /[đĐ]/.test(text) || /[\u0300-\u036f]/.test(text.normalize("NFD"));
}

/** Pagefind splits indexed text into words on this, and so does everything here. */
export const WORD_SEPARATORS = /[^\S\uFEFF]+/g;

/** Stands between two fields of a page's indexed text (title, lead, body, ...): a phrase never spans it. */
export const FIELD_BREAK = "·";

/** The words of a query: NFC, quotes and punctuation at word edges removed. @param {string} query @returns {string[]} */
export function queryWords(query) {
  return query
    .normalize("NFC")
    .replace(/["“”]/g, " ")
    .split(WORD_SEPARATORS)
    .map((/** @type {string} */ w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
}

/** @typedef {any} Pagefind Pagefind's own module, loaded at run time. */
/** @type {Map<string, Promise<Pagefind>>} */
const instances = new Map();

function defaultBasePath() {
  return new URL("../pagefind/", import.meta.url).href;
}

/** Loads Pagefind's own module from basePath, once per basePath. @param {string} basePath @returns {Promise<Pagefind>} */
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
      await pagefind.options({ basePath, baseUrl: "/", excerptLength: 0 });
      await pagefind.init();
      return pagefind;
    })();
    instances.set(basePath, loading);
    loading.catch(() => instances.delete(basePath));
  }
  return loading;
}

/** @param {unknown} v @returns {unknown[]} */
function asList(v) {
  return v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Pagefind's filter object from ours: a value or a list of values per key
 * ("any" of them); an object already in Pagefind's form ({ any: [...] }) is
 * passed on as it is.
 * @param {Filters | Record<string, unknown>} filters
 */
function pagefindFilters(filters) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(filters ?? {})) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    const list = asList(value).map(String);
    if (list.length) out[key] = { any: list };
  }
  return out;
}

/**
 * The searches to run, best first: the words as a phrase, then all the words;
 * for a query with marks, first with exact marks, then folded.
 * @param {string} query
 * @returns {{ query: string, exact: boolean }[]}
 */
export function plan(query) {
  const words = queryWords(query).map(indexForm);
  if (!words.length) return [];
  const text = words.join(" ");
  const forms = hasMarks(query) ? [true, false] : [false];
  const out = [];
  for (const exact of forms) {
    if (words.length > 1) out.push({ query: `"${text}"`, exact });
    out.push({ query: text, exact });
  }
  return out;
}

/**
 * Searches the archive. Resolves to the ranked results (at most `limit`,
 * from `offset`); the array's `total` is how many pages matched.
 * @param {string} query
 * @param {{ basePath?: string, filters?: Filters, sort?: "relevance" | "newest" | "oldest", limit?: number, offset?: number }} [options]
 * @returns {Promise<Result[] & { total: number }>}
 */
export async function search(query, options = {}) {
  const { filters = {}, sort = "relevance", limit = 10, offset = 0 } = options;
  const basePath = folderUrl(options.basePath ?? defaultBasePath());
  const pagefind = await pagefindAt(basePath);
  return serially(pagefind, async () => {
    const steps = plan(query);
    /** @type {{ filters: Record<string, unknown>, sort?: Record<string, string> }} */
    const pfOptions = { filters: pagefindFilters(filters) };
    if (sort !== "relevance") pfOptions.sort = { date: sort === "oldest" ? "asc" : "desc" };
    /** @param {{ query: string, exact: boolean }} step @param {Record<string, unknown>} only @returns {Promise<PagefindResult[]>} */
    const run = async (step, only) => {
      await pagefind.options({ exactDiacritics: step.exact });
      return (await pagefind.search(step.query, { ...pfOptions, filters: { ...pfOptions.filters, ...only } }))?.results ?? [];
    };
    // Articles and award lists that contain the words come before the register's pages of units and people,
    // which are short and would otherwise outrank them (a unit's name holds "huyện", "Ba Bể" …).
    const passes = sort === "relevance" && !("kind" in pfOptions.filters) ? [{ kind: { any: ["article", "award-list"] } }, { kind: { any: ["recipient"] } }] : [{}];

    const seen = new Set();
    /** @type {PagefindResult[]} */
    const ranked = [];
    /** @param {PagefindResult} r */
    const add = (r) => {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        ranked.push(r);
      }
    };
    // With a date order the phrase gives no precedence: the all-words searches, by date.
    const todo = sort === "relevance" ? steps : steps.filter((s) => !s.query.startsWith('"'));
    for (const only of passes) {
      for (let i = 0; i < todo.length; i++) {
        const step = todo[i];
        if (step.query.startsWith('"')) {
          // Pagefind scores every phrase match alike: order them by the all-words search that follows.
          const phrase = new Set((await run(step, only)).map((r) => r.id));
          const all = await run(todo[++i], only);
          for (const r of all) if (phrase.has(r.id)) add(r);
          for (const r of all) add(r);
        } else {
          for (const r of await run(step, only)) add(r);
        }
        // Folded matches only fill a list that the exact ones left short.
        const next = todo[i + 1];
        if (next && step.exact && !next.exact && ranked.length >= offset + limit) break;
      }
    }
    const page = await Promise.all(ranked.slice(offset, offset + limit).map((r) => r.data()));
    const base = new URL(basePath, "http://localhost/");
    return Object.assign(
      page.map((data) => toResult(data, base, queryWords(query).map(indexForm))),
      { total: ranked.length },
    );
  });
}

/** One search at a time per Pagefind instance: each sets exactDiacritics for its own searches. */
const queues = new WeakMap();
/**
 * @template T
 * @param {Pagefind} pagefind
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
function serially(pagefind, task) {
  const previous = queues.get(pagefind) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(pagefind, next.catch(() => {}));
  return next;
}

/** A folder's URL ends with "/" (a basePath given without it would lose its last segment). @param {string} url */
function folderUrl(url) {
  return url.endsWith("/") ? url : `${url}/`;
}

/** The span of a page's words that is its text, from the record's `text` meta ("12 340"). @param {string | undefined} value @returns {[number, number] | undefined} */
function textSpan(value) {
  const [a, b] = (value ?? "").split(" ").map(Number);
  return Number.isInteger(a) && Number.isInteger(b) && b > a ? [a, b] : undefined;
}

/**
 * @param {{ url: string, raw_url?: string, content?: string, locations?: number[], meta?: Record<string, string> }} data what Pagefind returns of a page
 * @param {URL} base
 * @param {string[]} query the query's words, in the index's form
 * @returns {Result}
 */
function toResult(data, base, query) {
  const meta = data.meta ?? {};
  const root = new URL("../", base).pathname;
  /** @param {string} p */
  const path = (p) => (p && p.startsWith("/") ? root + p.slice(1) : p);
  const url = path(data.raw_url ?? data.url);
  /** @type {Result} */
  const result = {
    url,
    // The same address in full, with the origin of basePath (useful in Node).
    href: new URL(url, base).href,
    title: meta.title ?? "",
    date: meta.date ?? "",
    iso: meta.iso ?? "",
    kind: meta.kind ?? "",
    excerpt: excerpt(data.content ?? "", data.locations ?? [], { text: textSpan(meta.text), query }),
  };
  if (meta.image) {
    result.image = path(meta.image);
    result.imageAlt = meta.image_alt ?? "";
  }
  return result;
}

/** @type {Record<string, string>} */
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A word as matching sees it: lower case, no punctuation at its edges, marks folded. @param {string} word */
const matchForm = (word) => fold(word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));

/**
 * The words to mark: where the query's words stand together as its phrase,
 * only those runs ("phong trào", not "phong" in "phong tục"); where they
 * never do, every word Pagefind matched.
 * @param {string[]} words the page's words
 * @param {number[]} hits the positions Pagefind matched, sorted
 * @param {string[]} query the query's words
 */
export function phraseHits(words, hits, query) {
  const wanted = query.map(matchForm).filter(Boolean);
  if (wanted.length < 2) return hits;
  const matched = new Set(hits);
  /** @type {number[]} */
  const runs = [];
  for (const h of hits) {
    let k = 0;
    while (k < wanted.length && matched.has(h + k) && matchForm(words[h + k] ?? "") === wanted[k]) k++;
    // The last word may be a prefix still being typed ("phong tr").
    if (k === wanted.length - 1 && matched.has(h + k) && matchForm(words[h + k] ?? "").startsWith(wanted[k])) k++;
    if (k === wanted.length) for (let i = 0; i < k; i++) runs.push(h + i);
  }
  return runs.length ? [...new Set(runs)] : hits;
}

/**
 * An excerpt of about `length` words of a page's indexed text, around the
 * densest run of matches, escaped, with the matched words in <mark>.
 * `text` is the span of words that is the page's text (after its title,
 * before its authors, tags and campaigns): the excerpt comes from there, and
 * opens the text when no match is in it. `query` (its words) marks a phrase
 * as one (see phraseHits).
 * @param {string} content
 * @param {number[]} locations
 * @param {{ length?: number, text?: [number, number], query?: string[] } | number} [options]
 */
export function excerpt(content, locations, options = {}) {
  const { length = 30, text, query = [] } = typeof options === "number" ? { length: options } : options;
  const words = content.split(WORD_SEPARATORS);
  const [from, to] = text ? [Math.max(0, text[0]), Math.min(words.length, text[1])] : [0, words.length];
  const all = [...new Set(locations)].filter((l) => l >= 0 && l < words.length).sort((a, b) => a - b);
  const marked = phraseHits(words, all, query);
  const hits = marked.filter((l) => l >= from && l < to);
  let start = from;
  if (hits.length) {
    let best = 0;
    for (let i = 0, j = 0; i < hits.length; i++) {
      while (hits[i] - hits[j] >= length) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        start = hits[j];
      }
    }
    start = Math.max(from, Math.min(start - 3, to - length));
  }
  const markedSet = new Set(hits);
  const end = Math.min(to, start + length);
  // Words marked one after another share one <mark>: a phrase is highlighted as one.
  let html = "";
  let open = false;
  for (let i = start; i < end; i++) {
    const isBreak = words[i] === FIELD_BREAK;
    if (isBreak && (!html || i === end - 1)) continue;
    const marked = !isBreak && markedSet.has(i);
    if (open && !marked) {
      html += "</mark>";
      open = false;
    }
    if (html) html += " ";
    if (marked && !open) {
      html += "<mark>";
      open = true;
    }
    html += isBreak ? FIELD_BREAK : escapeHtml(displayForm(words[i]));
  }
  if (open) html += "</mark>";
  return (start > from ? "… " : "") + html + (end < to ? " …" : "");
}
