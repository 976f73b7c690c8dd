// The kinds of award (hình thức khen thưởng) the build knows, in order of
// precedence, which orders statistics tables too. An award is of a kind when
// its name starts with the kind ("Huân chương Chiến công hạng Ba" is a
// Huân chương). A site adds its own kinds in content/site.yaml (awardKinds).
import { distance } from "fastest-levenshtein";
import { normalizeName } from "./identity.ts";

const DEFAULT_AWARD_KINDS = [
  "Huân chương",
  "Huy chương",
  "Danh hiệu",
  "Cờ thi đua",
  "Chiến sĩ thi đua",
  "Bằng khen",
  "Giấy khen",
  "Kỷ niệm chương",
] as const;

export class AwardKinds {
  private readonly kinds: string[];
  private readonly normalized: string[];

  constructor(extra: string[] = []) {
    this.kinds = [...DEFAULT_AWARD_KINDS, ...extra];
    this.normalized = this.kinds.map(normalizeName);
  }

  /** The position of the award's kind in the order of precedence, or -1 when unknown. */
  rank(award: string): number {
    const a = normalizeName(award);
    return this.normalized.findIndex((k) => a === k || a.startsWith(`${k} `));
  }

  /** The known kind an unknown award was probably meant to be: its first words one or two letters off. */
  suggest(award: string): string | undefined {
    const words = normalizeName(award).split(" ");
    let best: string | undefined;
    let bestDistance = Infinity;
    this.normalized.forEach((kind, i) => {
      const d = distance(words.slice(0, kind.split(" ").length).join(" "), kind);
      if (d < bestDistance) {
        bestDistance = d;
        best = this.kinds[i];
      }
    });
    return bestDistance <= 2 ? best : undefined;
  }
}
