import fs from "node:fs";
import path from "node:path";
import slugifyLib from "@sindresorhus/slugify";
import { describe, expect, it } from "vitest";
import { isValidSlug, slugify } from "../../src/text/slug.ts";

const library = (text: string) => slugifyLib(text.normalize("NFC"), { decamelize: false });
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];

describe("slugify", () => {
  it("folds Vietnamese tones and vowel marks to ASCII", () => {
    expect(slugify("Toàn dân bảo vệ an ninh Tổ quốc")).toBe("toan-dan-bao-ve-an-ninh-to-quoc");
    expect(slugify("Ưu tiên người cao tuổi ở Chợ Mới")).toBe("uu-tien-nguoi-cao-tuoi-o-cho-moi");
  });

  it("maps đ and Đ to d", () => {
    expect(slugify("Đồng chí Đức Thuần")).toBe("dong-chi-duc-thuan");
    expect(slugify("đ")).toBe("d");
  });

  it("gives the same slug for NFC and NFD input", () => {
    const title = "Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017";
    const nfd = title.normalize("NFD");
    expect(nfd).not.toBe(title);
    expect(slugify(nfd)).toBe(slugify(title));
    expect(slugify("Đắk Lắk".normalize("NFD"))).toBe("dak-lak");
  });

  it("drops punctuation and keeps digits", () => {
    expect(slugify('Bắc Kạn: Khởi tố 14 bị can "mua bán người"')).toBe("bac-kan-khoi-to-14-bi-can-mua-ban-nguoi");
  });

  it("gives the library's own result for every Vietnamese letter, case and tone, and for the sample's texts", () => {
    const letters = VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize("NFC")));
    const words = [...letters, ...letters.map((l) => l.toUpperCase()), "đ", "Đ", "Nguyễn Văn Định", "Lữ đoàn 3 (Q.Đ)", "Trường THPT Chợ Đồn, huyện Chợ Đồn", "20/11/2019: Tổng kết; Đợt 2 - Bắc Kạn."];
    const sample = fs
      .readdirSync(path.resolve("content"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .flatMap((f) => fs.readFileSync(path.resolve("content", f), "utf8").split("\n"))
      .map((line) => line.replace(/^\s*-?\s*(\w+:)?\s*/, "").replace(/^"|"$/g, ""))
      .filter((line) => /\p{L}/u.test(line));
    expect(sample.length).toBeGreaterThan(100);
    for (const text of [...words, ...words.map((w) => w.normalize("NFD")), ...sample]) expect(slugify(text), text).toBe(library(text));
  });

  it("leaves what the quick way cannot fold to the library", () => {
    expect(slugify("Công an & nhân dân")).toBe("cong-an-and-nhan-dan");
    expect(slugify("Đội's trưởng")).toBe(library("Đội's trưởng"));
    expect(slugify("Ærø – Straße")).toBe(library("Ærø – Straße"));
  });

  it("accepts only slugs that are already folded", () => {
    expect(isValidSlug("tong-ket-2017")).toBe(true);
    expect(isValidSlug("Tổng kết")).toBe(false);
    expect(isValidSlug("")).toBe(false);
  });
});
