// Temporary content folders for tests: a small valid archive, plus whatever
// files a test adds or breaks.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "../..");
export const SAMPLE_CONTENT = path.join(REPO, "content");

/** A 1x1 JPEG, enough for a photo that must exist. */
const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=",
  "base64",
);

export const BASE_FILES: Record<string, string | Buffer> = {
  "campaigns/toan-dan.md": "---\ntitle: Toàn dân bảo vệ an ninh Tổ quốc\nstarted: 1962\n---\nMô tả phong trào.\n",
  "campaigns/thong-tu-23.md": "---\ntitle: An toàn về an ninh, trật tự\n---\nThông tư 23.\n",
  "awards/2018/2017-toan-dan.md":
    "---\ntitle: Khen thưởng năm 2017\ndate: 2018-01-15\ncampaigns: [toan-dan]\ngroups:\n  - award: Giấy khen\n    by: Giám đốc Công an tỉnh\n    collectives: [Công an huyện Ba Bể]\n    individuals:\n      - { name: Nguyễn Văn A, rank: Đại úy }\n---\nTrao khen.\n",
  "articles/2018/tong-ket.md":
    "---\ntitle: Tổng kết năm 2017\ndate: 2018-01-15T08:30\nauthors: Phan Quang - Đức Thuần\ncampaigns: [toan-dan]\ntags: [Thông tư 23]\nawards: [2017-toan-dan]\n---\nĐoạn đầu.\n\n![Ảnh](/images/a.jpg \"Chú thích ảnh\")\n",
  "articles/2018/bai-hai.md": "---\ntitle: Bài hai\ndate: 2018-02-01\ncampaigns: [thong-tu-23]\n---\nNội dung bài hai.\n",
  "articles/2017/bai-mot.md": "---\ntitle: Bài một\ndate: 2017-12-31T23:00\n---\nNội dung bài một.\n",
  "images/a.jpg": TINY_JPEG,
};

/** Creates <tmp>/content with the base files, overridden or removed (null) by `changes`. */
export function makeContent(changes: Record<string, string | Buffer | null> = {}, base = BASE_FILES): { root: string; content: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "archive-test-"));
  const content = path.join(root, "content");
  writeFiles(content, { ...base, ...changes });
  return { root, content };
}

export function writeFiles(dir: string, files: Record<string, string | Buffer | null>) {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (text === null) {
      fs.rmSync(file, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** Every file below a folder with its bytes, for "nothing changed" checks. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out.set(rel, fs.readFileSync(file).toString("base64"));
  }
  return out;
}

/** Runs one of src/cli/*.ts as a writer would, from `cwd`; resolves to its exit code and output. */
export function runCli(script: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // NODE_OPTIONS from the test runner would make the child look for tsx in `cwd`.
    const env = { ...process.env, NODE_OPTIONS: "" };
    execFile(path.join(REPO, "node_modules/.bin/tsx"), [path.join(REPO, "src/cli", script), ...args], { cwd, env }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
