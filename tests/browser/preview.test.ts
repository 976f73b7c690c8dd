// The preview writers keep open all day (npm start): it says the address it
// really serves, stops whole when told to, leaves no dead processes behind,
// and a save reloads an open page once and prints an error once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { makeContent, REPO, SAMPLE_CONTENT, writeFiles } from "../helpers/content.ts";

interface Preview {
  child: ChildProcess;
  /** Everything it printed so far. */
  log(): string;
  url: string;
  content: string;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, log: () => string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve(probe()).catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the preview printed:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the preview on a copy of the sample: through npm (as writers do) or node directly (to see its own process). */
async function startPreview(how: "npm" | "node", port: number): Promise<Preview> {
  const { root, content } = makeContent({}, {});
  fs.cpSync(SAMPLE_CONTENT, content, { recursive: true });
  const args = ["--port", String(port), "--content", content, "--output", path.join(root, "preview")];
  const child =
    how === "npm"
      ? spawn("npm", ["start", "--", ...args], { cwd: REPO, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"], detached: true })
      : spawn(process.execPath, ["--import", "tsx", path.join(REPO, "src/cli/serve.ts"), ...args], { cwd: REPO, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const log = () => text;
  const url = await until("the preview's address", () => /Trang xem trước: (http:\S+)/.exec(text)?.[1], log);
  return { child, log, url, content };
}

const answers = (url: string) => fetch(url).then((r) => r.ok, () => false);
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/** Processes whose parent is `pid` and that have exited without being collected. */
function zombiesOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return state === "Z" && Number(ppid) === pid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

describe("npm start", () => {
  it("prints the port it fell back to when the one asked for is taken, and serves there", async () => {
    const port = await freePort();
    const taken = net.createServer().listen(port, "127.0.0.1");
    try {
      const preview = await startPreview("node", port);
      expect(preview.url).not.toBe(`http://127.0.0.1:${port}/`);
      expect(preview.log()).toContain(`Cổng ${port} đang được dùng, trang xem trước dùng cổng ${new URL(preview.url).port}.`);
      expect(await answers(preview.url)).toBe(true);
    } finally {
      taken.close();
    }
  }, 90_000);

  it("stops whole when npm is sent SIGTERM, and when Ctrl-C is pressed (SIGINT to the terminal's processes)", async () => {
    for (const stop of ["SIGTERM to npm", "SIGINT to the group"]) {
      const preview = await startPreview("npm", await freePort());
      expect(await answers(preview.url)).toBe(true);
      if (stop === "SIGTERM to npm") preview.child.kill("SIGTERM");
      else process.kill(-preview.child.pid!, "SIGINT");
      await exited(preview.child);
      await until(`the server to stop after ${stop}`, async () => ((await answers(preview.url)) ? undefined : true), preview.log, 10_000);
    }
  }, 120_000);

  it("leaves no dead Pagefind processes behind, save after save", async () => {
    const preview = await startPreview("node", await freePort());
    for (let i = 1; i <= 3; i++) {
      const before = preview.log().split("đã cập nhật").length;
      // A new article: a full rebuild, with a new search index each time.
      writeFiles(preview.content, { [`articles/2019/moi-${i}.md`]: `---\ntitle: Tin mới ${i}\ndate: 2019-06-0${i}\n---\nNội dung ${i}.\n` });
      await until(`rebuild ${i}`, () => (preview.log().split("trang trong").length > before ? true : undefined), preview.log);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(zombiesOf(preview.child.pid!)).toEqual([]);
  }, 120_000);
});

describe("npm start, in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("reloads an open article once for a save of its text, and prints a broken file's error once", async () => {
    const preview = await startPreview("node", await freePort());
    const page = await browser.newPage();
    await page.goto(`${preview.url}tin-tuc/2018/tong-ket-phong-trao-2017/`);
    let loads = 0;
    page.on("load", () => loads++);
    const file = path.join(preview.content, "articles/2018/tong-ket-phong-trao-2017.md");
    const fullBuilds = () => preview.log().split("trang trong").length - 1;
    const builds = fullBuilds();

    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n---\n/, "\n---\nĐoạn mới thêm vào đầu bài.\n\n"));
    // The quick update shows the new text, then the full rebuild brings the lists up to date behind it.
    await until("the full rebuild after the quick update", () => (fullBuilds() > builds ? true : undefined), preview.log);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.textContent("main")).toContain("Đoạn mới thêm vào đầu bài.");
    expect(loads).toBe(1);

    writeFiles(preview.content, { "articles/2019/hong.md": "---\ntitle: Hỏng\n---\n" });
    await until("the banner", async () => ((await page.locator("#loi-xem-truoc").count()) ? true : undefined), preview.log);
    await new Promise((r) => setTimeout(r, 3000));
    const line = "content/articles/2019/hong.md:1  date: thiếu khóa bắt buộc";
    expect(preview.log().split(line).length - 1).toBe(1);
    await page.close();
  }, 120_000);
});
