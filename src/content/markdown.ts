// Markdown bodies to HTML with markdown-it. A photo alone in its paragraph
// becomes a <figure>, its title the <figcaption> (markdown-it-image-figures).
// Raw HTML in a body is shown as text, never run.
import MarkdownIt from "markdown-it";
import imageFigures from "markdown-it-image-figures";
import type Token from "markdown-it/lib/token.mjs";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(imageFigures, {
  figcaption: "title",
  lazy: true,
  async: true,
});

export interface BodyImage {
  /** The path as the writer wrote it. */
  src: string;
  /** Line in the body (1-based). */
  line: number;
}

export interface RenderedBody {
  html: string;
  /** Plain text of the first paragraph that has text. */
  firstParagraph: string;
  /** The body's first photo that resolved: its URL and alternative text. */
  firstImage?: { src: string; alt: string };
}

/** Files a body may link to, published with the site (decisions, forms): their endings. */
const LINKED_FILE = /\.(pdf|docx?|xlsx?|odt|ods|zip)$/i;

/** A link in a body to a file of the content folder (not a web address, not an anchor), by its ending. */
const isLinkedFile = (href: string) => !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href) && LINKED_FILE.test(href.split(/[?#]/)[0]);

/**
 * Renders a body. `resolveImage` maps each photo path to its URL (or returns
 * undefined when it reported the photo missing, leaving the path as written);
 * `resolveFile` does the same for links to files (pdf, doc …).
 */
export function renderMarkdown(
  body: string,
  resolveImage: (image: BodyImage) => string | undefined,
  render = true,
  resolveFile: (file: BodyImage) => string | undefined = () => undefined,
): RenderedBody {
  if (!render) {
    scanImages(body, resolveImage);
    scanLinks(body, resolveFile);
    return { html: "", firstParagraph: "" };
  }
  const tokens = md.parse(body, {});
  let firstParagraph = "";
  let firstImage: RenderedBody["firstImage"];
  tokens.forEach((token, i) => {
    if (token.type !== "inline" || !token.children) return;
    const line = (token.map?.[0] ?? 0) + 1;
    for (const child of walk(token.children)) {
      if (child.type === "link_open" && isLinkedFile(child.attrGet("href") ?? "")) {
        const url = resolveFile({ src: decodeURI(child.attrGet("href")!), line });
        if (url !== undefined) child.attrSet("href", url);
      }
      if (child.type !== "image") continue;
      const url = resolveImage({ src: child.attrGet("src") ?? "", line });
      if (url !== undefined) child.attrSet("src", url);
      if (url !== undefined && !firstImage) firstImage = { src: url, alt: plainText(child.children ?? []) || child.content };
    }
    if (!firstParagraph && tokens[i - 1]?.type === "paragraph_open") firstParagraph = plainText(token.children);
  });
  // markdown-it leaves out images whose address it will not link (javascript:, file: …): they are reported all the same.
  scanImages(body, (image) => (md.validateLink(image.src) ? undefined : resolveImage(image)));
  return { html: md.renderer.render(tokens, md.options, {}), firstParagraph, firstImage };
}

// An image's address may hold one level of parentheses: ![a](javascript:alert(1)).
const IMAGE = /!\[[^\]]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)/g;

/** Finds the photos of a body without parsing it as Markdown (for npm run check). */
function scanImages(body: string, resolveImage: (image: BodyImage) => string | undefined) {
  body.split("\n").forEach((text, i) => {
    for (const m of text.matchAll(IMAGE)) resolveImage({ src: m[1], line: i + 1 });
  });
}

const LINK = /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)/g;

/** Finds the links to files of a body without parsing it as Markdown (for npm run check). */
function scanLinks(body: string, resolveFile: (file: BodyImage) => string | undefined) {
  body.split("\n").forEach((text, i) => {
    for (const m of text.matchAll(LINK)) if (isLinkedFile(m[1])) resolveFile({ src: m[1], line: i + 1 });
  });
}

function* walk(tokens: Token[]): Generator<Token> {
  for (const t of tokens) {
    yield t;
    if (t.children) yield* walk(t.children);
  }
}

function plainText(children: Token[]): string {
  let out = "";
  for (const t of children) {
    if (t.type === "text" || t.type === "code_inline") out += t.content;
    else if (t.type === "softbreak" || t.type === "hardbreak") out += " ";
  }
  return out.replace(/\s+/g, " ").trim();
}
