// Evaluation queries: three consecutive words of an article's text whose
// phrase, once folded, occurs in no other article, drawn deterministically.
import { archiveOf } from "../../src/archive/archive.ts";
import { loadContent } from "../../src/content/load.ts";
import { fold, WORD_SEPARATORS } from "../../src/search/client/search.js";
import { htmlToText } from "../../src/search/documents.ts";

export interface Pair {
  query: string;
  url: string;
}

/** Deterministic random numbers (mulberry32). */
function random(seedText: string) {
  let s = [...seedText].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 16777619), 2166136261) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clean = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

export function makeQueries(contentDir: string, count: number, seed: string): Pair[] {
  const { content } = loadContent({ contentDir });
  const archive = archiveOf(content);
  const docs = archive.articles.map((a) => ({
    url: a.url,
    words: htmlToText(a.html).normalize("NFC").split(WORD_SEPARATORS).map(clean).filter(Boolean),
  }));
  // How many articles hold each folded three-word phrase.
  const df = new Map<string, number>();
  const key = (w: string[], i: number) => fold(`${w[i]} ${w[i + 1]} ${w[i + 2]}`).toLowerCase();
  for (const d of docs) {
    const seen = new Set<string>();
    for (let i = 0; i + 2 < d.words.length; i++) seen.add(key(d.words, i));
    for (const k of seen) df.set(k, (df.get(k) ?? 0) + 1);
  }
  const rnd = random(seed);
  const order = docs.map((d, i) => ({ d, r: rnd(), i })).sort((a, b) => a.r - b.r || a.i - b.i);
  const pairs: Pair[] = [];
  for (const { d } of order) {
    if (pairs.length >= count) break;
    const candidates = [];
    for (let i = 0; i + 2 < d.words.length; i++) if (df.get(key(d.words, i)) === 1) candidates.push(i);
    if (!candidates.length) continue;
    const i = candidates[Math.floor(rnd() * candidates.length)];
    pairs.push({ query: d.words.slice(i, i + 3).join(" "), url: d.url });
  }
  return pairs;
}

