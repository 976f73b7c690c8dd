// content/sections/<id>.md: a section (chuyên mục).
import { urls } from "../../urls.ts";
import type { Section } from "../model.ts";
import { knownKeys, sectionSchema } from "../schema.ts";
import type { SourceFile } from "../source-file.ts";
import { FileResult, type ParseContext, type Parsed } from "./common.ts";

export function parseSection(src: SourceFile, id: string, context: ParseContext): Parsed<Section> {
  const r = new FileResult<Section>(src, context);
  const f = r.fields(sectionSchema, knownKeys.section);
  const idOk = r.checkId(id);
  if (f.parent) r.references.push({ file: src.file, line: src.lineOf(["parent"]), key: "parent", kind: "sections", id: f.parent });
  const { html } = r.body();
  r.aliasesTo(urls.section(id), f.aliases);
  if (idOk && f.title) {
    r.item = { kind: "section", id, file: src.file, url: urls.section(id), title: f.title, parent: f.parent, order: f.order, summary: f.summary, aliases: f.aliases ?? [], html };
  }
  return r;
}
