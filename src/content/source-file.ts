// Reads one Markdown file into its front matter (with the line of every key)
// and its body, or a YAML file (site.yaml) into its data. YAML is 1.2 (the
// `yaml` package): dates stay as text, so that src/text/dates.ts reads them in
// the site's time zone. A YAML mistake is one problem, on the line where the
// writer made it (an unclosed "[" or quote is reported where it opens).
import matter from "gray-matter";
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { problems as say } from "../strings.ts";
import type { Problem } from "./problems.ts";

export type KeyPath = readonly (string | number)[];

export interface SourceFile {
  /** The file as shown in messages. */
  file: string;
  data: Record<string, unknown>;
  body: string;
  /** Line number (1-based) of the body's first line in the file. */
  bodyLine: number;
  /** The line of a key (or of its nearest present parent). */
  lineOf(path: KeyPath): number;
}

// The YAML is parsed below, with line numbers; gray-matter only splits the file.
const splitOnly = { engines: { yaml: (raw: string) => ({ raw }) } } as unknown as Parameters<typeof matter>[1];

/** Aliases (*name) a file may use: a handful is plenty, thousands are an attack ("billion laughs"). */
const MAX_ALIASES = 100;

const normalise = (original: string) => original.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

/** Splits and parses a Markdown file; YAML errors are returned as problems, with their line. */
export function readSource(file: string, original: string): { source?: SourceFile; problems: Problem[] } {
  const text = normalise(original);
  if (!text.startsWith("---")) {
    return { problems: [{ severity: "error", file, line: 1, message: say.noFrontMatter() }] };
  }
  const split = matter(text, splitOnly);
  const raw = split.matter ?? "";
  // gray-matter's `matter` starts right after the opening "---", so its line N is the file's line N.
  const parsed = parseYaml(file, raw);
  if (!parsed.ok) return { problems: parsed.problems };
  const bodyLine = raw.split("\n").length + 2; // the closing "---" comes after the matter's last line
  return { source: { file, data: parsed.data, body: split.content, bodyLine, lineOf: parsed.lineOf }, problems: [] };
}

/**
 * Parses a YAML file (content/site.yaml, content/redirects.yaml). It may be
 * framed like front matter, by "---" lines. Its top level is a map, or with
 * `list` a list, which `data.items` then holds.
 */
export function readYamlFile(file: string, original: string, list = false): { source?: SourceFile; problems: Problem[] } {
  // A closing "---" would start a second, empty document: it is dropped (its line kept, so lines stay right).
  const text = normalise(original).replace(/\n---[ \t]*\n?\s*$/, "\n");
  const parsed = parseYaml(file, text, list);
  if (!parsed.ok) return { problems: parsed.problems };
  return { source: { file, data: parsed.data, body: "", bodyLine: 0, lineOf: parsed.lineOf }, problems: [] };
}

type Parsed = { ok: true; data: Record<string, unknown>; lineOf: (path: KeyPath) => number } | { ok: false; problems: Problem[] };

/** Parses YAML whose line N is the file's line N; a top-level list (with `list`) is held as `items`. */
function parseYaml(file: string, raw: string, list = false): Parsed {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const problem = (offset: number, message: string): Parsed => ({ ok: false, problems: [{ severity: "error", file, line: lineAt(offset), message }] });
  if (doc.errors.length) {
    // The first error is the writer's; the others follow from it.
    const e = doc.errors[0];
    return problem(errorOffset(raw, e), yamlMessage(e));
  }
  let aliases = 0;
  let firstAlias = 0;
  visit(doc, {
    Alias(_, node) {
      if (!aliases++) firstAlias = node.range?.[0] ?? 0;
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch {
    return problem(firstAlias, say.yamlTooManyAliases());
  }
  if (list) {
    if (!isSeq(doc.contents) && doc.contents !== null) return problem((doc.contents as { range?: number[] }).range?.[0] ?? 0, say.redirectsNotList());
  } else if (!isMap(doc.contents) || typeof data !== "object" || Array.isArray(data)) {
    return problem((doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0, say.frontMatterNotMap());
  }
  const lineOf = (path: KeyPath): number => {
    const inDoc = list ? path.slice(1) : path; // "items" is not in the file
    for (let n = inDoc.length; n > 0; n--) {
      const node = doc.getIn(inDoc.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  return { ok: true, data: list ? { items: Array.isArray(data) ? data : [] } : (data as Record<string, unknown>), lineOf };
}

/**
 * Where the writer's mistake is. The parser reports an unclosed "[", "{" or
 * quote where it gave up (the end of the front matter); the mistake is the
 * opening character, found by walking back.
 */
function errorOffset(raw: string, e: YAMLError): number {
  const at = e.pos[0];
  const unclosed = /^Flow (sequence|map)/.exec(e.message);
  if (e.code === "BAD_INDENT" && unclosed) {
    const [open, close] = unclosed[1] === "sequence" ? ["[", "]"] : ["{", "}"];
    let depth = 0;
    for (let i = Math.min(at, raw.length - 1); i >= 0; i--) {
      if (raw[i] === close) depth++;
      else if (raw[i] === open && depth-- === 0) return i;
    }
  }
  const quote = /^Missing closing (["'])quote/.exec(e.message);
  if (e.code === "MISSING_CHAR" && quote) {
    const i = raw.lastIndexOf(quote[1], at - 1);
    if (i >= 0) return i;
  }
  return at;
}

/** A writer's words for the YAML mistakes they make most; the parser's own text otherwise. */
function yamlMessage(e: YAMLError): string {
  const first = e.message.split("\n")[0];
  if (e.code === "BAD_INDENT" && /^Flow sequence/.test(first)) return say.yamlUnclosed("[", "]");
  if (e.code === "BAD_INDENT" && /^Flow map/.test(first)) return say.yamlUnclosed("{", "}");
  if (e.code === "MISSING_CHAR" && /quote/.test(first)) return first.includes("'") ? say.yamlUnclosed("'", "'") : say.yamlUnclosed('"', '"');
  if (e.code === "TAB_AS_INDENT") return say.yamlTab();
  if (e.code === "DUPLICATE_KEY") return say.yamlDuplicateKey();
  if (e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY") return say.yamlColonInValue();
  return say.yamlSyntax(first);
}
