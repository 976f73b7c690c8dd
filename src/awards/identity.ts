// Who a recipient is. A collective is its name; a person is their name and
// unit. Names that differ only in Unicode normalization, case or spacing are
// the same recipient.
import type { Individual } from "../content/model.ts";

/** NFC, lower case (Vietnamese rules), single spaces, trimmed. */
export function normalizeName(name: string): string {
  return name.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
}

export type RecipientKind = "collective" | "individual";

export function collectiveKey(name: string): string {
  return `c|${normalizeName(name)}`;
}

export function individualKey(p: Individual): string {
  return `i|${normalizeName(p.name)}|${normalizeName(p.unit ?? "")}`;
}

/**
 * The given name, by which Vietnamese lists order people: the last word of
 * the name. A person written as one line ("Ông Lường Văn Bình, Trưởng thôn …")
 * is named by what comes before the first comma.
 */
export function givenName(name: string): string {
  const words = name.split(",")[0].trim().split(/\s+/);
  return words[words.length - 1] ?? "";
}
