// The query side of search.js: folding, query plans and excerpts.
import { describe, expect, it } from "vitest";
import { displayForm, excerpt, FIELD_BREAK, fold, hasMarks, holdsPhrase, indexForm, phraseHits, plan, queryWords } from "../../src/search/client/search.js";

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

describe("indexForm and displayForm", () => {
  it("writes đ as d with a combining stroke, which Pagefind folds, and back", () => {
    expect(indexForm("Đồng chí đã")).toBe("D\u0335ồng chí d\u0335ã");
    expect(indexForm("Đồng chí đã").normalize("NFD").replace(/[\u0300-\u036f]/g, "")).toBe("Dong chi da");
    expect(displayForm(indexForm("Đồng chí Đức đã"))).toBe("Đồng chí Đức đã");
  });
});

describe("queryWords and plan", () => {
  it("strips quotes and punctuation at word edges", () => {
    expect(queryWords(' "Bắc Kạn," – (2017) ')).toEqual(["Bắc", "Kạn", "2017"]);
  });
  it("searches an unmarked query folded: phrase first, then all words", () => {
    expect(plan("dong chi")).toEqual([
      { query: '"dong chi"', exact: false },
      { query: "dong chi", exact: false },
    ]);
  });
  it("searches a marked query with exact marks first, then folded", () => {
    const s = "d\u0335ồng chí";
    expect(plan("đồng chí")).toEqual([
      { query: `"${s}"`, exact: true },
      { query: s, exact: true },
      { query: `"${s}"`, exact: false },
      { query: s, exact: false },
    ]);
  });
  it("needs no phrase for one word, and nothing for an empty query", () => {
    expect(plan("huyện")).toEqual([
      { query: "huyện", exact: true },
      { query: "huyện", exact: false },
    ]);
    expect(plan("  ")).toEqual([]);
  });
});

describe("excerpt", () => {
  const content = indexForm("Đồng chí Nguyễn Văn A <b>tặng</b> Giấy khen");

  it("marks the matched words and shows đ as written", () => {
    expect(excerpt(content, [0, 1])).toBe("<mark>Đồng chí</mark> Nguyễn Văn A &lt;b&gt;tặng&lt;/b&gt; Giấy khen");
  });
  it("escapes the text", () => {
    expect(excerpt(content, [5])).toContain("<mark>&lt;b&gt;tặng&lt;/b&gt;</mark>");
  });
  it("cuts a window around the densest matches with ellipses", () => {
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ");
    const out = excerpt(long, [20, 60, 62, 63], 10);
    expect(out.startsWith("… w57 w58 w59 <mark>w60</mark> w61 <mark>w62 w63</mark>")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
  });
  it("shows the field break between title and body only as a dot", () => {
    expect(excerpt(`Tiêu đề ${FIELD_BREAK} Thân bài`, [0])).toBe(`<mark>Tiêu</mark> đề ${FIELD_BREAK} Thân bài`);
  });
  it("marks a phrase as one where it stands together, and each word only where it never does", () => {
    const words = "phong tục và phong trào thi đua".split(" ");
    expect(phraseHits(words, [0, 3, 4], ["phong", "trao"])).toEqual([3, 4]);
    expect(phraseHits(words, [0, 3], ["phong", "dua"])).toEqual([0, 3]);
    // The last word may be a prefix still being typed.
    expect(phraseHits(words, [0, 3, 4], ["phong", "tr"])).toEqual([3, 4]);
    expect(excerpt(words.join(" "), [0, 3, 4], { query: ["phong", "trào"] })).toBe("phong tục và <mark>phong trào</mark> thi đua");
  });
  it("checks a phrase against a page's text with the punctuation inside its words: 1/2 is not 12/7 nor 12", () => {
    const text = indexForm(`Hội nghị ${FIELD_BREAK} Tại thị trấn. Sáng 12/7, đoàn đã đến; sáng 12 và chiều 1/20 cũng vậy.`);
    const q = (s: string) => queryWords(s).map(indexForm);
    expect(holdsPhrase(text, q("trấn Sáng 12/7"))).toBe(true);
    expect(holdsPhrase(text, q("tran sang 12/7"))).toBe(true);
    expect(holdsPhrase(text, q("trấn Sáng 1/2"))).toBe(false);
    expect(holdsPhrase(text, q("sáng 1/2"))).toBe(false);
    // A last word of letters and digits only may still be being typed; one with punctuation is whole.
    expect(holdsPhrase(text, q("đoàn đã đ"))).toBe(true);
    expect(holdsPhrase(text, q("chiều 1/2"))).toBe(false);
    expect(holdsPhrase(text, q("chiều 1/20"))).toBe(true);
    // The field break stands between words: no phrase spans it.
    expect(holdsPhrase(text, q("nghị Tại"))).toBe(false);
    expect(holdsPhrase(text, q(""))).toBe(false);
  });
  it("takes the excerpt from the text span, and opens the text when the only match is outside it", () => {
    const content = `Tiêu đề ${FIELD_BREAK} Thân bài có nội dung ${FIELD_BREAK} Tác giả: Minh Đức`;
    // words: 0 Tiêu, 1 đề, 2 ·, 3 Thân, 4 bài, 5 có, 6 nội, 7 dung, 8 ·, 9 Tác, 10 giả:, 11 Minh, 12 Đức
    expect(excerpt(content, [11, 12], { text: [3, 8] })).toBe("Thân bài có nội dung");
    expect(excerpt(content, [4], { text: [3, 8] })).toBe("Thân <mark>bài</mark> có nội dung");
    expect(excerpt(content, [0, 1], { text: [3, 8], length: 3 })).toBe("Thân bài có …");
  });
});
