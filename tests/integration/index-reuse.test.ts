// A build whose search records are those of the index already in the output
// keeps that index (Pagefind does not run), and the site is the same bytes as
// one built from scratch; any change to the records writes it again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { INDEX_STAMP } from "../../src/search/write-index.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";

describe("the search index of an unchanged archive", () => {
  it("is kept from the previous output, byte for byte what a full build writes, and written again when a record changes", async () => {
    const { root, content } = makeContent({}, {});
    fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
    const out = path.join(root, "_site");
    const options = { contentDir: content, outputDir: out, now: Date.UTC(2026, 10, 30) };

    expect((await buildSite(options)).searchIndex).toBe("written");
    const stamp = fs.readFileSync(path.join(out, "pagefind", INDEX_STAMP), "utf8");
    const again = await buildSite(options);
    expect(again.ok).toBe(true);
    expect(again.searchIndex).toBe("kept");
    const full = await buildSite({ ...options, outputDir: path.join(root, "full"), reuse: false });
    expect(full.searchIndex).toBe("written");
    expect(snapshot(out)).toEqual(snapshot(path.join(root, "full")));

    // --full writes it again even so.
    expect((await buildSite({ ...options, reuse: false })).searchIndex).toBe("written");

    // A changed article changes the records: written again, with another stamp.
    const file = path.join(content, "articles/2018/tong-ket-phong-trao-2017.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Năm 2017, phong trào", "Năm 2017, phong trào mới"));
    expect((await buildSite(options)).searchIndex).toBe("written");
    expect(fs.readFileSync(path.join(out, "pagefind", INDEX_STAMP), "utf8")).not.toBe(stamp);

    // An index whose entry files are gone is never kept.
    fs.rmSync(path.join(out, "pagefind", "pagefind-entry.json"));
    expect((await buildSite(options)).searchIndex).toBe("written");
    expect(fs.existsSync(path.join(out, "pagefind", "pagefind-entry.json"))).toBe(true);
  }, 180_000);
});
