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
  if (f.title) r.item = { title: f.title, description: f.description ?? "", url: (f.url ?? "").replace(/\/+$/, ""), awardKinds: f.awardKinds ?? [] };
  return r;
}
