// npm run new -- article "Tiêu đề bài viết" [--content DIR]
// npm run new -- campaign "Tên phong trào"
// npm run new -- award "Khen thưởng ... năm 2026"
// Creates the file in its folder, named by the folded title, dated now in the
// site's time zone, with the required keys filled in and the optional ones as
// comments. Never overwrites a file.
import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { newMessages as say } from "../strings.ts";
import { TIME_ZONE } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { readOptions } from "./args.ts";

const { values, positionals } = readOptions({ content: { type: "string", default: "content" } });
const [kind, ...words] = positionals;
const title = words.join(" ").trim();
const KINDS = ["article", "campaign", "award"];
if (!KINDS.includes(kind) || !title) {
  console.error(say.usage);
  process.exit(2);
}
const slug = slugify(title);
if (!slug) {
  console.error(say.noSlug(title));
  process.exit(2);
}

const contentDir = path.resolve(values.content as string);
const now = DateTime.now().setZone(TIME_ZONE);
const year = now.toFormat("yyyy");
/** A YAML scalar, quoted when it needs to be. */
const yaml = (value: string) => stringify(value).trim();

const campaignIds = () => {
  const dir = path.join(contentDir, "campaigns");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3)).sort() : [];
};

function article(): [string, string] {
  const ids = campaignIds();
  return [
    path.join("articles", year, `${slug}.md`),
    [
      "---",
      `title: ${yaml(title)}`,
      `date: ${now.toFormat("yyyy-MM-dd'T'HH:mm")}`,
      "# authors: [Tên tác giả]",
      "# summary: Một câu tóm tắt (nếu bỏ trống, lấy đoạn đầu của bài)",
      `# campaigns: [${ids[0] ?? "ma-phong-trao"}]${ids.length ? `    # có: ${ids.join(", ")}` : ""}`,
      "# tags: [Chủ đề 1, Chủ đề 2]",
      "# image: { src: /images/ten-anh.jpg, alt: Mô tả ảnh, caption: Chú thích ảnh }",
      "# awards: [ma-danh-sach-khen-thuong]",
      "# source: Báo Bắc Kạn",
      "# draft: true",
      "# Ảnh trong bài, trên một dòng riêng: ![Mô tả ảnh](/images/ten-anh.jpg \"Chú thích ảnh\")",
      "---",
      "Viết nội dung bài ở đây.",
      "",
    ].join("\n"),
  ];
}

function campaign(): [string, string] {
  return [
    path.join("campaigns", `${slug}.md`),
    [
      "---",
      `title: ${yaml(title)}`,
      "# summary: Một dòng giới thiệu phong trào",
      `# started: ${year}`,
      "# ended: 2030",
      "---",
      "Giới thiệu phong trào ở đây.",
      "",
    ].join("\n"),
  ];
}

function award(): [string, string] {
  return [
    path.join("awards", year, `${slug}.md`),
    [
      "---",
      `title: ${yaml(title)}`,
      `date: ${now.toFormat("yyyy-MM-dd")}`,
      "# campaigns: [ma-phong-trao]",
      "# decision: { number: \"123/QĐ-CAT\", date: " + now.toFormat("yyyy-MM-dd") + ", issuer: Giám đốc Công an tỉnh }",
      "groups:",
      "  - award: Giấy khen",
      "    by: Giám đốc Công an tỉnh",
      "    collectives:",
      "      - Tên tập thể được khen",
      "    # individuals:",
      "    #   - { name: Họ và tên, rank: Đại úy, position: Chức vụ, unit: Đơn vị }",
      "---",
      "Nội dung quyết định, buổi lễ trao thưởng ở đây.",
      "",
    ].join("\n"),
  ];
}

const [rel, text] = kind === "article" ? article() : kind === "campaign" ? campaign() : award();
const file = path.join(contentDir, rel);
const shown = path.relative(process.cwd(), file) || file;
if (fs.existsSync(file)) {
  console.error(say.exists(shown));
  process.exit(1);
}
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, text, { flag: "wx" });
console.log(say.created(shown));
