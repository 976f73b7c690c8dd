import { describe, expect, it } from "vitest";
import { formatLong, formatShort, localYear, parseContentDate } from "../../src/text/dates.ts";

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
});
