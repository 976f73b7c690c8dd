// npm run new -- article "Tiêu đề bài viết" [--content DIR]
// npm run new -- campaign "Tên phong trào"
// npm run new -- section "Tên chuyên mục"
// npm run new -- award "Khen thưởng ... năm 2026"
// Creates the file in its folder, named by the folded title, dated now in the
// site's time zone, with the required keys filled in and the optional ones as
// comments. Never overwrites a file.
import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { newFileTemplates, newMessages as say } from "../strings.ts";
import { TIME_ZONE } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { readOptions } from "./args.ts";

const { values, positionals } = readOptions({ content: { type: "string", default: "content" } });
const [kind, ...words] = positionals;
const title = words.join(" ").trim();
const KINDS = ["article", "campaign", "section", "award"];
if (!KINDS.includes(kind) || !title) {
  console.error(say.usage);
  process.exit(2);
}
const slug = slugify(title);
if (!slug) {
  console.error(say.noSlug(title));
  process.exit(2);
}

const contentDir = path.resolve(values.content);
const now = DateTime.now().setZone(TIME_ZONE);
const year = now.toFormat("yyyy");
/** A YAML scalar, quoted when it needs to be. */
const yaml = (value: string) => stringify(value).trim();

/** The ids of the files in content/<folder>, to suggest in a new article. */
const idsIn = (folder: string) => {
  const dir = path.join(contentDir, folder);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3)).sort() : [];
};
const files: Record<string, () => [string, string]> = {
  article: () => [path.join("articles", year, `${slug}.md`), newFileTemplates.article(yaml(title), now.toFormat("yyyy-MM-dd'T'HH:mm"), idsIn("campaigns"), idsIn("sections"))],
  campaign: () => [path.join("campaigns", `${slug}.md`), newFileTemplates.campaign(yaml(title), year)],
  section: () => [path.join("sections", `${slug}.md`), newFileTemplates.section(yaml(title))],
  award: () => [path.join("awards", year, `${slug}.md`), newFileTemplates.award(yaml(title), now.toFormat("yyyy-MM-dd"))],
};

const [rel, text] = files[kind]();
const file = path.join(contentDir, rel);
const shown = path.relative(process.cwd(), file) || file;
if (fs.existsSync(file)) {
  console.error(say.exists(shown));
  process.exit(1);
}
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, text, { flag: "wx" });
console.log(say.created(shown));
