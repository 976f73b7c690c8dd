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
//   Pagefind matches a word with punctuation inside by its letters and
//   digits, also as a part of a longer word ("1/2" as the "12" of "12/7"):
//   the phrase matches of such a query are checked against the page's text,
//   and so are the matches of such a word searched alone ("30/4" is not
//   "30/40" or "304").
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

/**
 * The forms under which Pagefind can match a word of indexed text, as the
 * shard locator keys them (locatorKey): the word, and, for a word joined by
 * punctuation ("an-ninh", "NukeViet-2"), its parts, which Pagefind indexes
 * at the same place (camel case split too). None for a word without letters
 * or digits (FIELD_BREAK): it still takes a place, and so breaks a phrase.
 * @param {string} word
 * @returns {string[]}
 */
export function locatorForms(word) {
  const whole = locatorKey(word);
  if (!whole) return [];
  if (!/[^\p{L}\p{N}]/u.test(word.replace(/\u0335/g, ""))) return [whole];
  const parts = word
    .split(/[^\p{L}\p{N}\u0335]+/u)
    .flatMap((p) => [p, ...p.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2").replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2").split(" ")])
    .map(locatorKey)
    .filter(Boolean);
  return [...new Set([whole, ...parts])];
}

/**
 * A word as the shard locator keys it: folded, lower case, letters and
 * digits only. Pagefind drops a query's punctuation and folds its marks
 * ("7/12" is 712), and indexes a word's letters and digits: a query's word
 * matches a page's word only if its key starts the other's key (or is it,
 * in a phrase).
 * @param {string} word
 */
export function locatorKey(word) {
  return fold(word.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, "");
}

/** A 32-bit hash of a key (FNV-1a, then MurmurHash3's finaliser). @param {string} key */
export function keyHash(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix(h);
}

/**
 * The locator keeps a word's starts up to this length: a longer query word
 * is looked up by its start of this length (URLs and dates in a page's
 * meta would otherwise add a start per character).
 */
export const MAX_START = 12;

/** The locator's entry for a word's start (a key, or the start of one, at most MAX_START long), from its key's hash. @param {number} a */
export function startEntry(a) {
  return mix(a ^ 0x5bd1e995);
}

/** The locator's entry for two words standing together, from their keys' hashes. @param {number} a @param {number} b */
export function pairEntry(a, b) {
  return mix(Math.imul(a, 0x9e3779b1) ^ b);
}

/** The locator's entry for three words standing together, from their keys' hashes. @param {number} a @param {number} b @param {number} c */
export function tripleEntry(a, b, c) {
  return mix(Math.imul(pairEntry(a, b), 0x85ebca77) ^ c);
}

/**
 * An entry where the locator keeps it: its chunk is chosen by the hash it is
 * looked up by (a word's start, or a pair, which also chooses the chunk of
 * the triples it starts); it is the top `bits` bits of the result, the
 * entry's own hash the rest. Routing by a pair, not by its first word, keeps
 * the chunks even: all of a common word's pairs would make one chunk of
 * 110 kB at 100,000 articles (BENCHMARKS.md).
 * @param {number} route the hash that chooses the chunk
 * @param {number} entry
 * @param {number} bits
 */
export function placed(route, entry, bits) {
  const span = 2 ** (32 - bits);
  return Math.floor(route / span) * span + (entry % span);
}

/** @param {number} h */
function mix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A shard locator chunk's file name: its number in hex (an extension that no host serves as gzip-encoded). @param {number} chunk */
export const chunkFile = (chunk) => `${chunk.toString(16)}.pf_locator`;

/**
 * A shard locator chunk's entries (src/search/locator.js): [an entry
 * without its top bits, the positions of the shards that hold it].
 * @param {Uint8Array} bytes
 * @param {number} shards
 * @returns {Generator<[number, number[]]>}
 */
export function* decodeChunk(bytes, shards) {
  let at = 0;
  const varint = () => {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new Error("shard locator: chunk cut short");
      const b = bytes[at++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
  };
  let remainder = 0;
  while (at < bytes.length) {
    remainder += varint();
    const head = varint();
    const list = [];
    for (let i = 0, s = 0; i < head >> 1; i++) list.push((s = i === 0 ? varint() : s + varint()));
    if (head & 1) {
      const out = new Set(list);
      const held = [];
      for (let s = 0; s < shards; s++) if (!out.has(s)) held.push(s);
      yield [remainder, held];
    } else yield [remainder, list];
  }
}

/** @typedef {any} Pagefind Pagefind's own module, loaded at run time. */

function defaultBasePath() {
  return new URL("../pagefind/", import.meta.url).href;
}
/** @typedef {any} Index An index opened with Pagefind's createInstance, with the shards merged into it. */
/**
 * A shard of the index, as shards.json lists it (src/search/shards.ts): its
 * folder `id`, its period as years ("2021") or months ("2024-01"), the years
 * and kinds of its pages. An index written whole (no shards.json) is one
 * shard with id "" and neither period, years nor kinds: it holds everything.
 * @typedef {{ id: string, from?: string, to?: string, years: string[], kinds: string[], pages: number }} Shard
 */
/**
 * The shard locator (src/search/locator.js): its folder in the index
 * folder, and how many top bits of an entry choose its chunk.
 * @typedef {{ folder: string, bits: number }} Locator
 */
/** @typedef {{ hub?: string, shards: Shard[], locator?: Locator }} ShardList */

/** @type {Map<string, Promise<ShardList>>} */
const shardLists = new Map();

/** The index's shards, newest period first, then the recipients', and its hub; fetched once per basePath. @param {string} basePath @returns {Promise<ShardList>} */
function shardsAt(basePath) {
  let loading = shardLists.get(basePath);
  if (!loading) {
    loading = (async () => {
      const response = await fetch(new URL("shards.json", basePath).href);
      if (response.status === 404) return { shards: [{ id: "", years: [], kinds: [], pages: 0 }] };
      if (!response.ok) throw new Error(`search: cannot load ${basePath}shards.json (${response.status})`);
      return /** @type {ShardList} */ (await response.json());
    })();
    shardLists.set(basePath, loading);
    loading.catch(() => shardLists.delete(basePath));
  }
  return loading;
}

/** Pagefind's own module, loaded from `src` (every shard has the same pagefind.js). @param {string} src @returns {Promise<Pagefind>} */
async function pagefindModule(src) {
  if (typeof document !== "undefined") return import(/* @vite-ignore */ src);
  // Node cannot import over http: fetch the module and import its text.
  const response = await fetch(src);
  if (!response.ok) throw new Error(`search: cannot load ${src} (${response.status})`);
  const code = await response.text();
  return import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

/**
 * The index a search runs on: the hub (shards.json), into which each shard is
 * merged when a search first needs it, each with a filter `shard` of its own
 * id, so that one shard at a time is searched. Pagefind's WebAssembly is
 * loaded once, from the hub. Options set on a merged index cannot change
 * afterwards, so there are two of these, with exact marks and without; a
 * query without marks uses only the second. An index written whole is its
 * own primary, without merging.
 */
class Searcher {
  /** @param {string} basePath @param {ShardList} list @param {boolean} exact */
  constructor(basePath, list, exact) {
    this.basePath = basePath;
    this.list = list;
    this.exact = exact;
    const primary = list.hub ? new URL(`${list.hub}/`, basePath).href : basePath;
    /** @type {Promise<Index>} */
    this.index = (async () => {
      const pagefind = await pagefindModule(new URL("pagefind.js", primary).href);
      const index = pagefind.createInstance({ basePath: primary, baseUrl: "/", excerptLength: 0 });
      await index.options({ exactDiacritics: exact });
      await index.init();
      return index;
    })();
    /** @type {Map<string, Promise<void>>} */
    this.merged = new Map();
  }

  /** The index, with `shard` merged into it. @param {Shard} shard @returns {Promise<Index>} */
  async with(shard) {
    const index = await this.index;
    if (!this.list.hub) return index;
    let merging = this.merged.get(shard.id);
    if (!merging) {
      merging = index.mergeIndex(new URL(`${shard.id}/`, this.basePath).href, { baseUrl: "/", excerptLength: 0, exactDiacritics: this.exact, mergeFilter: { shard: shard.id } });
      this.merged.set(shard.id, /** @type {Promise<void>} */ (merging));
      /** @type {Promise<void>} */ (merging).catch(() => this.merged.delete(shard.id));
    }
    await merging;
    return index;
  }

  /** A search in one shard. @param {Shard} shard @param {string} term @param {{ filters: Record<string, unknown>, sort?: Record<string, string> }} options @returns {Promise<PagefindResult[]>} */
  async search(shard, term, options) {
    const index = await this.with(shard);
    const filters = this.list.hub ? { ...options.filters, shard: { any: [shard.id] } } : options.filters;
    return (await index.search(term, { ...options, filters }))?.results ?? [];
  }
}

/** Shard locator chunks, by address: a chunk's entries, an entry without its top bits → the positions of the shards that hold it. @type {Map<string, Promise<Map<number, number[]>>>} */
const chunks = new Map();

/** A locator chunk, fetched and read once. @param {string} url @param {number} shards @returns {Promise<Map<number, number[]>>} */
function chunkAt(url, shards) {
  let loading = chunks.get(url);
  if (!loading) {
    loading = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`search: cannot load ${url} (${response.status})`);
      let bytes = new Uint8Array(await response.arrayBuffer());
      // Gzip, unless a host already undid it (served with Content-Encoding: gzip).
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
      return new Map(decodeChunk(bytes, shards));
    })();
    chunks.set(url, loading);
    loading.catch(() => chunks.delete(url));
  }
  return loading;
}

/** At most this many locator chunks per query (one per word and one per pair of words: five for three words): what does not fit is not looked up. */
const MAX_CHUNKS = 6;

/**
 * What the shard locator says of a query's words, by shard id: `words`, the
 * shards that hold a start of each word (only these can match at all: the
 * others are not opened; a word that starts no word of any shard does not
 * count, as Pagefind then matches it in pieces), and `phrase`, those of them
 * that also hold each pair and triple of its adjacent words (only these can
 * have the phrase). A shard may still lack what the locator says it holds
 * (the pairs apart, or two entries with one hash). Reads a chunk per word
 * and per pair, at most MAX_CHUNKS (what does not fit is not looked up, and
 * narrows nothing). Undefined when the locator cannot say:
 * no locator (an index written whole, or by an older build), no
 * DecompressionStream in this browser, or a chunk that failed to load;
 * `phrase` is undefined for fewer than two words.
 * @param {string} basePath @param {ShardList} list @param {string} query
 * @returns {Promise<{ words: Set<string>, phrase?: Set<string> } | undefined>}
 */
export async function locate(basePath, list, query) {
  const locator = list.locator;
  const keys = queryWords(query).map(locatorKey).filter(Boolean);
  if (!locator || !keys.length || typeof DecompressionStream === "undefined") return undefined;
  const bits = locator.bits;
  const hashes = keys.map(keyHash);
  const span = 2 ** (32 - bits);
  /** @type {{ entry: number, pair: boolean }[]} */
  const wanted = [];
  const chunksRead = new Set();
  /** Looks these entries up, if their chunks fit in MAX_CHUNKS. @param {{ entry: number, pair: boolean }[]} entries */
  const take = (entries) => {
    const chunks = new Set(entries.map((e) => Math.floor(e.entry / span)).filter((c) => !chunksRead.has(c)));
    if (chunksRead.size + chunks.size > MAX_CHUNKS) return;
    for (const c of chunks) chunksRead.add(c);
    wanted.push(...entries);
  };
  // Each word's start, then each pair with the triple it starts (one chunk: the pair's).
  for (const key of keys) {
    const start = keyHash(key.slice(0, MAX_START));
    take([{ entry: placed(start, startEntry(start), bits), pair: false }]);
  }
  for (let i = 0; i + 1 < hashes.length; i++) {
    const pair = pairEntry(hashes[i], hashes[i + 1]);
    take([{ entry: pair, pair: true }, ...(i + 2 < hashes.length ? [{ entry: placed(pair, tripleEntry(hashes[i], hashes[i + 1], hashes[i + 2]), bits), pair: true }] : [])]);
  }
  try {
    const held = await Promise.all(
      wanted.map(async ({ entry, pair }) => {
        const chunk = Math.floor(entry / span);
        const entries = await chunkAt(new URL(`${locator.folder}/${chunkFile(chunk)}`, basePath).href, list.shards.length);
        return { pair, shards: new Set(entries.get(entry - chunk * span) ?? []) };
      }),
    );
    /** @param {{ shards: Set<number> }[]} sets */
    const ids = (sets) => new Set(list.shards.filter((_, s) => sets.every((set) => set.shards.has(s))).map((shard) => shard.id));
    // A word that starts no word anywhere is matched by Pagefind in pieces ("72018" as 7 and 2018,
    // "backan" as bac and kan): it constrains nothing here.
    const words = ids(held.filter((h) => !h.pair && h.shards.size));
    // A shard with the phrase has each of its words, pairs and triples: those looked up narrow it.
    return { words, ...(keys.length > 1 ? { phrase: ids(held) } : {}) };
  } catch {
    return undefined; // the search goes shard by shard, as without a locator
  }
}

/** @type {Map<string, Searcher>} */
const searchers = new Map();

/** The searcher of an index, with exact marks or without; made once per basePath. @param {string} basePath @param {ShardList} list @param {boolean} exact */
function searcherOf(basePath, list, exact) {
  const key = `${exact ? "exact" : "folded"} ${basePath}`;
  let searcher = searchers.get(key);
  if (!searcher) {
    searcher = new Searcher(basePath, list, exact);
    searchers.set(key, searcher);
    searcher.index.catch(() => searchers.delete(key));
  }
  return searcher;
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

/** The values a filter in Pagefind's form lets through, when it says ({ any: [...] }); undefined otherwise. @param {unknown} filter @returns {string[] | undefined} */
function filterValues(filter) {
  const any = filter && typeof filter === "object" ? /** @type {Record<string, unknown>} */ (filter).any : undefined;
  return Array.isArray(any) ? any.map(String) : undefined;
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

/** A period key as readers write it: "2021", or "01/2024" for a month. @param {string} key */
const periodPart = (key) => (key.length > 4 ? `${key.slice(5, 7)}/${key.slice(0, 4)}` : key);

/** The period a search covered, as readers write it: "2021–2026", "2024", "01/2024–04/2024". @param {{ from: string, to: string }} period */
export function periodLabel({ from, to }) {
  return from === to ? periodPart(from) : `${periodPart(from)}–${periodPart(to)}`;
}

/**
 * Searches the archive. Resolves to the ranked results (at most `limit`,
 * from `offset`); the array's `total` is how many pages matched in the shards
 * searched.
 *
 * The index is in shards by period (shards.json). A search opens the newest
 * period first ("oldest" order: the oldest), and goes on into older ones only
 * while it lacks good matches: it stops once it has `offset + limit` of them,
 * or at least one and `offset + limit` matches in all. A good match is a page
 * with the words as a phrase (any match, for one word); good matches of every
 * period searched come first. The shard locator (locator.js), when the index
 * has one, says which shards can match at all (no other is opened) and which
 * can have the phrase: these are searched first, newest first, and once they
 * gave a phrase match the search stops there. `period` then says which years
 * were covered (searched, or known to have no match), `older` that older
 * periods were not (newer ones, in the "oldest" order), `gaps` that periods
 * newer than some searched were not (the phrase was found in an older one),
 * and `partial` that some shard was not; `all: true` searches them all. A
 * year filter opens only that year's shards. The register's units and people,
 * in shards of their own, come after the articles and award lists, and are
 * searched only when these leave the page short.
 *
 * A search that wants more results may search more periods, whose good
 * matches rank before the other matches of the newer ones: to show more,
 * search again from offset 0 with a larger limit, and add what is new
 * (the search page does).
 * @param {string} query
 * @param {{ basePath?: string, filters?: Filters, sort?: "relevance" | "newest" | "oldest", limit?: number, offset?: number, all?: boolean }} [options]
 * @returns {Promise<Result[] & { total: number, period?: { from: string, to: string }, older: boolean, gaps: boolean, partial: boolean }>}
 */
export async function search(query, options = {}) {
  const { filters = {}, sort = "relevance", limit = 10, offset = 0, all = false } = options;
  const basePath = folderUrl(options.basePath ?? defaultBasePath());
  const index = await shardsAt(basePath);
  const shards = index.shards;
  return serially(basePath, async () => {
    const steps = plan(query);
    const pfFilters = pagefindFilters(filters);
    /** @type {Record<string, string> | undefined} */
    const pfSort = sort === "relevance" ? undefined : { date: sort === "oldest" ? "asc" : "desc" };
    // With a date order the phrase gives no precedence: the all-words searches, by date.
    const todo = sort === "relevance" ? steps : steps.filter((s) => !s.query.startsWith('"'));
    const need = offset + limit;
    // The query's words as the index holds them. A word with punctuation inside ("1/2") Pagefind matches by its
    // letters and digits ("12"), also where they are a part of another word ("12/7"): the phrase matches of
    // such a query (a one-word query's matches) are checked against the page's text, when they are ranked.
    const wanted = queryWords(query).map(indexForm);
    const check = sort === "relevance" && wanted.some((w) => /[^\p{L}\p{N}]/u.test(matchForm(w))) ? { words: wanted, left: MAX_PHRASE_CHECKS } : undefined;
    const years = filterValues(pfFilters.year);
    const kinds = filterValues(pfFilters.kind);
    // Articles and award lists that contain the words come before the register's pages of units and people,
    // which are short and would otherwise outrank them (a unit's name holds "huyện", "Ba Bể" …).
    const kindFiltered = "kind" in pfFilters;
    const passes = kindFiltered ? [kinds ?? ["article", "award-list", "recipient"]] : [["article", "award-list"], ["recipient"]];
    /** @param {Shard} s @param {string[]} passKinds */
    const eligible = (s, passKinds) =>
      (!s.kinds.length || s.kinds.some((k) => passKinds.includes(k))) && (!years || !s.years.length || s.years.some((y) => years.includes(y)));

    // What the locator says: which shards can match at all, and which can have the phrase (undefined:
    // any of them). Asked once a pass has more than one shard to choose from.
    /** @type {{ words: Set<string>, phrase?: Set<string> } | undefined} */
    let located;
    let asked = false;
    /** @type {PagefindResult[]} */
    const ranked = [];
    /** The periods a search covered: each pass's shards up to the last it searched (those before it were searched, known from the locator to have no match, or left out after a phrase). @type {Shard[]} */
    const covered = [];
    let older = false;
    let gaps = false;
    let partial = false;
    for (const [p, passKinds] of passes.entries()) {
      const only = kindFiltered ? {} : { kind: { any: passKinds } };
      let candidates = shards.filter((s) => eligible(s, passKinds));
      if (sort === "oldest") candidates = [...candidates].reverse();
      // The register's pass only fills a page that the articles left short.
      if (p > 0 && !all && ranked.length >= need) {
        partial ||= candidates.length > 0;
        break;
      }
      if (!asked && candidates.length > 1) {
        asked = true;
        located = await locate(basePath, index, query);
      }
      const { words, phrase } = located ?? {};
      const ordered = candidates;
      if (words) candidates = candidates.filter((s) => words.has(s.id));
      /** The pass's matches with their tier (see searchShard) and their shard's place in `candidates`. @type {(Hit & { place: number })[]} */
      const hits = [];
      let good = 0;
      /** @param {Shard} shard @param {number} place */
      const searchIn = async (shard, place) => {
        /** @param {boolean} exact */
        const searcher = (exact) => searcherOf(basePath, index, exact);
        const found = await searchShard(searcher, shard, todo, { filters: { ...pfFilters, ...only }, ...(pfSort ? { sort: pfSort } : {}) }, need - ranked.length - hits.length, check, need - ranked.length - good);
        hits.push(...found.hits.map((h) => ({ ...h, place })));
        good += found.good;
      };
      const done = new Set();
      const phrased = phrase && sort === "relevance";
      if (phrased) {
        // First the shards that can have the phrase, newest first, until they gave enough phrase matches…
        for (const [place, shard] of candidates.entries()) {
          if (!phrase.has(shard.id) || (!all && ranked.length + good >= need)) continue;
          await searchIn(shard, place);
          done.add(place);
        }
      }
      // …then every shard in turn, newest first, until the page is full: of phrase matches, or of at
      // least one and other matches. Once the locator has shown where the phrase can be, a phrase match
      // ends the search (other matches of other periods wait for the reader to ask), and a phrase
      // found nowhere lets the page fill with other matches.
      const skipped = [];
      for (const [place, shard] of candidates.entries()) {
        if (done.has(place)) continue;
        const goodSoFar = ranked.length + good;
        const soFar = ranked.length + hits.length;
        if (!all && (goodSoFar >= need || (goodSoFar >= 1 && (soFar >= need || phrased)) || (phrased && soFar >= need))) {
          skipped.push(place);
          continue;
        }
        await searchIn(shard, place);
        done.add(place);
      }
      const last = Math.max(-1, ...done);
      covered.push(...ordered.slice(0, last < 0 ? 0 : ordered.indexOf(candidates[last]) + 1));
      for (const place of skipped) {
        partial = true;
        if (!candidates[place].from) continue;
        if (place < last) gaps = true;
        else older = true;
      }
      // Best tier first (the phrase, exact marks), then the newest shard, then as Pagefind ranked them.
      ranked.push(...hits.sort((a, b) => a.tier - b.tier || a.place - b.place).map((h) => h.result));
    }
    const page = await Promise.all(ranked.slice(offset, offset + limit).map((r) => r.data()));
    const base = new URL(basePath, "http://localhost/");
    const periods = covered.filter((s) => s.from && s.to);
    return Object.assign(
      page.map((data) => toResult(data, base, wanted)),
      {
        total: ranked.length,
        partial,
        older,
        gaps,
        ...(periods.length ? { period: { from: periods.map((s) => /** @type {string} */ (s.from)).sort()[0], to: periods.map((s) => /** @type {string} */ (s.to)).sort().at(-1) ?? "" } } : {}),
      },
    );
  });
}

/** @typedef {{ id: string, data(): Promise<any> }} PagefindResult */
/** @typedef {{ words: string[], left: number }} PhraseCheck the query's words, and how many more pages the search may fetch to check its phrase (spent as it goes) */

/**
 * The most phrase matches a search checks against their pages' text (see
 * holdsPhrase); each check fetches the page's fragment, which is fetched
 * anyway if the page is shown. Matches past it rank as Pagefind's phrase
 * search gave them.
 */
export const MAX_PHRASE_CHECKS = 20;
/** @typedef {{ result: PagefindResult, tier: number }} Hit */

/**
 * One shard's matches, each with its tier: 0 the words as a phrase with
 * exact marks, 1 the phrase folded, 2 all the words with exact marks, 3 all
 * the words folded (a query without marks has tiers 1 and 3 only). Within a
 * tier, as Pagefind ranks them (phrase matches as the all-words search ranks
 * them: Pagefind scores every phrase match alike). Folded matches are
 * searched only while the page is short (`short` more wanted). `good`
 * counts the phrase matches (every match, for one word or a date order).
 * With `check`, phrase matches are checked against their page's text, in
 * Pagefind's order (as many at once as are still wanted), until `want` held
 * the phrase or the checks are spent: one that does not hold it ranks with
 * the pages that have all the words. A query of one word with `check` is a
 * phrase of one word: its matches are checked, and only those that hold it
 * are good.
 * @param {(exact: boolean) => Searcher} searcher
 * @param {Shard} shard
 * @param {{ query: string, exact: boolean }[]} todo
 * @param {{ filters: Record<string, unknown>, sort?: Record<string, string> }} pfOptions
 * @param {number} short
 * @param {PhraseCheck} [check]
 * @param {number} [want]
 * @returns {Promise<{ hits: Hit[], good: number }>}
 */
async function searchShard(searcher, shard, todo, pfOptions, short, check, want = 0) {
  /** @param {{ query: string, exact: boolean }} step @returns {Promise<PagefindResult[]>} */
  const run = (step) => searcher(step.exact).search(shard, step.query, pfOptions);
  const phrased = todo.some((s) => s.query.startsWith('"'));
  // Pagefind drops a word that nothing in its index starts with, and matches the others: in the
  // recipients' shard "phong trào" found every "phòng". A form (exact or folded) runs only where
  // each word alone finds something (its chunks are loaded for the search anyway). A word the
  // shard lacks but whose start it has still matches that start ("trao" finds "tra" where no
  // "trào" is): weaker matches, after the phrase's.
  const words = todo.find((s) => !s.query.startsWith('"'))?.query.split(" ") ?? [];
  /** @type {Map<boolean, boolean>} */
  const complete = new Map();
  for (const exact of new Set(todo.map((s) => s.exact))) {
    let every = true;
    if (words.length > 1) for (const word of words) if (every && !(await run({ query: word, exact })).length) every = false;
    complete.set(exact, every);
  }
  const seen = new Set();
  /** @type {Hit[]} */
  const hits = [];
  let good = 0;
  // One word with punctuation inside ("30/4") is checked as a phrase of one word: a page that has it as
  // written ranks as a phrase match would; "30/40" and "304", which Pagefind matches as well, after it.
  const oneWord = check?.words.length === 1;
  /** @param {PagefindResult} result @param {boolean} phrase @param {boolean} exact */
  const add = (result, phrase, exact) => {
    if (seen.has(result.id)) return;
    seen.add(result.id);
    hits.push({ result, tier: (phrase ? 0 : 2) + (exact ? 0 : 1) });
    if (phrase || (!phrased && !oneWord)) good++;
  };
  /**
   * Adds the matches not added yet, each checked against its page's text in Pagefind's order (as many at
   * once as are still wanted, their fragments fetched together) until `want` held it or the checks are
   * spent; past that, each counts as holding it.
   * @param {PagefindResult[]} results @param {boolean} exact
   */
  const addChecked = async (results, exact) => {
    const matches = results.filter((r) => !seen.has(r.id));
    let held = 0;
    for (let k = 0; k < matches.length; ) {
      const room = check ? Math.min(check.left, want - held) : 0;
      const checking = room > 0 ? check : undefined;
      const batch = matches.slice(k, checking ? k + room : matches.length);
      const holds = checking ? await Promise.all(batch.map(async (r) => holdsPhrase((await r.data()).content ?? "", checking.words))) : batch.map(() => true);
      if (checking) checking.left -= batch.length;
      batch.forEach((r, j) => {
        if (checking && holds[j]) held++;
        add(r, holds[j], exact);
      });
      k += batch.length;
    }
  };
  for (let i = 0; i < todo.length; i++) {
    const step = todo[i];
    if (!complete.get(step.exact)) continue;
    if (step.query.startsWith('"')) {
      const phrase = new Set((await run(step)).map((r) => r.id));
      const every = await run(todo[++i]);
      await addChecked(every.filter((r) => phrase.has(r.id)), step.exact);
      for (const r of every) add(r, false, step.exact);
    } else if (oneWord) {
      await addChecked(await run(step), step.exact);
    } else {
      for (const r of await run(step)) add(r, false, step.exact);
    }
    // Folded matches only fill a list that the exact ones left short.
    const next = todo[i + 1];
    if (next && step.exact && !next.exact && seen.size >= short) break;
  }
  return { hits, good };
}

/** One search at a time per index: a search merges shards into it as it goes. @type {Map<string, Promise<unknown>>} */
const queues = new Map();
/**
 * @template T
 * @param {string} basePath
 * @param {() => Promise<T>} task
 * @returns {Promise<T>}
 */
function serially(basePath, task) {
  const previous = queues.get(basePath) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(basePath, next.catch(() => {}));
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
 * True when the text has the query's words standing together, each as it is
 * written, punctuation inside a word included: "1/2" is not the "12" of
 * "12/7", though Pagefind's phrase search takes it for it (it drops a query
 * word's punctuation, and indexes each part of "12/7" at its place). Case
 * and marks are folded; the last word may start a longer word if it is
 * letters and digits only (still being typed, as in phraseHits).
 * @param {string} text a page's indexed text
 * @param {string[]} query the query's words
 */
export function holdsPhrase(text, query) {
  const wanted = query.map(matchForm).filter(Boolean);
  if (!wanted.length) return false;
  const words = text.split(WORD_SEPARATORS).map(matchForm);
  const last = wanted.length - 1;
  const open = !/[^\p{L}\p{N}]/u.test(wanted[last]);
  next: for (let i = 0; i + last < words.length; i++) {
    for (let k = 0; k < last; k++) if (words[i + k] !== wanted[k]) continue next;
    const word = words[i + last];
    if (word === wanted[last] || (open && word.startsWith(wanted[last]))) return true;
  }
  return false;
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
