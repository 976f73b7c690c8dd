// npm run build: see build-command.ts.
import { buildCommand } from "./build-command.ts";

process.exit(await buildCommand(process.argv.slice(2)));
