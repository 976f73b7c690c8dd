// Content files must be UTF-8. Older Vietnamese tools saved text in
// TCVN3 (ABC), VISCII or Windows-1258, and Western ones in Latin-1: read as
// UTF-8, such a file would build with "�" in place of every accented letter.
// This tells them apart, so that the writer is told which one to convert from.
import iconv from "iconv-lite";

export type LegacyEncoding = "TCVN3" | "VISCII" | "Windows-1258" | "Latin-1" | "UTF-16";

/** The text of a UTF-8 file (a leading byte-order mark dropped), or undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

const CANDIDATES: { name: LegacyEncoding; codec: string }[] = [
  { name: "TCVN3", codec: "tcvn" },
  { name: "VISCII", codec: "viscii" },
  { name: "Windows-1258", codec: "windows1258" },
];

// A Vietnamese syllable with its marks taken off: onset, one to three vowels, coda.
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(a|e|i|o|u|y){1,3}(ch|ng|nh|[cmnpt])?$/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** The share of words with a non-ASCII letter that read as Vietnamese syllables with at most one tone. */
function vietnameseScore(text: string): number {
  let words = 0;
  let good = 0;
  for (const word of text.normalize("NFC").split(/[\s.,;:!?()"'“”\-–—/]+/)) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    words++;
    const lower = word.toLowerCase().replace(/đ/g, "d");
    const tones = lower.normalize("NFD").match(TONES)?.length ?? 0;
    const bare = lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (tones <= 1 && SYLLABLE.test(bare)) good++;
  }
  return words ? good / words : 0;
}

/** Which legacy encoding a file that is not UTF-8 was most likely saved in; undefined when it cannot be told. */
export function guessEncoding(bytes: Uint8Array): LegacyEncoding | undefined {
  const buffer = Buffer.from(bytes);
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) return "UTF-16";
  let best: { name: LegacyEncoding; score: number } | undefined;
  for (const { name, codec } of CANDIDATES) {
    const score = vietnameseScore(iconv.decode(buffer, codec));
    if (!best || score > best.score) best = { name, score };
  }
  if (best && best.score >= 0.6) return best.name;
  // Not Vietnamese: Latin-1 when its high bytes are letters (é, ü, ñ …).
  const latin = iconv.decode(buffer, "latin1").replace(/[\x00-\x7f]/g, "");
  return latin && /^\p{L}+$/u.test(latin) ? "Latin-1" : undefined;
}

/** The name `iconv -f` knows each encoding by (glibc). */
export const iconvName: Record<LegacyEncoding, string> = {
  TCVN3: "TCVN5712-1",
  VISCII: "VISCII",
  "Windows-1258": "WINDOWS-1258",
  "Latin-1": "LATIN1",
  "UTF-16": "UTF-16",
};
