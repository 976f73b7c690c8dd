import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { weekdays } from "../../src/strings.ts";
import { formatLong, formatShort, localYear, parseContentDate, TIME_ZONE } from "../../src/text/dates.ts";

const iso = (v: unknown) => parseContentDate(v)?.date.toISO();

describe("reading front-matter dates in Asia/Ho_Chi_Minh", () => {
  it("reads a date-time without seconds as local time", () => {
    expect(iso("2018-01-15T08:30")).toBe("2018-01-15T08:30:00.000+07:00");
  });
  it("reads a date-time with seconds as local time", () => {
    expect(iso("2018-01-15T08:30:00")).toBe("2018-01-15T08:30:00.000+07:00");
  });
  it("reads a day as local midnight, and knows it has no time", () => {
    expect(iso("2018-01-15")).toBe("2018-01-15T00:00:00.000+07:00");
    expect(parseContentDate("2018-01-15")?.hasTime).toBe(false);
    expect(parseContentDate("2018-01-15T08:30")?.hasTime).toBe(true);
  });
  it("accepts a space instead of T", () => {
    expect(iso("2018-01-15 08:30")).toBe("2018-01-15T08:30:00.000+07:00");
  });
  it("keeps the instant of a date-time with an explicit offset", () => {
    expect(iso("2018-01-15T01:30:00Z")).toBe("2018-01-15T08:30:00.000+07:00");
  });
  it("reads a JavaScript Date (as js-yaml makes) by its calendar fields, not as UTC", () => {
    expect(iso(new Date(Date.UTC(2018, 0, 15, 8, 30)))).toBe("2018-01-15T08:30:00.000+07:00");
    expect(iso(new Date(Date.UTC(2018, 0, 15)))).toBe("2018-01-15T00:00:00.000+07:00");
  });
  it("rejects what is not a date", () => {
    for (const bad of ["15/01/2018", "2018-13-01", "2018-02-30", "hôm qua", 2018, true, null]) expect(parseContentDate(bad)).toBeUndefined();
  });
});

describe("the year an item belongs to", () => {
  it("is the local year across the time-zone boundary", () => {
    const d = parseContentDate("2018-01-01T00:30")!.date;
    expect(d.toUTC().year).toBe(2017);
    expect(localYear(d.toISO()!)).toBe(2018);
  });
  it("does not move a late-evening item into the next year", () => {
    expect(localYear(parseContentDate("2017-12-31T23:30")!.date.toISO()!)).toBe(2017);
  });
});

describe("formatting", () => {
  it("writes article dates with the weekday", () => {
    expect(formatLong("2018-01-15T08:30:00.000+07:00")).toBe("Thứ Hai, 15/01/2018 - 08:30");
    expect(formatLong("2018-01-21T08:30:00.000+07:00")).toBe("Chủ Nhật, 21/01/2018 - 08:30");
    expect(formatLong("2018-01-15T00:00:00.000+07:00", false)).toBe("Thứ Hai, 15/01/2018");
  });
  it("writes list dates as dd/MM/yyyy in local time", () => {
    expect(formatShort("2017-12-31T17:30:00.000Z")).toBe("01/01/2018");
  });
  it("reads a content date's fields from its text as luxon reads them in the zone, over 60 years and across every weekday", () => {
    // Dates as the content gives them (parseContentDate, then toISO()), every ~37 hours from 1970 to 2035,
    // and the same instants written in UTC and with another offset (luxon's way).
    const start = Date.UTC(1970, 0, 1, 3, 7);
    for (let t = start; t < Date.UTC(2035, 0, 1); t += 37 * 3_600_000 + 13 * 60_000) {
      const inZone = DateTime.fromMillis(t, { zone: TIME_ZONE });
      const want = {
        long: `${weekdays[inZone.weekday - 1]}, ${inZone.toFormat("dd/MM/yyyy - HH:mm")}`,
        day: `${weekdays[inZone.weekday - 1]}, ${inZone.toFormat("dd/MM/yyyy")}`,
        short: inZone.toFormat("dd/MM/yyyy"),
        year: inZone.year,
      };
      for (const text of [inZone.toISO()!, DateTime.fromMillis(t, { zone: "utc" }).toISO()!, DateTime.fromMillis(t, { zone: "UTC+8" }).toISO()!]) {
        expect([formatLong(text), formatLong(text, false), formatShort(text), localYear(text)], text).toEqual([want.long, want.day, want.short, want.year]);
      }
    }
    // Before 1975 the zone was not +07:00 all along: such a date is read by luxon, even written with +07:00.
    expect(formatLong("1970-06-15T08:30:00.000+08:00")).toBe("Thứ Hai, 15/06/1970 - 08:30");
    expect(formatLong("1970-06-15T08:30:00.000+07:00")).toBe("Thứ Hai, 15/06/1970 - 09:30");
  });
});
