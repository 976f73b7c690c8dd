// The query side of search.js: folding, query plans and excerpts.
import { describe, expect, it } from "vitest";
import { excerpt, FIELD_BREAK, fold, hasMarks, plan, queryWords } from "../../src/search/client/search.js";

describe("fold", () => {
  it("drops tones and vowel marks and maps đ to d", () => {
    expect(fold("Đồng chí Bắc Kạn ưu tiên ơn huyện")).toBe("Dong chi Bac Kan uu tien on huyen");
  });
  it("folds NFD input the same as NFC", () => {
    expect(fold("Đồng chí Bắc Kạn".normalize("NFD"))).toBe("Dong chi Bac Kan");
  });
  it("keeps the number and order of words", () => {
    const text = "Thiếu tướng  Ma Văn Lả - GĐ\nCông an tỉnh";
    expect(fold(text).split(/\s+/).length).toBe(text.split(/\s+/).length);
  });
});

describe("hasMarks", () => {
  it("sees tones, vowel marks and đ", () => {
    expect(hasMarks("bac kan")).toBe(false);
    expect(hasMarks("bắc kan")).toBe(true);
    expect(hasMarks("dong chi đ")).toBe(true);
    expect(hasMarks("ơ")).toBe(true);
    expect(hasMarks("Bắc".normalize("NFD"))).toBe(true);
  });
});

describe("queryWords and plan", () => {
  it("strips quotes and punctuation at word edges", () => {
    expect(queryWords(' "Bắc Kạn," – (2017) ')).toEqual(["Bắc", "Kạn", "2017"]);
  });
  it("searches an unmarked query folded: phrase first, then all words", () => {
    expect(plan("dong chi")).toEqual(['"dong chi"', "dong chi"]);
  });
  it("searches an ASCII name as typed, for the folded copy (Duc Thuan finds Đức Thuần)", () => {
    expect(plan("Duc Thuan")).toEqual(['"Duc Thuan"', "Duc Thuan"]);
  });
  it("searches a marked query as written, then folded as a fallback", () => {
    expect(plan("đồng chí")).toEqual(['"đồng chí"', "đồng chí", '"dong chi"', "dong chi"]);
  });
  it("needs no phrase for one word, and nothing for an empty query", () => {
    expect(plan("huyện")).toEqual(["huyện", "huyen"]);
    expect(plan("  ")).toEqual([]);
  });
});

describe("excerpt", () => {
  const written = "Đồng chí Nguyễn Văn A <b>tặng</b> Giấy khen";
  const content = `${written} ${fold(written)}`;
  const n = written.split(" ").length;

  it("marks matches in the text as written even when the folded copy matched", () => {
    expect(excerpt(content, [n, n + 1], n)).toBe("<mark>Đồng</mark> <mark>chí</mark> Nguyễn Văn A &lt;b&gt;tặng&lt;/b&gt; Giấy khen");
  });
  it("escapes the text and never shows the folded copy", () => {
    const out = excerpt(content, [5], n);
    expect(out).toContain("<mark>&lt;b&gt;tặng&lt;/b&gt;</mark>");
    expect(out).not.toContain("Dong");
  });
  it("cuts a window around the densest matches with ellipses", () => {
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ");
    const out = excerpt(`${long} ${long}`, [60, 62, 163], 100, 10);
    expect(out.startsWith("… w57 w58 w59 <mark>w60</mark> w61 <mark>w62</mark> <mark>w63</mark>")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
  });
  it("hides the field breaks between title and body", () => {
    const w = `Tiêu đề ${FIELD_BREAK} Thân bài`;
    expect(excerpt(`${w} ${fold(w)}`, [0], 5)).toBe("<mark>Tiêu</mark> đề · Thân bài");
  });
});
