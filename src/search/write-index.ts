// Writes the Pagefind index of the records into <outputDir>/pagefind with
// Pagefind's Node API. The native indexer runs as its own process, so this can
// run while Eleventy renders.
import path from "node:path";
import * as pagefind from "pagefind";
import type { SearchRecord } from "./documents.ts";

export async function writeSearchIndex(records: SearchRecord[], outputDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    for (const r of records) {
      const added = await index.addCustomRecord(r);
      if (added.errors.length) throw new Error(`Pagefind: ${r.url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    return { pages: records.length };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
