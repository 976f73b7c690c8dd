// Serves a built site on 127.0.0.1 in a process of its own (serveStaticApart
// in static-server.ts starts it): prints its address, then serves until killed.
//   node --import tsx src/dev/static-server-process.ts DIR [PREFIX]
import { serveStatic } from "./static-server.ts";

const server = await serveStatic(process.argv[2], process.argv[3] ?? "/");
process.stdout.write(`${server.url}\n`);
