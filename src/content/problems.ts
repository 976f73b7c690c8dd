// A problem found in the content: where, which key, what is wrong and how to fix it.

export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  /** The file as the writer knows it, e.g. content/articles/2018/x.md */
  file: string;
  line?: number;
  /** The front-matter key, dotted for nested keys: image.src, groups.0.award */
  key?: string;
  message: string;
}

/** `path:line  key: what is wrong (the value) — how to fix it` */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const prefix = p.severity === "warning" ? "cảnh báo: " : "";
  return `${where}  ${prefix}${p.key ? `${p.key}: ` : ""}${p.message}`;
}

/** Problems in a stable order: by file, then line, then key. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.key ?? "").localeCompare(b.key ?? ""),
  );
}

/** Shows a bad value briefly, as the writer typed it. */
export function showValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = "trống";
  else if (typeof value === "string") text = JSON.stringify(value);
  else if (value instanceof Date) text = value.toISOString();
  else text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
