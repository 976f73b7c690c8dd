import { describe, expect, it } from "vitest";
import { isValidSlug, slugify } from "../../src/text/slug.ts";

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

  it("accepts only slugs that are already folded", () => {
    expect(isValidSlug("tong-ket-2017")).toBe(true);
    expect(isValidSlug("Tổng kết")).toBe(false);
    expect(isValidSlug("")).toBe(false);
  });
});
