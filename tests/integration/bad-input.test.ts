// Each kind of bad content: the build fails with the writer's message, and the
// site built before it is left exactly as it was.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build-site.ts";
import { formatProblem } from "../../src/content/problems.ts";
import { makeContent, runCli, snapshot, writeFiles } from "../helpers/content.ts";

const CASES: { name: string; file: string; text: string; expected: RegExp }[] = [
  { name: "broken YAML", file: "articles/2018/hong.md", text: "---\ntitle: Hỏng\ndate: 2018-03-01\ntags: [a, b\n---\n", expected: /hong\.md:\d+  lỗi cú pháp YAML/ },
  { name: "missing title", file: "articles/2018/x.md", text: "---\ndate: 2018-03-01\n---\n", expected: /x\.md:1  title: thiếu khóa bắt buộc/ },
  { name: "empty title", file: "articles/2018/x.md", text: "---\ntitle:\ndate: 2018-03-01\n---\n", expected: /x\.md:\d  title: thiếu khóa bắt buộc/ },
  { name: "missing date", file: "articles/2018/x.md", text: "---\ntitle: X\n---\n", expected: /x\.md:1  date: thiếu khóa bắt buộc/ },
  { name: "unparseable date", file: "articles/2018/x.md", text: "---\ntitle: X\ndate: 2018-02-30\n---\n", expected: /x\.md:3  date: không đọc được ngày \("2018-02-30"\)/ },
  { name: "wrong type", file: "articles/2018/x.md", text: "---\ntitle: X\ndate: 2018-03-01\ndraft: yes\n---\n", expected: /x\.md:4  draft: phải là true hoặc false \(đang là "yes"\)/ },
  { name: "unknown campaign", file: "articles/2018/x.md", text: "---\ntitle: X\ndate: 2018-03-01\ncampaigns: [toan-dam]\n---\n", expected: /x\.md:4  campaigns: không có phong trào mang mã này \(toan-dam\) — có phải ý bạn là "toan-dan"\?/ },
  { name: "unknown award list", file: "articles/2018/x.md", text: "---\ntitle: X\ndate: 2018-03-01\nawards: [2017-toan]\n---\n", expected: /x\.md:4  awards: không có danh sách khen thưởng mang mã này \(2017-toan\)/ },
  { name: "duplicate URL", file: "articles/2018/bai-2.md", text: "---\ntitle: X\ndate: 2018-06-01\nslug: bai-hai\n---\n", expected: /bai-(2|hai)\.md:2  title: hai nội dung có cùng địa chỉ \/tin-tuc\/2018\/bai-hai\/ \(trùng với \S+bai-(2|hai)\.md\)/ },
  { name: "award group with no recipient", file: "awards/2019/ds.md", text: "---\ntitle: DS\ndate: 2019-01-01\ngroups:\n  - { award: Giấy khen, by: GĐ }\n---\n", expected: /ds\.md:5  groups\.0: nhóm khen thưởng chưa có ai được khen/ },
  { name: "missing photo", file: "articles/2018/x.md", text: "---\ntitle: X\ndate: 2018-03-01\n---\nMột.\n\n![a](/images/khong-co.jpg)\n", expected: /x\.md:7  không tìm thấy ảnh \(\/images\/khong-co\.jpg\)/ },
];

describe("a build with bad content", () => {
  let content: string;
  let out: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    const made = makeContent();
    content = made.content;
    out = path.join(made.root, "_site");
    expect((await buildSite({ contentDir: content, outputDir: out })).ok).toBe(true);
    before = snapshot(out);
    expect(before.size).toBeGreaterThan(10);
  });

  it.each(CASES)("stops on $name with its message and keeps the previous site", async ({ file, text, expected }) => {
    writeFiles(content, { [file]: text });
    try {
      const result = await buildSite({ contentDir: content, outputDir: out });
      expect(result.ok).toBe(false);
      expect(result.problems.map(formatProblem).join("\n")).toMatch(expected);
      expect(snapshot(out)).toEqual(before);
      expect(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith("_site."))).toEqual([]);
    } finally {
      writeFiles(content, { [file]: null });
    }
  });
});

describe("npm run build on bad content", () => {
  it("exits with code 1, prints every problem as path:line  key: message, and keeps the previous site", async () => {
    const { root, content } = makeContent();
    const out = path.join(root, "_site");
    const args = ["--content", content, "--output", out];
    expect((await runCli("build.ts", args, root)).code).toBe(0);
    const before = snapshot(out);
    writeFiles(content, {
      "articles/2018/a.md": "---\ntitle: A\n---\n",
      "articles/2018/b.md": "---\ntitle: B\ndate: 2018-03-01\ncampaigns: [toan-dam]\n---\n",
    });
    const failed = await runCli("build.ts", args, root);
    expect(failed.code).toBe(1);
    const lines = failed.stderr.trim().split("\n");
    expect(lines).toEqual([
      "content/articles/2018/a.md:1  date: thiếu khóa bắt buộc — thêm ví dụ: date: 2018-01-15T08:30",
      'content/articles/2018/b.md:4  campaigns: không có phong trào mang mã này (toan-dam) — có phải ý bạn là "toan-dan"?',
      "Không xây dựng được trang: 2 lỗi trong 2 tệp. Trang đã xây dựng trước đó được giữ nguyên.",
    ]);
    expect(snapshot(out)).toEqual(before);
  });
});
