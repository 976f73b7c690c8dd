// Screenshots of the sample site for the README, made from a fresh build so
// that they stay true: the home page and an article, at desktop (1280 px) and
// phone (390 px) width, in Debian's Chromium. Written as small WebP files.
//
//   npm run screenshots            # writes docs/screenshots/*.webp
//   npm run screenshots -- --out /tmp/shots --full   # whole pages, elsewhere
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { ROOT } from "../src/paths.ts";
import { launchChromium } from "../tests/helpers/browser.ts";
import { serveFreshSample } from "./lib/sample-site.ts";

const args = process.argv.slice(2);
const outDir = path.resolve(args.includes("--out") ? args[args.indexOf("--out") + 1] : path.join(ROOT, "docs/screenshots"));
const fullPage = args.includes("--full");

const PAGES = { home: "/", article: "/tin-tuc/2018/tong-ket-phong-trao-2017/" };
const WIDTHS = { desktop: { width: 1280, height: 900, scale: 1 }, phone: { width: 390, height: 844, scale: 2 } };

const server = await serveFreshSample();
const browser = await launchChromium();
fs.mkdirSync(outDir, { recursive: true });
try {
  for (const [name, url] of Object.entries(PAGES)) {
    for (const [kind, v] of Object.entries(WIDTHS)) {
      const page = await browser.newPage({ viewport: { width: v.width, height: v.height }, deviceScaleFactor: v.scale });
      await page.goto(new URL(url.slice(1), server.url).href, { waitUntil: "load" });
      const png = await page.screenshot({ fullPage });
      await page.close();
      // Phone shots are taken at 2× for sharp text, then stored at 1× width to stay small.
      const file = path.join(outDir, `${name}-${kind}.webp`);
      await sharp(png).resize({ width: v.width }).webp({ quality: 72 }).toFile(file);
      console.log(`${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} kB`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
