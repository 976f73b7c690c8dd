// A NukeViet-shaped database for the importer's tests, written by this
// project: the news module's tables with NukeViet 4.5's columns (the ones the
// importer reads, and enough of the rest to look real), rows of this project's
// own sample text, and the hard cases. It runs on the real MariaDB that
// .ci/run starts (NUKEVIET_TEST_DATABASE, by default the user .ci/run makes).
import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";

export const SERVER = process.env.NUKEVIET_TEST_DATABASE ?? "mysql://luutru:luutru@127.0.0.1:3306";

const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=",
  "base64",
);

const TABLES = (p: string) => [
  `CREATE TABLE ${p}_modules (title varchar(50) NOT NULL, module_file varchar(50) NOT NULL DEFAULT '', module_data varchar(50) NOT NULL DEFAULT '', module_upload varchar(50) NOT NULL DEFAULT '', weight tinyint NOT NULL DEFAULT 0, PRIMARY KEY (title))`,
  `CREATE TABLE ${p}_news_cat (catid smallint unsigned NOT NULL AUTO_INCREMENT, parentid smallint unsigned NOT NULL DEFAULT 0, title varchar(250) NOT NULL, titlesite varchar(250) DEFAULT '', alias varchar(250) NOT NULL DEFAULT '', description text, weight smallint unsigned NOT NULL DEFAULT 0, sort smallint NOT NULL DEFAULT 0, lev smallint NOT NULL DEFAULT 0, numsubcat smallint NOT NULL DEFAULT 0, subcatid varchar(255) DEFAULT '', inhome tinyint unsigned NOT NULL DEFAULT 1, keywords text, add_time int unsigned NOT NULL DEFAULT 0, edit_time int unsigned NOT NULL DEFAULT 0, PRIMARY KEY (catid), UNIQUE KEY alias (alias))`,
  `CREATE TABLE ${p}_news_sources (sourceid mediumint unsigned NOT NULL AUTO_INCREMENT, title varchar(250) NOT NULL DEFAULT '', link varchar(255) DEFAULT '', weight mediumint unsigned NOT NULL DEFAULT 0, add_time int unsigned NOT NULL DEFAULT 0, edit_time int unsigned NOT NULL DEFAULT 0, PRIMARY KEY (sourceid))`,
  `CREATE TABLE ${p}_news_topics (topicid smallint unsigned NOT NULL AUTO_INCREMENT, title varchar(250) NOT NULL DEFAULT '', alias varchar(250) NOT NULL DEFAULT '', image varchar(255) DEFAULT '', description varchar(255) DEFAULT '', weight smallint NOT NULL DEFAULT 0, keywords text, add_time int NOT NULL DEFAULT 0, edit_time int NOT NULL DEFAULT 0, PRIMARY KEY (topicid))`,
  `CREATE TABLE ${p}_news_rows (id int unsigned NOT NULL AUTO_INCREMENT, catid smallint unsigned NOT NULL DEFAULT 0, listcatid varchar(255) NOT NULL DEFAULT '', topicid smallint unsigned NOT NULL DEFAULT 0, admin_id mediumint unsigned NOT NULL DEFAULT 0, author varchar(250) DEFAULT '', sourceid mediumint NOT NULL DEFAULT 0, addtime int unsigned NOT NULL DEFAULT 0, edittime int unsigned NOT NULL DEFAULT 0, status tinyint NOT NULL DEFAULT 1, weight int unsigned NOT NULL DEFAULT 0, publtime int unsigned NOT NULL DEFAULT 0, exptime int unsigned NOT NULL DEFAULT 0, archive tinyint unsigned NOT NULL DEFAULT 0, title varchar(250) NOT NULL DEFAULT '', alias varchar(250) NOT NULL DEFAULT '', hometext text NOT NULL, homeimgfile varchar(255) DEFAULT '', homeimgalt varchar(255) DEFAULT '', homeimgthumb tinyint NOT NULL DEFAULT 0, inhome tinyint unsigned NOT NULL DEFAULT 0, allowed_comm varchar(255) DEFAULT '', hitstotal mediumint unsigned NOT NULL DEFAULT 0, PRIMARY KEY (id), KEY catid (catid))`,
  `CREATE TABLE ${p}_news_detail (id int unsigned NOT NULL, titlesite varchar(255) NOT NULL DEFAULT '', description text NOT NULL, bodyhtml longtext NOT NULL, keywords varchar(255) DEFAULT '', sourcetext varchar(255) DEFAULT '', files text, imgposition tinyint NOT NULL DEFAULT 1, copyright tinyint NOT NULL DEFAULT 0, allowed_send tinyint NOT NULL DEFAULT 0, allowed_print tinyint NOT NULL DEFAULT 0, allowed_save tinyint NOT NULL DEFAULT 0, PRIMARY KEY (id))`,
  `CREATE TABLE ${p}_news_tags (tid mediumint unsigned NOT NULL AUTO_INCREMENT, numnews mediumint NOT NULL DEFAULT 0, alias varchar(250) NOT NULL DEFAULT '', image varchar(255) DEFAULT '', description text, keywords varchar(255) DEFAULT '', PRIMARY KEY (tid), UNIQUE KEY alias (alias))`,
  `CREATE TABLE ${p}_news_tags_id (id int NOT NULL, tid mediumint NOT NULL, keyword varchar(65) NOT NULL, UNIQUE KEY id_tid (id, tid), KEY tid (tid))`,
];

const VN = (iso: string) => Math.floor(Date.parse(`${iso}+07:00`) / 1000);
const DAY = 86_400;

export interface FixtureRow {
  id: number;
  catid: number;
  listcatid: string;
  topicid?: number;
  author?: string;
  sourceid?: number;
  status: number;
  publtime: number;
  exptime?: number;
  archive?: number;
  title: string;
  alias: string;
  hometext: string;
  homeimgfile?: string;
  homeimgalt?: string;
  homeimgthumb?: number;
  bodyhtml: string;
  keywords?: string;
  files?: string;
  tags?: [string, string][];
}

/** The rows: sample text and every hard case the importer must get right. */
export function fixtureRows(now: number): FixtureRow[] {
  const nowS = Math.floor(now / 1000);
  return [
    {
      id: 101, catid: 2, listcatid: "2,1,3", topicid: 1, author: "Phan Quang, Đức Thuần", sourceid: 1, status: 1, publtime: VN("2018-01-15T08:30:00"),
      title: "Tổng kết phong trào &quot;Toàn dân bảo vệ an ninh Tổ quốc&quot; năm 2017&#33;", alias: "Tong-ket-phong-trao-Toan-dan-bao-ve-an-ninh-To-quoc-nam-2017",
      hometext: "Năm 2017, phong trào được triển khai sâu rộng.<br />Nhiều mô hình hay.", homeimgfile: "2018_01/tong-ket.jpg", homeimgalt: "Hội nghị tổng kết", homeimgthumb: 1,
      bodyhtml:
        '<p style="text-align:justify"><span style="font-family:Times New Roman">Năm 2017, phong trào <strong>Toàn dân bảo vệ an ninh Tổ quốc</strong> trên địa bàn tỉnh Bắc Kạn được triển khai sâu rộng.</span></p><p>&nbsp;</p>' +
        '<figure class="image"><img alt="Trao Giấy khen" src="/uploads/news/2018_01/trao-giay-khen.jpg" /><figcaption>Lãnh đạo Công an tỉnh trao Giấy khen cho các tập thể</figcaption></figure>' +
        '<table border="1"><thead><tr><th>Đơn vị</th><th>Số tin</th></tr></thead><tbody><tr><td>Công an huyện Ba Bể</td><td>120</td></tr><tr><td>Công an huyện Chợ Đồn</td><td>98</td></tr></tbody></table>' +
        '<p class="MsoNormal"><o:p></o:p><span lang="VI" style="mso-ansi-language:VI">Đồng chí Giám đốc phát biểu chỉ đạo.</span></p>' +
        '<p><img src="https://example.org/anh-ngoai.jpg" alt="Ảnh ngoài" /></p><p><img src="/uploads/news/2018_01/khong-co.jpg" alt="Ảnh thiếu" /></p>',
      keywords: "an ninh, Bắc Kạn", files: "2018_01/quyet-dinh.pdf", tags: [["an-ninh-trật-tự", "an ninh trật tự"], ["bắc-kạn", "Bắc Kạn"]],
    },
    {
      id: 102, catid: 1, listcatid: "1", author: "Minh Đức", status: 1, publtime: VN("2019-03-02T09:00:00"),
      title: "GD&amp;ĐT tuyên truyền pháp luật cho học sinh", alias: "GD-DT-tuyen-truyen-phap-luat-cho-hoc-sinh",
      hometext: "Công an tỉnh phối hợp với Sở GD&amp;ĐT tuyên truyền.",
      // The second photo's path leaves uploads/ for a file beside it: never copied.
      bodyhtml: "<p>Công an tỉnh phối hợp với Sở GD&amp;ĐT tuyên truyền pháp luật.</p>".normalize("NFD") + '<p><img src="/uploads/../ngoai-uploads.jpg" alt="x" /></p>',
      tags: [["an-ninh-trật-tự", "an ninh trật tự"]], files: "2019_03/khong-co.docx",
    },
    // Scheduled: status 2, and a future publication time.
    { id: 103, catid: 1, listcatid: "1", status: 2, publtime: nowS + 30 * DAY, title: "Bài hẹn giờ đăng", alias: "Bai-hen-gio-dang", hometext: "", bodyhtml: "<p>Sẽ đăng sau.</p>" },
    { id: 104, catid: 1, listcatid: "1", status: 1, publtime: nowS + 10 * DAY, title: "Bài đặt giờ đăng trong tương lai", alias: "Bai-dat-gio-dang-trong-tuong-lai", hometext: "", bodyhtml: "<p>Chưa tới giờ.</p>" },
    // Drafts: saved (4) and waiting for approval (5).
    { id: 105, catid: 1, listcatid: "1", status: 4, publtime: VN("2019-05-01T10:00:00"), title: "Bài lưu nháp", alias: "Bai-luu-nhap", hometext: "", bodyhtml: "<p>Nháp.</p>" },
    { id: 106, catid: 3, listcatid: "3", status: 5, publtime: VN("2019-05-02T10:00:00"), title: "Bài chờ duyệt", alias: "Bai-cho-duyet", hometext: "", bodyhtml: "<p>Chờ duyệt.</p>" },
    // Expired: kept by archive, and not.
    { id: 107, catid: 3, listcatid: "3", status: 1, publtime: VN("2016-06-01T07:00:00"), exptime: VN("2017-01-01T00:00:00"), archive: 1, title: "Bài hết hạn được lưu trữ", alias: "Bai-het-han-duoc-luu-tru", hometext: "", bodyhtml: "<p>Lưu trữ.</p>" },
    { id: 108, catid: 3, listcatid: "3", status: 1, publtime: VN("2016-06-02T07:00:00"), exptime: VN("2017-01-01T00:00:00"), archive: 0, title: "Bài hết hạn không lưu", alias: "Bai-het-han-khong-luu", hometext: "", bodyhtml: "<p>Hết hạn.</p>" },
    // Suspended; and a row with no title.
    { id: 109, catid: 1, listcatid: "1", status: 0, publtime: VN("2017-02-01T07:00:00"), title: "Bài ngưng hiệu lực", alias: "Bai-ngung-hieu-luc", hometext: "", bodyhtml: "<p>Ngưng.</p>" },
    { id: 110, catid: 1, listcatid: "1", status: 1, publtime: VN("2017-02-02T07:00:00"), title: "", alias: "khong-tieu-de", hometext: "", bodyhtml: "<p>Không tiêu đề.</p>" },
  ];
}

/** Creates the database `name` (dropped first), fills it, and an uploads folder in `uploadsDir`. */
export async function makeNukevietDatabase(name: string, uploadsDir: string, now = Date.now()): Promise<string> {
  const admin = await mysql.createConnection({ uri: SERVER, multipleStatements: true, charset: "utf8mb4" }).catch((error: Error) => {
    throw new Error(`These tests need MariaDB at ${SERVER.replace(/:[^:@/]+@/, ":***@")} (${error.message}): run them with bash .ci/run, or start it and make the user as .ci/run does (README).`);
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; USE \`${name}\``);
    for (const sql of TABLES("nv4_vi")) await admin.query(sql);
    await admin.query("INSERT INTO nv4_vi_modules (title, module_file, module_data, module_upload, weight) VALUES ('news', 'news', 'news', 'news', 1)");
    await admin.query(
      "INSERT INTO nv4_vi_news_cat (catid, parentid, title, alias, description, weight) VALUES (1, 0, 'An ninh trật tự', 'an-ninh-trat-tu', 'Tin an ninh, trật tự', 1), (2, 1, 'Phòng chống tội phạm', 'Phong-chong-toi-pham', '', 1), (3, 0, 'Xây dựng lực lượng', 'xay-dung-luc-luong', '', 2)",
    );
    await admin.query("INSERT INTO nv4_vi_news_sources (sourceid, title) VALUES (1, 'Báo Bắc Kạn')");
    await admin.query("INSERT INTO nv4_vi_news_topics (topicid, title, alias, description) VALUES (1, 'Toàn dân bảo vệ an ninh Tổ quốc', 'toan-dan-bao-ve-an-ninh-to-quoc', 'Phong trào')");
    const tagIds = new Map<string, number>();
    for (const row of fixtureRows(now)) {
      await admin.query(
        "INSERT INTO nv4_vi_news_rows (id, catid, listcatid, topicid, author, sourceid, addtime, edittime, status, publtime, exptime, archive, title, alias, hometext, homeimgfile, homeimgalt, homeimgthumb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row.id, row.catid, row.listcatid, row.topicid ?? 0, row.author ?? "", row.sourceid ?? 0, row.publtime, row.publtime, row.status, row.publtime, row.exptime ?? 0, row.archive ?? 0, row.title, row.alias, row.hometext, row.homeimgfile ?? "", row.homeimgalt ?? "", row.homeimgthumb ?? 0],
      );
      await admin.query("INSERT INTO nv4_vi_news_detail (id, description, bodyhtml, keywords, files) VALUES (?, '', ?, ?, ?)", [row.id, row.bodyhtml, row.keywords ?? "", row.files ?? ""]);
      for (const [alias, keyword] of row.tags ?? []) {
        if (!tagIds.has(alias)) {
          const [result] = await admin.query("INSERT INTO nv4_vi_news_tags (alias, keywords) VALUES (?, ?)", [alias, keyword]);
          tagIds.set(alias, (result as { insertId: number }).insertId);
        }
        await admin.query("INSERT INTO nv4_vi_news_tags_id (id, tid, keyword) VALUES (?, ?, ?)", [row.id, tagIds.get(alias), keyword]);
      }
    }
  } finally {
    await admin.end();
  }
  for (const f of ["news/2018_01/tong-ket.jpg", "news/2018_01/trao-giay-khen.jpg"]) {
    fs.mkdirSync(path.dirname(path.join(uploadsDir, f)), { recursive: true });
    fs.writeFileSync(path.join(uploadsDir, f), TINY_JPEG);
  }
  fs.writeFileSync(path.join(uploadsDir, "news/2018_01/quyet-dinh.pdf"), "%PDF-1.4\n%…\n");
  fs.writeFileSync(path.join(uploadsDir, "..", "ngoai-uploads.jpg"), TINY_JPEG);
  return `${SERVER}/${name}`;
}

/** Runs a statement on the fixture database (to edit rows between two imports). */
export async function onDatabase(uri: string, sql: string, params: unknown[] = []) {
  const db = await mysql.createConnection({ uri, charset: "utf8mb4" });
  try {
    await db.query(sql, params);
  } finally {
    await db.end();
  }
}
