import { DateTime } from "luxon";
import { weekdays } from "../strings.ts";

/** Every date in the content is local time here unless it carries an offset. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a front-matter date: "2018-01-15", "2018-01-15T08:30",
 * "2018-01-15T08:30:00", "2018-01-15 08:30", or any ISO date-time with an
 * offset. Without an offset it is local time in TIME_ZONE.
 * A JavaScript Date (as some YAML readers produce) is taken by its UTC
 * calendar fields, because such readers turn offset-less text into UTC.
 * Returns undefined when the value is not a date.
 */
export function parseContentDate(value: unknown): { date: DateTime; hasTime: boolean } | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const utc = DateTime.fromJSDate(value, { zone: "utc" });
    const hasTime = utc.hour !== 0 || utc.minute !== 0 || utc.second !== 0;
    return { date: utc.setZone(TIME_ZONE, { keepLocalTime: true }), hasTime };
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  let date = DateTime.fromISO(text, { zone: TIME_ZONE });
  if (!date.isValid) date = DateTime.fromSQL(text, { zone: TIME_ZONE });
  if (!date.isValid) return undefined;
  return { date: date.setZone(TIME_ZONE), hasTime: !DATE_ONLY.test(text) };
}

const seen = new Map<string, DateTime>();

/** An ISO date-time in TIME_ZONE. Every date is read several times (year, lists, search), and luxon's zone lookup is slow: each is read once. */
function local(iso: string): DateTime {
  let date = seen.get(iso);
  if (!date) {
    date = DateTime.fromISO(iso, { zone: TIME_ZONE });
    seen.set(iso, date);
  }
  return date;
}

/**
 * An ISO date-time written with TIME_ZONE's offset (+07:00, its offset since
 * 1975), as the content's dates are (parseContentDate, then toISO()): its
 * fields are TIME_ZONE's, read from the text without luxon, which took ~0.8 s
 * to format 20,000 dates three ways (0.05 s so; ~0.3 s of the archive at 20,000
 * articles, BENCHMARKS.md). Earlier years, or any other offset, go through
 * luxon.
 */
const IN_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?\+07:00$/;
const SINCE_YEAR = 1976;

/** The local fields of an ISO date-time: [year, month, day, hour, minute, weekday 1–7 from Monday], as luxon gives them. */
function fieldsOf(iso: string): [string, string, string, string, string, number] {
  const m = IN_ZONE.exec(iso);
  if (m && Number(m[1]) >= SINCE_YEAR) {
    const [, y, mo, d, h, mi] = m;
    const weekday = ((new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay() + 6) % 7) + 1;
    return [y, mo, d, h, mi, weekday];
  }
  const t = local(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return [String(t.year).padStart(4, "0"), two(t.month), two(t.day), two(t.hour), two(t.minute), t.weekday];
}

/** "Thứ Hai, 15/01/2018 - 08:30"; "Thứ Hai, 15/01/2018" for a day without a time. */
export function formatLong(iso: string, withTime = true): string {
  const [y, mo, d, h, mi, weekday] = fieldsOf(iso);
  return `${weekdays[weekday - 1]}, ${d}/${mo}/${y}${withTime ? ` - ${h}:${mi}` : ""}`;
}

/** "15/01/2018". */
export function formatShort(iso: string): string {
  const [y, mo, d] = fieldsOf(iso);
  return `${d}/${mo}/${y}`;
}

/** The year an ISO date-time belongs to, in TIME_ZONE. */
export function localYear(iso: string): number {
  return Number(fieldsOf(iso)[0]);
}
