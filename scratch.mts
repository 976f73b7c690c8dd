import { serveStatic } from "./src/dev/static-server.ts";
const server = await serveStatic("/tmp/gc2k/_site");
const pf = await import("data:text/javascript;base64," + (await import("node:fs")).readFileSync("/tmp/gc2k/_site/pagefind/pagefind.js").toString("base64"));
await pf.options({ basePath: `${server.url}pagefind/`, exactDiacritics: true, excerptLength: 12 });
await pf.init();
const r = await pf.search('"túy Khoảng 10"');
console.log(r.results.length);
for (const x of r.results.slice(0, 5)) { const d = await x.data(); console.log(d.raw_url, x.score, d.excerpt); }
await server.close();
