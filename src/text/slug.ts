import slugifyLib from "@sindresorhus/slugify";

const ALREADY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** After folding, text of only these characters slugs the same by the quick way below. */
const PLAIN = /^[A-Za-z0-9 ,.:;()/-]*$/;
const cache = new Map<string, string>();

/**
 * The library's result, the quick way, for Vietnamese written with ASCII
 * punctuation (names, titles, units): marks dropped, đ → d, lower case, every
 * run of other characters one "-". Anything else is left to the library.
 */
function quickSlug(text: string): string | undefined {
  const folded = text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  if (!PLAIN.test(folded)) return undefined;
  return folded.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Folds Vietnamese to an ASCII slug: tones and vowel marks dropped, đ/Đ → d,
 * the same result for NFC and NFD input. The library is slow (it builds its
 * replacement patterns on every call: 1.4 s for the recipients of a 10,000-
 * article archive), so text that is already a slug is returned as it is,
 * plain Vietnamese is folded the quick way, and results are remembered.
 */
export function slugify(text: string): string {
  if (ALREADY_SLUG.test(text)) return text;
  let slug = cache.get(text);
  if (slug === undefined) {
    slug = quickSlug(text) ?? slugifyLib(text.normalize("NFC"), { decamelize: false });
    cache.set(text, slug);
  }
  return slug;
}

/** A slug a writer typed is valid when slugify leaves it as it is. */
export function isValidSlug(slug: string): boolean {
  return ALREADY_SLUG.test(slug);
}
