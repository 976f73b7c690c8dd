// The same content builds byte-identical output folders.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";

describe("reproducible builds", () => {
  it("build the sample twice into byte-identical folders, search index included", async () => {
    const { root } = makeContent({}, {});
    const [a, b] = [path.join(root, "a"), path.join(root, "b")];
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: a })).ok).toBe(true);
    expect((await buildSite({ contentDir: SAMPLE_CONTENT, outputDir: b })).ok).toBe(true);
    const [first, second] = [snapshot(a), snapshot(b)];
    expect([...first.keys()].some((f) => /^pagefind\/[^/]+\/fragment\//.test(f))).toBe(true);
    expect([...first.keys()].some((f) => f.startsWith("anh/"))).toBe(true);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file), file).toBe(bytes);
  });
});
