// The photo files themselves: each must be an image the build can read, and
// not so large that decoding it would take the machine's memory (a "pixel
// bomb": a 30000×30000 PNG of a few kilobytes). Only headers are read, so
// `npm run check` finds what the build would find, in a fraction of its time.
import sharp from "sharp";
import { problems as say } from "../strings.ts";
import type { PhotoUse } from "./parse/common.ts";
import type { Problem } from "./problems.ts";

/** sharp's own default limit (its `limitInputPixels`): 16383 × 16383. */
const MAX_PIXELS = 0x3fff * 0x3fff;

/** What is wrong with a photo file, or undefined when it can be used. */
async function photoFileProblem(abs: string): Promise<((written: string) => string) | undefined> {
  try {
    const { width, height, format } = await sharp(abs, { limitInputPixels: false }).metadata();
    if (!width || !height || !format) return (w) => say.notAnImage(w, say.unknownImageSize());
    if (width * height > MAX_PIXELS) return (w) => say.imageTooLarge(w, width, height);
    return undefined;
  } catch (error) {
    const detail = String((error as Error)?.message ?? error).split("\n")[0];
    return (w) => say.notAnImage(w, detail);
  }
}

/** Every photo that cannot be used, reported where each file uses it. */
export async function checkPhotoFiles(uses: PhotoUse[]): Promise<Problem[]> {
  const verdicts = new Map<string, Promise<((written: string) => string) | undefined>>();
  for (const u of uses) if (!verdicts.has(u.abs)) verdicts.set(u.abs, photoFileProblem(u.abs));
  const problems: Problem[] = [];
  for (const u of uses) {
    const problem = await verdicts.get(u.abs);
    if (problem) problems.push({ severity: "error", file: u.file, line: u.line, key: u.key, message: problem(u.written) });
  }
  return problems;
}
