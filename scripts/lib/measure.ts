// Runs a command and measures it as a whole process tree: wall time, CPU time
// (user + system, children included, from GNU time) and peak memory (the sum
// of the RSS of every process in the tree, sampled from /proc every 50 ms).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Measurement {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  exitCode: number;
}

const PAGE_KIB = 4;

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(name));
      map.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  return map;
}

function treeRssKiB(root: number): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const statm = fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
      total += Number(statm[1]) * PAGE_KIB;
    } catch {
      /* gone */
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<Measurement> {
  const timeFile = path.join(os.tmpdir(), `measure-${process.pid}-${Date.now()}.txt`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.quiet ? "ignore" : ["ignore", "inherit", "inherit"],
    });
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, treeRssKiB(child.pid!));
    }, 50);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const [user, sys] = fs.readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
      fs.rmSync(timeFile, { force: true });
      resolve({ wallSeconds, cpuSeconds: user + sys, peakRssMiB: peak / 1024, exitCode: code ?? 1 });
    });
  });
}

/** Files and bytes below a folder. */
export function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const st = fs.statSync(path.join(dir, rel));
    if (st.isFile()) {
      files++;
      bytes += st.size;
    }
  }
  return { files, bytes };
}
