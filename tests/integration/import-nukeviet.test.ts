// Moving a NukeViet portal in, against a real MariaDB (.ci/run starts it):
// a NukeViet-shaped database of this project's own rows and the hard cases is
// imported, built, and every old address of every imported article, section
// and topic is requested through a real static server. Then a second import
// after edits on both sides, and the ways an import can fail.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { importNukeviet, ImportError, type ImportReport } from "../../src/import/nukeviet/import.ts";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { runCli, snapshot } from "../helpers/content.ts";
import { makeNukevietDatabase, onDatabase, SERVER } from "../helpers/nukeviet.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "nukeviet-"));
const uploads = path.join(root, "uploads");
const content = path.join(root, "content");
const site = path.join(root, "_site");
let database: string;
let report: ImportReport;

beforeAll(async () => {
  database = await makeNukevietDatabase(`luutru_test_${process.pid}`, uploads);
  report = await importNukeviet({ database, uploads, out: content });
}, 60_000);
afterAll(async () => {
  await onDatabase(SERVER, `DROP DATABASE IF EXISTS \`luutru_test_${process.pid}\``).catch(() => {});
});

const read = (rel: string) => fs.readFileSync(path.join(content, rel), "utf8");

describe("importing a NukeViet 4.5 news module", () => {
  it("reports what it imported, skipped and could not find", () => {
    expect(report.articles).toEqual({ published: 3, scheduled: 2, drafts: 2 });
    expect(report.sections).toBe(3);
    expect(report.campaigns).toBe(1);
    expect(report.skipped).toEqual({ expired: 1, suspended: 1, emptyTitle: 1 });
    expect(report.photos.copied).toBe(2);
    expect(report.photos.missing).toEqual([expect.stringContaining("(id 101): /uploads/news/2018_01/khong-co.jpg"), expect.stringContaining("(id 102): /uploads/../ngoai-uploads.jpg")]);
    expect(fs.readdirSync(path.join(content, "images/nukeviet"))).toEqual(["news"]);
    expect(report.photos.external).toEqual([expect.stringContaining("(id 101): https://example.org/anh-ngoai.jpg")]);
    expect(report.attachments).toEqual({ copied: 1, missing: [expect.stringContaining("(id 102): 2019_03/khong-co.docx")] });
  });

  it("turns categories into nested sections and topics into campaigns, with their old addresses", () => {
    expect(read("sections/phong-chong-toi-pham.md")).toContain("parent: an-ninh-trat-tu\norder: 1\n");
    expect(read("sections/an-ninh-trat-tu.md")).toContain("  - /vi/news/an-ninh-trat-tu/\n");
    expect(read("campaigns/toan-dan-bao-ve-an-ninh-to-quoc.md")).toContain("  - /vi/news/topic/toan-dan-bao-ve-an-ninh-to-quoc/\n");
  });

  it("writes each article with its text decoded, its sections, topic, tags, source, photos and every form of its old address", () => {
    const text = read("articles/2018/tong-ket-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2017.md");
    expect(text).toMatch(/^---\ntitle: Tổng kết phong trào "Toàn dân bảo vệ an ninh Tổ quốc" năm 2017!\ndate: 2018-01-15T08:30\n/);
    expect(text).toContain("authors:\n  - Phan Quang\n  - Đức Thuần\nsource: Báo Bắc Kạn\n");
    expect(text).toContain("sections:\n  - phong-chong-toi-pham\n  - an-ninh-trat-tu\n  - xay-dung-luc-luong\n");
    expect(text).toContain("campaigns:\n  - toan-dan-bao-ve-an-ninh-to-quoc\n");
    expect(text).toContain("  - an ninh trật tự\n");
    expect(text).toContain("image:\n  src: /images/nukeviet/news/2018_01/tong-ket.jpg\n  alt: Hội nghị tổng kết\n");
    for (const form of ["/vi/news/Phong-chong-toi-pham/", "/news/Phong-chong-toi-pham/", "/index.php/vi/news/Phong-chong-toi-pham/"]) {
      expect(text).toContain(`  - ${form}Tong-ket-phong-trao-Toan-dan-bao-ve-an-ninh-To-quoc-nam-2017-101.html\n`);
    }
    expect(text).toContain("  - /index.php?language=vi&nv=news&op=Phong-chong-toi-pham/Tong-ket-phong-trao-Toan-dan-bao-ve-an-ninh-To-quoc-nam-2017-101\n");
    // The body: a figure with its caption, a table, Word's markup gone, the missing photo left out, the external one kept.
    expect(text).toContain('![Trao Giấy khen](/images/nukeviet/news/2018_01/trao-giay-khen.jpg "Lãnh đạo Công an tỉnh trao Giấy khen cho các tập thể")');
    expect(text).toContain("| Đơn vị | Số tin |\n| --- | --- |\n| Công an huyện Ba Bể | 120 |");
    expect(text).toContain("\nĐồng chí Giám đốc phát biểu chỉ đạo.\n");
    expect(text).not.toMatch(/mso-|<o:p>|style=|khong-co\.jpg/);
    expect(text).toContain("![Ảnh ngoài](https://example.org/anh-ngoai.jpg)");
    expect(fs.existsSync(path.join(content, "images/nukeviet/news/2018_01/trao-giay-khen.jpg"))).toBe(true);
    // The attachment, copied and linked under the body.
    expect(text).toContain("**Tệp đính kèm:**\n\n- [quyet-dinh.pdf](/files/nukeviet/news/2018_01/quyet-dinh.pdf)\n");
    expect(fs.existsSync(path.join(content, "files/nukeviet/news/2018_01/quyet-dinh.pdf"))).toBe(true);
    const entity = read("articles/2019/gd-dt-tuyen-truyen-phap-luat-cho-hoc-sinh.md");
    expect(entity).toContain("title: GD&ĐT tuyên truyền pháp luật cho học sinh\n");
    expect(entity).toContain("Sở GD&ĐT tuyên truyền pháp luật.");
    expect(entity.normalize("NFC")).toBe(entity);
  });

  it("imports scheduled rows as scheduled, drafts and rows awaiting approval as drafts, and archived expired rows", () => {
    const { content: loaded, drafts, scheduled, problems } = loadContent({ contentDir: content });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(drafts.map((d) => d.title).sort()).toEqual(["Bài chờ duyệt", "Bài lưu nháp"]);
    expect(scheduled.map((d) => d.title).sort()).toEqual(["Bài hẹn giờ đăng", "Bài đặt giờ đăng trong tương lai"]);
    expect(loaded.articles.map((a) => a.title)).toContain("Bài hết hạn được lưu trữ");
    expect(loaded.articles.map((a) => a.title)).not.toContain("Bài hết hạn không lưu");
  });

  describe("built and served", () => {
    let server: StaticServer;
    beforeAll(async () => {
      expect((await buildSite({ contentDir: content, outputDir: site })).ok).toBe(true);
      server = await serveStatic(site);
    }, 60_000);
    afterAll(() => server?.close());

    it("takes every old address of every article, section and topic to its new page", async () => {
      const { content: loaded } = loadContent({ contentDir: content });
      const olds = loaded.redirects;
      expect(olds.length).toBeGreaterThan(20);
      let served = 0;
      for (const r of olds) {
        if (r.from.includes("?")) {
          // Only the servers' rules can match a query string.
          expect(fs.readFileSync(path.join(site, "redirects.nginx.conf"), "utf8")).toContain(`"${r.from}" "${r.to}";`);
          expect(fs.readFileSync(path.join(site, ".htaccess"), "utf8")).toContain(`RewriteCond %{QUERY_STRING} ^${r.from.split("?")[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
          continue;
        }
        const old = await fetch(new URL(r.from.slice(1), server.url));
        expect(old.status, r.from).toBe(200);
        const target = cheerio.load(await old.text())('meta[http-equiv="refresh"]').attr("content")!.replace(/^0; url=/, "");
        expect(target, r.from).toBe(r.to);
        expect((await fetch(new URL(target, server.url))).status, target).toBe(200);
        served++;
      }
      expect(served).toBeGreaterThan(15);
      // A tag's old address has diacritics: Apache matches it decoded, nginx as sent.
      expect(fs.readFileSync(path.join(site, ".htaccess"), "utf8")).toContain("RedirectMatch 301 ^/vi/news/tag/an-ninh-trật-tự$ /chu-de/an-ninh-trat-tu/\n");
      expect(fs.readFileSync(path.join(site, "redirects.nginx.conf"), "utf8")).toContain('"/vi/news/tag/an-ninh-tr%E1%BA%ADt-t%E1%BB%B1" "/chu-de/an-ninh-trat-tu/";');
    });

    it("publishes the attachment at a stable address that the article links to", async () => {
      const $ = cheerio.load(fs.readFileSync(path.join(site, "tin-tuc/2018/tong-ket-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2017/index.html"), "utf8"));
      const href = $('a:contains("quyet-dinh.pdf")').attr("href");
      expect(href).toBe("/tep/files/nukeviet/news/2018_01/quyet-dinh.pdf");
      const res = await fetch(new URL(href!, server.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("%PDF-1.4");
    });
  });

  it("brings in what changed on a second run, and never overwrites a file a writer edited", async () => {
    const edited = "articles/2019/gd-dt-tuyen-truyen-phap-luat-cho-hoc-sinh.md";
    fs.writeFileSync(path.join(content, edited), `${read(edited)}\nĐoạn biên tập viên thêm sau khi nhập.\n`);
    const later = Math.floor(Date.now() / 1000);
    await onDatabase(database, "UPDATE nv4_vi_news_rows SET title = ?, edittime = ? WHERE id IN (101, 102)", ["Tiêu đề đã sửa trên NukeViet", later]);
    await onDatabase(database, "INSERT INTO nv4_vi_news_rows (id, catid, listcatid, status, publtime, addtime, edittime, title, alias, hometext) VALUES (111, 3, '3', 1, ?, ?, ?, 'Bài mới sau lần nhập đầu', 'Bai-moi-sau-lan-nhap-dau', '')", [later - 60, later - 60, later - 60]);
    await onDatabase(database, "INSERT INTO nv4_vi_news_detail (id, description, bodyhtml) VALUES (111, '', '<p>Mới.</p>')");
    // Twenty more in one category: NukeViet then listed it on two pages (20 a page).
    for (let id = 200; id < 220; id++) {
      await onDatabase(database, "INSERT INTO nv4_vi_news_rows (id, catid, listcatid, status, publtime, addtime, edittime, title, alias, hometext) VALUES (?, 3, '3', 1, ?, ?, ?, ?, ?, '')", [id, later - 3600 - id, later - 3600 - id, later - 3600 - id, `Tin lực lượng ${id}`, `Tin-luc-luong-${id}`]);
    }
    const second = await importNukeviet({ database, uploads, out: content });
    expect(read("sections/xay-dung-luc-luong.md")).toContain("  - /vi/news/xay-dung-luc-luong/page-2/\n");
    expect(read("sections/xay-dung-luc-luong.md")).not.toContain("page-3");
    expect(read("sections/an-ninh-trat-tu.md")).not.toContain("page-2");
    expect(read("articles/2018/tong-ket-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2017.md")).toContain("title: Tiêu đề đã sửa trên NukeViet\n");
    expect(read(edited)).toContain("Đoạn biên tập viên thêm sau khi nhập.");
    expect(read(edited)).not.toContain("Tiêu đề đã sửa trên NukeViet");
    expect(second.keptEdited).toEqual([edited]);
    expect(second.unchanged).toBeGreaterThan(5);
    expect(fs.readdirSync(path.join(content, "articles", new Date().getFullYear().toString()))).toContain("bai-moi-sau-lan-nhap-dau.md");
  });
});

describe("an import that cannot be done", () => {
  const failing = async (options: Partial<Parameters<typeof importNukeviet>[0]>, out: string) => {
    const before = fs.existsSync(out) ? snapshot(out) : undefined;
    const error = await importNukeviet({ database, uploads, out, ...options }).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(fs.existsSync(out) ? snapshot(out) : undefined).toEqual(before);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes(".tmp-import-"))).toEqual([]);
    return error!.message;
  };

  it("says so for a server it cannot reach, or wrong credentials, and leaves the content folder as it was", async () => {
    expect(await failing({ database: "mysql://luutru:luutru@127.0.0.1:1/nukeviet" }, content)).toMatch(/^Không kết nối được cơ sở dữ liệu mysql:\/\/luutru:\*\*\*@127\.0\.0\.1:1\/nukeviet \(/);
    expect(await failing({ database: `${SERVER.replace(/:[^:@/]+@/, ":sai-mat-khau@")}/x` }, content)).toContain("kiểm tra máy chủ MariaDB/MySQL đang chạy, tên người dùng, mật khẩu");
  });

  it("says so for a database that is not NukeViet's news module", async () => {
    await onDatabase(SERVER, `CREATE DATABASE IF NOT EXISTS \`luutru_empty_${process.pid}\``);
    try {
      expect(await failing({ database: `${SERVER}/luutru_empty_${process.pid}` }, content)).toContain("Cơ sở dữ liệu không có mô-đun tin tức của NukeViet (nv4_vi_news_rows)");
      expect(await failing({ prefix: "nv3" }, content)).toContain("nv3_vi_news_rows");
    } finally {
      await onDatabase(SERVER, `DROP DATABASE IF EXISTS \`luutru_empty_${process.pid}\``);
    }
  });

  it("refuses a content folder that an import did not make", async () => {
    const mine = path.join(root, "cua-toi");
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, "ghi-chu.md"), "của tôi");
    expect(await failing({}, mine)).toContain("đã có nội dung không do lần nhập trước tạo ra");
  });

  it("runs as npm run import:nukeviet: a report in Vietnamese, and as JSON", async () => {
    const out = path.join(root, "cli-content");
    const run = await runCli("import-nukeviet.ts", ["--database", database, "--uploads", uploads, "--out", out, "--report", path.join(root, "bao-cao.json")], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Bài viết: 24 đã đăng, 2 hẹn giờ, 2 bản nháp; 3 chuyên mục, 1 dòng sự kiện (phong trào).");
    expect(JSON.parse(fs.readFileSync(path.join(root, "bao-cao.json"), "utf8")).articles.published).toBe(24);
    const refused = await runCli("import-nukeviet.ts", ["--database", "mysql://luutru:luutru@127.0.0.1:1/x", "--out", out], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Không kết nối được cơ sở dữ liệu");
  });
});
