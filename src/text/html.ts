// The five entities markdown-it (and our templates) write, and back.

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Decodes &amp; &lt; &gt; &quot; &#39; (what markdown-it escapes), nothing else. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}
