import slugifyLib from "@sindresorhus/slugify";

/**
 * Folds Vietnamese to an ASCII slug: tones and vowel marks dropped, đ/Đ → d,
 * the same result for NFC and NFD input.
 */
export function slugify(text: string): string {
  return slugifyLib(text.normalize("NFC"), { decamelize: false });
}

/** A slug a writer typed is valid when slugify leaves it as it is. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slugify(slug) === slug;
}
