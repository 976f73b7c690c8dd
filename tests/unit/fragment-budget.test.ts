import { describe, expect, it } from "vitest";
import { fragmentBudget, MAX_SITE_FILES } from "../../src/search/write-index.ts";

describe("fragmentBudget", () => {
  it("leaves fragments unbundled while the site fits the file limit", () => {
    expect(fragmentBudget(90, 100)).toBeUndefined();
    expect(fragmentBudget(6000, 8000)).toBeUndefined();
  });
  it("bundles just enough to keep a 10,000-article site under the limit", () => {
    const records = 12_712;
    const other = 15_100;
    const budget = fragmentBudget(records, other)!;
    expect(budget).toBeLessThan(records);
    expect(other + budget + Math.ceil(records * 0.05)).toBeLessThanOrEqual(MAX_SITE_FILES);
    expect(budget).toBeGreaterThan(3000);
  });
});
