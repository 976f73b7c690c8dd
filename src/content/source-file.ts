// Reads one Markdown file into its front matter (with the line of every key)
// and its body. Front matter is YAML 1.2 (the `yaml` package): dates stay as
// text, so that src/text/dates.ts reads them in the site's time zone.
import matter from "gray-matter";
import { isMap, LineCounter, parseDocument, type Document } from "yaml";
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

/** Splits and parses a file; YAML errors are returned as problems, with their line. */
export function readSource(file: string, original: string): { source?: SourceFile; problems: Problem[] } {
  const text = original.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const split = matter(text, splitOnly);
  const raw = split.matter ?? "";
  if (!text.startsWith("---")) {
    return { problems: [{ severity: "error", file, line: 1, message: say.noFrontMatter() }] };
  }
  // gray-matter's `matter` starts right after the opening "---", so its line N is the file's line N.
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        severity: "error" as const,
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        message: say.yamlSyntax(e.message.split("\n")[0]),
      })),
    };
  }
  const data = doc.toJS() ?? {};
  if (!isMap(doc.contents) || typeof data !== "object" || Array.isArray(data)) {
    return { problems: [{ severity: "error", file, line: 2, message: say.frontMatterNotMap() }] };
  }
  const lineOf = (path: KeyPath): number => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const bodyLine = raw.split("\n").length + 2; // the closing "---" comes after the matter's last line
  return { source: { file, data: data as Record<string, unknown>, body: split.content, bodyLine, lineOf }, problems: [] };
}
