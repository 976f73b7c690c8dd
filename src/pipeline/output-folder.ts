// The output folder is replaced whole by every build, so the build must be
// sure it is its own: a folder a previous build made (it holds the marker
// file below), an empty folder, or none. Anything else is refused before any
// work, unless the writer says `--force`; and some folders are refused even
// then (the content, the project, the home folder, the filesystem's root).
// Staging folders left by a build that was killed are removed by the next
// build into the same output, once their process is gone.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { outputMessages as say } from "../strings.ts";
import { urls } from "../urls.ts";

/** Written into every output: how the next build knows the folder is one it made. */
export const OUTPUT_MARKER = ".luu-tru-tin-tuc";

export interface OutputGuard {
  outputDir: string;
  contentDir: string;
  /** The generator's own folder (package.json, src/). */
  projectDir: string;
  /** The writer said the folder is theirs to replace. */
  force?: boolean;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Both the path as given and with links resolved, for every existing part of it. */
function realish(p: string): string {
  const abs = path.resolve(p);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  try {
    return path.join(fs.realpathSync(existing), ...rest);
  } catch {
    return abs;
  }
}

/** Why the build must not replace `outputDir`, or undefined when it may. */
export function outputRefusal({ outputDir, contentDir, projectDir, force }: OutputGuard): string | undefined {
  const forms = [...new Set([path.resolve(outputDir), realish(outputDir)])];
  const content = [...new Set([path.resolve(contentDir), realish(contentDir)])];
  const project = [...new Set([path.resolve(projectDir), realish(projectDir)])];
  const home = os.homedir();
  for (const out of forms) {
    if (path.dirname(out) === out) return say.isRoot();
    if (home && (inside(path.resolve(home), out) || inside(realish(home), out))) return say.isHome();
    if (project.some((p) => inside(p, out))) return say.isProject();
    if (content.some((c) => inside(out, c) || inside(c, out))) return say.isContent();
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(outputDir, { throwIfNoEntry: false });
  } catch (error) {
    return outputErrorMessage(error, outputDir) ?? say.pathBlocked(outputDir);
  }
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return say.isLink();
  if (!stat.isDirectory()) return say.isFile();
  if (force) return undefined;
  const entries = fs.readdirSync(outputDir);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || madeBeforeMarker(outputDir)) return undefined;
  return say.notOurs(entries.length);
}

/** Builds made before the marker existed are known by three files only they write together. */
function madeBeforeMarker(dir: string): boolean {
  return [`${urls.searchIndex()}pagefind.js`, urls.searchModule(), urls.sitemap()].every((f) => fs.existsSync(path.join(dir, f)));
}

/**
 * Creates a folder and its missing parents one by one. (Node's own
 * `mkdirSync(dir, { recursive: true })` never returns when the file system
 * answers ENOENT for a folder whose parent exists, as /proc does.)
 */
export function makeFolder(dir: string) {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  for (const folder of missing) fs.mkdirSync(folder);
}

/** Marks a folder as this program's output. */
export function markOutput(dir: string) {
  fs.writeFileSync(path.join(dir, OUTPUT_MARKER), say.marker);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Deletes a folder this program made without waiting for it: a detached
 * `rm -rf` (at once on Windows, or where it cannot be started). At the lowest
 * CPU priority: the next build, often started at once, needs both cores
 * more than the deletion does.
 */
export function removeInBackground(dir: string) {
  const now = () => fs.rmSync(dir, { recursive: true, force: true });
  if (process.platform === "win32") return now();
  const child = spawn("nice", ["-n", "19", "rm", "-rf", dir], { detached: true, stdio: "ignore" });
  child.on("error", now);
  child.unref();
}

/** Moves the top folders or files `tops` of `root` (those it has) into a new marked folder `aside`, removed in the background. */
export function removeInBackgroundFrom(root: string, tops: Iterable<string>, aside: string) {
  makeFolder(aside);
  markOutput(aside);
  for (const top of tops) {
    try {
      fs.renameSync(path.join(root, top), path.join(aside, top));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  removeInBackground(aside);
}

/** Whether `dir` is a folder this program made (it holds the marker), not a link to one. */
export const ours = (dir: string) => fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() === true && fs.existsSync(path.join(dir, OUTPUT_MARKER));

/** Moves a folder this program made beside `outputDir`, under a new aside name, and removes it in the background. */
export function discard(dir: string, outputDir: string) {
  const aside = asideName(outputDir);
  fs.renameSync(dir, aside);
  removeInBackground(aside);
}

let lastAside = 0;
/** A new name beside the output (`<out>.old-<pid>-<n>`) for a folder to remove in the background: removeStaleFolders knows its form. */
export function asideName(outputDir: string): string {
  lastAside = Math.max(Date.now(), lastAside + 1);
  return `${path.resolve(outputDir)}.old-${process.pid}-${lastAside}`;
}

/**
 * Removes the staging (`<out>.tmp-<pid>`) and replaced (`<out>.old-<pid>-<time>`)
 * folders of earlier builds into the same output whose process is gone. A
 * folder is removed only if it carries the marker (or is empty): never one
 * this program did not make, never a live build's.
 */
export function removeStaleFolders(outputDir: string): string[] {
  const parent = path.dirname(path.resolve(outputDir));
  const base = path.basename(path.resolve(outputDir));
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(?:tmp-(\\d+)|old-(\\d+)-\\d+)$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid === process.pid || alive(pid)) continue;
    const dir = path.join(parent, name);
    try {
      const entries = fs.readdirSync(dir);
      if (entries.length && !entries.includes(OUTPUT_MARKER)) continue;
      // Renamed as this build's own (no other build takes it up while this one runs), then removed in
      // the background: often the last build's replaced site, which its own `rm` is still deleting
      // (28,000 files: 3.6 s of a 20,000-article build when removed here, BENCHMARKS.md). Should that
      // `rm` be stopped, a later build finds the folder again.
      discard(dir, outputDir);
      removed.push(dir);
    } catch {
      /* not ours to worry about: left as it is */
    }
  }
  return removed;
}

/** A writer's message for a file-system error met while writing the output, or undefined for any other error. */
export function outputErrorMessage(error: unknown, outputDir: string): string | undefined {
  const code = (error as NodeJS.ErrnoException)?.code;
  const raw = (error as NodeJS.ErrnoException)?.path ?? outputDir;
  // The staging folder beside the output is the build's own business: name the output.
  const where = raw.startsWith(`${outputDir}.`) ? outputDir : raw;
  switch (code) {
    case "ENOENT":
      // Only where the output is written: a content file that vanished is not the output's fault.
      return raw.startsWith(outputDir) ? say.cannotCreate(where) : undefined;
    case "EACCES":
    case "EPERM":
      return say.notWritable(where);
    case "EROFS":
      return say.readOnly(where);
    case "ENOSPC":
    case "EDQUOT":
      return say.noSpace(where);
    case "EXDEV":
    case "EBUSY":
      return say.cannotSwap(where);
    case "ENOTDIR":
    case "EEXIST":
      return say.pathBlocked(where);
    case "ENAMETOOLONG":
      return say.nameTooLong();
    default:
      return undefined;
  }
}

/**
 * A file of the output being replaced, put into the new one: a hard link
 * (no copy, no space) where the file system allows, else a copy. Never
 * written into afterwards: a build writes only files it has just created.
 */
export function linkOrCopy(from: string, to: string) {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
