import { describe, expect, it } from "vitest";
import { archiveOf, PER_PAGE } from "../../src/archive/archive.ts";
import { neighboursIn } from "../../src/archive/neighbours.ts";
import { chronological, newestFirst } from "../../src/archive/order.ts";
import { pageBar, paginate } from "../../src/archive/paginate.ts";
import type { Article, AwardList, Campaign, Content, Section } from "../../src/content/model.ts";
import { parseContentDate } from "../../src/text/dates.ts";
import { urls } from "../../src/urls.ts";

function article(slug: string, date: string, extra: Partial<Article> = {}): Article {
  const d = parseContentDate(date)!.date;
  return {
    kind: "article", file: `${slug}.md`, year: d.year, slug, url: urls.article(d.year, slug), title: slug.toUpperCase(),
    date: d.toISO()!, time: d.toMillis(), hasTime: true, authors: [], summary: "", campaigns: [], tags: [], awards: [], sections: [], aliases: [], draft: false, scheduled: false, html: "",
    ...extra,
  };
}
const campaign = (id: string, title: string): Campaign => ({ kind: "campaign", id, file: id, url: urls.campaign(id), title, aliases: [], html: "" });
function content(articles: Article[], extra: Partial<Content> = {}): Content {
  return { site: { title: "T", description: "", url: "", awardKinds: [] }, articles, campaigns: [], sections: [], awardLists: [], redirects: [], media: [], files: [], ...extra };
}

describe("order", () => {
  it("breaks equal times by slug, the same way every time", () => {
    const a = article("b-bai", "2018-01-01T08:00"), b = article("a-bai", "2018-01-01T08:00"), c = article("c-bai", "2017-01-01");
    expect([a, b, c].sort(chronological).map((x) => x.slug)).toEqual(["c-bai", "a-bai", "b-bai"]);
    expect([c, b, a].sort(newestFirst).map((x) => x.slug)).toEqual(["b-bai", "a-bai", "c-bai"]);
    expect([b, a, c].sort(newestFirst).map((x) => x.slug)).toEqual(["b-bai", "a-bai", "c-bai"]);
  });
});

describe("neighbours", () => {
  const list = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, "0")}`); // newest first
  const n = neighboursIn(list, 5);
  it("gives up to five newer and five older, nearest first", () => {
    expect(n.get("n06")).toEqual({ newer: ["n05", "n04", "n03", "n02", "n01"], older: ["n07", "n08", "n09", "n10", "n11"] });
  });
  it("gives fewer at the ends of the archive", () => {
    expect(n.get("n00")).toEqual({ newer: [], older: ["n01", "n02", "n03", "n04", "n05"] });
    expect(n.get("n11")!.older).toEqual([]);
    expect(n.get("n10")!.older).toEqual(["n11"]);
  });
});

describe("pagination", () => {
  it("splits into pages of the given size with their URLs", () => {
    const pages = paginate(Array.from({ length: 45 }, (_, i) => i), 20, (p) => urls.year(2018, p));
    expect(pages.map((p) => [p.number, p.items.length, p.url])).toEqual([
      [1, 20, "/tin-tuc/2018/"], [2, 20, "/tin-tuc/2018/trang-2/"], [3, 5, "/tin-tuc/2018/trang-3/"],
    ]);
    expect(pages[1].previous?.url).toBe("/tin-tuc/2018/");
    expect(pages[1].next?.url).toBe("/tin-tuc/2018/trang-3/");
    expect(pages[0].previous).toBeUndefined();
  });
  it("keeps one page for an empty list", () => {
    expect(paginate([], 20, String)).toHaveLength(1);
  });
  it("shows a short page bar with gaps on long lists", () => {
    const links = Array.from({ length: 30 }, (_, i) => ({ number: i + 1, url: String(i + 1) }));
    expect(pageBar(links, 15).map((p) => p?.number ?? "…")).toEqual([1, "…", 13, 14, 15, 16, 17, "…", 30]);
    expect(pageBar(links, 1).map((p) => p?.number ?? "…")).toEqual([1, 2, 3, "…", 30]);
  });
});

describe("archiveOf", () => {
  const camps = [campaign("toan-dan", "Toàn dân bảo vệ an ninh Tổ quốc"), campaign("an-toan", "An toàn về an ninh, trật tự")];
  const arts = [
    article("a1", "2016-05-01", { campaigns: ["toan-dan"], tags: [{ name: "Ba Bể", slug: "ba-be" }] }),
    article("a2", "2017-12-31T23:30", { campaigns: ["an-toan"] }),
    article("a3", "2018-01-01T00:30", { campaigns: ["toan-dan", "an-toan"], tags: [{ name: "Ba Bể", slug: "ba-be" }], awards: ["ds"] }),
    article("a4", "2018-03-01", {}),
    article("a5", "2018-04-01", { campaigns: ["toan-dan"] }),
  ];
  const list: AwardList = {
    kind: "awardList", id: "ds", file: "ds.md", year: 2018, url: urls.awardList(2018, "ds"), title: "DS", date: "2018-01-15T00:00:00.000+07:00",
    time: 0, campaigns: ["an-toan"], groups: [{ award: "Giấy khen", by: "GĐ", collectives: ["A", "B", "C"], individuals: [{ name: "X" }, { name: "Y" }] }], html: "",
  };
  const archive = archiveOf(content(arts, { campaigns: camps, awardLists: [list] }));
  const page = (slug: string) => archive.articles.find((a) => a.slug === slug)!;

  it("lists articles newest first and years newest first with counts", () => {
    expect(archive.articles.map((a) => a.slug)).toEqual(["a5", "a4", "a3", "a2", "a1"]);
    expect(archive.years).toEqual([
      { year: 2018, count: 3, url: "/tin-tuc/2018/" }, { year: 2017, count: 1, url: "/tin-tuc/2017/" }, { year: 2016, count: 1, url: "/tin-tuc/2016/" },
    ]);
  });

  it("takes newer/older from the first campaign, else from the whole archive", () => {
    expect(page("a3").newer.map((a) => a.url)).toEqual([page("a5").url]);
    expect(page("a3").older.map((a) => a.url)).toEqual([page("a1").url]);
    expect(page("a3").neighboursFrom?.url).toBe("/phong-trao/toan-dan/");
    expect(page("a4").newer.map((a) => a.title)).toEqual(["A5"]);
    expect(page("a4").older.map((a) => a.title)).toEqual(["A3", "A2", "A1"]);
  });

  it("links plain previous/next through the whole archive", () => {
    expect(page("a3").next?.title).toBe("A4");
    expect(page("a3").previous?.title).toBe("A2");
    expect(page("a5").next).toBeUndefined();
    expect(page("a1").previous).toBeUndefined();
  });

  it("orders campaigns in Vietnamese alphabetical order and counts their items", () => {
    expect(archive.campaigns.map((c) => [c.id, c.articleCount, c.awardListCount])).toEqual([["an-toan", 2, 1], ["toan-dan", 3, 0]]);
  });

  it("groups a campaign's articles and award lists by year", () => {
    const p = archive.campaignPages.find((c) => c.campaign.id === "an-toan")!;
    expect(p.groups.map((g) => [g.year, g.items.map((i) => i.title)])).toEqual([[2018, ["A3"]], [2017, ["A2"]]]);
    expect(p.awardYears.map((g) => [g.year, g.items.map((i) => i.title)])).toEqual([[2018, ["DS"]]]);
  });

  it("counts award recipients and finds the articles that report a list", () => {
    const l = archive.awardLists[0];
    expect(l.counts).toBe("3 tập thể, 2 cá nhân");
    expect(l.groupViews[0].counts).toBe("3 tập thể, 2 cá nhân");
    expect(l.reportedBy.map((a) => a.title)).toEqual(["A3"]);
    expect(page("a3").awardLinks).toEqual([{ title: "DS", url: "/khen-thuong/2018/ds/" }]);
  });

  it("builds tag pages", () => {
    expect(archive.tags).toEqual([{ slug: "ba-be", title: "Ba Bể", url: "/chu-de/ba-be/", count: 2 }]);
    expect(archive.tagPages[0].items.map((i) => i.title)).toEqual(["A3", "A1"]);
  });

  it("paginates a year by PER_PAGE with breadcrumbs back to its first page", () => {
    const many = Array.from({ length: PER_PAGE * 2 + 1 }, (_, i) => article(`m${String(i).padStart(3, "0")}`, `2019-01-01T${String(i % 24).padStart(2, "0")}:00`));
    const a = archiveOf(content(many));
    expect(a.yearPages.map((p) => p.url)).toEqual(["/tin-tuc/2019/", "/tin-tuc/2019/trang-2/", "/tin-tuc/2019/trang-3/"]);
    expect(a.yearPages[2].items).toHaveLength(1);
    expect(a.yearPages[1].breadcrumbs.at(-2)).toEqual({ title: "2019", url: "/tin-tuc/2019/" });
  });
});

describe("sections in the archive", () => {
  const section = (id: string, title: string, extra: Partial<Section> = {}): Section => ({ kind: "section", id, file: id, url: urls.section(id), title, aliases: [], html: "", ...extra });
  const secs = [
    section("xa-hoi", "Xã hội", { order: 2 }),
    section("an-ninh", "An ninh", { order: 1 }),
    section("toi-pham", "Tội phạm", { parent: "an-ninh" }),
    section("giao-thong", "Giao thông", { parent: "an-ninh" }),
    section("khac", "Ắc quy"), // no order: after those that have one
  ];
  const arts = [
    article("s1", "2018-01-01", { sections: ["toi-pham"], campaigns: ["toan-dan"] }),
    article("s2", "2018-02-01", { campaigns: ["toan-dan"] }),
    article("s3", "2018-03-01", { sections: ["toi-pham", "an-ninh"] }),
    article("s4", "2018-04-01", {}),
    article("s5", "2018-05-01", { sections: ["an-ninh"] }),
  ];
  const archive = archiveOf(content(arts, { sections: secs, campaigns: [campaign("toan-dan", "Toàn dân")] }));
  const pageOf = (slug: string) => archive.articles.find((a) => a.slug === slug)!;

  it("orders sections as a tree: each after its parent, siblings by order, then by Vietnamese title", () => {
    expect(archive.sections.map((s) => [s.id, s.depth])).toEqual([["an-ninh", 0], ["giao-thong", 1], ["toi-pham", 1], ["xa-hoi", 0], ["khac", 0]]);
    expect(archive.menu.map((m) => m.title)).toEqual(["An ninh", "Xã hội", "Ắc quy"]);
  });

  it("takes newer and older from the main section, else the first campaign, else the whole archive", () => {
    expect(pageOf("s3").neighboursFrom).toEqual({ title: "Tội phạm", url: urls.section("toi-pham"), kind: "section" });
    expect(pageOf("s3").older.map((r) => r.url)).toEqual([urls.article(2018, "s1")]);
    expect(pageOf("s3").newer).toEqual([]);
    expect(pageOf("s2").neighboursFrom?.kind).toBe("campaign");
    expect(pageOf("s4").neighboursFrom).toBeUndefined();
    expect(pageOf("s4").newer.map((r) => r.url)).toEqual([urls.article(2018, "s5")]);
  });

  it("puts the main section and the sections above it in an article's breadcrumbs", () => {
    expect(pageOf("s3").breadcrumbs.map((c) => c.title)).toEqual(["Trang chủ", "An ninh", "Tội phạm", "S3"]);
    expect(pageOf("s4").breadcrumbs.map((c) => c.title)).toEqual(["Trang chủ", "Tin tức", "2018", "S4"]);
  });

  it("gives each section its pages, its sub-sections and a feed, in the sitemap's list", () => {
    const first = archive.sectionPages.find((p) => p.section.id === "an-ninh")!;
    expect(first.items.map((i) => i.url)).toEqual([urls.article(2018, "s5"), urls.article(2018, "s3")]);
    expect(first.children.map((c) => c.title)).toEqual(["Giao thông", "Tội phạm"]);
    expect(archive.sectionFeeds.map((f) => f.feedUrl)).toContain(urls.sectionFeed("toi-pham"));
    expect(archive.pages.map((p) => p.url)).toEqual(expect.arrayContaining([urls.sections(), urls.section("an-ninh"), urls.section("khac")]));
    expect(archive.otherFiles).toContain(urls.sectionFeed("an-ninh"));
  });
});
