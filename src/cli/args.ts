// Command-line options (node:util's parseArgs) and what every command shares:
// where it prints, and that a mistyped option or an error nobody foresaw is a
// message and an exit code, never a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { outputMessages } from "../strings.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Where a command prints: the console, or a test's buffers. */
export interface CommandIO {
  log(line: string): void;
  error(line: string): void;
}
export const consoleIO: CommandIO = { log: (l) => console.log(l), error: (l) => console.error(l) };

/** A command-line mistake: the message says which, and what the options are. */
export class UsageError extends Error {}

/** Parses `--name value` and `--flag` options; throws a UsageError for an unknown or incomplete one. */
export function parseOptions<T extends Options>(spec: T, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: true });
  } catch (error) {
    const detail = String((error as Error).message).split("\n")[0];
    throw new UsageError(outputMessages.unknownOption(detail, `Các tùy chọn: ${Object.keys(spec).map((k) => `--${k}`).join(", ")}`));
  }
}

/** For scripts that are not commands (npm start, npm run new): prints a UsageError and exits with code 2. */
export function readOptions<T extends Options>(spec: T, argv = process.argv.slice(2)) {
  try {
    return parseOptions(spec, argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

/**
 * Runs a command: resolves to its exit code. A UsageError is code 2; an error
 * nobody foresaw is one line (the stack only with DEBUG=1) and code 1.
 */
export async function runCommand(io: CommandIO, main: () => Promise<number>): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(error.message);
      return 2;
    }
    io.error(outputMessages.unexpected(String((error as Error)?.message ?? error).split("\n")[0]));
    if (process.env.DEBUG) console.error(error);
    return 1;
  }
}
