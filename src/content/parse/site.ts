// content/site.yaml: the site's name, address and own kinds of award.
import { ui } from "../../strings.ts";
import type { SiteSettings } from "../model.ts";
import { knownKeys, siteSchema } from "../schema.ts";
import type { SourceFile } from "../source-file.ts";
import { FileResult, type ParseContext, type Parsed } from "./common.ts";

export const DEFAULT_SITE: SiteSettings = { title: ui.news, description: "", url: "", awardKinds: [] };

export function parseSite(src: SourceFile, context: ParseContext): Parsed<SiteSettings> {
  const r = new FileResult<SiteSettings>(src, context);
  const f = r.fields(siteSchema, knownKeys.site);
  // The emblem is published as it is (an SVG or a transparent PNG would lose what makes it an emblem as a resized JPEG).
  const logo = f.logo ? r.photo(f.logo, r.src.lineOf(["logo"]), ["logo"], "file")?.url : undefined;
  const contact = f.contact && Object.values(f.contact).some(Boolean) ? f.contact : undefined;
  if (f.title) r.item = { title: f.title, description: f.description ?? "", url: (f.url ?? "").replace(/\/+$/, ""), awardKinds: f.awardKinds ?? [], logo, contact, editor: f.editor, licence: f.licence };
  return r;
}
