// content/awards/<year>/<id>.md: an award list (danh sách khen thưởng).
// Its groups are checked even when another value of the file is wrong, so
// that a writer sees every problem of the file at once.
import { collectiveKey, individualKey } from "../../awards/identity.ts";
import type { AwardKinds } from "../../awards/kinds.ts";
import { comparable } from "../../awards/similar.ts";
import { problems as say } from "../../strings.ts";
import { localYear } from "../../text/dates.ts";
import { urls } from "../../urls.ts";
import type { AwardList, Individual } from "../model.ts";
import { awardGroupSchema, awardListSchema, individualSchema, knownKeys } from "../schema.ts";
import type { SourceFile } from "../source-file.ts";
import { FileResult, type ParseContext, type Parsed } from "./common.ts";

/** A recipient as first named in a file, for the near-duplicate check across files. */
export interface RecipientUse {
  key: string;
  name: string;
  /** The comparable form of its name (and unit). */
  form: string;
  file: string;
  line: number;
}

export interface ParsedAwardList extends Parsed<AwardList> {
  recipients: RecipientUse[];
}

export function parseAwardList(src: SourceFile, id: string, context: ParseContext & { awardKinds: AwardKinds }): ParsedAwardList {
  const r = new FileResult<AwardList>(src, context);
  const recipients: RecipientUse[] = [];
  const f = r.fields(awardListSchema, knownKeys.awardList);
  const idOk = r.checkId(id);
  const rawGroups = Array.isArray(src.data.groups) ? src.data.groups : [];
  rawGroups.forEach((raw, i) => checkGroup(r, context.awardKinds, readableGroup(raw), i, recipients));
  r.refer("campaigns", "campaigns", f.campaigns);
  const date = f.date?.date;
  if (date) r.checkYearFolder(localYear(date.toISO()!), "date");
  if (date && f.decision?.date && f.decision.date.date.toMillis() > date.toMillis()) {
    const shown = (d: { toFormat(f: string): string }) => d.toFormat("dd/MM/yyyy");
    r.error(["decision", "date"], say.decisionAfterList(shown(f.decision.date.date), shown(date)));
  }
  const { html } = r.body();
  if (idOk && f.title && date && f.groups) {
    const year = localYear(date.toISO()!);
    const d = f.decision;
    r.item = {
      kind: "awardList",
      id,
      file: src.file,
      year,
      url: urls.awardList(year, id),
      title: f.title,
      date: date.toISO()!,
      time: date.toMillis(),
      campaigns: f.campaigns ?? [],
      decision: d && (d.number || d.date || d.issuer) ? { number: d.number, date: d.date?.date.toISO() ?? undefined, issuer: d.issuer } : undefined,
      groups: f.groups,
      html,
    };
  }
  return Object.assign(r, { recipients });
}

/**
 * What can be read of a group, even when some of it is wrong: its award if it
 * is text, and the recipients that are well written. `complete` says whether
 * the whole group was.
 */
function readableGroup(raw: unknown): ReadableGroup {
  const parsed = awardGroupSchema.safeParse(raw);
  if (parsed.success) return { ...parsed.data, complete: true };
  const g = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  // Items that cannot be read stay as holes, so that the others keep their index (and line).
  const collectives = (Array.isArray(g.collectives) ? g.collectives : []).map((c) => (typeof c === "string" && c.trim() ? c.trim() : undefined));
  const individuals = (Array.isArray(g.individuals) ? g.individuals : []).map((p) => {
    const one = individualSchema.safeParse(p);
    return one.success ? (one.data as Individual) : undefined;
  });
  return { award: typeof g.award === "string" ? g.award.trim() : undefined, collectives, individuals, complete: false };
}

interface ReadableGroup {
  award?: string;
  collectives: (string | undefined)[];
  individuals: (Individual | undefined)[];
  complete: boolean;
}

/** An award group: a known kind of award, at least one recipient, nobody twice. */
function checkGroup(r: FileResult<AwardList>, kinds: AwardKinds, g: ReadableGroup, i: number, recipients: RecipientUse[]) {
  if (g.complete && g.collectives.length + g.individuals.length === 0) r.error(["groups", i], say.noRecipient());
  if (g.award && kinds.rank(g.award) < 0) r.error(["groups", i, "award"], say.unknownAwardKind(g.award, kinds.suggest(g.award)));
  const seenAt = new Map<string, { line: number; detail: string }>();
  // `detail`: a person's rank and position. The same name (and unit) twice with other details is
  // two people, as written: a warning, not an error (two "Dương Thị Thắng" without a unit).
  const check = (key: string, name: string, form: string, list: "collectives" | "individuals", j: number, detail = "") => {
    const at = ["groups", i, list, j];
    const line = r.src.lineOf(at);
    const first = seenAt.get(key);
    if (first !== undefined && first.detail === detail) return r.error(at, say.duplicateRecipient(name, first.line));
    if (first !== undefined) r.warning(at, say.sameNameInGroup(name, first.line));
    else seenAt.set(key, { line, detail });
    recipients.push({ key, name, form, file: r.src.file, line });
  };
  g.collectives.forEach((name, j) => name && check(collectiveKey(name), name, comparable(name), "collectives", j));
  g.individuals.forEach((p, j) => {
    if (!p) return;
    const shown = p.unit ? `${p.name} (${p.unit})` : p.name;
    check(individualKey(p), shown, `${comparable(p.name)} | ${comparable(p.unit ?? "")}`, "individuals", j, `${comparable(p.rank ?? "")} | ${comparable(p.position ?? "")}`);
  });
}
