// content/campaigns/<id>.md: a campaign (phong trào).
import { problems as say } from "../../strings.ts";
import { urls } from "../../urls.ts";
import type { Campaign } from "../model.ts";
import { campaignSchema, knownKeys } from "../schema.ts";
import type { SourceFile } from "../source-file.ts";
import { FileResult, type ParseContext, type Parsed } from "./common.ts";

export function parseCampaign(src: SourceFile, id: string, context: ParseContext): Parsed<Campaign> {
  const r = new FileResult<Campaign>(src, context);
  const f = r.fields(campaignSchema, knownKeys.campaign);
  const idOk = r.checkId(id);
  if (f.started !== undefined && f.ended !== undefined && f.ended < f.started) r.error(["ended"], say.endsBeforeStart(f.ended, f.started));
  const { html } = r.body();
  r.aliasesTo(urls.campaign(id), f.aliases);
  if (idOk && f.title) {
    r.item = { kind: "campaign", id, file: src.file, url: urls.campaign(id), title: f.title, summary: f.summary, started: f.started, ended: f.ended, aliases: f.aliases ?? [], html };
  }
  return r;
}
