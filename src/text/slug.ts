import slugifyLib from "@sindresorhus/slugify";

const ALREADY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const cache = new Map<string, string>();

/**
 * Folds Vietnamese to an ASCII slug: tones and vowel marks dropped, đ/Đ → d,
 * the same result for NFC and NFD input. The library is slow (it builds its
 * replacement patterns on every call), so text that is already a slug is
 * returned as it is and other results are remembered.
 */
export function slugify(text: string): string {
  if (ALREADY_SLUG.test(text)) return text;
  let slug = cache.get(text);
  if (slug === undefined) {
    slug = slugifyLib(text.normalize("NFC"), { decamelize: false });
    cache.set(text, slug);
  }
  return slug;
}

/** A slug a writer typed is valid when slugify leaves it as it is. */
export function isValidSlug(slug: string): boolean {
  return ALREADY_SLUG.test(slug);
}
