// One test per kind of content mistake: the file, the line, the key, the bad
// value and the fix all appear in the message.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { formatProblem } from "../../src/content/problems.ts";
import { makeContent } from "../helpers/content.ts";

function check(changes: Record<string, string | null>) {
  const { content } = makeContent(changes);
  const { problems } = loadContent({ contentDir: content });
  return problems.map((p) => formatProblem({ ...p, file: path.relative(content, p.file.startsWith("/") ? p.file : path.resolve(p.file)) }));
}

describe("the sample-like base content", () => {
  it("has no problems", () => {
    expect(check({})).toEqual([]);
  });
});

describe("validation messages", () => {
  it("reports a YAML syntax error with its line", () => {
    const msgs = check({ "articles/2018/hong.md": "---\ntitle: Bài hỏng\ndate: 2018-03-01\ntags: [a, b\n---\nNội dung.\n" });
    // Reported once, on the line where the "[" opens (line 4), not where the parser gave up.
    expect(msgs).toEqual(["articles/2018/hong.md:4  lỗi cú pháp YAML: dấu [ mở ở dòng này chưa được đóng — thêm dấu ] ở cuối giá trị"]);
  });

  it("reports a duplicated key as a YAML error", () => {
    const msgs = check({ "articles/2018/trung-khoa.md": "---\ntitle: A\ntitle: B\ndate: 2018-03-01\n---\n" });
    expect(msgs).toEqual(["articles/2018/trung-khoa.md:3  lỗi cú pháp YAML: khóa này đã có ở dòng trên — xóa một trong hai dòng"]);
  });

  it("reports a file without front matter", () => {
    const msgs = check({ "articles/2018/khong-khai-bao.md": "Chỉ có nội dung.\n" });
    expect(msgs).toEqual([expect.stringMatching(/^articles\/2018\/khong-khai-bao\.md:1  tệp không có phần khai báo/)]);
  });

  it("reports a missing title", () => {
    const msgs = check({ "articles/2018/x.md": "---\ndate: 2018-03-01\n---\nNội dung.\n" });
    expect(msgs).toEqual(["articles/2018/x.md:1  title: thiếu khóa bắt buộc — thêm ví dụ: title: Tổng kết phong trào năm 2017"]);
  });

  it("reports an empty title", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: \"  \"\ndate: 2018-03-01\n---\n" });
    expect(msgs).toEqual(["articles/2018/x.md:2  title: giá trị đang trống — điền ví dụ: title: Tổng kết phong trào năm 2017"]);
  });

  it("reports a missing date", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\n---\n" });
    expect(msgs).toEqual(["articles/2018/x.md:1  date: thiếu khóa bắt buộc — thêm ví dụ: date: 2018-01-15T08:30"]);
  });

  it("reports an unparseable date with the value and the expected form", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 15/01/2018\n---\n" });
    expect(msgs).toEqual([
      'articles/2018/x.md:3  date: không đọc được ngày ("15/01/2018") — viết theo dạng 2018-01-15 hoặc 2018-01-15T08:30 (giờ Việt Nam)',
    ]);
  });

  it("reports wrong types", () => {
    const msgs = check({
      "articles/2018/x.md": "---\ntitle: [a, b]\ndate: 2018-03-01\ndraft: có\nauthors: {name: A}\n---\n",
    });
    expect(msgs).toEqual([
      'articles/2018/x.md:2  title: phải là một đoạn chữ (đang là ["a","b"]) — viết ví dụ: title: Tổng kết phong trào năm 2017',
      'articles/2018/x.md:4  draft: phải là true hoặc false (đang là "có") — viết "draft: true" hoặc xóa dòng này',
      'articles/2018/x.md:5  authors: phải là một danh sách chữ (đang là {"name":"A"}) — viết ví dụ: authors: [Phan Quang, Đức Thuần]',
    ]);
  });

  it("reports an unknown campaign id and suggests the closest one", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\ncampaigns:\n  - toan-dan\n  - thong-tu-32\n---\n" });
    expect(msgs).toEqual(['articles/2018/x.md:6  campaigns: không có phong trào mang mã này (thong-tu-32) — có phải ý bạn là "thong-tu-23"?']);
  });

  it("reports an unknown campaign id with no close match and says how to add it", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\ncampaigns: [phong-trao-moi-hoan-toan]\n---\n" });
    expect(msgs[0]).toContain("(phong-trao-moi-hoan-toan) — tạo tệp content/campaigns/phong-trao-moi-hoan-toan.md");
  });

  it("reports an unknown award-list id and suggests the closest one", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\nawards: [2017-toan-dann]\n---\n" });
    expect(msgs).toEqual(['articles/2018/x.md:4  awards: không có danh sách khen thưởng mang mã này (2017-toan-dann) — có phải ý bạn là "2017-toan-dan"?']);
  });

  it("reports an award list naming an unknown campaign", () => {
    const msgs = check({
      "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-01\ncampaigns: [toan-dann]\ngroups:\n  - { award: Giấy khen, by: GĐ, collectives: [A] }\n---\n",
    });
    expect(msgs).toEqual(['awards/2019/ds.md:4  campaigns: không có phong trào mang mã này (toan-dann) — có phải ý bạn là "toan-dan"?']);
  });

  it("reports two articles that would get the same URL, naming both files", () => {
    const msgs = check({ "articles/2018/khac.md": "---\ntitle: Bài hai bản khác\ndate: 2018-05-01\nslug: bai-hai\n---\n" });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^articles\/2018\/khac\.md:2  title: hai nội dung có cùng địa chỉ \/tin-tuc\/2018\/bai-hai\/ \(trùng với .*articles\/2018\/bai-hai\.md\) — đổi tên tệp hoặc thêm khóa slug:/);
  });

  it("reports a slug that is not folded", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\nslug: Bài Viết\n---\n" });
    expect(msgs).toEqual(['articles/2018/x.md:4  slug: slug chỉ gồm chữ thường không dấu, số và dấu gạch ngang (đang là "Bài Viết") — viết ví dụ: bai-viet']);
  });

  it("reports an award group with no recipient", () => {
    const msgs = check({
      "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-01\ngroups:\n  - award: Giấy khen\n    by: Giám đốc Công an tỉnh\n---\n",
    });
    expect(msgs).toEqual(["awards/2019/ds.md:5  groups.0: nhóm khen thưởng chưa có ai được khen — thêm collectives: (tập thể) hoặc individuals: (cá nhân)"]);
  });

  it("reports an award list without groups, and a group without award or conferrer", () => {
    expect(check({ "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-01\ngroups: []\n---\n" })).toEqual([
      "awards/2019/ds.md:4  groups: danh sách khen thưởng chưa có nhóm nào — thêm groups: với award:, by: và người được khen",
    ]);
    expect(check({ "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-01\ngroups:\n  - collectives: [A]\n---\n" })).toEqual([
      "awards/2019/ds.md:5  groups.0.award: thiếu khóa bắt buộc — thêm ví dụ: award: Giấy khen",
      "awards/2019/ds.md:5  groups.0.by: thiếu khóa bắt buộc — thêm ví dụ: by: Giám đốc Công an tỉnh",
    ]);
  });

  it("reports a malformed individual", () => {
    const msgs = check({
      "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-01\ngroups:\n  - award: Giấy khen\n    by: GĐ\n    individuals:\n      - { rank: Đại úy }\n---\n",
    });
    expect(msgs).toEqual([expect.stringMatching(/^awards\/2019\/ds\.md:8  groups\.0\.individuals\.0: mỗi cá nhân là một tên, hoặc một nhóm khóa có name: \(đang là \{"rank":"Đại úy"\}\)/)]);
  });

  it("reports a photo that does not exist, with the body line", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\n---\nĐoạn một.\n\n![Ảnh](khong-co.jpg \"Chú thích\")\n" });
    expect(msgs).toEqual([
      "articles/2018/x.md:7  không tìm thấy ảnh (khong-co.jpg) — kiểm tra tên tệp; đường dẫn tính từ thư mục của bài viết, hoặc từ content/ nếu bắt đầu bằng /",
    ]);
  });

  it("reports a lead photo that does not exist, with its key", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\nimage:\n  src: /images/khong-co.jpg\n---\n" });
    expect(msgs[0]).toMatch(/^articles\/2018\/x\.md:5  image\.src: không tìm thấy ảnh \(\/images\/khong-co\.jpg\)/);
  });

  it("does not let a photo path leave the content folder", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\n---\n![a](../../../../etc/hostname)\n" });
    expect(msgs).toEqual(['articles/2018/x.md:5  ảnh nằm ngoài thư mục content/ ("../../../../etc/hostname") — chép ảnh vào content/images/ và viết /images/ten-anh.jpg']);
  });

  it("reports an unknown key and suggests the key meant", () => {
    const msgs = check({ "articles/2018/x.md": "---\ntitle: Bài\ndate: 2018-03-01\ncampaign: [toan-dan]\n---\n" });
    expect(msgs).toEqual(['articles/2018/x.md:4  campaign: khóa không được hỗ trợ (campaign) — có phải ý bạn là "campaigns"?']);
  });

  it("reports every problem at once, across files", () => {
    const msgs = check({
      "articles/2018/a.md": "---\ntitle: A\n---\n",
      "articles/2018/b.md": "---\ndate: 2018-01-01\n---\n",
      "articles/2018/c.md": "---\ntitle: C\ndate: 2018-01-01\ncampaigns: [khong-co]\n---\n",
    });
    expect(msgs).toHaveLength(3);
  });
});
