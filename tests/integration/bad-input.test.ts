// Every bad or unusual input a writer or a host can give, through the
// commands behind `npm run build` and `npm run check` (in this process, for
// speed; the last tests run the real CLIs): the exit code, the message parts
// (file, line, key, value, fix, in Vietnamese), never a stack trace, and the
// site built before (or the writer's own folder) left exactly as it was.
// `npm run check` must find every content problem the build finds.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { OUTPUT_MARKER } from "../../src/pipeline/output-folder.ts";
import { buildCommand } from "../../src/cli/build-command.ts";
import { checkCommand } from "../../src/cli/check-command.ts";
import { makeContent, runCli, snapshot, writeFiles } from "../helpers/content.ts";
import { damagedPng, encoded, pngOfSize } from "../helpers/fixtures.ts";

interface Ctx {
  root: string;
  content: string;
  out: string;
  /** The site built from the base content, before any change. */
  good: string;
}

interface Case {
  name: string;
  /** Content files to add, replace or (null) remove, relative to content/. */
  files?: Record<string, string | Buffer | null>;
  setup?: (c: Ctx) => void;
  /** The build's arguments; by default --content content --output _site. */
  args?: (c: Ctx) => string[];
  /** "both" runs npm run check too, which must fail with the same messages. */
  run?: "both" | "build";
  code: number;
  /** Parts the build's error output must contain. */
  parts: (string | RegExp)[];
  /** What must be exactly as it was when the build fails (the previous site by default). */
  kept?: (c: Ctx) => string[];
  /** More checks, for the inputs that build. */
  verify?: (c: Ctx) => void;
}

const article = (frontMatter: string, body = "Nội dung.\n") => `---\n${frontMatter}\n---\n${body}`;
const A = (extra = "", body?: string) => article(`title: Bài mới\ndate: 2018-03-01${extra ? `\n${extra}` : ""}`, body);
const awardList = (groups: string, extra = "") => `---\ntitle: Danh sách\ndate: 2019-01-10${extra}\ngroups:\n${groups}\n---\nTrao khen.\n`;
const VIETNAMESE = "---\ntitle: Công an tỉnh Bắc Kạn tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc\ndate: 2018-03-01\n---\nĐồng chí Trưởng phòng phát biểu, nhấn mạnh những kết quả đạt được.\n";
const deadPid = () => spawnSync("true").pid!;
/** A process that stands for another build still running. */
const liveBuild = spawn("sleep", ["120"], { stdio: "ignore" });
afterAll(() => liveBuild.kill());
const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefg".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`)].join("\n");

const CASES: Case[] = [
  // 1. The output and content folders: nothing the build did not make is ever replaced.
  {
    name: "an output folder holding the writer's own files",
    setup: (c) => writeTree(path.join(c.root, "mydocs"), { "note.txt": "ghi chú" }),
    args: (c) => ["--content", c.content, "--output", path.join(c.root, "mydocs")],
    run: "build",
    code: 1,
    parts: ["mydocs  thư mục đã có 1 mục và không do npm run build tạo ra", "--force"],
    kept: (c) => [path.join(c.root, "mydocs")],
  },
  {
    name: "the content folder as output",
    args: (c) => ["--content", c.content, "--output", c.content],
    run: "build",
    code: 1,
    parts: ["content  đây là thư mục nội dung"],
    kept: (c) => [c.content],
  },
  {
    name: "the content folder as output, even with --force",
    args: (c) => ["--content", c.content, "--output", c.content, "--force"],
    run: "build",
    code: 1,
    parts: ["content  đây là thư mục nội dung"],
    kept: (c) => [c.content],
  },
  {
    name: "a folder inside the content folder as output",
    args: (c) => ["--content", c.content, "--output", path.join(c.content, "articles")],
    run: "build",
    code: 1,
    parts: ["đây là thư mục nội dung, nằm trong hoặc chứa thư mục nội dung"],
    kept: (c) => [c.content],
  },
  {
    name: "a folder that holds the content folder as output, with --force",
    args: (c) => ["--content", c.content, "--output", c.root, "--force"],
    run: "build",
    code: 1,
    parts: ["đây là thư mục nội dung, nằm trong hoặc chứa thư mục nội dung"],
    kept: (c) => [c.root],
  },
  {
    name: "an existing file as output",
    setup: (c) => fs.writeFileSync(path.join(c.root, "ghi-chu.txt"), "ghi chú"),
    args: (c) => ["--content", c.content, "--output", path.join(c.root, "ghi-chu.txt"), "--force"],
    run: "build",
    code: 1,
    parts: ["ghi-chu.txt  đây là một tệp, không phải thư mục"],
    kept: (c) => [path.join(c.root, "ghi-chu.txt")],
  },
  {
    name: "an output path through a file",
    setup: (c) => fs.writeFileSync(path.join(c.root, "ghi-chu.txt"), "ghi chú"),
    args: (c) => ["--content", c.content, "--output", path.join(c.root, "ghi-chu.txt", "site")],
    run: "build",
    code: 1,
    parts: ["một phần của đường dẫn là tệp, không phải thư mục"],
    kept: (c) => [path.join(c.root, "ghi-chu.txt")],
  },
  {
    name: "an output folder the file system will not let it write",
    args: (c) => ["--content", c.content, "--output", "/sys/luu-tru-thu"],
    run: "build",
    code: 1,
    parts: [/\/sys\/luu-tru-thu {2}(không có quyền ghi vào|ổ đĩa chỉ đọc|không tạo được thư mục)/, "chọn thư mục khác cho --output"],
  },
  {
    name: "an output folder given by a symlink",
    setup: (c) => fs.symlinkSync(c.out, path.join(c.root, "lien-ket")),
    args: (c) => ["--content", c.content, "--output", path.join(c.root, "lien-ket")],
    run: "build",
    code: 1,
    parts: ["lien-ket  đây là một liên kết (symlink)"],
  },
  {
    name: "a content folder that does not exist (a typo in --content)",
    args: (c) => ["--content", path.join(c.root, "contnet"), "--output", c.out],
    code: 1,
    parts: ["contnet  không có thư mục nội dung này — kiểm tra lại --content"],
  },
  {
    name: "a content folder with no site.yaml and no articles/",
    setup: (c) => writeTree(path.join(c.root, "trong"), { "ghi-chu.txt": "x" }),
    args: (c) => ["--content", path.join(c.root, "trong"), "--output", c.out],
    code: 1,
    parts: ["trong  thư mục này không có site.yaml và không có thư mục articles/"],
  },
  {
    name: "a file given as the content folder",
    setup: (c) => fs.writeFileSync(path.join(c.root, "ghi-chu.txt"), "ghi chú"),
    args: (c) => ["--content", path.join(c.root, "ghi-chu.txt"), "--output", c.out],
    code: 1,
    parts: ["ghi-chu.txt  đây là một tệp, không phải thư mục nội dung"],
  },
  {
    name: "a sub-path with ..",
    args: (c) => ["--content", c.content, "--output", c.out, "--path-prefix", "/luu-tru/../../"],
    run: "build",
    code: 1,
    parts: ['--path-prefix  đường dẫn con chỉ gồm chữ không dấu', '(đang là "/luu-tru/../../")', "--path-prefix /luu-tru/"],
  },
  {
    name: "a sub-path with a space",
    args: (c) => ["--content", c.content, "--output", c.out, "--path-prefix", "/luu tru/"],
    run: "build",
    code: 1,
    parts: ['(đang là "/luu tru/")'],
  },
  {
    name: "a sub-path with a quote",
    args: (c) => ["--content", c.content, "--output", c.out, "--path-prefix", '/luu"tru/'],
    run: "build",
    code: 1,
    parts: ['(đang là "/luu\\"tru/")'],
  },
  {
    name: "a search shard size that is not a number of pages",
    args: (c) => ["--content", c.content, "--output", c.out, "--shard-size", "nhiều"],
    run: "build",
    code: 2,
    parts: ["--shard-size nhiều: cần một số nguyên từ 100 trở lên", "--shard-size 2000"],
  },
  {
    name: "a mistyped option",
    args: (c) => ["--content", c.content, "--ouput", c.out],
    code: 2,
    parts: ["Tùy chọn không hợp lệ (Unknown option '--ouput'", "Các tùy chọn: --content"],
  },

  // 2. YAML: one problem, on the line of the mistake.
  { name: "an unclosed [", files: { "articles/2018/x.md": "---\ntitle: X\ndate: 2018-03-01\nauthors: [A\ntags: [a, b\n---\n" }, code: 1, parts: ["articles/2018/x.md:4  lỗi cú pháp YAML: dấu [ mở ở dòng này chưa được đóng — thêm dấu ]"] },
  { name: "an unclosed quote", files: { "articles/2018/x.md": '---\ntitle: "Tiêu đề\ndate: 2018-03-01\n---\n' }, code: 1, parts: ['articles/2018/x.md:2  lỗi cú pháp YAML: dấu " mở ở dòng này chưa được đóng'] },
  { name: "a tab as indentation", files: { "articles/2018/x.md": "---\ntitle: X\ndate: 2018-03-01\nimage:\n\tsrc: /images/a.jpg\n---\n" }, code: 1, parts: ["articles/2018/x.md:5  lỗi cú pháp YAML: dòng này thụt lề bằng phím Tab"] },
  { name: "a colon inside a value", files: { "articles/2018/x.md": "---\ntitle: Hội nghị: tổng kết: năm 2017\ndate: 2018-03-01\n---\n" }, code: 1, parts: ["articles/2018/x.md:2  lỗi cú pháp YAML: giá trị có dấu hai chấm", 'title: "Hội nghị: tổng kết"'] },
  { name: "a key given twice", files: { "articles/2018/x.md": "---\ntitle: A\ntitle: B\ndate: 2018-03-01\n---\n" }, code: 1, parts: ["articles/2018/x.md:3  lỗi cú pháp YAML: khóa này đã có ở dòng trên"] },
  { name: "a YAML alias bomb (billion laughs)", files: { "articles/2018/x.md": `---\n${aliasBomb}\ntitle: X\ndate: 2018-03-01\n---\n` }, code: 1, parts: ["articles/2018/x.md:3  phần khai báo dùng quá nhiều tham chiếu YAML"] },
  { name: "no front matter", files: { "articles/2018/x.md": "Chỉ có nội dung.\n" }, code: 1, parts: ["articles/2018/x.md:1  tệp không có phần khai báo"] },
  { name: "front matter that is a list", files: { "articles/2018/x.md": "---\n- title\n- date\n---\n" }, code: 1, parts: ['articles/2018/x.md:2  phần khai báo phải là các cặp "khóa: giá trị"'] },

  // 3. Values: every one named with its key, its value and the fix.
  { name: "a missing title", files: { "articles/2018/x.md": "---\ndate: 2018-03-01\n---\n" }, code: 1, parts: ["articles/2018/x.md:1  title: thiếu khóa bắt buộc"] },
  { name: "an empty title", files: { "articles/2018/x.md": "---\ntitle:\ndate: 2018-03-01\n---\n" }, code: 1, parts: ["articles/2018/x.md:2  title: thiếu khóa bắt buộc"] },
  { name: "a missing date", files: { "articles/2018/x.md": "---\ntitle: X\n---\n" }, code: 1, parts: ["articles/2018/x.md:1  date: thiếu khóa bắt buộc — thêm ví dụ: date: 2018-01-15T08:30"] },
  { name: "a date that does not exist", files: { "articles/2018/x.md": "---\ntitle: X\ndate: 2018-02-30\n---\n" }, code: 1, parts: ['articles/2018/x.md:3  date: không đọc được ngày ("2018-02-30")'] },
  { name: "yes for true", files: { "articles/2018/x.md": A("draft: yes") }, code: 1, parts: ['articles/2018/x.md:4  draft: phải là true hoặc false (đang là "yes")'] },
  { name: "a misspelt key", files: { "articles/2018/x.md": A("campaign: [toan-dan]") }, code: 1, parts: ['articles/2018/x.md:4  campaign: khóa không được hỗ trợ (campaign) — có phải ý bạn là "campaigns"?'] },
  { name: "tags written as text", files: { "articles/2018/x.md": A("tags: An ninh, Trật tự") }, code: 1, parts: ['articles/2018/x.md:4  tags: phải là một danh sách (đang là "An ninh, Trật tự") — viết trong ngoặc vuông: tags: [An ninh, Trật tự]'] },
  { name: "authors written as text with a comma", files: { "articles/2018/x.md": A("authors: Phan Quang, Đức Thuần") }, code: 1, parts: ["authors: phải là một danh sách", "authors: [Phan Quang, Đức Thuần]"] },
  { name: "an unknown campaign", files: { "articles/2018/x.md": A("campaigns: [toan-dam]") }, code: 1, parts: ['articles/2018/x.md:4  campaigns: không có phong trào mang mã này (toan-dam) — có phải ý bạn là "toan-dan"?'] },
  { name: "an unknown award list", files: { "articles/2018/x.md": A("awards: [2017-toan]") }, code: 1, parts: ["articles/2018/x.md:4  awards: không có danh sách khen thưởng mang mã này (2017-toan)"] },
  { name: "two articles at one address", files: { "articles/2018/bai-2.md": "---\ntitle: X\ndate: 2018-06-01\nslug: bai-hai\n---\n" }, code: 1, parts: [/bai-(2|hai)\.md:2  title: hai nội dung có cùng địa chỉ \/tin-tuc\/2018\/bai-hai\//] },
  { name: "a slug with capitals and marks", files: { "articles/2018/x.md": A("slug: Bài Mới") }, code: 1, parts: ['articles/2018/x.md:4  slug: slug chỉ gồm chữ thường không dấu, số và dấu gạch ngang (đang là "Bài Mới") — viết ví dụ: bai-moi'] },
  { name: "an update before the article", files: { "articles/2018/x.md": A("updated: 2018-02-01") }, code: 1, parts: ["articles/2018/x.md:4  updated: ngày cập nhật (01/02/2018) trước ngày đăng (01/03/2018)"] },
  { name: "an article dated in another year than its folder", files: { "articles/2018/x.md": article("title: X\ndate: 0001-01-01") }, code: 1, parts: ["articles/2018/x.md:3  date: năm của ngày đăng (1) khác thư mục năm của tệp (2018) — sửa date:, hoặc chuyển tệp vào thư mục 1"] },
  { name: "an award list dated in another year than its folder", files: { "awards/2018/ds.md": awardList("  - { award: Giấy khen, by: GĐ, collectives: [Đội 1] }") }, code: 1, parts: ["awards/2018/ds.md:3  date: năm của ngày đăng (2019) khác thư mục năm của tệp (2018)"] },
  { name: "a campaign that ends before it starts", files: { "campaigns/moi.md": "---\ntitle: Mới\nstarted: 2015\nended: 2012\n---\n" }, code: 1, parts: ["campaigns/moi.md:4  ended: năm kết thúc (2012) trước năm bắt đầu (2015)"] },
  {
    name: "a campaign with a bad year, named by articles (one error, not one per article)",
    files: { "campaigns/toan-dan.md": "---\ntitle: Toàn dân\nstarted: năm 2012\n---\n" },
    code: 1,
    parts: ['campaigns/toan-dan.md:3  started: phải là một năm gồm 4 chữ số (đang là "năm 2012")', /(^| )1 lỗi trong 1 tệp/m],
  },
  {
    name: "an award list with broken YAML, named by an article (one error, not one per article)",
    files: { "awards/2018/2017-toan-dan.md": "---\ntitle: [Khen thưởng\ndate: 2018-01-15\n---\n" },
    code: 1,
    parts: ["awards/2018/2017-toan-dan.md:2  lỗi cú pháp YAML: dấu [ mở", /(^| )1 lỗi trong 1 tệp/m],
  },
  {
    name: "an award list with a bad rank, an unknown award kind and a recipient twice (all three)",
    files: { "awards/2019/ds.md": awardList("  - award: Giấy khenn\n    by: GĐ\n    collectives: [Đội 1, Đội 1]\n    individuals:\n      - { name: Nguyễn Văn A, rank: 3 }") },
    code: 1,
    parts: ['awards/2019/ds.md:5  groups.0.award: hình thức khen thưởng không rõ (Giấy khenn) — có phải ý bạn là "Giấy khen"?', "awards/2019/ds.md:7  groups.0.collectives.1: người hoặc đơn vị này đã có trong cùng nhóm ở dòng 7 (Đội 1)", "awards/2019/ds.md:9  groups.0.individuals.0: mỗi cá nhân là một tên", /(^| )3 lỗi trong 1 tệp/m],
  },
  { name: "an award group with no recipient", files: { "awards/2019/ds.md": awardList("  - { award: Giấy khen, by: GĐ }") }, code: 1, parts: ["awards/2019/ds.md:5  groups.0: nhóm khen thưởng chưa có ai được khen"] },
  { name: "an award list without groups", files: { "awards/2019/ds.md": "---\ntitle: DS\ndate: 2019-01-10\n---\n" }, code: 1, parts: ["awards/2019/ds.md:1  groups: thiếu khóa bắt buộc"] },
  { name: "a decision dated after its list", files: { "awards/2019/ds.md": awardList("  - { award: Giấy khen, by: GĐ, collectives: [Đội 1] }", "\ndecision: { number: 1/QĐ, date: 2019-02-01 }") }, code: 1, parts: ["awards/2019/ds.md:4  decision.date: ngày quyết định (01/02/2019) sau ngày của danh sách (10/01/2019)"] },
  { name: "two award lists with one id", files: { "awards/2019/2017-toan-dan.md": awardList("  - { award: Giấy khen, by: GĐ, collectives: [Đội 1] }") }, code: 1, parts: [/awards\/2019\/2017-toan-dan\.md:1  hai tệp có cùng mã \(2017-toan-dan, trùng với \S*content\/awards\/2018\/2017-toan-dan\.md\) — đổi tên một trong hai tệp/] },
  { name: "an unknown award kind", files: { "awards/2019/ds.md": awardList("  - { award: Phần thưởng lạ, by: GĐ, collectives: [Đội 1] }") }, code: 1, parts: ["groups.0.award: hình thức khen thưởng không rõ (Phần thưởng lạ)", "awardKinds:"] },

  // Sections and old addresses.
  { name: "an unknown section", files: { "articles/2018/x.md": A("sections: [an-ninh-trat-tuu]"), "sections/an-ninh-trat-tu.md": "---\ntitle: An ninh trật tự\n---\n" }, code: 1, parts: ['articles/2018/x.md:4  sections: không có chuyên mục mang mã này (an-ninh-trat-tuu) — có phải ý bạn là "an-ninh-trat-tu"?'] },
  {
    name: "sections that sit inside each other",
    files: { "sections/a.md": "---\ntitle: A\nparent: b\n---\n", "sections/b.md": "---\ntitle: B\nparent: a\n---\n" },
    code: 1,
    parts: ["sections/a.md:3  parent: chuyên mục nằm trong chính nó (a → b → a)", "sections/b.md:3  parent: chuyên mục nằm trong chính nó (b → a → b)"],
  },
  { name: "a section order that is not a whole number", files: { "sections/a.md": "---\ntitle: A\norder: đầu\n---\n" }, code: 1, parts: ['sections/a.md:3  order: phải là một số nguyên (đang là "đầu") — viết ví dụ: order: 1'] },
  { name: "an alias that is not a site path", files: { "articles/2018/x.md": A("aliases: [vi/news/bai.html]") }, code: 1, parts: ['articles/2018/x.md:4  aliases: địa chỉ cũ phải là một đường dẫn bắt đầu bằng / (không có dấu cách, #, "..") (đang là "vi/news/bai.html")'] },
  { name: "an alias that is a page of the site", files: { "articles/2018/x.md": A("aliases: [/tin-tuc/2018/bai-hai/]") }, code: 1, parts: ["articles/2018/x.md:4  aliases: địa chỉ cũ /tin-tuc/2018/bai-hai/ trùng với một trang đang có"] },
  {
    name: "one old address given twice",
    files: { "articles/2018/x.md": A("aliases: [/vi/news/bai-1.html]"), "campaigns/toan-dan.md": "---\ntitle: Toàn dân\naliases: [/vi/news/bai-1.html]\n---\n" },
    code: 1,
    parts: [/aliases: địa chỉ cũ \/vi\/news\/bai-1\.html đã được khai báo ở \S+:\d+ — mỗi địa chỉ cũ chỉ dẫn tới một nơi/],
  },
  { name: "a redirect to a page that does not exist", files: { "redirects.yaml": "- { from: /vi/news/, to: /tin-tuc/2030/ }\n" }, code: 1, parts: ["redirects.yaml:1  to: địa chỉ mới /tin-tuc/2030/ không có trang nào"] },
  { name: "redirects.yaml that is not a list", files: { "redirects.yaml": "from: /vi/news/\nto: /tin-tuc/\n" }, code: 1, parts: ["redirects.yaml:1  redirects.yaml phải là một danh sách"] },
  { name: "a redirect without its to:", files: { "redirects.yaml": "- { from: /vi/news/, to: /tin-tuc/ }\n- { from: /vi/news/rss/ }\n" }, code: 1, parts: ['redirects.yaml:2  mỗi dòng cần from: (đường dẫn cũ, bắt đầu bằng /) và to:'] },
  {
    name: "old addresses from aliases and redirects.yaml (built, with the servers' files)",
    files: { "articles/2018/bai-hai.md": A("aliases: [/vi/news/bai-hai-12.html]"), "redirects.yaml": "---\n- { from: /vi/news/, to: /tin-tuc/ }\n- { from: \"/index.php?language=vi&nv=news\", to: /tin-tuc/ }\n" },
    code: 0,
    parts: [],
    verify: (c) => {
      expect(fs.readFileSync(path.join(c.out, "vi/news/bai-hai-12.html"), "utf8")).toContain('content="0; url=/tin-tuc/2018/bai-hai/"');
      expect(fs.readFileSync(path.join(c.out, ".htaccess"), "utf8")).toContain("RewriteCond %{QUERY_STRING} ^language=vi&nv=news$\nRewriteRule ^index\\.php$ /tin-tuc/? [R=301,L]");
      expect(fs.readFileSync(path.join(c.out, "_redirects"), "utf8")).toContain("/index.php language=vi nv=news /tin-tuc/ 301");
      expect(fs.existsSync(path.join(c.out, "index.php"))).toBe(false);
    },
  },

  // 4. Photos: a path in content/ or an http(s) address, a real image, not a bomb.
  { name: "a missing photo in the body", files: { "articles/2018/x.md": A("", "Một.\n\n![a](/images/khong-co.jpg)\n") }, code: 1, parts: ["articles/2018/x.md:7  không tìm thấy ảnh (/images/khong-co.jpg)"] },
  { name: "a missing lead photo", files: { "articles/2018/x.md": A("image: { src: khong-co.jpg }") }, code: 1, parts: ["articles/2018/x.md:4  image.src: không tìm thấy ảnh (khong-co.jpg)"] },
  { name: "a javascript: lead photo", files: { "articles/2018/x.md": A('image: { src: "javascript:alert(1)" }') }, code: 1, parts: ['articles/2018/x.md:4  image.src: ảnh chỉ được là tệp trong content/ hoặc địa chỉ http(s) (đang là "javascript:alert(1)")'] },
  { name: "a javascript: photo in the body", files: { "articles/2018/x.md": A("", "![a](javascript:alert(1))\n") }, code: 1, parts: ['articles/2018/x.md:5  ảnh chỉ được là tệp trong content/ hoặc địa chỉ http(s) (đang là "javascript:alert(1)")'] },
  { name: "a data: photo in the body", files: { "articles/2018/x.md": A("", "![a](data:image/png;base64,iVBORw0KGgo=)\n") }, code: 1, parts: ["articles/2018/x.md:5  ảnh chỉ được là tệp trong content/ hoặc địa chỉ http(s)"] },
  { name: "a photo path that leaves content/", files: { "articles/2018/x.md": A("", "![a](../../../../etc/hostname)\n") }, code: 1, parts: ["articles/2018/x.md:5  ảnh nằm ngoài thư mục content/"] },
  {
    name: "a photo that is a link to a file outside content/",
    setup: (c) => {
      fs.writeFileSync(path.join(c.root, "bi-mat.jpg"), fs.readFileSync(path.join(c.content, "images/a.jpg")));
      fs.symlinkSync(path.join(c.root, "bi-mat.jpg"), path.join(c.content, "images/lien-ket.jpg"));
    },
    files: { "articles/2018/x.md": A("image: { src: /images/lien-ket.jpg }") },
    code: 1,
    parts: ["articles/2018/x.md:4  image.src: ảnh là liên kết (symlink) trỏ ra ngoài thư mục content/ (/images/lien-ket.jpg)"],
  },
  { name: "a text file named .jpg", files: { "images/gia.jpg": "không phải ảnh", "articles/2018/x.md": A("image: { src: /images/gia.jpg }") }, code: 1, parts: ["articles/2018/x.md:4  image.src: tệp này không phải là ảnh đọc được (/images/gia.jpg", "dùng ảnh JPEG, PNG, WebP hoặc GIF"] },
  {
    name: "a link to a file that is not an image",
    setup: (c) => {
      fs.writeFileSync(path.join(c.content, "images/ghi-chu.txt"), "không phải ảnh");
      fs.symlinkSync("ghi-chu.txt", path.join(c.content, "images/anh.png"));
    },
    files: { "articles/2018/x.md": A("", "Một.\n\n![Ảnh](/images/anh.png)\n") },
    code: 1,
    parts: ["articles/2018/x.md:7  tệp này không phải là ảnh đọc được (/images/anh.png"],
  },
  {
    // npm run check reads photos' headers only (decoding every photo would take minutes on a large archive): the build finds this one.
    name: "a photo whose data is damaged past its header",
    files: { "images/hong.png": damagedPng(), "articles/2018/x.md": A("", "![Hỏng](/images/hong.png)\n") },
    run: "build",
    code: 1,
    // (libvips's own words for the damage vary from run to run: "pngload…" or "Unknown error")
    parts: ["articles/2018/x.md:5  tệp này không phải là ảnh đọc được (/images/hong.png: ", "— dùng ảnh JPEG, PNG, WebP hoặc GIF"],
  },
  { name: "a pixel bomb (30000×30000 PNG)", files: { "images/bom.png": pngOfSize(30000, 30000), "articles/2018/x.md": A("", "![Bom](/images/bom.png)\n") }, code: 1, parts: ["articles/2018/x.md:5  ảnh quá lớn (/images/bom.png: 30000×30000 điểm ảnh) — thu nhỏ ảnh"] },

  // Files a body links to (decisions, forms): like photos, they must exist, and they are published.
  { name: "a link to a file that does not exist", files: { "articles/2018/x.md": A("", "Xem [quyết định](/files/qd-123.pdf).\n") }, code: 1, parts: ["articles/2018/x.md:5  không tìm thấy tệp được liên kết (/files/qd-123.pdf)"] },
  { name: "a link to a file outside content/", files: { "articles/2018/x.md": A("", "Xem [tệp](../../../ngoai.pdf).\n") }, code: 1, parts: ["articles/2018/x.md:5  tệp được liên kết nằm ngoài thư mục content/"] },
  {
    name: "a linked decision (pdf), published at a stable address",
    files: { "files/quyết định 123.pdf": "%PDF-1.4\n", "articles/2018/x.md": A("", "Xem [quyết định](</files/quyết định 123.pdf>) và [trang khác](https://example.org/a.pdf).\n") },
    code: 0,
    parts: [],
    verify: (c) => {
      const html = fs.readFileSync(path.join(c.out, "tin-tuc/2018/x/index.html"), "utf8");
      expect(html).toContain('href="/tep/files/quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20123.pdf"');
      expect(html).toContain('href="https://example.org/a.pdf"');
      expect(fs.readFileSync(path.join(c.out, "tep/files/quyết định 123.pdf"), "utf8")).toBe("%PDF-1.4\n");
    },
  },

  // 5. Files that are not what they seem.
  { name: "a folder named x.md", setup: (c) => fs.mkdirSync(path.join(c.content, "articles/2018/thu-muc.md")), code: 1, parts: ["articles/2018/thu-muc.md  đây là thư mục nhưng tên kết thúc bằng .md"] },
  { name: "a link to nothing", setup: (c) => fs.symlinkSync("khong-co.md", path.join(c.content, "articles/2018/gay.md")), code: 1, parts: ["articles/2018/gay.md  liên kết (symlink) trỏ tới tệp không có (khong-co.md)"] },
  { name: "a TCVN3 (ABC) file", files: { "articles/2018/x.md": encoded.tcvn3(VIETNAMESE) }, code: 1, parts: ["articles/2018/x.md:2  tệp không dùng bảng mã UTF-8 (có vẻ là TCVN3)", "Unikey", "iconv -f TCVN5712-1 -t UTF-8 x.md"] },
  { name: "a Windows-1258 file", files: { "articles/2018/x.md": encoded.windows1258(VIETNAMESE) }, code: 1, parts: ["articles/2018/x.md:2  tệp không dùng bảng mã UTF-8 (có vẻ là Windows-1258)", "iconv -f WINDOWS-1258"] },
  { name: "a VISCII file", files: { "articles/2018/x.md": encoded.viscii(VIETNAMESE) }, code: 1, parts: ["(có vẻ là VISCII)", "iconv -f VISCII"] },
  { name: "a Latin-1 file", files: { "articles/2018/x.md": encoded.latin1("---\ntitle: Café à Paris\ndate: 2018-03-01\n---\nGarçon.\n") }, code: 1, parts: ["articles/2018/x.md:2  tệp không dùng bảng mã UTF-8 (có vẻ là Latin-1)", "lưu lại với bảng mã UTF-8"] },

  // 6. site.yaml.
  { name: "a javascript: site address", files: { "site.yaml": 'title: T\nurl: "javascript:alert(1)"\n' }, code: 1, parts: ['site.yaml:2  url: phải là địa chỉ web bắt đầu bằng http:// hoặc https:// (đang là "javascript:alert(1)")'] },
  { name: "a site address without https://", files: { "site.yaml": "title: T\nurl: congan.backan.gov.vn\n" }, code: 1, parts: ["site.yaml:2  url: phải là địa chỉ web", "url: https://congan.backan.gov.vn"] },
  { name: "broken YAML in site.yaml", files: { "site.yaml": "title: T\nawardKinds: [Thư khen\n" }, code: 1, parts: ["site.yaml:2  lỗi cú pháp YAML: dấu [ mở"] },
  { name: "an unknown key in site.yaml", files: { "site.yaml": "title: T\ntittle: X\n" }, code: 1, parts: ["site.yaml:2  tittle: khóa không được hỗ trợ"] },

  // 7. Inputs that must build, and build right.
  {
    name: "an editor's lock file and hidden files (skipped)",
    files: { "articles/2018/.#tong-ket.md": "khóa", "articles/2018/.an.md": "---\ntitle: Ẩn\n---\n", "articles/2018/ban-sao.md~": "sao lưu" },
    code: 0,
    parts: [],
    verify: (c) => expect(fs.readFileSync(path.join(c.out, "tin-tuc/2018/index.html"), "utf8")).not.toContain("Ẩn"),
  },
  {
    name: "a site.yaml framed by --- lines",
    files: { "site.yaml": "---\ntitle: Công an tỉnh Bắc Kạn\nurl: https://congan.backan.gov.vn\n---\n" },
    code: 0,
    parts: [],
    verify: (c) => expect(fs.readFileSync(path.join(c.out, "sitemap.xml"), "utf8")).toContain("https://congan.backan.gov.vn/tin-tuc/"),
  },
  {
    name: "a <script> in a title (shown as text)",
    files: { "articles/2018/x.md": article('title: "<script>alert(1)</script> Tin"\ndate: 2018-03-01') },
    code: 0,
    parts: [],
    verify: (c) => {
      const html = fs.readFileSync(path.join(c.out, "tin-tuc/2018/x/index.html"), "utf8");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Tin");
      expect(html).not.toContain("<script>alert(1)");
    },
  },
  {
    name: "a recipient a spreadsheet would run as a formula (neutralised in every CSV)",
    files: { "awards/2019/ds.md": awardList('  - { award: Giấy khen, by: GĐ, collectives: ["=HYPERLINK(\\"http://x\\",\\"bấm\\")", "+1", "@SUM(A1)", "-2"] }') },
    code: 0,
    parts: [],
    verify: (c) => {
      for (const csv of ["khen-thuong/2019/ds/danh-sach.csv", "khen-thuong/danh-sach.csv"]) {
        const text = fs.readFileSync(path.join(c.out, csv), "utf8");
        expect(text).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
        for (const cell of ["'+1", "'@SUM(A1)", "'-2"]) expect(text).toContain(`,${cell},`);
        expect(text).not.toMatch(/,[=+@-]/);
      }
    },
  },
  {
    name: "photos used only by a draft and a scheduled article (not published)",
    files: {
      "images/nhap.png": pngOfSize(2, 2),
      "images/hen.png": pngOfSize(3, 3),
      "articles/2018/nhap.md": A("draft: true\nimage: { src: /images/nhap.png }"),
      "articles/2099/hen.md": article("title: Hẹn\ndate: 2099-01-01\nimage: { src: /images/hen.png }"),
    },
    code: 0,
    parts: [],
    // The same resized photos as the site without them: the draft's and the scheduled article's are not among them.
    verify: (c) => expect(fs.readdirSync(path.join(c.out, "anh")).sort()).toEqual(fs.readdirSync(path.join(c.good, "anh")).sort()),
  },
  {
    name: "a photo in a section's description (resized, like an article's)",
    files: { "sections/an-ninh.md": "---\ntitle: An ninh\n---\nGiới thiệu.\n\n![Trụ sở](/images/a.jpg)\n" },
    code: 0,
    parts: [],
    verify: (c) => {
      const html = fs.readFileSync(path.join(c.out, "chuyen-muc/an-ninh/index.html"), "utf8");
      expect(html).toContain("<picture>");
      expect(html).not.toContain('src="/media/');
    },
  },
  { name: "a file with a byte-order mark and Windows line ends", files: { "articles/2018/x.md": `\uFEFF${A("", "Dòng một.\r\n").replace(/\n/g, "\r\n")}` }, code: 0, parts: [], verify: (c) => expect(fs.existsSync(path.join(c.out, "tin-tuc/2018/x/index.html"))).toBe(true) },
  { name: "an empty output folder", setup: (c) => fs.mkdirSync(path.join(c.root, "moi")), args: (c) => ["--content", c.content, "--output", path.join(c.root, "moi")], run: "build", code: 0, parts: [], verify: (c) => expect(fs.existsSync(path.join(c.root, "moi", OUTPUT_MARKER))).toBe(true) },
  {
    name: "--force over the writer's own folder (they said so)",
    setup: (c) => writeTree(path.join(c.root, "cu"), { "note.txt": "ghi chú" }),
    args: (c) => ["--content", c.content, "--output", path.join(c.root, "cu"), "--force"],
    run: "build",
    code: 0,
    parts: [],
    verify: (c) => {
      expect(fs.existsSync(path.join(c.root, "cu", "note.txt"))).toBe(false);
      expect(fs.existsSync(path.join(c.root, "cu", "index.html"))).toBe(true);
    },
  },
  {
    name: "a sub-path without its slashes (normalised)",
    args: (c) => ["--content", c.content, "--output", c.out, "--path-prefix", "luu-tru"],
    run: "build",
    code: 0,
    parts: [],
    verify: (c) => expect(fs.readFileSync(path.join(c.out, "index.html"), "utf8")).toContain('href="/luu-tru/tin-tuc/2018/tong-ket/"'),
  },
  {
    name: "staging folders left by killed builds (removed when theirs, kept when not)",
    setup: (c) => {
      const dead = deadPid();
      writeTree(`${c.out}.tmp-${dead}`, { [OUTPUT_MARKER]: "", "index.html": "cũ" });
      writeTree(`${c.out}.old-${dead}-1`, { [OUTPUT_MARKER]: "", "index.html": "cũ" });
      // Not the program's (no marker): kept, whatever its process.
      writeTree(`${c.out}.tmp-${dead + 1_000_000}`, { "cua-toi.txt": "không phải của chương trình" });
      // A live build's: kept.
      writeTree(`${c.out}.tmp-${liveBuild.pid}`, { [OUTPUT_MARKER]: "" });
    },
    run: "build",
    code: 0,
    parts: [],
    verify: (c) => {
      // This build's own previous site is kept as the spare (it shares its pages); nothing else of the program's is left.
      const left = fs.readdirSync(c.root).filter((n) => n.startsWith("_site.") && !n.startsWith(`_site.old-${process.pid}-`));
      const notOurs = left.find((n) => fs.existsSync(path.join(c.root, n, "cua-toi.txt")));
      expect(left.sort()).toEqual([`_site.tmp-${liveBuild.pid}`, notOurs, "_site.spare"].sort());
      expect(fs.existsSync(path.join(c.root, "_site.spare", OUTPUT_MARKER))).toBe(true);
    },
  },
];

function writeTree(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** The state of a path for "nothing changed": a folder's files with their bytes, a file's bytes, or absent. */
function stateOf(p: string): unknown {
  const stat = fs.lstatSync(p, { throwIfNoEntry: false });
  if (!stat) return null;
  return stat.isDirectory() ? snapshot(p) : fs.readFileSync(p).toString("base64");
}

const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m;

describe("bad and unusual input", () => {
  let goodSite: string;

  beforeAll(async () => {
    const made = makeContent();
    goodSite = path.join(made.root, "_site");
    expect((await buildSite({ contentDir: made.content, outputDir: goodSite })).ok).toBe(true);
  });

  it("has at least 60 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)("$name", async (t) => {
    const { root, content } = makeContent(t.files ?? {});
    const c: Ctx = { root, content, out: path.join(root, "_site"), good: goodSite };
    fs.cpSync(goodSite, c.out, { recursive: true });
    t.setup?.(c);
    const watched = t.kept?.(c) ?? [c.out];
    const before = watched.map(stateOf);

    const build = await run(buildCommand, t.args?.(c) ?? ["--content", content, "--output", c.out]);
    expect(build.code, build.all).toBe(t.code);
    for (const part of t.parts) expect(build.errors).toMatch(typeof part === "string" ? new RegExp(escapeRegExp(part)) : part);
    expect(build.all).not.toMatch(STACK_TRACE);
    if (t.code !== 0) {
      expect(watched.map(stateOf)).toEqual(before);
      expect(fs.readdirSync(root).filter((n) => /\.(tmp|old)-\d+/.test(n))).toEqual([]);
    }
    t.verify?.(c);

    if ((t.run ?? "both") === "both") {
      const checkArgs = t.args ? t.args(c).filter((a, i, all) => a !== "--output" && all[i - 1] !== "--output") : ["--content", content];
      const check = await run(checkCommand, checkArgs);
      expect(check.code, check.all).toBe(t.code);
      for (const part of t.parts) expect(check.errors).toMatch(typeof part === "string" ? new RegExp(escapeRegExp(part)) : part);
      expect(check.all).not.toMatch(STACK_TRACE);
    }
  });
});

/** Runs a command in this process, as its CLI would: its exit code and what it printed. */
async function run(command: typeof buildCommand, args: string[]) {
  const errors: string[] = [];
  const all: string[] = [];
  const code = await command(args, {
    log: (l) => all.push(l),
    error: (l) => {
      errors.push(l);
      all.push(l);
    },
  });
  return { code, errors: errors.join("\n"), all: all.join("\n") };
}

describe("the real CLIs on bad input", () => {
  it("exit with code 1, print every problem as path:line  key: message, and keep the previous site", async () => {
    const { root, content } = makeContent();
    const out = path.join(root, "_site");
    const args = ["--content", content, "--output", out];
    expect((await runCli("build.ts", args, root)).code).toBe(0);
    const before = snapshot(out);
    writeFiles(content, {
      "articles/2018/a.md": "---\ntitle: A\n---\n",
      "articles/2018/b.md": "---\ntitle: B\ndate: 2018-03-01\ncampaigns: [toan-dam]\n---\n",
      "articles/2018/c.md": `---\n${aliasBomb}\ntitle: C\ndate: 2018-03-01\n---\n`,
      "articles/2018/d.md": A("image: { src: /images/gia.jpg }"),
      "images/gia.jpg": "không phải ảnh",
    });
    const failed = await runCli("build.ts", args, root);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toEqual([
      "content/articles/2018/a.md:1  date: thiếu khóa bắt buộc — thêm ví dụ: date: 2018-01-15T08:30",
      'content/articles/2018/b.md:4  campaigns: không có phong trào mang mã này (toan-dam) — có phải ý bạn là "toan-dan"?',
      "content/articles/2018/c.md:3  phần khai báo dùng quá nhiều tham chiếu YAML (*tên) — viết thẳng giá trị, không dùng & và *",
      "content/articles/2018/d.md:4  image.src: tệp này không phải là ảnh đọc được (/images/gia.jpg: Input file contains unsupported image format) — dùng ảnh JPEG, PNG, WebP hoặc GIF",
      "Không xây dựng được trang: 4 lỗi trong 4 tệp. Trang đã xây dựng trước đó được giữ nguyên.",
    ]);
    expect(snapshot(out)).toEqual(before);
    const check = await runCli("check.ts", ["--content", content], root);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("content/articles/2018/d.md:4  image.src: tệp này không phải là ảnh đọc được");
  });

  it("refuse a folder that is not theirs with exit code 1, and a mistyped option with exit code 2", async () => {
    const { root, content } = makeContent();
    writeTree(path.join(root, "mydocs"), { "note.txt": "ghi chú" });
    const refused = await runCli("build.ts", ["--content", content, "--output", "mydocs"], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("mydocs  thư mục đã có 1 mục và không do npm run build tạo ra");
    expect(fs.readFileSync(path.join(root, "mydocs/note.txt"), "utf8")).toBe("ghi chú");
    const typo = await runCli("build.ts", ["--ouput", "x"], root);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Tùy chọn không hợp lệ");
    expect(`${typo.stdout}${typo.stderr}`).not.toMatch(STACK_TRACE);
  });
});

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
