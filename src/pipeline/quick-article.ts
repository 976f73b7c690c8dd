// The preview's quick path for an edited article: the page is rebuilt from
// the one file and the last build's archive, in about a second at any archive
// size; the full rebuild that follows brings every list up to date.
import { articlePage } from "../archive/archive.ts";
import { loadOneArticle } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { withPictures } from "./photos.ts";
import { renderArticlePage, type BuiltState } from "./build-site.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Re-renders the article in `file` when only its text changed (not its
 * address, date, campaigns, tags, awards or status, which move it in lists).
 * Returns the file's problems, or "full" when the edit needs a full rebuild.
 */
export async function quickArticle(state: BuiltState, contentDir: string, file: string, outputDir: string): Promise<Problem[] | "full"> {
  const { article, problems } = loadOneArticle(state.content, contentDir, file);
  if (problems.some((p) => p.severity === "error")) return problems;
  const previous = state.archive.articles.find((p) => p.file === article?.file);
  if (!article || !previous) return "full";
  const moved = ["url", "time", "campaigns", "sections", "aliases", "awards", "draft", "scheduled", "image", "cover"] as const;
  if (moved.some((k) => !same(article[k], previous[k])) || !same(article.tags, previous.tags)) return "full";
  // Its place in the archive (links, neighbours) has not moved: it is the last build's.
  const { campaignLinks, sectionLinks, tagLinks, awardLinks, newer, older, neighboursFrom, previous: before, next, trail } = previous;
  const context = { campaignLinks, sectionLinks, tagLinks, awardLinks, newer, older, neighboursFrom, previous: before, next, trail };
  const page = articlePage({ ...article, html: withPictures(article.html, state.photos) }, context);
  await renderArticlePage(state, page, outputDir);
  return problems;
}
