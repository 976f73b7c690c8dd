// The evaluation's static server in a process of its own (so that search.js,
// merging many shards in the evaluation's process, never holds up its
// answers): it serves the folder, and stops when closed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serveStaticApart } from "../../src/dev/static-server.ts";

describe("a static server in a process of its own", () => {
  it("serves a folder from another process, and stops when closed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "served-"));
    fs.writeFileSync(path.join(dir, "a.json"), '{"ok":true}');
    const server = await serveStaticApart(dir);
    try {
      expect(await (await fetch(`${server.url}a.json`)).json()).toEqual({ ok: true });
      expect((await fetch(`${server.url}missing.json`)).status).toBe(404);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await expect(fetch(`${server.url}a.json`)).rejects.toThrow();
  }, 30_000);
});
