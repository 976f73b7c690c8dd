// Runs a command and measures it as a whole process tree: wall time, CPU time
// (user + system of every process in the tree, read from /proc while they run)
// and peak memory (the sum of the RSS of every process in the tree, sampled
// from /proc every 50 ms).
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
const TICKS_PER_SECOND = 100; // getconf CLK_TCK

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

/** RSS of the tree now; records each process's CPU ticks so far in `cpu`. */
function sampleTree(root: number, cpu: Map<number, number>): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const statm = fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
      total += Number(statm[1]) * PAGE_KIB;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime + stime of the process itself (its children are counted as processes of their own)
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      /* gone */
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

/**
 * CPU time is the larger of GNU time's account (processes reaped by the tree)
 * and the sum over every process seen in /proc (which also catches helpers,
 * such as Pagefind's indexer, that the tree never reaps).
 */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<Measurement> {
  const timeFile = path.join(os.tmpdir(), `measure-${process.pid}-${Date.now()}.txt`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpu = new Map<number, number>();
    const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.quiet ? "ignore" : ["ignore", "inherit", "inherit"],
    });
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, sampleTree(child.pid!, cpu));
    }, 50);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const [user, sys] = fs.readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
      fs.rmSync(timeFile, { force: true });
      const seen = [...cpu.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND;
      resolve({ wallSeconds, cpuSeconds: Math.max(user + sys, seen), peakRssMiB: peak / 1024, exitCode: code ?? 1 });
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

/** Runs a measured command `runs` times (each after removing `clean`) and keeps the median of each figure. */
export async function repeat(what: string, command: string, args: string[], options: { runs?: number; clean?: string[]; cwd?: string; before?: () => void } = {}): Promise<Measurement> {
  const all: Measurement[] = [];
  for (let i = 0; i < (options.runs ?? 1); i++) {
    for (const dir of options.clean ?? []) fs.rmSync(dir, { recursive: true, force: true });
    options.before?.();
    const m = await measure(command, args, { cwd: options.cwd, quiet: true });
    if (m.exitCode !== 0) throw new Error(`${what} failed (exit ${m.exitCode}): ${command} ${args.join(" ")}`);
    all.push(m);
  }
  const pick = (f: (m: Measurement) => number) => median(all.map(f));
  return { wallSeconds: pick((m) => m.wallSeconds), cpuSeconds: pick((m) => m.cpuSeconds), peakRssMiB: pick((m) => m.peakRssMiB), exitCode: 0 };
}

export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** The production build's arguments to Node, run as `npm run build` runs it (Node with tsx's loader, no tsx process around it), with these options. */
export function buildArgs(...options: string[]): string[] {
  return ["--import", "tsx", path.resolve(import.meta.dirname, "../../src/cli/build.ts"), ...options];
}

/** When each step of a build ended (its `--timings` file). */
export type StepTimes = { step: string; at: number }[];

/** Each step's seconds, from the end of the step before (the first from the process's start, Node and tsx starting included). */
export function stepSeconds(steps: StepTimes): number[] {
  return steps.map((x, i) => x.at - (i ? steps[i - 1].at : 0));
}

/** The steps as a table cell: "load 9.9, photos 0.2, …". */
export function stepList(steps: StepTimes): string {
  return stepSeconds(steps)
    .map((d, i) => `${steps[i].step} ${d.toFixed(1)}`)
    .join(", ");
}

/** The machine the figures were measured on, for a table's heading: "2 × AMD EPYC, 24 GiB; Node v20.20.2". */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`;
}
