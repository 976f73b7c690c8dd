// The guards that stand between a writer's mistake and their files: which
// output folders a build may replace, sub-paths, CSV cells, encodings.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolder, OUTPUT_MARKER, outputErrorMessage, outputRefusal } from "../../src/pipeline/output-folder.ts";
import { neutraliseCell, toCsv } from "../../src/awards/register.ts";
import { guessEncoding } from "../../src/content/encoding.ts";
import { ROOT } from "../../src/paths.ts";
import { outputMessages } from "../../src/strings.ts";
import { normalisePathPrefix } from "../../src/urls.ts";
import { encoded } from "../helpers/fixtures.ts";

describe("the output folder", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guard-"));
  const content = path.join(tmp, "content");
  fs.mkdirSync(content);
  const refusal = (outputDir: string, force = false) => outputRefusal({ outputDir, contentDir: content, projectDir: ROOT, force });

  it("is refused, even with --force, when it is the project, above it, home, above home, or the root", () => {
    for (const force of [false, true]) {
      expect(refusal(ROOT, force)).toBe(outputMessages.isProject());
      expect(refusal(path.dirname(ROOT), force)).toBe(outputMessages.isProject());
      expect(refusal(os.homedir(), force)).toBe(outputMessages.isHome());
      expect(refusal("/", force)).toBe(outputMessages.isRoot());
    }
  });

  it("is refused when it is the content folder, inside it or above it, also through a symlink", () => {
    fs.symlinkSync(content, path.join(tmp, "lien-ket-noi-dung"));
    expect(refusal(content, true)).toBe(outputMessages.isContent());
    expect(refusal(path.join(content, "x"), true)).toBe(outputMessages.isContent());
    expect(refusal(tmp, true)).toBe(outputMessages.isContent());
    expect(refusal(path.join(tmp, "lien-ket-noi-dung", "site"), true)).toBe(outputMessages.isContent());
  });

  it("may be absent, empty, or marked by a previous build; a folder of other files needs --force", () => {
    const out = path.join(tmp, "_site");
    expect(refusal(out)).toBeUndefined();
    fs.mkdirSync(out);
    expect(refusal(out)).toBeUndefined();
    fs.writeFileSync(path.join(out, "index.html"), "x");
    expect(refusal(out)).toBe(outputMessages.notOurs(1));
    expect(refusal(out, true)).toBeUndefined();
    fs.writeFileSync(path.join(out, OUTPUT_MARKER), "");
    expect(refusal(out)).toBeUndefined();
  });

  it("may be a build's output from before the marker, known by the files only a build writes together", () => {
    const old = path.join(tmp, "_site-cu");
    for (const f of ["pagefind/pagefind.js", "tim-kiem/search.js"]) {
      fs.mkdirSync(path.dirname(path.join(old, f)), { recursive: true });
      fs.writeFileSync(path.join(old, f), "");
    }
    expect(refusal(old)).toBe(outputMessages.notOurs(2));
    fs.writeFileSync(path.join(old, "sitemap.xml"), "");
    expect(refusal(old)).toBeUndefined();
  });

  it("names the file-system problem a writer can fix, and nothing else", () => {
    const err = (code: string, p: string) => Object.assign(new Error(code), { code, path: p });
    expect(outputErrorMessage(err("EACCES", "/srv/site.tmp-12"), "/srv/site")).toBe(outputMessages.notWritable("/srv/site"));
    expect(outputErrorMessage(err("EXDEV", "/mnt/usb"), "/mnt/usb")).toBe(outputMessages.cannotSwap("/mnt/usb"));
    expect(outputErrorMessage(err("ENOSPC", "/srv/site.tmp-12/a.html"), "/srv/site")).toBe(outputMessages.noSpace("/srv/site"));
    expect(outputErrorMessage(err("EROFS", "/srv/site"), "/srv/site")).toBe(outputMessages.readOnly("/srv/site"));
    // A content file that vanished mid-build is not the output's fault: left to the general message.
    expect(outputErrorMessage(err("ENOENT", "/home/a/content/x.md"), "/srv/site")).toBeUndefined();
    expect(outputErrorMessage(new TypeError("x"), "/srv/site")).toBeUndefined();
  });

  it("is created where the file system says ENOENT for a folder whose parent exists (/proc), with an error instead of a hang", () => {
    expect(() => makeFolder("/proc/luu-tru-thu/site")).toThrow(/ENOENT/);
    const deep = path.join(tmp, "a", "b", "c");
    makeFolder(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
  });
});

describe("the sub-path", () => {
  it.each([
    ["/", "/"],
    ["", "/"],
    ["luu-tru", "/luu-tru/"],
    ["/luu-tru", "/luu-tru/"],
    ["//a//b/", "/a/b/"],
    [" /luu-tru/ ", "/luu-tru/"],
  ])("normalises %j to %j", (raw, expected) => expect(normalisePathPrefix(raw)).toBe(expected));

  it.each(["/../x/", "/a/./b/", "/luu tru/", '/a"b/', "/a'b/", "/a<b>/", "/a\\b/", "/lưu-trữ/", "/a?b/"])("refuses %j", (raw) =>
    expect(normalisePathPrefix(raw)).toBeUndefined(),
  );
});

describe("CSV cells", () => {
  it("that a spreadsheet would run are shown as text; others are unchanged", () => {
    for (const cell of ["=1+1", "+84 912", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ["Công an huyện Ba Bể", "2018", "Đại úy", ""]) expect(neutraliseCell(cell)).toBe(cell);
    expect(toCsv([["2018", "=HYPERLINK(\"http://x\")"]])).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe("a file's encoding, when it is not UTF-8", () => {
  const text = "Công an tỉnh Bắc Kạn tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc; đồng chí Trưởng phòng phát biểu.";
  it.each([
    ["TCVN3", encoded.tcvn3(text)],
    ["VISCII", encoded.viscii(text)],
    ["Windows-1258", encoded.windows1258(text)],
    ["Latin-1", encoded.latin1("Café crème, garçon, élève à Paris")],
  ])("is told: %s", (name, bytes) => expect(guessEncoding(bytes)).toBe(name));

  it("is not guessed from bytes that are no text", () => expect(guessEncoding(Buffer.from([0x80, 0x81, 0x00, 0x9f, 0x20, 0x8d]))).toBeUndefined());
});
