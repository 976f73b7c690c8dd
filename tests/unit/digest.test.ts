// A page's body is hashed once and named by its digest in the page's hash and its search record's.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { htmlDigest, namedHtml } from "../../src/pipeline/digest.ts";

describe("a page body's digest", () => {
  it("is the SHA-256 of the html, and follows the html when the item is given another", () => {
    const item = { html: "<p>Đoạn đầu.</p>" };
    const sha = (s: string) => crypto.createHash("sha256").update(s).digest("base64");
    expect(htmlDigest(item)).toBe(sha("<p>Đoạn đầu.</p>"));
    item.html = "<p>Đoạn sửa.</p>";
    expect(htmlDigest(item)).toBe(sha("<p>Đoạn sửa.</p>"));
  });
  it("stands in a JSON for the item's html only, under the key html", () => {
    const page = { title: "<p>x</p>", html: "<p>x</p>", lead: "a" };
    const json = JSON.stringify({ page, text: [{ html: page.html }] }, (key, value) => namedHtml(key, value, page));
    expect(json).toBe(JSON.stringify({ page: { ...page, html: `#html:${htmlDigest(page)}` }, text: [{ html: `#html:${htmlDigest(page)}` }] }));
    // Another page's html is left as it is.
    expect(JSON.stringify({ html: "<p>y</p>" }, (key, value) => namedHtml(key, value, page))).toBe('{"html":"<p>y</p>"}');
  });
});
