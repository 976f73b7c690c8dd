// The sample site, freshly built into a temporary folder and served on
// 127.0.0.1, for the scripts that look at it (screenshots, Lighthouse).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { serveStatic, type StaticServer } from "../../src/dev/static-server.ts";
import { ROOT } from "../../src/paths.ts";

/** Builds and serves the sample; exits with a message when it does not build. `close()` stops the server and deletes the build. */
export async function serveFreshSample(): Promise<StaticServer> {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "trang-mau-"));
  const result = await buildSite({ contentDir: path.join(ROOT, "content"), outputDir: path.join(site, "_site") });
  if (!result.ok) {
    console.error("the sample does not build: run npm run build to see why");
    process.exit(1);
  }
  const server = await serveStatic(path.join(site, "_site"));
  return {
    url: server.url,
    async close() {
      await server.close();
      fs.rmSync(site, { recursive: true, force: true });
    },
  };
}
