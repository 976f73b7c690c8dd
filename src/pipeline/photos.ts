// Content photos through @11ty/eleventy-img: each photo is resized to a few
// widths in WebP and JPEG (the fallback), once, into a cache folder kept
// between builds; a build links the files it uses into its output. Every
// <img> the content produced becomes a <picture> with width, height, srcset
// and sizes; photos below the lead load lazily.
import fs from "node:fs";
import path from "node:path";
import Image, { generateHTML } from "@11ty/eleventy-img";
import type { Content } from "../content/model.ts";
import { decodeEntities } from "../text/html.ts";
import { urls } from "../urls.ts";

const WIDTHS = [320, 640, 960];
const FORMATS = ["webp", "jpeg"];
/** The most files one photo becomes (fewer when it is smaller than the widths). */
export const FILES_PER_PHOTO = WIDTHS.length * FORMATS.length;
/** The article column is at most 46rem (736px) wide. */
const SIZES = "(min-width: 46rem) 736px, 100vw";
/** Thumbnails in lists are 7.5rem wide (6rem on a phone): see .thumb in static/style.css. */
export const THUMBNAIL_SIZES = "(min-width: 40rem) 120px, 96px";
const OUTPUT_URL = urls.photos();

type Metadata = Record<string, { url: string; width: number; height: number; sourceType?: string; srcset: string; filename: string }[]>;

export interface Photos {
  /** <picture> markup for a photo given by its media URL, or undefined when it is not a processed photo. */
  picture(mediaUrl: string, alt: string, options?: { eager?: boolean; sizes?: string }): string | undefined;
  /** The smallest JPEG of a photo, for thumbnails (search results). */
  thumbnail(mediaUrl: string): string | undefined;
  /** The largest JPEG of a photo, for previews (Open Graph), with its size. */
  large(mediaUrl: string): { url: string; width: number; height: number } | undefined;
  /** Links every file the photos need into the output's photo folder (urls.photos()). */
  writeTo(outputDir: string): void;
}

/** A photo that could not be resized: its path inside content/ and what went wrong. */
export interface PhotoFailure {
  file: string;
  error: string;
}

/** Resizes the content's photos (cached in cacheDir between builds); a photo that fails is returned, not thrown. */
export async function processPhotos(content: Content, contentDir: string, cacheDir: string): Promise<{ photos: Photos; failures: PhotoFailure[] }> {
  const outputDir = path.join(cacheDir, "anh");
  const byUrl = new Map<string, Metadata>();
  const failures: PhotoFailure[] = [];
  await Promise.all(
    content.media.map(async (file) => {
      const src = path.join(contentDir, file);
      const options = { widths: WIDTHS, formats: FORMATS, outputDir, urlPath: OUTPUT_URL };
      try {
        // Widths above the photo's own are skipped: photos are never enlarged.
        const metadata = (await Image(src, options)) as unknown as Metadata;
        byUrl.set(urls.media(file), metadata);
      } catch (error) {
        // A photo that fails part-way leaves empty files that the cache would take for its output next time.
        removeEmptyOutputs(src, options);
        failures.push({ file, error: String((error as Error)?.message ?? error).split("\n")[0] });
      }
    }),
  );
  failures.sort((a, b) => (a.file < b.file ? -1 : 1));
  const jpeg = (url: string) => byUrl.get(url)?.jpeg;
  const photos: Photos = {
    picture(mediaUrl, alt, options = {}) {
      const metadata = byUrl.get(mediaUrl);
      if (!metadata) return undefined;
      return generateHTML(metadata, {
        alt,
        sizes: options.sizes ?? SIZES,
        loading: options.eager ? "eager" : "lazy",
        decoding: "async",
        ...(options.eager ? { fetchpriority: "high" } : {}),
      });
    },
    thumbnail(mediaUrl) {
      return jpeg(mediaUrl)?.[0].url;
    },
    large(mediaUrl) {
      const list = jpeg(mediaUrl);
      const last = list?.[list.length - 1];
      return last && { url: last.url, width: last.width, height: last.height };
    },
    writeTo(target) {
      const dir = path.join(target, OUTPUT_URL);
      fs.mkdirSync(dir, { recursive: true });
      for (const metadata of byUrl.values()) {
        for (const m of Object.values(metadata).flat()) {
          const to = path.join(dir, m.filename);
          if (fs.existsSync(to)) continue;
          try {
            fs.linkSync(path.join(outputDir, m.filename), to);
          } catch {
            fs.copyFileSync(path.join(outputDir, m.filename), to);
          }
        }
      }
    },
  };
  return { photos, failures };
}

/** Deletes the empty files a failed resize left where a photo's outputs go (their names come from its header). */
function removeEmptyOutputs(src: string, options: object) {
  let stats: Metadata;
  try {
    stats = Image.statsSync(src, options) as unknown as Metadata;
  } catch {
    return; // no readable header: nothing was written
  }
  for (const out of Object.values(stats).flat()) {
    const target = path.join((options as { outputDir: string }).outputDir, out.filename);
    if (fs.statSync(target, { throwIfNoEntry: false })?.size === 0) fs.rmSync(target);
  }
}

const IMG = /<img src="([^"]+)" alt="([^"]*)"[^>]*>/g;

/** Replaces the <img> tags markdown-it wrote for content photos with <picture>s. */
export function withPictures(html: string, photos: Photos): string {
  return html.replace(IMG, (tag, src: string, alt: string) => photos.picture(src, decodeEntities(alt)) ?? tag);
}
