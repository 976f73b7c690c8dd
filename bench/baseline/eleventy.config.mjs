// The plain-Eleventy baseline of `npm run bench`: what a user would otherwise
// build with Eleventy alone. One Markdown template per article (Eleventy reads
// the front matter and renders the Markdown with markdown-it), a Nunjucks
// layout, year and tag pages paginated 20 a page, and previous/next links
// precomputed once in the collection (not with the quadratic built-in filters).
// No CSS, no search, no images. Run:
//   eleventy --config=bench/baseline/eleventy.config.mjs --input=CORPUS/content/articles --output=OUT
import slugify from "@sindresorhus/slugify";

const layout = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title></head><body>
<nav><a href="/">Trang chủ</a></nav><main><h1>{{ title }}</h1><p>{{ page.date.toISOString() }}</p>{{ content | safe }}</main>
<footer>{% if prev %}<a href="{{ prev.url }}">{{ prev.data.title }}</a>{% endif %} {% if next %}<a href="{{ next.url }}">{{ next.data.title }}</a>{% endif %}</footer>
</body></html>`;

const listPage = (what) => `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ p.${what} }}</title></head><body>
<h1>{{ p.${what} }}</h1><ul>{% for a in p.items %}<li><a href="{{ a.url }}">{{ a.data.title }}</a></li>{% endfor %}</ul>
{% if p.previous %}<a href="{{ p.previous }}">«</a>{% endif %} {% if p.next %}<a href="{{ p.next }}">»</a>{% endif %}
</body></html>`;

function pages(groups, base) {
  const out = [];
  for (const [key, items] of groups) {
    const n = Math.ceil(items.length / 20);
    for (let i = 0; i < n; i++) {
      const url = (k) => `${base}/${slugify(String(key))}/${k ? `trang-${k + 1}/` : ""}`;
      out.push({ key: String(key), items: items.slice(i * 20, i * 20 + 20), url: url(i), previous: i ? url(i - 1) : null, next: i + 1 < n ? url(i + 1) : null });
    }
  }
  return out;
}

export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.setUseGitIgnore(false); // corpora live in the git-ignored .tmp/
  eleventyConfig.addGlobalData("layout", "article.njk");
  eleventyConfig.addGlobalData("permalink", () => (data) => `/tin-tuc/${data.page.fileSlug}/`);
  eleventyConfig.addTemplate("_includes/article.njk", layout);

  eleventyConfig.addCollection("articles", (api) => {
    const all = api.getAll().filter((p) => p.data.title && !p.data.draft && p.inputPath.endsWith(".md"));
    all.sort((a, b) => a.date - b.date || (a.fileSlug < b.fileSlug ? -1 : 1));
    all.forEach((p, i) => {
      p.data.prev = all[i - 1];
      p.data.next = all[i + 1];
    });
    return all;
  });
  const grouped = (api, keys) => {
    const groups = new Map();
    for (const p of api.getAll()) {
      if (!p.data.title || !p.inputPath.endsWith(".md")) continue;
      for (const k of keys(p)) groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    return groups;
  };
  eleventyConfig.addCollection("yearPages", (api) => pages(grouped(api, (p) => [p.date.getFullYear()]), "/tin-tuc"));
  eleventyConfig.addCollection("tagPages", (api) => pages(grouped(api, (p) => p.data.tags ?? []), "/chu-de"));
  eleventyConfig.addTemplate("years.njk", listPage("key"), { layout: false, pagination: { data: "collections.yearPages", size: 1, alias: "p" }, permalink: "{{ p.url }}" });
  eleventyConfig.addTemplate("tags.njk", listPage("key"), { layout: false, pagination: { data: "collections.tagPages", size: 1, alias: "p" }, permalink: "{{ p.url }}" });
}
