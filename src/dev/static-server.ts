// A static file server on 127.0.0.1 for tests, the search evaluation and
// benchmarks: serves a built site, optionally under a sub-path.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/luu-tru/ */
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, prefix = "/"): Promise<StaticServer> {
  const handler = sirv(dir, { dev: true, etag: false, extensions: ["html"] });
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(prefix)) {
      res.statusCode = 404;
      return res.end("not found");
    }
    req.url = `/${url.slice(prefix.length)}`;
    handler(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  // Its clients (search.js in Node, in the same process) can hold the event loop for seconds with
  // Pagefind's WebAssembly: Node's 5 s keep-alive timeout then closed a socket the client was
  // reusing (the evaluation died on "fetch failed … ECONNRESET", twice). Idle sockets stay a minute.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The same server in a process of its own, for a client in this process that
 * holds the event loop for long (search.js merging dozens of shards at
 * 100,000 articles, in the search evaluation): the server answers anyway.
 */
export async function serveStaticApart(dir: string, prefix = "/"): Promise<StaticServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./static-server-process.ts", import.meta.url)), dir, prefix], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0].trim());
    });
    child.once("exit", (code) => reject(new Error(`static server process stopped (${code})`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
