import { describe, expect, it } from "vitest";
import { releaseMemory } from "../../src/pipeline/memory.js";

describe("releaseMemory", () => {
  it("collects what nothing references any more", async () => {
    let big: number[][] | undefined = Array.from({ length: 1000 }, (_, i) => Array.from({ length: 100 }, (_, j) => i * j));
    const ref = new WeakRef(big);
    big = undefined;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseMemory();
    expect(ref.deref()).toBeUndefined();
  });
});
