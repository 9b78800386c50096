import { foldForMatching, foldText, type FoldedText } from '../corpus/normalize-text.js';
import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { quotingAt } from '../corpus/reported-speech.js';
import type { AttributedSpan } from '../corpus/attributed-span.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { ClosestPassages, type ClosestPassage, type PassageChange } from './closest-passage.js';

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
  /** Similarity as `POST /api/check` scores it: 2 × characters in common ÷ both lengths. */
  similarity: number;
  /** For an `altered` quote: what was changed (`inserted` offsets are into the submitted quote). */
  changes?: PassageChange[];
  /** True when a change touches a number or figure. */
  figureChanged?: true;
}

/** `verbatim`, `altered` or `not_found`, as `POST /api/check` says of a quotation. */
export type VerifyStatus = 'verbatim' | 'altered' | 'not_found';

export type VerifyResult =
  | ({
      found: true;
      status: 'verbatim';
      exact: boolean;
      score: 1;
      occurrences: number;
      locations: QuoteLocation[];
      /** True when the quote leaves words out (`……`) and each piece is verbatim, in order, in one turn. */
      elided?: true;
      /** For a quote in pieces or across a paragraph break of one turn: each place, in order. */
      parts?: QuoteLocation[];
    } & QuoteLocation)
  | { found: false; status: 'altered' | 'not_found'; exact: false; score: number; nearest: NearestPassage | null };

/** Smallest similarity (0–1) of an `altered` quote to its source; below it a quote is `not_found`. */
export const ALTERED_MIN_SCORE = 0.6;
/** Shortest quote (folded characters, punctuation aside) that can be `altered` rather than `not_found`. */
export const ALTERED_MIN_LENGTH = 6;
/** Sentences longer than this are given as the clause that holds the nearest words, not whole. */
const MAX_NEAREST_SENTENCE = 120;

/** Where people mark words left out of a quote: `……`, `…`, `...`. */
const ELLIPSIS = /…+|\.{3,}|。{3,}/u;
/** A piece of an elided quote shorter than this (Han or Latin characters) could stand anywhere. */
const MIN_PIECE_CHARS = 4;

/** A quote found in one speaker's turn: its pieces, each verbatim, in order. */
export interface TurnMatch {
  /** One place per paragraph each piece stands in (a piece across a paragraph break is two). */
  parts: QuoteLocation[];
  /** True when the quote left words out (`……`) between its pieces. */
  elided: boolean;
  /** Whom the pieces report, when every piece reports the same person (else null). */
  quoting: string | null;
}

/** A speaker's turn: consecutive paragraphs of one speaker, folded and joined, and the way back. */
interface Turn {
  text: string;
  /** For each unit of `text`: the paragraph and the folded offset in it. */
  paragraph: Int32Array;
  offset: Int32Array;
}

interface FoldedParagraph {
  paragraph: ArticleParagraph;
  folded: FoldedText;
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

  constructor(private readonly article: Article) {
    this.paragraphs = article.paragraphs.map((paragraph) => ({ paragraph, folded: foldForMatching(paragraph.text) }));
  }

  private closestPassages: ClosestPassages | null = null;
  private turns: Turn[] | null = null;

  /**
   * A quote that is not verbatim in one paragraph but is in one speaker's turn: its pieces (split at
   * `……`, `…`, `...`) each verbatim, in order, and a piece may run on from one paragraph of the turn
   * into the next. Null otherwise, or when a piece is too short to tell where it stands.
   */
  findInTurn(trimmed: string): TurnMatch | null {
    const pieces = trimmed.split(ELLIPSIS).map((piece) => foldText(trimQuote(piece)).replace(/'/gu, '"')).filter((piece) => piece !== '');
    if (pieces.length === 0 || pieces.some((piece) => (piece.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_PIECE_CHARS)) return null;
    this.turns ??= this.buildTurns();
    for (const turn of this.turns) {
      const found: Array<{ at: number; length: number }> = [];
      let from = 0;
      for (const piece of pieces) {
        const at = turn.text.indexOf(piece, from);
        if (at < 0) break;
        found.push({ at, length: piece.length });
        from = at + piece.length;
      }
      if (found.length < pieces.length) continue;
      const parts = found.flatMap(({ at, length }) => this.partsOf(turn, at, at + length));
      // One piece in one paragraph is what `findVerbatim` finds; this is for the others.
      if (parts.length < 2 && pieces.length < 2) continue;
      const quoting = parts.every((part) => part.quoting === parts[0]!.quoting) ? parts[0]!.quoting : null;
      return { parts, elided: pieces.length > 1, quoting };
    }
    return null;
  }

  /** `[at, end)` of a turn's text as places in its paragraphs. */
  private partsOf(turn: Turn, at: number, end: number): QuoteLocation[] {
    const parts: QuoteLocation[] = [];
    let i = at;
    while (i < end) {
      const paragraph = turn.paragraph[i]!;
      let j = i;
      while (j < end && turn.paragraph[j] === paragraph) j++;
      const folded = this.paragraphs[paragraph]!.folded;
      const start = folded.sourceIndex[turn.offset[i]!]!;
      const lastStart = folded.sourceIndex[turn.offset[j - 1]!]!;
      const text = this.article.paragraphs[paragraph]!.text;
      parts.push(this.locate(paragraph, start, lastStart + (text.codePointAt(lastStart)! > 0xffff ? 2 : 1)));
      i = j;
    }
    return parts;
  }

  private buildTurns(): Turn[] {
    const turns: Turn[] = [];
    let run: FoldedParagraph[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const length = run.reduce((sum, p) => sum + p.folded.text.length, 0);
      const turn: Turn = { text: run.map((p) => p.folded.text).join(''), paragraph: new Int32Array(length), offset: new Int32Array(length) };
      let k = 0;
      for (const p of run) {
        for (let i = 0; i < p.folded.text.length; i++, k++) {
          turn.paragraph[k] = p.paragraph.id;
          turn.offset[k] = i;
        }
      }
      turns.push(turn);
      run = [];
    };
    for (const p of this.paragraphs) {
      if (run.length > 0 && run.at(-1)!.paragraph.speaker !== p.paragraph.speaker) flush();
      run.push(p);
    }
    flush();
    return turns;
  }

  /**
   * The passage closest to a folded text that is not verbatim in the article, narrowed to the part
   * it was taken from, with its score and changes (`written`: the text whose fold `needle` is, for
   * the offsets of inserted words). The same search for `POST /api/check` and `POST /api/verify`.
   */
  closest(needle: string, written: string): ClosestPassage | null {
    this.closestPassages ??= new ClosestPassages(this.article);
    return this.closestPassages.closest(needle, written);
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
    if (needle === '') return { found: false, status: 'not_found', exact: false, score: 0, nearest: null };

    const locations = this.findVerbatim(needle);
    const [first] = locations;
    if (first) {
      return { found: true, status: 'verbatim', exact: first.matched === trimmed, score: 1, occurrences: locations.length, ...first, locations };
    }

    const inTurn = this.findInTurn(trimmed);
    if (inTurn) {
      const location = { ...inTurn.parts[0]!, quoting: inTurn.quoting };
      return {
        found: true,
        status: 'verbatim',
        exact: false,
        score: 1,
        occurrences: 1,
        ...location,
        locations: [location],
        ...(inTurn.elided ? { elided: true as const } : {}),
        parts: inTurn.parts,
      };
    }

    // The near miss as /api/check finds it: the part of a passage the quote was taken from.
    const lead = quote.indexOf(trimmed);
    const closest = this.closest(needle, quote.slice(lead));
    if (!closest) return { found: false, status: 'not_found', exact: false, score: 0, nearest: null };
    const altered = closest.score >= ALTERED_MIN_SCORE && needle.replace(/[\p{P}\p{S}\s]/gu, '').length >= ALTERED_MIN_LENGTH;
    const span = altered ? closest : this.wholeSentence(closest.paragraph, closest.start, closest.end);
    const location = this.locate(closest.paragraph, span.start, span.end);
    const grams = bigramCounts(needle);
    const matchedGrams = bigramCounts(foldText(location.matched));
    const score = Number(dice(grams, sizeOf(grams), matchedGrams, sizeOf(matchedGrams)).toFixed(3));
    const changes = altered && closest.changes ? closest.changes.map((c) => (c.type === 'inserted' ? { ...c, start: lead + c.start, end: lead + c.end } : c)) : undefined;
    const figureChanged = changes?.some((c) => c.kind === 'number') ? { figureChanged: true as const } : {};
    const nearest: NearestPassage = { ...location, score, similarity: closest.score, ...(changes ? { changes } : {}), ...figureChanged };
    return { found: false, status: altered ? 'altered' : 'not_found', exact: false, score, nearest };
  }

  /**
   * The whole sentence around `[start, end)` of a paragraph, its turn label left out; in a sentence
   * too long to read at a glance, the clauses (cut at `，；：`) that hold it.
   */
  wholeSentence(paragraphId: number, start: number, end: number): { start: number; end: number } {
    const paragraph = this.article.paragraphs[paragraphId]!;
    const { text, labelEnd } = paragraph;
    const sentences = splitSentences(text.slice(labelEnd)).map((s) => ({ start: labelEnd + s.start, end: labelEnd + s.end }));
    const from = sentences.find((s) => s.end > start) ?? { start: labelEnd, end: text.length };
    const to = sentences.findLast((s) => s.start < end) ?? from;
    let spanStart = Math.max(labelEnd, Math.min(from.start, start));
    let spanEnd = Math.max(to.end, end);
    if (spanEnd - spanStart > MAX_NEAREST_SENTENCE) {
      const clauseEnd = /[,，;；:：。！？!?]/u;
      spanStart = Math.max(labelEnd, start);
      while (spanStart > from.start && !clauseEnd.test(text[spanStart - 1]!)) spanStart--;
      spanEnd = end;
      while (spanEnd < to.end && !clauseEnd.test(text[spanEnd - 1] ?? '')) spanEnd++;
    }
    while (spanStart < spanEnd && /\s/u.test(text[spanStart]!)) spanStart++;
    while (spanEnd > spanStart && /[\s,，;；:：]/u.test(text[spanEnd - 1]!)) spanEnd--;
    return { start: spanStart, end: spanEnd };
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
}
