// Reads `--name value` and `--flag` options from the command line (node:util).
// A mistyped option is a message and exit code 2, never a stack trace.
import { parseArgs } from "node:util";
import { outputMessages } from "../strings.ts";

type Spec = Record<string, { type: "string" | "boolean"; default?: string | boolean }>;

export function readOptions<T extends Spec>(spec: T, argv = process.argv.slice(2), usage = "") {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: true });
  } catch (error) {
    console.error(outputMessages.unknownOption(String((error as Error).message).split("\n")[0], usage || `Các tùy chọn: ${Object.keys(spec).map((k) => `--${k}`).join(", ")}`));
    process.exit(2);
  }
}

/** Runs a command's main function: an error nobody foresaw is one line (the stack only with DEBUG=1), exit code 1. */
export async function runMain(main: () => Promise<void>) {
  try {
    await main();
  } catch (error) {
    console.error(outputMessages.unexpected(String((error as Error)?.message ?? error).split("\n")[0]));
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  }
}
