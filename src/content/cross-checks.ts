// The checks that need more than one file, run once every file is parsed:
// ids that must name another file, two items at one address or with one id,
// photos that must exist inside the content folder, and award recipients
// whose names are one letter apart.
import fs from "node:fs";
import path from "node:path";
import { similarPairs } from "../awards/similar.ts";
import { problems as say } from "../strings.ts";
import type { PhotoUse, Reference } from "./parse/common.ts";
import { suggest } from "./parse/common.ts";
import type { RecipientUse } from "./parse/award-list.ts";
import type { Redirect } from "./model.ts";
import type { Problem } from "./problems.ts";

/**
 * Every reference must name a file of its kind. `known` holds the ids of the
 * files that exist, whether or not they are valid: a file with an error of its
 * own is reported once, not again in every file that names it.
 */
export function checkReferences(references: Reference[], known: Record<Reference["kind"], string[]>): Problem[] {
  const sets = { campaigns: new Set(known.campaigns), awards: new Set(known.awards), sections: new Set(known.sections) };
  const unknown = { campaigns: say.unknownCampaign, awards: say.unknownAwardList, sections: say.unknownSection };
  return references
    .filter((r) => !sets[r.kind].has(r.id))
    .map((r) => {
      const message = unknown[r.kind](r.id, suggest(r.id, known[r.kind]));
      return { severity: "error" as const, file: r.file, line: r.line, key: r.key, message };
    });
}

/** Two items may not share one address. `items` are in the order their files were read. */
export function checkAddresses(items: { url: string; file: string; titleLine: number }[]): Problem[] {
  const owners = new Map<string, string>();
  const problems: Problem[] = [];
  for (const item of items) {
    const owner = owners.get(item.url);
    if (owner) problems.push({ severity: "error", file: item.file, line: item.titleLine, key: "title", message: say.duplicateUrl(item.url, owner) });
    else owners.set(item.url, item.file);
  }
  return problems;
}

/** Two files of one kind may not have one id (content/awards/2018/x.md and content/awards/2019/x.md). */
export function checkIds(files: { id: string; file: string }[]): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { id, file } of files) {
    const other = first.get(id);
    if (other) problems.push({ severity: "error", file, line: 1, message: say.duplicateId(id, other) });
    else first.set(id, file);
  }
  return problems;
}

/**
 * Every photo must be a file inside the content folder; a link that leads
 * outside it is refused (the build would publish whatever it points at).
 * Returns the problems and the uses whose file was found.
 */
export function checkPhotoPaths(uses: PhotoUse[], contentDir: string, kind: "photo" | "file" = "photo"): { problems: Problem[]; found: PhotoUse[] } {
  const realRoot = fs.realpathSync(contentDir);
  const verdicts = new Map<string, "ok" | "missing" | "outside">();
  const verdict = (abs: string) => {
    let v = verdicts.get(abs);
    if (v) return v;
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat?.isFile()) v = "missing";
    else {
      const rel = path.relative(realRoot, fs.realpathSync(abs));
      v = rel.startsWith("..") || path.isAbsolute(rel) ? "outside" : "ok";
    }
    verdicts.set(abs, v);
    return v;
  };
  const problems: Problem[] = [];
  const found: PhotoUse[] = [];
  for (const use of uses) {
    const v = verdict(use.abs);
    if (v === "ok") found.push(use);
    else {
      const message =
        kind === "file" ? (v === "missing" ? say.missingFile(use.written) : say.fileOutsideContent(JSON.stringify(use.written))) : v === "missing" ? say.missingImage(use.written) : say.photoLinkOutside(use.written);
      problems.push({ severity: "error", file: use.file, line: use.line, key: use.key, message });
    }
  }
  return { problems, found };
}

/** Warns about recipients whose names are one letter or one abbreviation apart (the first place each is named). */
export function checkSimilarRecipients(uses: RecipientUse[]): Problem[] {
  const byKey = new Map<string, RecipientUse>();
  for (const u of uses) if (!byKey.has(u.key)) byKey.set(u.key, u);
  const all = [...byKey.values()];
  return similarPairs(all.map((r) => [r.key, `${r.key[0]}|${r.form}`])).map(([a, b]) => {
    const [first, second] = [byKey.get(a)!, byKey.get(b)!].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line));
    return { severity: "warning" as const, file: second.file, line: second.line, message: say.similarRecipients(second.name, first.name, `${first.file}:${first.line}`) };
  });
}

/** A section may not sit, through its parents, under itself. */
export function checkSectionCycles(sections: { id: string; file: string; parent?: string; parentLine: number }[]): Problem[] {
  const parentOf = new Map(sections.map((s) => [s.id, s.parent]));
  const problems: Problem[] = [];
  for (const s of sections) {
    const chain = [s.id];
    for (let at = s.parent; at && parentOf.has(at); at = parentOf.get(at)) {
      chain.push(at);
      if (at === s.id) {
        problems.push({ severity: "error", file: s.file, line: s.parentLine, key: "parent", message: say.sectionCycle(chain.join(" → ")) });
        break;
      }
      if (chain.length > sections.length) break;
    }
  }
  return problems;
}

/**
 * Old addresses: each leads to one place, is not an address the site has,
 * and (when it is a site path) leads to one of the site's addresses.
 */
export function checkRedirects(redirects: Redirect[], siteAddresses: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, Redirect>();
  const bare = (p: string) => p.replace(/[?#].*$/, "");
  for (const r of redirects) {
    const at = { file: r.file, line: r.line, key: "aliases" };
    const other = first.get(r.from);
    if (other) problems.push({ severity: "error", ...at, message: say.aliasTwice(r.from, `${other.file}:${other.line}`) });
    else first.set(r.from, r);
    if (siteAddresses.has(r.from) || siteAddresses.has(`${r.from}/`)) problems.push({ severity: "error", ...at, message: say.aliasIsPage(r.from) });
    if (r.to.startsWith("/") && !siteAddresses.has(bare(r.to))) problems.push({ severity: "error", ...at, key: "to", message: say.redirectToNothing(r.to) });
  }
  return problems;
}
