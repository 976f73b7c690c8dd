// npm run check: see check-command.ts.
import { checkCommand } from "./check-command.ts";

process.exit(await checkCommand(process.argv.slice(2)));
