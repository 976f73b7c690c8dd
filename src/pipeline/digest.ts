// A page's body (its HTML, photos in place) is most of what decides both its
// page's hash (incremental.ts) and its search record's (documents.ts): it is
// hashed once a build, here, and both name it by its digest.
import crypto from "node:crypto";

const digests = new WeakMap<object, { html: string; digest: string }>();

/** The SHA-256 of an item's `html` (base64), computed again only when the item's html is another string. */
export function htmlDigest(item: { html: string }): string {
  const known = digests.get(item);
  if (known && known.html === item.html) return known.digest;
  const digest = crypto.createHash("sha256").update(item.html).digest("base64");
  digests.set(item, { html: item.html, digest });
  return digest;
}

/** What a hash's JSON says in place of `item.html` wherever that string stands under the key "html". */
export function namedHtml(key: string, value: unknown, item: { html?: unknown } | undefined): unknown {
  return key === "html" && typeof value === "string" && item?.html === value ? `#html:${htmlDigest(item as { html: string })}` : value;
}
