// npx tsx scripts/check-quick-slugs.ts [CONTENT_DIR]
//
// Compares src/text/slug.ts (plain Vietnamese folded the quick way) with
// @sindresorhus/slugify on every distinct front-matter value and body line of
// a content folder (by default the 10,000-article benchmark corpus), and
// prints how many texts it compared and how many differ.
import fs from "node:fs";
import path from "node:path";
import slugifyLib from "@sindresorhus/slugify";
import { slugify } from "../src/text/slug.ts";

const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "..", ".tmp", "bench", "corpus-10000", "content"));
const texts = new Set<string>();
for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
  if (!file.endsWith(".md")) continue;
  for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
    const text = line.replace(/^\s*-?\s*(\w+:)?\s*/, "").replace(/^"|"$/g, "");
    if (text) texts.add(text);
  }
}
const differ = [...texts].filter((t) => slugify(t) !== slugifyLib(t.normalize("NFC"), { decamelize: false }));
for (const t of differ.slice(0, 10)) console.log(`differs: ${t}`);
console.log(`${texts.size.toLocaleString("en")} distinct texts, ${differ.length} differ`);
process.exitCode = differ.length ? 1 : 0;
