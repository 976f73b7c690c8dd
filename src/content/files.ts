// Finding and reading the content's files. Hidden files and folders (".git",
// ".DS_Store") and editors' lock and backup files (Emacs's ".#x.md") are
// skipped; anything else that looks like content but cannot be read as it
// (a folder named x.md, a link to nothing, a file that is not UTF-8) is a
// problem with its path, never a crash.
import fs from "node:fs";
import path from "node:path";
import { problems as say } from "../strings.ts";
import { decodeUtf8, guessEncoding, iconvName } from "./encoding.ts";
import type { Problem } from "./problems.ts";

/** A path as writers see it: relative to where they run the build, else absolute. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

const skipped = (name: string) => name.startsWith(".") || name.startsWith("#") || name.endsWith("~");

/** Every Markdown file below `dir`, in a stable order, with its stat, and a problem for each entry named .md that is not a readable file. */
export function markdownFiles(dir: string): { files: string[]; stats: fs.Stats[]; problems: Problem[] } {
  const files: string[] = [];
  const stats: fs.Stats[] = [];
  const problems: Problem[] = [];
  const visit = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ severity: "error", file: displayPath(folder), message: say.unreadable(String((error as NodeJS.ErrnoException).code ?? error)) });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (skipped(entry.name)) continue;
      const abs = path.join(folder, entry.name);
      const stat = fs.statSync(abs, { throwIfNoEntry: false });
      if (entry.isDirectory() || (entry.isSymbolicLink() && stat?.isDirectory())) {
        if (entry.name.endsWith(".md")) problems.push({ severity: "error", file: displayPath(abs), message: say.folderNamedMd() });
        else if (!entry.isSymbolicLink()) visit(abs);
        continue;
      }
      if (!entry.name.endsWith(".md")) continue;
      if (!stat) problems.push({ severity: "error", file: displayPath(abs), message: say.brokenLink(safeReadlink(abs)) });
      else if (!stat.isFile()) problems.push({ severity: "error", file: displayPath(abs), message: say.notAFile() });
      else {
        files.push(abs);
        stats.push(stat);
      }
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return { files, stats, problems };
}

function safeReadlink(abs: string): string {
  try {
    return fs.readlinkSync(abs);
  } catch {
    return "?";
  }
}

/** Reads a content file as UTF-8 text; a file in another encoding is a problem that says which, and how to convert it. */
export function readText(abs: string): { text?: string; problem?: Problem } {
  const file = displayPath(abs);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (error) {
    return { problem: { severity: "error", file, message: say.unreadable(String((error as NodeJS.ErrnoException).code ?? error)) } };
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { text };
  const encoding = guessEncoding(bytes);
  const firstBad = firstInvalidLine(bytes);
  return {
    problem: {
      severity: "error",
      file,
      line: firstBad,
      message: encoding ? say.legacyEncoding(encoding, iconvName[encoding], path.basename(abs), encoding !== "Latin-1" && encoding !== "UTF-16") : say.notUtf8(),
    },
  };
}

/** The line of the first byte sequence that is not UTF-8. */
function firstInvalidLine(bytes: Buffer): number {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (decodeUtf8(bytes.subarray(lineStart, i)) === undefined) return line;
      line++;
      lineStart = i + 1;
    }
  }
  return 1;
}
