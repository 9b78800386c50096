import { foldForMatching, foldText, type FoldedText } from '../corpus/normalize-text.js';
import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { quotingAt } from '../corpus/reported-speech.js';
import type { AttributedSpan } from '../corpus/attributed-span.js';
import { splitSentences } from '../corpus/split-sentences.js';

/**
 * Quote checks: is a text verbatim in the article, where, who said it and whom they quoted. Matching
 * ignores white space, full- vs half-width forms (NFKC), quotation-mark styles and Traditional vs
 * Simplified characters; offsets are always into the cleaned paragraph of `GET /api/article`.
 */

/** Where a text stands in the article and who says it there. */
export interface QuoteLocation extends AttributedSpan {
  /** `article.paragraphs[paragraph].text.slice(start, end)`. */
  matched: string;
}

export interface NearestPassage extends QuoteLocation {
  /** Similarity of the quote to this passage, 0 to 1 (Dice coefficient of character bigrams). */
  score: number;
}

export type VerifyResult =
  | ({ found: true; exact: boolean; score: 1; occurrences: number; locations: QuoteLocation[] } & QuoteLocation)
  | { found: false; exact: false; score: number; nearest: NearestPassage | null };

interface FoldedParagraph {
  paragraph: ArticleParagraph;
  folded: FoldedText;
}

interface Candidate {
  paragraph: ArticleParagraph;
  start: number;
  end: number;
  bigrams: Map<string, number>;
  size: number;
}

/** Marks and white space people copy around a quote: `“……。”` finds `……`. */
const EDGE_NOISE = /^[\s"'“”‘’「」『』《》〈〉,，.。;；:：!！?？、…]+|[\s"'“”‘’「」『』《》〈〉,，.。;；:：!！?？、…]+$/gu;

/** A quote without the marks, white space and end punctuation people copy around it. */
export function trimQuote(quote: string): string {
  return quote.replace(EDGE_NOISE, '');
}

function bigramCounts(folded: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...folded.replace(/[,.;:!?、。"'()《》…·-]/gu, '')];
  for (let i = 0; i + 1 < chars.length; i++) {
    const bigram = chars[i]! + chars[i + 1]!;
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  if (chars.length === 1) counts.set(chars[0]!, 1);
  return counts;
}

function dice(a: Map<string, number>, aSize: number, b: Map<string, number>, bSize: number): number {
  if (aSize + bSize === 0) return 0;
  let common = 0;
  for (const [gram, count] of a) common += Math.min(count, b.get(gram) ?? 0);
  return (2 * common) / (aSize + bSize);
}

const sizeOf = (counts: Map<string, number>) => [...counts.values()].reduce((s, n) => s + n, 0);

export class QuoteVerifier {
  private readonly paragraphs: FoldedParagraph[];
  private readonly candidates: Candidate[];

  constructor(private readonly article: Article) {
    this.paragraphs = article.paragraphs.map((paragraph) => ({ paragraph, folded: foldForMatching(paragraph.text) }));
    // Nearest-passage candidates: every sentence, and runs of two and three sentences.
    this.candidates = [];
    for (const paragraph of article.paragraphs) {
      const sentences = splitSentences(paragraph.text);
      for (let i = 0; i < sentences.length; i++) {
        for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
          const start = sentences[i]!.start;
          const end = sentences[i + n - 1]!.end;
          const bigrams = bigramCounts(foldText(paragraph.text.slice(start, end)));
          this.candidates.push({ paragraph, start, end, bigrams, size: sizeOf(bigrams) });
        }
      }
    }
  }

  /** Describes a place in the article: speaker, title, section and whom the speaker quotes there. */
  locate(paragraphId: number, start: number, end: number): QuoteLocation {
    const paragraph = this.article.paragraphs[paragraphId]!;
    return {
      speaker: paragraph.speaker,
      role: paragraph.role,
      title: paragraph.title,
      section: paragraph.section,
      // The one rule of reported speech, as citations have it (`quotingAt`): all the words are theirs.
      quoting: quotingAt(this.article, paragraph, start, end),
      paragraph: paragraph.id,
      start,
      end,
      matched: paragraph.text.slice(start, end),
    };
  }

  /** Checks a quote. Never throws; an empty quote is simply not found. */
  verify(quote: string): VerifyResult {
    const trimmed = trimQuote(quote);
    const needle = foldText(trimmed);
    if (needle === '') return { found: false, exact: false, score: 0, nearest: null };

    const locations = this.findVerbatim(needle);
    const [first] = locations;
    if (first) {
      return { found: true, exact: first.matched === trimmed, score: 1, occurrences: locations.length, ...first, locations };
    }

    const nearest = this.nearest(needle);
    return { found: false, exact: false, score: nearest?.score ?? 0, nearest };
  }

  /**
   * Every place a folded text stands in the article, in article order: a sentence two experts both
   * say is two places. Empty when it is not verbatim anywhere.
   */
  findVerbatim(needle: string): QuoteLocation[] {
    const locations: QuoteLocation[] = [];
    if (needle === '') return locations;
    for (const p of this.paragraphs) {
      for (let at = p.folded.text.indexOf(needle); at >= 0; at = p.folded.text.indexOf(needle, at + 1)) {
        const { sourceIndex } = p.folded;
        const start = sourceIndex[at]!;
        const lastStart = sourceIndex[at + needle.length - 1]!;
        const end = lastStart + (p.paragraph.text.codePointAt(lastStart)! > 0xffff ? 2 : 1);
        locations.push(this.locate(p.paragraph.id, start, end));
      }
    }
    return locations;
  }

  /** The passage most like a text that is not in the article, or null when nothing is alike. */
  nearest(foldedNeedle: string): NearestPassage | null {
    const grams = bigramCounts(foldedNeedle);
    const size = sizeOf(grams);
    let best: { candidate: Candidate; score: number } | null = null;
    for (const candidate of this.candidates) {
      const score = dice(grams, size, candidate.bigrams, candidate.size);
      if (!best || score > best.score) best = { candidate, score };
    }
    if (!best || best.score === 0) return null;
    const { candidate, score } = best;
    return { ...this.locate(candidate.paragraph.id, candidate.start, candidate.end), score: Number(score.toFixed(3)) };
  }
}
