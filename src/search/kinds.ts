// The kinds of page search finds. Each has a stable id, which is the kind
// filter's value in the index and in shared search addresses (?loai=award-list),
// and a label readers see; renaming a label breaks no link.
import { ui } from "../strings.ts";

export const KINDS = {
  article: { id: "article", label: ui.kindArticle },
  awardList: { id: "award-list", label: ui.kindAwardList },
  recipient: { id: "recipient", label: ui.kindRecipient },
} as const;
