// The award register: identity, order, statistics, CSV, and its checks.
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { archiveOf } from "../../src/archive/archive.ts";
import { collectiveKey, givenName, individualKey } from "../../src/awards/identity.ts";
import { AwardKinds } from "../../src/awards/kinds.ts";
import { collectRecipients, byKindThenName, csvRows, statistics, toCsv } from "../../src/awards/register.ts";
import { comparable, similarPairs } from "../../src/awards/similar.ts";
import { loadContent } from "../../src/content/load.ts";
import type { AwardList } from "../../src/content/model.ts";
import { formatProblem } from "../../src/content/problems.ts";
import { makeContent, SAMPLE_CONTENT } from "../helpers/content.ts";

const sample = loadContent({ contentDir: SAMPLE_CONTENT }).content;
const archive = archiveOf(sample);

function list(id: string, year: number, groups: AwardList["groups"]): AwardList {
  return { kind: "awardList", id, file: `${id}.md`, year, url: `/khen-thuong/${year}/${id}/`, title: id.toUpperCase(), date: `${year}-06-01T00:00:00.000+07:00`, time: year, campaigns: [], groups, html: "" };
}

describe("recipient identity", () => {
  it("is the same across Unicode normalization, case and spacing", () => {
    const k = collectiveKey("Công an huyện Ba Bể");
    expect(collectiveKey("Công an huyện Ba Bể".normalize("NFD"))).toBe(k);
    expect(collectiveKey("CÔNG AN HUYỆN BA BỂ")).toBe(k);
    expect(collectiveKey("  Công  an\thuyện Ba   Bể ")).toBe(k);
    expect(collectiveKey("Công an huyện Ba Be")).not.toBe(k);
  });
  it("is a person's name and unit", () => {
    const a = individualKey({ name: "Nguyễn Văn A", unit: "Công an huyện Ba Bể" });
    expect(individualKey({ name: "nguyễn văn a".normalize("NFD"), unit: "Công an  huyện Ba Bể", rank: "Đại úy" })).toBe(a);
    expect(individualKey({ name: "Nguyễn Văn A", unit: "Công an huyện Na Rì" })).not.toBe(a);
    expect(individualKey({ name: "Nguyễn Văn A" })).not.toBe(collectiveKey("Nguyễn Văn A"));
  });
  it("merges one recipient across lists and keeps the newest spelling and rank", () => {
    const rs = collectRecipients(
      [
        list("moi", 2019, [{ award: "Giấy khen", by: "GĐ", collectives: ["CÔNG AN HUYỆN BA BỂ"], individuals: [{ name: "Hà Văn B", rank: "Thiếu tá", unit: "Phòng Tham mưu" }] }]),
        list("cu", 2017, [{ award: "Bằng khen", by: "UBND", collectives: ["Công an huyện Ba Bể".normalize("NFD")], individuals: [{ name: "Hà  Văn B", rank: "Đại úy", unit: "Phòng Tham mưu" }] }]),
      ],
      new Map([["cu", [{ title: "Bài", url: "/tin-tuc/2017/bai/" }]]]),
    );
    expect(rs.map((r) => [r.kind, r.name, r.rank ?? "", r.entries.map((e) => `${e.year} ${e.award}`)])).toEqual([
      ["collective", "CÔNG AN HUYỆN BA BỂ", "", ["2019 Giấy khen", "2017 Bằng khen"]],
      ["individual", "Hà Văn B", "Thiếu tá", ["2019 Giấy khen", "2017 Bằng khen"]],
    ]);
    expect(rs[0].url).toBe("/khen-thuong/don-vi/cong-an-huyen-ba-be/");
    expect(rs[1].url).toBe("/khen-thuong/don-vi/ha-van-b-phong-tham-muu/");
    expect(rs[0].entries[1].reportedBy).toEqual([{ title: "Bài", url: "/tin-tuc/2017/bai/" }]);
  });
  it("gives distinct recipients with the same slug distinct URLs", () => {
    const rs = collectRecipients([list("a", 2019, [{ award: "Giấy khen", by: "GĐ", collectives: ["Thôn Bản Đính", "Thôn Bàn Đinh"], individuals: [] }])], new Map());
    expect(rs.map((r) => r.url).sort()).toEqual(["/khen-thuong/don-vi/thon-ban-dinh-2/", "/khen-thuong/don-vi/thon-ban-dinh/"]);
  });
});

describe("recipient order", () => {
  const sortNames = (kind: "collective" | "individual", names: string[]) =>
    names.map((name) => ({ kind, name, key: name })).sort(byKindThenName).map((r) => r.name);

  it("orders collectives in Vietnamese order, not by code point nor English rules", () => {
    const names = ["Đội Cảnh sát giao thông", "Công an xã Yên Thịnh", "Công an xã Ân Tình", "Công an xã Ăn Cả", "Công an xã An Bình", "Dương Quang"];
    const vi = ["Công an xã An Bình", "Công an xã Ăn Cả", "Công an xã Ân Tình", "Công an xã Yên Thịnh", "Dương Quang", "Đội Cảnh sát giao thông"];
    expect(sortNames("collective", names)).toEqual(vi);
    expect([...names].sort()).not.toEqual(vi);
    expect([...names].sort(new Intl.Collator("en").compare)).not.toEqual(vi);
  });
  it("orders people by given name, then full name", () => {
    const names = ["Nguyễn Văn Đạt", "Trần Thị Anh", "Vi Văn Ân", "Phạm Văn Dũng", "Hoàng Thị Ăn", "Lê Văn Ân"];
    expect(sortNames("individual", names)).toEqual(["Trần Thị Anh", "Hoàng Thị Ăn", "Lê Văn Ân", "Vi Văn Ân", "Phạm Văn Dũng", "Nguyễn Văn Đạt"]);
  });
  it("takes the given name before the first comma of a one-line person", () => {
    expect(givenName("Ông Lường Văn Bình, Trưởng thôn Pác Ngòi")).toBe("Bình");
  });
  it("lists collectives before individuals on the sample", () => {
    const kinds = archive.recipients.map((r) => r.kind);
    expect(kinds.indexOf("individual")).toBeGreaterThan(0);
    expect(kinds.slice(kinds.indexOf("individual"))).not.toContain("collective");
  });
});

describe("statistics on the sample", () => {
  const stats = statistics(archive.awardLists, new AwardKinds());
  const rows = (t: (typeof stats)["all"]) => t.rows.map((r) => `${r.award} | ${r.by} | ${r.collectives} | ${r.individuals}`);

  it("counts collectives and individuals per award and conferrer, per year", () => {
    expect(stats.years.map((t) => t.year)).toEqual([2019, 2018, 2017]);
    expect(rows(stats.years[1])).toEqual([
      "Cờ thi đua | Bộ Công an | 3 | 0",
      "Bằng khen | Bộ Công an | 1 | 2",
      "Bằng khen | Chủ tịch UBND tỉnh | 3 | 2",
      "Giấy khen | Giám đốc Công an tỉnh | 7 | 12",
    ]);
    expect(stats.years[1].total).toEqual({ collectives: 14, individuals: 16 });
  });
  it("totals all years", () => {
    expect(rows(stats.all)).toEqual([
      "Cờ thi đua | Bộ Công an | 3 | 0",
      "Bằng khen | Bộ Công an | 1 | 2",
      "Bằng khen | Chủ tịch UBND tỉnh | 6 | 2",
      "Giấy khen | Giám đốc Công an tỉnh | 12 | 17",
    ]);
    expect(stats.all.total).toEqual({ collectives: 22, individuals: 21 });
  });
  it("gives each campaign the table of its own lists", () => {
    const page = archive.campaignPages.find((p) => p.campaign.id === "thong-tu-23" && p.number === 1)!;
    expect(page.stats!.all.total).toEqual({ collectives: 14 + 5, individuals: 16 + 2 });
  });
});

describe("CSV", () => {
  const csv = toCsv(csvRows(archive.awardLists));
  const records: string[][] = parse(csv.slice(1), { relax_column_count: false });

  it("starts with a UTF-8 byte-order mark and ends lines with CRLF", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain("\r\n");
  });
  it("has a header and one row per recipient, diacritics intact", () => {
    expect(records[0]).toEqual(["Năm", "Danh sách", "Số quyết định", "Ngày quyết định", "Hình thức khen thưởng", "Cấp khen", "Loại", "Tên tập thể / Họ và tên", "Cấp bậc", "Chức vụ", "Đơn vị"]);
    expect(records).toHaveLength(1 + 22 + 21);
    expect(records).toContainEqual([
      "2018", "Khen thưởng phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017", "35/QĐ-CAT", "10/01/2018", "Giấy khen", "Giám đốc Công an tỉnh",
      "Cá nhân", "Dương Văn Hải", "Thượng úy", "Trưởng Công an xã", "Công an xã Cẩm Giàng, huyện Bạch Thông",
    ]);
  });
});

describe("award kinds", () => {
  const kinds = new AwardKinds(["Thư khen"]);
  it("knows kinds by their first words, and a site's own", () => {
    expect(kinds.rank("Huân chương Chiến công hạng Ba")).toBe(0);
    expect(kinds.rank("giấy khen")).toBeGreaterThan(kinds.rank("Bằng khen"));
    expect(kinds.rank("Thư khen")).toBeGreaterThan(-1);
    expect(kinds.rank("Giấy khenn")).toBe(-1);
  });
  it("suggests the kind a slip was meant to be", () => {
    expect(kinds.suggest("Giấy khenn")).toBe("Giấy khen");
    expect(kinds.suggest("Bàng khen")).toBe("Bằng khen");
    expect(kinds.suggest("Phần thưởng đặc biệt")).toBeUndefined();
  });
});

describe("near-identical names", () => {
  it("pairs names one letter apart or one abbreviation apart, and nothing else", () => {
    const items: [string, string][] = ["Công an xã Nam Mẫu", "Công an xã Nam Mầu", "CA huyện Ba Bể", "Công an huyện Ba Bể", "Công an huyện Na Rì", "Công an huyện Ngân Sơn"].map((n) => [n, comparable(n)]);
    expect(similarPairs(items)).toEqual([
      ["CA huyện Ba Bể", "Công an huyện Ba Bể"],
      ["Công an xã Nam Mầu", "Công an xã Nam Mẫu"],
    ]);
  });
});

describe("checks on award lists", () => {
  const check = (text: string) => {
    const { content } = makeContent({ "awards/2019/ds.md": text });
    return loadContent({ contentDir: content }).problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
  };
  const head = "---\ntitle: DS\ndate: 2019-05-01\n";

  it("rejects the same recipient twice in one group", () => {
    const msgs = check(`${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    collectives:\n      - Công an huyện Ba Bể\n      - công an  huyện Ba Bể\n---\n`);
    expect(msgs).toEqual(["ds.md:9  groups.0.collectives.1: người hoặc đơn vị này đã có trong cùng nhóm ở dòng 8 (công an  huyện Ba Bể) — xóa một trong hai dòng"]);
  });
  it("rejects the same person twice in one group, but not in two groups", () => {
    const person = "{ name: Hà Văn B, unit: Phòng Tham mưu }";
    expect(check(`${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    individuals:\n      - ${person}\n      - ${person}\n---\n`)[0]).toContain("groups.0.individuals.1: người hoặc đơn vị này đã có trong cùng nhóm ở dòng 8");
    expect(check(`${head}groups:\n  - { award: Giấy khen, by: GĐ, individuals: [${person}] }\n  - { award: Bằng khen, by: UBND, individuals: [${person}] }\n---\n`)).toEqual([]);
  });
  it("warns, and does not reject, one name twice in a group without a unit and with another rank (two people as written)", () => {
    const msgs = check(`${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    individuals:\n      - { name: Dương Thị Thắng, rank: Đại úy }\n      - { name: Dương Thị Thắng, rank: Thiếu tá }\n---\n`);
    expect(msgs).toEqual([expect.stringContaining("groups.0.individuals.1: cùng tên với người ở dòng 8 trong nhóm này (Dương Thị Thắng), khác cấp bậc hoặc chức vụ")]);
    // …but the same name, rank and position twice is still one person written twice.
    const same = check(`${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    individuals:\n      - { name: Dương Thị Thắng, rank: Đại úy }\n      - { name: Dương Thị Thắng, rank: Đại úy }\n---\n`);
    expect(same[0]).toContain("người hoặc đơn vị này đã có trong cùng nhóm ở dòng 8");
  });
  it("rejects a decision dated after its list", () => {
    const msgs = check(`${head}decision:\n  number: 1/QĐ\n  date: 2019-05-20\ngroups:\n  - { award: Giấy khen, by: GĐ, collectives: [A] }\n---\n`);
    expect(msgs).toEqual(["ds.md:6  decision.date: ngày quyết định (20/05/2019) sau ngày của danh sách (01/05/2019) — kiểm tra lại hai ngày này"]);
  });
  it("rejects an unknown kind of award, with the kind it was probably meant to be", () => {
    const msgs = check(`${head}groups:\n  - { award: Giây khen, by: GĐ, collectives: [A] }\n---\n`);
    expect(msgs).toEqual(['ds.md:5  groups.0.award: hình thức khen thưởng không rõ (Giây khen) — có phải ý bạn là "Giấy khen"?']);
  });
  it("accepts a kind the site declares in site.yaml", () => {
    const { content } = makeContent({ "site.yaml": "title: Trang\nawardKinds: [Thư khen]\n", "awards/2019/ds.md": `${head}groups:\n  - { award: Thư khen, by: GĐ, collectives: [A] }\n---\n` });
    expect(loadContent({ contentDir: content }).problems).toEqual([]);
  });
  it("warns, without failing, about names one letter or one abbreviation apart", () => {
    const { content } = makeContent({
      "awards/2019/ds.md": `${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    collectives:\n      - CA huyện Ba Bể\n      - Công an xã Nam Mầu\n---\n`,
      "awards/2019/ds2.md": `${head}groups:\n  - award: Giấy khen\n    by: GĐ\n    collectives: [Công an xã Nam Mẫu]\n---\n`,
    });
    const problems = loadContent({ contentDir: content }).problems;
    expect(problems.every((p) => p.severity === "warning")).toBe(true);
    expect(problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }))).toEqual([
      expect.stringMatching(/^ds\.md:8  cảnh báo: hai tên gần giống nhau: "CA huyện Ba Bể" và "Công an huyện Ba Bể" \(.*2017-toan-dan\.md:\d+\) — nếu là một đơn vị/),
      expect.stringMatching(/^ds2\.md:7  cảnh báo: hai tên gần giống nhau: "Công an xã Nam Mẫu" và "Công an xã Nam Mầu" \(.*ds\.md:9\)/),
    ]);
  });
});
