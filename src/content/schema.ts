// The front-matter schemas of ../shared/content-model.md, with a writer's
// message for every way a value can be wrong. Checks that need other files
// (campaign ids, award-list ids, photos, URLs) are in load.ts.
import { z } from "zod";
import { examples, problems as say } from "../strings.ts";
import { parseContentDate } from "../text/dates.ts";
import { showValue } from "./problems.ts";

const isMissing = (v: unknown) => v === undefined || v === null;

/** A required line of text; numbers are taken as text ("title: 2018" means the text 2018). */
const text = (example: string) =>
  z
    .unknown()
    .transform((v, ctx) => {
      if (isMissing(v)) return fail(ctx, say.missing(example));
      if (typeof v === "number") v = String(v);
      if (typeof v !== "string") return fail(ctx, say.notString(showValue(v), example));
      const t = v.trim();
      if (!t) return fail(ctx, say.empty(example));
      return t;
    });

const optionalText = (example: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return undefined;
      if (typeof v === "number") v = String(v);
      if (typeof v !== "string") return fail(ctx, say.notString(showValue(v), example));
      return v.trim() || undefined;
    });

/** A list of text; a single line of text is a list of one. */
const textList = (example: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return [] as string[];
      // "tags: A, B" is one line of text to YAML; the writer meant a list.
      if (typeof v === "string" && v.includes(",")) {
        const key = example.split(":")[0];
        return fail(ctx, say.listWrittenAsText(showValue(v), `${key}: [${v.split(",").map((s) => s.trim()).filter(Boolean).join(", ")}]`));
      }
      const list = Array.isArray(v) ? v : [v];
      const out: string[] = [];
      for (const item of list) {
        if (typeof item !== "string" && typeof item !== "number") return fail(ctx, say.notStringList(showValue(v), example));
        const t = String(item).trim();
        if (t) out.push(t);
      }
      return out;
    });

/** Old addresses (site paths) that must lead to this item: each starts with "/", without "..", spaces or a "#". */
const sitePaths = (example: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return [] as string[];
      const list = Array.isArray(v) ? v : [v];
      const out: string[] = [];
      for (const item of list) {
        const p = typeof item === "string" ? item.trim() : undefined;
        if (!p || !isSitePath(p)) return fail(ctx, say.badSitePath(showValue(item), example));
        out.push(p);
      }
      return out;
    });

/** A path on the site, as old links have it: "/vi/news/an-ninh/bai-123.html", or NukeViet's "/index.php?nv=news&op=…". */
export function isSitePath(p: string): boolean {
  return p.startsWith("/") && !p.startsWith("//") && !/\s|#/.test(p) && !p.split(/[/?]/).some((seg) => seg === ".." || seg === ".");
}

const readDate = (v: unknown, ctx: z.RefinementCtx) => parseContentDate(v) ?? fail(ctx, say.badDate(showValue(v)));

const date = (example: string) =>
  z.unknown().transform((v, ctx) => (isMissing(v) ? fail(ctx, say.missing(example)) : readDate(v, ctx)));

const optionalDate = z
  .unknown()
  .optional()
  .transform((v, ctx) => (isMissing(v) ? undefined : readDate(v, ctx)));

const bool = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (isMissing(v)) return false;
    if (typeof v !== "boolean") return fail(ctx, say.notBoolean(showValue(v)));
    return v;
  });

const year = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (isMissing(v)) return undefined;
    const n = typeof v === "string" && /^\d{4}$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1900 || n > 2200) return fail(ctx, say.notYear(showValue(v)));
    return n;
  });

/** A nested map; `undefined` when absent. */
const map = <T extends z.ZodRawShape>(shape: T, example: string) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return undefined;
      if (typeof v !== "object" || Array.isArray(v)) return fail(ctx, say.notMap(showValue(v), example));
      return v;
    })
    .pipe(z.object(shape).optional());

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

const photo = map(
  {
    src: text(examples.src),
    alt: optionalText(examples.alt),
    caption: optionalText(examples.caption),
  },
  examples.image,
);

export const articleSchema = z.object({
  title: text(examples.articleTitle),
  date: date(examples.date),
  updated: optionalDate,
  authors: textList(examples.authors),
  source: optionalText(examples.source),
  summary: optionalText(examples.summary),
  campaigns: textList(examples.campaigns),
  tags: textList(examples.tags),
  image: photo,
  awards: textList(examples.awards),
  slug: optionalText(examples.slug),
  draft: bool,
  sections: textList(examples.sections),
  aliases: sitePaths(examples.aliases),
});

export const campaignSchema = z.object({
  title: text(examples.campaignTitle),
  summary: optionalText(examples.campaignSummary),
  started: year,
  ended: year,
  aliases: sitePaths(examples.campaignAliases),
});

export const sectionSchema = z.object({
  title: text(examples.sectionTitle),
  parent: optionalText(examples.parent),
  order: z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return undefined;
      if (typeof v !== "number" || !Number.isInteger(v)) return fail(ctx, say.notInteger(showValue(v), examples.order));
      return v;
    }),
  summary: optionalText(examples.sectionSummary),
  aliases: sitePaths(examples.sectionAliases),
});

export const individualSchema = z.unknown().transform((v, ctx) => {
  if (typeof v === "string" && v.trim()) return { name: v.trim() };
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const r = v as Record<string, unknown>;
    const fields = ["name", "rank", "position", "unit"] as const;
    if (typeof r.name === "string" && r.name.trim() && fields.every((k) => r[k] === undefined || typeof r[k] === "string")) {
      const out: { name: string; rank?: string; position?: string; unit?: string } = { name: r.name.trim() };
      for (const k of fields.slice(1)) {
        const t = (r[k] as string | undefined)?.trim();
        if (t) out[k] = t;
      }
      return out;
    }
  }
  return fail(ctx, say.badIndividual(showValue(v)));
});

export const awardGroupSchema = z.object({
  award: text(examples.award),
  by: text(examples.by),
  collectives: textList(examples.collectives),
  individuals: z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (isMissing(v)) return [];
      if (!Array.isArray(v)) return fail(ctx, say.notStringList(showValue(v), examples.individuals));
      return v;
    })
    .pipe(z.array(individualSchema)),
});

export const awardListSchema = z.object({
  title: text(examples.awardListTitle),
  date: date(examples.awardListDate),
  campaigns: textList(examples.campaigns),
  decision: map(
    {
      number: optionalText(examples.number),
      date: optionalDate,
      issuer: optionalText(examples.issuer),
    },
    examples.decision,
  ),
  groups: z
    .unknown()
    .transform((v, ctx) => {
      if (isMissing(v)) return fail(ctx, say.missing(examples.groups));
      if (!Array.isArray(v) || v.length === 0) return fail(ctx, say.noGroups());
      return v;
    })
    .pipe(z.array(awardGroupSchema)),
});

export const siteSchema = z.object({
  title: text(examples.siteTitle),
  description: optionalText(examples.description),
  url: optionalText(examples.url).transform((v, ctx) => {
    if (v === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      /* reported below */
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:") && url.hostname && !/\s/.test(v) && !url.username && !url.password) return v;
    const guess = /^[a-z0-9.-]+\.[a-z]{2,}(\/.*)?$/i.test(v) ? `https://${v}` : "https://congan.backan.gov.vn";
    return fail(ctx, say.badSiteUrl(showValue(v), guess));
  }),
  awardKinds: textList(examples.awardKinds),
  logo: optionalText(examples.logo),
  contact: map(
    {
      address: optionalText(examples.contactAddress),
      phone: optionalText(examples.contactPhone),
      email: optionalText(examples.contactEmail),
    },
    examples.contact,
  ),
  editor: optionalText(examples.editor),
  licence: optionalText(examples.licence),
});


/** The keys each kind of file may have, by nesting: "" is the top level. */
export const knownKeys = {
  article: { "": Object.keys(articleSchema.shape), image: ["src", "alt", "caption"] },
  campaign: { "": Object.keys(campaignSchema.shape) },
  section: { "": Object.keys(sectionSchema.shape) },
  awardList: {
    "": Object.keys(awardListSchema.shape),
    decision: ["number", "date", "issuer"],
    "groups.*": ["award", "by", "collectives", "individuals"],
    "groups.*.individuals.*": ["name", "rank", "position", "unit"],
  },
  site: { "": Object.keys(siteSchema.shape), contact: ["address", "phone", "email"] },
} satisfies Record<string, Record<string, string[]>>;
