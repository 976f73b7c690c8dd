// What the search index is given for each page.
import { describe, expect, it } from "vitest";
import { archiveOf } from "../../src/archive/archive.ts";
import { loadContent } from "../../src/content/load.ts";
import { displayForm, FIELD_BREAK, WORD_SEPARATORS } from "../../src/search/client/search.js";
import { htmlToText, searchRecords } from "../../src/search/documents.ts";
import { SAMPLE_CONTENT } from "../helpers/content.ts";

const archive = archiveOf(loadContent({ contentDir: SAMPLE_CONTENT }).content);
const records = searchRecords(archive);
const byUrl = (url: string) => records.find((r) => r.url === url)!;

describe("search records", () => {
  it("cover every article, award list and award recipient, and nothing else", () => {
    const expected = [...archive.articles, ...archive.awardLists, ...archive.recipients].map((x) => x.url);
    expect(records.map((r) => r.url).sort()).toEqual(expected.sort());
  });

  it("index a recipient by its name and its awards, not by its lists' titles", () => {
    const r = records.find((x) => x.meta.title === "Công an huyện Ba Bể")!;
    expect(r.url).toBe("/khen-thuong/don-vi/cong-an-huyen-ba-be/");
    expect(r.filters).toEqual({ year: ["2019", "2018", "2017"], kind: ["recipient"] });
    expect(displayForm(r.content)).toBe("Công an huyện Ba Bể · Giấy khen Giám đốc Công an tỉnh · Cờ thi đua Bộ Công an · Bằng khen Chủ tịch UBND tỉnh");
  });

  it("hold the words as written, with đ in its index form and no punctuation-only words", () => {
    for (const r of records) {
      expect(r.content).not.toMatch(/[đĐ]/);
      for (const w of r.content.split(WORD_SEPARATORS)) expect(w === FIELD_BREAK || /[\p{L}\p{N}]/u.test(w), w).toBe(true);
    }
  });

  it("index an article's title, body, authors, tags and campaign names", () => {
    const r = byUrl("/tin-tuc/2018/tong-ket-phong-trao-2017/");
    const written = displayForm(r.content);
    expect(written.startsWith(`Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017 ${FIELD_BREAK} Năm 2017,`)).toBe(true);
    for (const s of ["Thiếu tướng Ma Văn Lả", "Phan Quang", "Đức Thuần", "Thông tư 23", "An toàn về an ninh, trật tự"]) expect(written).toContain(s);
    expect(r.filters).toEqual({ year: ["2018"], kind: ["article"], campaign: ["toan-dan-bao-ve-an-ninh-to-quoc", "thong-tu-23"] });
    expect(r.meta).toMatchObject({ title: "Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017", date: "15/01/2018", kind: "Tin bài" });
    expect(r.sort.date).toBe("2018-01-15T08:30:00.000+07:00");
  });

  it("index an award list's awards, conferrers and every recipient", () => {
    const r = byUrl("/khen-thuong/2018/2017-toan-dan-bao-ve-an-ninh-to-quoc/");
    for (const s of ["Cờ thi đua Bộ Công an", "Giấy khen Giám đốc Công an tỉnh", "Công an huyện Ba Bể", "Đại úy Đinh Văn Hùng Cán bộ Công an huyện Chợ Mới", "Ông Triệu Văn Lộc"]) {
      expect(displayForm(r.content)).toContain(s);
    }
    expect(r.filters.kind).toEqual(["award-list"]);
  });

  it("leave navigation and neighbour lists out", () => {
    for (const r of records) expect(r.content).not.toMatch(/Những tin (mới|cũ) hơn|Trang chủ/);
  });
});

describe("htmlToText", () => {
  it("drops tags and decodes what markdown-it escapes", () => {
    expect(htmlToText("<p>A &amp; B &lt;script&gt;</p><figure><figcaption>Chú thích</figcaption></figure>").replace(/\s+/g, " ").trim()).toBe(
      "A & B <script> Chú thích",
    );
  });
});
