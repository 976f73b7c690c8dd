// Reads `--name value` and `--flag` options from the command line (node:util).
import { parseArgs } from "node:util";

export function readOptions<T extends Record<string, { type: "string" | "boolean"; default?: string | boolean }>>(spec: T, argv = process.argv.slice(2)) {
  return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: true });
}
