// Near-identical recipient names, which usually mean a typing slip that
// splits one unit (or person) into two: names one letter apart, or the same
// once common abbreviations are spelt out ("CA" and "Công an"). Finds the
// pairs in O(total length) with a deletion index, not by comparing all pairs.
import { distance } from "fastest-levenshtein";
import { normalizeName } from "./identity.ts";

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bca\b/gu, "công an"],
  [/\bubnd\b/gu, "ủy ban nhân dân"],
  [/\btp\b/gu, "thành phố"],
  [/\bttg\b/gu, "thủ tướng"],
];

/** The name with abbreviations spelt out and the two spellings of "ủy/uỷ" made one. */
export function comparable(name: string): string {
  let n = normalizeName(name).replace(/[.,;:]/g, " ").replace(/uỷ/g, "ủy").replace(/\s+/g, " ").trim();
  for (const [re, full] of ABBREVIATIONS) n = n.replace(re, full);
  return n;
}

/**
 * Pairs of distinct keys whose comparable forms are equal or one edit apart.
 * `items` are [key, comparable form]; keys are already distinct recipients.
 */
export function similarPairs(items: [string, string][]): [string, string][] {
  const byVariant = new Map<string, string[]>();
  const pairs = new Set<string>();
  const out: [string, string][] = [];
  const formOf = new Map(items);
  for (const [key, form] of items) {
    const variants = new Set([form]);
    for (let i = 0; i < form.length; i++) variants.add(form.slice(0, i) + form.slice(i + 1));
    for (const v of variants) {
      const others = byVariant.get(v);
      if (others) {
        for (const other of others) {
          if (other === key) continue;
          const id = other < key ? `${other}\n${key}` : `${key}\n${other}`;
          if (pairs.has(id)) continue;
          pairs.add(id);
          if (distance(formOf.get(other)!, form) <= 1) out.push(other < key ? [other, key] : [key, other]);
        }
        others.push(key);
      } else byVariant.set(v, [key]);
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
}
