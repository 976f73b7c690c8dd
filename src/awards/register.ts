// The award register, computed from the award lists alone: every distinct
// recipient with the awards it received, the statistics tables, and the rows
// of the CSV downloads. Plain functions over the content model.
import { stringify } from "csv-stringify/sync";
import { vietnamese } from "../archive/order.ts";
import type { AwardGroup, AwardList, Individual, Link } from "../content/model.ts";
import { csvHeader, ui } from "../strings.ts";
import { formatShort } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { urls } from "../urls.ts";
import { collectiveKey, givenName, individualKey, type RecipientKind } from "./identity.ts";
import type { AwardKinds } from "./kinds.ts";


export interface RegisterEntry {
  year: number;
  date: string;
  award: string;
  by: string;
  list: Link;
  decision?: string;
  reportedBy: Link[];
}

export interface Recipient {
  key: string;
  slug: string;
  url: string;
  kind: RecipientKind;
  /** As written in the newest list that names it. */
  name: string;
  rank?: string;
  position?: string;
  unit?: string;
  /** Newest first. */
  entries: RegisterEntry[];
}

/** Each recipient of a group, with its identity, in the group's order. */
export function recipientsOf(group: AwardGroup): { kind: RecipientKind; key: string; name: string; person?: Individual }[] {
  return [
    ...group.collectives.map((name) => ({ kind: "collective" as const, key: collectiveKey(name), name })),
    ...group.individuals.map((p) => ({ kind: "individual" as const, key: individualKey(p), name: p.name, person: p })),
  ];
}

/**
 * @param lists award lists, newest first
 * @param reportedBy the articles that report each list, by list id
 */
export function collectRecipients(lists: AwardList[], reportedBy: Map<string, Link[]>): Recipient[] {
  const byKey = new Map<string, Recipient>();
  for (const list of lists) {
    for (const group of list.groups) {
      for (const r of recipientsOf(group)) {
        let recipient = byKey.get(r.key);
        if (!recipient) {
          // Lists come newest first: the first spelling met is the newest.
          recipient = { key: r.key, slug: "", url: "", kind: r.kind, name: r.name, ...pick(r.person), entries: [] };
          byKey.set(r.key, recipient);
        }
        recipient.entries.push({
          year: list.year,
          date: list.date,
          award: group.award,
          by: group.by,
          list: { title: list.title, url: list.url },
          decision: list.decision?.number,
          reportedBy: reportedBy.get(list.id) ?? [],
        });
      }
    }
  }
  const recipients = [...byKey.values()].sort(byKindThenName);
  // Slugs from the name (and a person's unit); the rare clash gets -2, -3 in key order.
  const taken = new Map<string, number>();
  for (const r of [...recipients].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const base = slugify(r.unit ? `${r.name} ${r.unit}` : r.name) || "khong-ten";
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    r.slug = n === 1 ? base : `${base}-${n}`;
    r.url = urls.recipient(r.slug);
  }
  return recipients;
}

function pick(p?: Individual): Partial<Individual> {
  if (!p) return {};
  const out: Partial<Individual> = {};
  if (p.rank) out.rank = p.rank;
  if (p.position) out.position = p.position;
  if (p.unit) out.unit = p.unit;
  return out;
}

/** Collectives before individuals; collectives by name, people by given name, then full name (Vietnamese order). */
export function byKindThenName(a: { kind: RecipientKind; name: string; key: string }, b: { kind: RecipientKind; name: string; key: string }): number {
  if (a.kind !== b.kind) return a.kind === "collective" ? -1 : 1;
  const primary = a.kind === "individual" ? vietnamese.compare(givenName(a.name), givenName(b.name)) : 0;
  return primary || vietnamese.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export interface StatRow {
  award: string;
  by: string;
  collectives: number;
  individuals: number;
}

export interface StatTable {
  /** Undefined for the table of all years. */
  year?: number;
  rows: StatRow[];
  total: { collectives: number; individuals: number };
}

/** Per year (newest first) and for all years: recipients counted per award and conferrer. */
export function statistics(lists: AwardList[], kinds: AwardKinds): { years: StatTable[]; all: StatTable } {
  const perYear = new Map<number, Map<string, StatRow>>();
  const all = new Map<string, StatRow>();
  const count = (table: Map<string, StatRow>, g: AwardGroup) => {
    const key = `${g.award}\n${g.by}`;
    const row = table.get(key) ?? { award: g.award, by: g.by, collectives: 0, individuals: 0 };
    row.collectives += g.collectives.length;
    row.individuals += g.individuals.length;
    table.set(key, row);
  };
  for (const list of lists) {
    const table = perYear.get(list.year) ?? new Map<string, StatRow>();
    perYear.set(list.year, table);
    for (const g of list.groups) {
      count(table, g);
      count(all, g);
    }
  }
  const order = (a: StatRow, b: StatRow) =>
    rankOf(kinds, a.award) - rankOf(kinds, b.award) || vietnamese.compare(a.award, b.award) || vietnamese.compare(a.by, b.by);
  const table = (rows: Map<string, StatRow>, year?: number): StatTable => {
    const sorted = [...rows.values()].sort(order);
    return {
      year,
      rows: sorted,
      total: { collectives: sorted.reduce((s, r) => s + r.collectives, 0), individuals: sorted.reduce((s, r) => s + r.individuals, 0) },
    };
  };
  return {
    years: [...perYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, rows]) => table(rows, year)),
    all: table(all),
  };
}

const rankOf = (kinds: AwardKinds, award: string) => {
  const r = kinds.rank(award);
  return r < 0 ? Number.MAX_SAFE_INTEGER : r;
};

/** One row per recipient of each list, in the lists' and groups' order. */
export function csvRows(lists: AwardList[]): string[][] {
  const rows: string[][] = [];
  for (const list of lists) {
    for (const group of list.groups) {
      for (const r of recipientsOf(group)) {
        const p = r.person;
        rows.push([
          String(list.year),
          list.title,
          list.decision?.number ?? "",
          list.decision?.date ? formatShort(list.decision.date) : "",
          group.award,
          group.by,
          r.kind === "collective" ? ui.collectiveKind : ui.individualKind,
          r.name,
          p?.rank ?? "",
          p?.position ?? "",
          p?.unit ?? "",
        ]);
      }
    }
  }
  return rows;
}

/**
 * CSV as Excel opens Vietnamese correctly: UTF-8 with a byte-order mark, CRLF
 * line ends. A cell a spreadsheet would run as a formula (starting with =, +,
 * -, @, a tab or a carriage return) is prefixed with ' so that it is shown as
 * text (OWASP's advice for CSV injection).
 */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${stringify([csvHeader, ...rows.map((row) => row.map(neutraliseCell))], { record_delimiter: "windows" })}`;
}

export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
