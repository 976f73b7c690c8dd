// The preview's quick path: an edit to an article's text re-renders that page
// alone from the last build's archive; edits that move the article in lists
// ask for a full rebuild.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { quickArticle } from "../../src/pipeline/quick-article.ts";
import { PAGE_HASHES } from "../../src/pipeline/incremental.ts";
import { formatProblem } from "../../src/content/problems.ts";
import { makeContent, SAMPLE_CONTENT, snapshot } from "../helpers/content.ts";
import { page } from "../helpers/site.ts";

async function built() {
  const { root, content } = makeContent({}, {});
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  const out = path.join(root, "preview");
  const result = await buildSite({ contentDir: content, outputDir: out, includeDrafts: true, keepState: true });
  expect(result.ok).toBe(true);
  return { content, out, state: result.state! };
}

const SEED = "articles/2018/tong-ket-phong-trao-2017.md";

describe("the preview's quick path", () => {
  it("re-renders only the edited article's page, with its new text", async () => {
    const { content, out, state } = await built();
    const before = snapshot(out);
    const file = path.join(content, SEED);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("Năm 2017, phong trào", "Năm 2017 (đã sửa), phong trào").replace("năm 2017\ndate:", "năm 2017 (bản sửa)\ndate:"),
    );
    expect(await quickArticle(state, content, file, out)).toEqual([]);
    const after = snapshot(out);
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f));
    // The page, and the record of rendered pages, which forgets it: the next build renders it again.
    expect(changed).toEqual([PAGE_HASHES, "tin-tuc/2018/tong-ket-phong-trao-2017/index.html"]);
    const hashes = JSON.parse(fs.readFileSync(path.join(out, PAGE_HASHES), "utf8")).pages;
    expect(hashes["tin-tuc/2018/tong-ket-phong-trao-2017/index.html"]).toBeUndefined();
    expect(Object.keys(hashes).length).toBe(Object.keys(JSON.parse(Buffer.from(before.get(PAGE_HASHES)!, "base64").toString()).pages).length - 1);
    const $ = page(out, "/tin-tuc/2018/tong-ket-phong-trao-2017/");
    expect($(".body p").first().text()).toMatch(/^Năm 2017 \(đã sửa\), phong trào/);
    expect($("h1").text()).toBe("Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017 (bản sửa)");
    expect($(".breadcrumbs li").last().text()).toBe("Tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017 (bản sửa)");
    expect($("#tin-cu-hon + ul a").length).toBe(2);
    expect($(".body picture").length).toBe(2);
  });

  it("asks for a full rebuild when the edit moves the article (its date)", async () => {
    const { content, out, state } = await built();
    const file = path.join(content, SEED);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("date: 2018-01-15T08:30", "date: 2018-02-15T08:30"));
    expect(await quickArticle(state, content, file, out)).toBe("full");
  });

  it("returns the problems of a broken edit and writes nothing", async () => {
    const { content, out, state } = await built();
    const before = snapshot(out);
    const file = path.join(content, SEED);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("campaigns: [toan-dan-bao-ve-an-ninh-to-quoc, thong-tu-23]", "campaigns: [toan-dan-bao-ve-an-ninh-to-quok]"));
    const problems = await quickArticle(state, content, file, out);
    expect(problems === "full" ? [] : problems.map(formatProblem)).toEqual([
      expect.stringMatching(/tong-ket-phong-trao-2017\.md:5  campaigns: không có phong trào mang mã này \(toan-dan-bao-ve-an-ninh-to-quok\) — có phải ý bạn là "toan-dan-bao-ve-an-ninh-to-quoc"\?$/),
    ]);
    expect(snapshot(out)).toEqual(before);
  });
});
