// The writers' commands, run as a writer would (child processes on a
// temporary copy of the content), drafts and scheduled articles kept out of
// every output, corrections, and the preview recovering from a bad file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeContent, REPO, runCli, SAMPLE_CONTENT, writeFiles } from "../helpers/content.ts";
import { page } from "../helpers/site.ts";

function sampleCopy() {
  const made = makeContent({}, {});
  fs.cpSync(SAMPLE_CONTENT, made.content, { recursive: true });
  return made;
}

describe("npm run new", () => {
  it("creates an article in this year's folder, named by the folded title, dated now in Vietnam, and check accepts it", async () => {
    const { root } = sampleCopy();
    const before = DateTime.now().setZone("Asia/Ho_Chi_Minh");
    const made = await runCli("new.ts", ["article", 'Đồng chí Giám đốc thăm "Thôn tự quản"'], root);
    expect(made.code).toBe(0);
    const rel = `content/articles/${before.year}/dong-chi-giam-doc-tham-thon-tu-quan.md`;
    expect(made.stdout).toContain(`Đã tạo ${rel}`);
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    expect(text).toContain('title: Đồng chí Giám đốc thăm "Thôn tự quản"\n');
    const date = DateTime.fromISO(text.match(/^date: (.+)$/m)![1], { zone: "Asia/Ho_Chi_Minh" });
    expect(Math.abs(date.diff(before, "minutes").minutes)).toBeLessThan(2);
    for (const key of ["authors", "summary", "campaigns", "tags", "image", "awards", "draft"]) expect(text).toMatch(new RegExp(`^# ${key}:`, "m"));
    const check = await runCli("check.ts", [], root);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("19 tin bài");
  });

  it("creates a campaign, a section and an award list that check accepts", async () => {
    const { root } = sampleCopy();
    expect((await runCli("new.ts", ["campaign", "Phong trào mới"], root)).code).toBe(0);
    expect((await runCli("new.ts", ["section", "Gương người tốt việc tốt"], root)).code).toBe(0);
    expect(fs.readFileSync(path.join(root, "content/sections/guong-nguoi-tot-viec-tot.md"), "utf8")).toMatch(/^title: Gương người tốt việc tốt\n# parent: /m);
    expect((await runCli("new.ts", ["award", "Khen thưởng đột xuất"], root)).code).toBe(0);
    expect(fs.existsSync(path.join(root, "content/campaigns/phong-trao-moi.md"))).toBe(true);
    const year = DateTime.now().setZone("Asia/Ho_Chi_Minh").year;
    expect(fs.readFileSync(path.join(root, `content/awards/${year}/khen-thuong-dot-xuat.md`), "utf8")).toMatch(/^groups:\n {2}- award: Giấy khen/m);
    const check = await runCli("check.ts", [], root);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("4 chuyên mục, 3 phong trào, 4 danh sách khen thưởng");
  });

  it("refuses to overwrite a file, and explains its use", async () => {
    const { root } = sampleCopy();
    await runCli("new.ts", ["campaign", "Toàn dân bảo vệ an ninh Tổ quốc"], root).then((r) => expect(r.code).toBe(1));
    const again = await runCli("new.ts", ["campaign", "Toàn dân bảo vệ an ninh Tổ quốc"], root);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("đã có, không ghi đè");
    expect(fs.readFileSync(path.join(root, "content/campaigns/toan-dan-bao-ve-an-ninh-to-quoc.md"), "utf8")).toBe(
      fs.readFileSync(path.join(SAMPLE_CONTENT, "campaigns/toan-dan-bao-ve-an-ninh-to-quoc.md"), "utf8"),
    );
    const usage = await runCli("new.ts", ["bai-viet"], root);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Cách dùng: npm run new");
  });
});

describe("npm run check", () => {
  it("prints a one-line summary and exits 0 on good content", async () => {
    const { root } = sampleCopy();
    writeFiles(path.join(root, "content"), {
      "articles/2019/nhap.md": "---\ntitle: Nháp\ndate: 2019-01-01\ndraft: true\n---\nA.\n",
      "articles/2099/hen-gio.md": "---\ntitle: Hẹn giờ\ndate: 2099-01-01T08:00\n---\nB.\n",
    });
    const r = await runCli("check.ts", [], root);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("Nội dung hợp lệ: 18 tin bài, 3 chuyên mục, 2 phong trào, 3 danh sách khen thưởng, 1 bản nháp, 1 bài hẹn giờ.");
  });

  it("prints the build's messages and exits 1 on bad content, without building anything", async () => {
    const { root } = sampleCopy();
    writeFiles(path.join(root, "content"), { "articles/2019/hong.md": "---\ntitle: Hỏng\ndate: 2019-13-01\n---\n" });
    const r = await runCli("check.ts", [], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/articles/2019/hong.md:3  date: không đọc được ngày ("2019-13-01")');
    expect(r.stderr).toMatch(/1 lỗi trong 1 tệp\. Đã đọc 18 tin bài/);
    expect(fs.readdirSync(root)).toEqual(["content"]);
  });
});

/** Every file of a built site as text, Pagefind's compressed files decompressed. */
function everyByte(dir: string): string {
  let all = "";
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    let bytes = fs.readFileSync(file);
    if (/\.pf_\w+$/.test(rel)) bytes = gunzipSync(bytes);
    all += `\n${rel}\n${bytes.toString("latin1")}${bytes.toString("utf8")}`;
  }
  return all;
}

describe("drafts and scheduled articles", () => {
  const DRAFT = "---\ntitle: Tin nháp Zzbanthao\ndate: 2019-05-05T08:00\ndraft: true\ncampaigns: [thong-tu-23]\ntags: [Zztagnhap]\n---\nNội dung Zzbanthao chưa duyệt.\n";
  const SCHEDULED = "---\ntitle: Tin hẹn giờ Zzhengio\ndate: 2099-05-05T08:00\ncampaigns: [thong-tu-23]\n---\nNội dung Zzhengio chưa tới giờ.\n";
  let out: string;
  let stdout: string;
  let stderr: string;
  let timings: { step: string; at: number }[];

  beforeAll(async () => {
    const { root } = sampleCopy();
    writeFiles(path.join(root, "content"), { "articles/2019/tin-nhap-zzbanthao.md": DRAFT, "articles/2099/tin-hen-gio-zzhengio.md": SCHEDULED });
    const r = await runCli("build.ts", ["--timings", "timings.json"], root);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    stderr = r.stderr;
    out = path.join(root, "_site");
    timings = JSON.parse(fs.readFileSync(path.join(root, "timings.json"), "utf8"));
  }, 120_000);

  it("(the build's output is its own, in Vietnamese: no English summary from Eleventy)", () => {
    expect(stdout).toMatch(/Đã xây dựng \d+ trang/);
    expect(stdout).not.toContain("[11ty]");
  });

  it("(the build notes a missing site address, and only then)", async () => {
    expect(stderr).not.toContain("chưa có url:");
    const { root, content } = sampleCopy();
    fs.writeFileSync(path.join(content, "site.yaml"), "title: Công an tỉnh Bắc Kạn\n");
    const r = await runCli("build.ts", ["--no-search"], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("content/site.yaml chưa có url:");
  }, 120_000);

  it("(the build, asked with --timings, writes when each of its steps ended)", () => {
    expect(timings.map((t) => t.step)).toEqual(["load", "photos", "archive", "search records", "pages", "search index"]);
    const at = timings.map((t) => t.at);
    expect(at[0]).toBeGreaterThan(0);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it("never reach a production build: pages, lists, feeds, sitemap, search index, counts", () => {
    const all = everyByte(out);
    for (const word of ["Zzbanthao", "zzbanthao", "Zzhengio", "zzhengio", "Zztagnhap", "zztagnhap"]) expect(all).not.toContain(word);
    expect(page(out, "/phong-trao/")("main").text()).toContain("6 tin bài");
  });

  it("are reported by the build, the scheduled ones with their date", () => {
    expect(stdout).toContain("1 bản nháp không được đăng");
    expect(stdout).toContain("1 bài hẹn giờ chưa được đăng:");
    expect(stdout).toContain("content/articles/2099/tin-hen-gio-zzhengio.md — sẽ được đăng từ Thứ Ba, 05/05/2099 - 08:00");
  });

  it("are published by the first build after their date", () => {
    const { content } = makeContent({ "articles/2030/sau.md": "---\ntitle: Sau\ndate: 2030-01-01T08:00\n---\nA.\n" });
    const before = loadContent({ contentDir: content, now: Date.parse("2029-12-31T12:00:00Z") });
    expect(before.content.articles.map((a) => a.slug)).not.toContain("sau");
    expect(before.scheduled.map((s) => s.title)).toEqual(["Sau"]);
    const after = loadContent({ contentDir: content, now: Date.parse("2030-01-01T02:00:00Z") });
    expect(after.content.articles.map((a) => a.slug)).toContain("sau");
  });

  it("appear, marked, in the preview build", async () => {
    const { root, content } = sampleCopy();
    writeFiles(content, { "articles/2019/tin-nhap-zzbanthao.md": DRAFT, "articles/2099/tin-hen-gio-zzhengio.md": SCHEDULED });
    const preview = path.join(root, "preview");
    expect((await buildSite({ contentDir: content, outputDir: preview, includeDrafts: true })).ok).toBe(true);
    expect(page(preview, "/tin-tuc/2019/tin-nhap-zzbanthao/")(".draft-mark").text()).toBe("Bản nháp");
    expect(page(preview, "/tin-tuc/2099/tin-hen-gio-zzhengio/")(".draft-mark").text()).toBe("Hẹn giờ đăng: Thứ Ba, 05/05/2099 - 08:00");
    expect(page(preview, "/tin-tuc/2019/")(".story-title a[href='/tin-tuc/2019/tin-nhap-zzbanthao/'] + .badge").text()).toBe("nháp");
  });
});

describe("corrections", () => {
  it('show "Cập nhật", move the article up in the feed but not in the archive', async () => {
    const { root, content } = sampleCopy();
    writeFiles(content, {
      "articles/2016/tang-cuong-tuan-tra-tren-quoc-lo-3-dip-tet-binh-than.md": fs
        .readFileSync(path.join(SAMPLE_CONTENT, "articles/2016/tang-cuong-tuan-tra-tren-quoc-lo-3-dip-tet-binh-than.md"), "utf8")
        .replace("date: 2016-02-02T16:45", "date: 2016-02-02T16:45\nupdated: 2021-03-01T09:00"),
    });
    const out = path.join(root, "_site");
    expect((await buildSite({ contentDir: content, outputDir: out })).ok).toBe(true);
    const url = "/tin-tuc/2016/tang-cuong-tuan-tra-tren-quoc-lo-3-dip-tet-binh-than/";
    expect(page(out, url)(".meta").text()).toContain("Cập nhật: Thứ Hai, 01/03/2021 - 09:00");
    const feed = fs.readFileSync(path.join(out, "feed.xml"), "utf8");
    expect(feed.indexOf(`https://congan.backan.gov.vn${url}`)).toBeLessThan(feed.indexOf("<entry>", feed.indexOf("<entry>") + 1));
    expect(page(out, "/")(".lead-title a").attr("href")).toBe("/tin-tuc/2020/phong-chong-dich-covid-19-cong-an-tinh-ra-quan/");
    expect(page(out, "/tin-tuc/2016/")(".story-title a").last().attr("href")).toBe(url);
  });
});

describe("npm start", () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  let log = "";
  async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe().catch(() => undefined);
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the preview printed:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("previews on 127.0.0.1, shows a bad file's error in a banner over the last good page, and recovers when it is fixed", async () => {
    const { root, content } = sampleCopy();
    const port = await freePort();
    child = spawn(path.join(REPO, "node_modules/.bin/tsx"), [path.join(REPO, "src/cli/serve.ts"), "--port", String(port), "--output", path.join(root, "preview")], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    const home = `http://127.0.0.1:${port}/`;
    // As a browser navigates: the dev server adds its script (and the banner) to pages, not to fetch() calls,
    // and fetch() may not set sec-fetch-mode itself, so this asks with node:http.
    const get = (url: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        http
          .get(url, { headers: { "sec-fetch-mode": "navigate" } }, (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (d) => (body += d));
            res.on("end", () => resolve(res.statusCode === 200 ? body : undefined));
          })
          .on("error", reject);
      });
    const first = await until("the first build", () => get(home));
    expect(first).not.toContain("loi-xem-truoc");

    // A draft shows in the preview, marked.
    writeFiles(content, { "articles/2019/ban-nhap-moi.md": "---\ntitle: Bản nháp mới\ndate: 2019-06-01\ndraft: true\n---\nNháp.\n" });
    const draft = await until("the draft", async () => (await get(`${home}tin-tuc/2019/ban-nhap-moi/`)) ?? undefined);
    expect(draft).toContain('class="draft-mark"');

    // A broken file: the error in the terminal and a banner over the last good page.
    writeFiles(content, { "articles/2019/hong.md": "---\ntitle: Hỏng\n---\n" });
    const broken = await until("the banner", async () => ((await get(home))?.includes("loi-xem-truoc") ? await get(home) : undefined));
    expect(broken).toContain("content/articles/2019/hong.md:1  date: thiếu khóa bắt buộc");
    expect(broken).toContain("Công an tỉnh ra quân hỗ trợ phòng, chống dịch COVID-19");
    expect(log).toContain("content/articles/2019/hong.md:1  date: thiếu khóa bắt buộc");

    // Fixed: the banner goes and the change shows, without a restart.
    writeFiles(content, { "articles/2019/hong.md": "---\ntitle: Đã sửa xong\ndate: 2019-06-02\n---\nĐã sửa.\n" });
    const fixed = await until("the fix", async () => {
      const html = await get(`${home}tin-tuc/2019/`);
      return html && !html.includes("loi-xem-truoc") && html.includes("Đã sửa xong") ? html : undefined;
    });
    expect(fixed).toContain("/tin-tuc/2019/hong/");
  }, 150_000);
});
