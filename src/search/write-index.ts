// Writes the Pagefind index of the records into <outputDir>/pagefind with
// Pagefind's Node API. The native indexer runs as its own process, so this can
// run while Eleventy renders.
import path from "node:path";
import * as pagefind from "pagefind";
import type { SearchRecord } from "./documents.ts";

const BATCH = 200;

export async function writeSearchIndex(records: SearchRecord[], outputDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    // The indexer takes records as fast as they come: send them in batches, not one round trip each.
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
      added.forEach((a, j) => {
        if (a.errors.length) throw new Error(`Pagefind: ${batch[j].url}: ${a.errors.join("; ")}`);
      });
    }
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    return { pages: records.length };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
