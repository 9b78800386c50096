import { foldForMatching, foldText, type FoldedText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import type { SpeakerRole } from '../corpus/speakers.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { PeopleDirectory, readClaims, type Claim } from './claimed-speaker.js';
import { alignedWindow, diffText } from './diff-text.js';
import { findQuotations } from './find-quotations.js';
import { trimQuote, type QuoteLocation, type QuoteVerifier } from './verify-quote.js';

/**
 * Checks a whole text written about the interview: every quotation in it, whether the article has
 * it (verbatim, altered, or not at all) and whether the person the text credits it to said it.
 * Linear in the text's length: one pass finds the quotations and the names, and each quotation
 * costs at most a bounded search of the article (an inverted index of character pairs) and a
 * bounded diff.
 */

export type QuotationStatus = 'verbatim' | 'altered' | 'not_found';
export type Attribution = 'correct' | 'wrong' | 'unclaimed';

/** A change between the source passage and the quotation as written. */
export interface QuotationChange {
  /** `deleted`: source words the quotation left out or replaced; `inserted`: words it added. */
  type: 'deleted' | 'inserted';
  text: string;
  /** Offsets into the source paragraph (`deleted`) or the submitted text (`inserted`). */
  start: number;
  end: number;
}

/** The passage a quotation comes from (or is closest to). */
export interface QuotationSource {
  paragraph: number;
  start: number;
  end: number;
  /** `article.paragraphs[paragraph].text.slice(start, end)`. */
  text: string;
  /** Similarity to the quotation, 0 to 1: 1 for verbatim, else 2 × common characters / total. */
  score: number;
  /** For `altered`: what was changed, in text order. Absent when the texts are too long to diff. */
  changes?: QuotationChange[];
}

/** One quotation of the text and its verdict. */
export interface CheckedQuotation {
  /** The quotation as written, marks excluded, and its offsets in the submitted text. */
  text: string;
  start: number;
  end: number;
  /** Whom the text credits it to (a name as `/api/speakers` has it, or a person quoted, `习近平`). */
  claimed: string | null;
  /** The words that credit it: `李娜`, `主持人`, `省委党校的专家`, `她`. */
  claimedAs: string | null;
  status: QuotationStatus;
  /** Who says it in the article (verbatim and altered), their role, title and whom they quote. */
  speaker: string | null;
  role: SpeakerRole | null;
  title: string | null;
  quoting: string | null;
  /** The article's section where it stands. */
  section: string | null;
  /** `wrong`: the claimed person did not say it (`speaker` did). Null for `not_found`. */
  attribution: Attribution | null;
  /** How often the words occur in the article (verbatim only). */
  occurrences?: number;
  source: QuotationSource | null;
  /** For `not_found`: the closest passage, when any is alike. */
  nearest?: (QuotationSource & { speaker: string }) | null;
}

export interface CheckSummary {
  quotations: number;
  status: Record<QuotationStatus, number>;
  attribution: Record<Attribution, number>;
  /** Quotations too short to check (one character, or marks around punctuation only). */
  skipped: number;
  /** Opening marks never closed. */
  unclosed: number;
}

export interface CheckTextResult {
  quotations: CheckedQuotation[];
  summary: CheckSummary;
  /** True when no quotation is `not_found` and none is credited to the wrong person. */
  ok: boolean;
}

export interface TextCheckerOptions {
  /** Smallest similarity (0–1) of an `altered` quotation to its source; below it is `not_found`. */
  alteredMinScore: number;
  /** Shortest quotation (folded characters) that can be `altered` rather than `not_found`. */
  alteredMinLength: number;
}

const DEFAULT_OPTIONS: TextCheckerOptions = { alteredMinScore: 0.6, alteredMinLength: 6 };

/** Punctuation left out of the character pairs the search compares. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;
/** Quotations nested inside the one checked use `‘’`; the article uses `“”` there. */
const INNER_MARK = /'/gu;

interface Candidate {
  paragraph: number;
  /** Offsets into the paragraph's folded text. */
  start: number;
  end: number;
  pairs: number;
}

interface FoldedParagraph {
  folded: FoldedText;
  /** For each source offset, the folded offset where it starts. */
  foldedAt: Int32Array;
}

const pairsOf = (folded: string): string[] => {
  const chars = [...folded.replace(PUNCTUATION, '')];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
};

/** Checks texts against one article. Build once; `check` is pure and never throws on any string. */
export class TextChecker {
  private readonly opts: TextCheckerOptions;
  private readonly people: PeopleDirectory;
  private readonly paragraphs: FoldedParagraph[];
  private readonly candidates: Candidate[] = [];
  /** Character pair → [candidate index, count in candidate] pairs. */
  private readonly postings = new Map<string, Array<[number, number]>>();

  constructor(
    private readonly article: Article,
    private readonly verifier: QuoteVerifier,
    options: Partial<TextCheckerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OPTIONS, ...options } satisfies TextCheckerOptions;
    this.people = new PeopleDirectory(article);
    this.paragraphs = article.paragraphs.map((p) => {
      const folded = foldForMatching(p.text);
      const foldedAt = new Int32Array(p.text.length + 1).fill(-1);
      for (let i = folded.sourceIndex.length - 1; i >= 0; i--) foldedAt[folded.sourceIndex[i]!] = i;
      for (let i = p.text.length - 1; i >= 0; i--) if (foldedAt[i] === -1) foldedAt[i] = foldedAt[i + 1]!;
      return { folded, foldedAt };
    });
    // Candidates as the quote check has them: every sentence, and runs of two and three.
    for (const p of article.paragraphs) {
      const { folded, foldedAt } = this.paragraphs[p.id]!;
      const sentences = splitSentences(p.text);
      for (let i = 0; i < sentences.length; i++) {
        for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
          const start = foldedAt[sentences[i]!.start]!;
          const end = foldedAt[sentences[i + n - 1]!.end]!;
          const counts = new Map<string, number>();
          for (const pair of pairsOf(folded.text.slice(start, end))) counts.set(pair, (counts.get(pair) ?? 0) + 1);
          const id = this.candidates.length;
          this.candidates.push({ paragraph: p.id, start, end, pairs: [...counts.values()].reduce((a, b) => a + b, 0) });
          for (const [pair, count] of counts) {
            let list = this.postings.get(pair);
            if (!list) this.postings.set(pair, (list = []));
            list.push([id, count]);
          }
        }
      }
    }
  }

  /** Checks every quotation of a text, in text order. */
  check(text: string): CheckTextResult {
    const { quotations: spans, unclosed } = findQuotations(text);
    const mentions = this.people.mentions(text, spans);
    const claims = readClaims(text, spans, mentions);
    const quotations: CheckedQuotation[] = [];
    let skipped = 0;
    spans.forEach((span, i) => {
      const written = text.slice(span.start, span.end);
      if (written.replace(PUNCTUATION, '').length < 2) {
        skipped++;
        return;
      }
      quotations.push(this.checkQuotation(written, span.start, claims[i] ?? null));
    });
    const summary: CheckSummary = {
      quotations: quotations.length,
      status: { verbatim: 0, altered: 0, not_found: 0 },
      attribution: { correct: 0, wrong: 0, unclaimed: 0 },
      skipped,
      unclosed,
    };
    for (const q of quotations) {
      summary.status[q.status]++;
      if (q.attribution) summary.attribution[q.attribution]++;
    }
    return { quotations, summary, ok: summary.status.not_found === 0 && summary.attribution.wrong === 0 };
  }

  private checkQuotation(written: string, offset: number, claim: Claim | null): CheckedQuotation {
    const base = {
      text: written,
      start: offset,
      end: offset + written.length,
      claimed: claim?.person.name ?? null,
      claimedAs: claim?.as ?? null,
    };
    const trimmed = trimQuote(written);
    const needle = foldText(trimmed).replace(INNER_MARK, '"');
    const locations = this.verifier.findVerbatim(needle);
    if (locations.length > 0) {
      const credited = claim ? locations.find((l) => this.credits(l, claim)) : undefined;
      const location = credited ?? locations[0]!;
      return {
        ...base,
        status: 'verbatim',
        ...who(location, location.quoting),
        attribution: !claim ? 'unclaimed' : credited ? 'correct' : 'wrong',
        occurrences: locations.length,
        source: { paragraph: location.paragraph, start: location.start, end: location.end, text: location.matched, score: 1 },
      };
    }

    const nearest = this.nearest(needle);
    if (!nearest) return { ...base, ...nobody, status: 'not_found', attribution: null, source: null, nearest: null };
    const { candidate, window, score } = nearest;
    const paragraph = this.paragraphs[candidate.paragraph]!;
    const sourceStart = paragraph.folded.sourceIndex[candidate.start + window.start]!;
    const sourceEnd = paragraph.folded.sourceIndex[candidate.start + window.end]!;
    const location = this.verifier.locate(candidate.paragraph, sourceStart, trimEnd(this.article.paragraphs[candidate.paragraph]!.text, sourceStart, sourceEnd));
    const source: QuotationSource = { paragraph: location.paragraph, start: location.start, end: location.end, text: location.matched, score };
    if (score < this.opts.alteredMinScore || needle.replace(PUNCTUATION, '').length < this.opts.alteredMinLength) {
      return { ...base, ...nobody, status: 'not_found', attribution: null, source: null, nearest: { ...source, speaker: location.speaker } };
    }
    const changes = this.changes(candidate, window, needle, written, offset);
    const attributed = claim ? this.credits(location, claim) : false;
    return {
      ...base,
      status: 'altered',
      ...who(location, location.quoting),
      attribution: !claim ? 'unclaimed' : attributed ? 'correct' : 'wrong',
      source: changes ? { ...source, changes } : source,
    };
  }

  /**
   * Whether the article credits a place to the claimed person: they say it, or the words are theirs
   * by the one rule of reported speech (`quotingAt`: in quotation marks, or after a speech verb whose
   * subject they are, `习近平总书记……强调要……`). A speaker's own narration that merely names them
   * (`要对标习近平总书记……,牢记……`) is the speaker's.
   */
  private credits(location: QuoteLocation, claim: Claim): boolean {
    const name = claim.person.name;
    return location.speaker === name || location.quoting === name;
  }

  /** The candidate passage sharing most of the quotation's character pairs, and the part it came from. */
  private nearest(needle: string): { candidate: Candidate; window: { start: number; end: number }; score: number } | null {
    const pairs = pairsOf(needle);
    if (pairs.length === 0) return null;
    const wanted = new Map<string, number>();
    for (const pair of pairs) wanted.set(pair, (wanted.get(pair) ?? 0) + 1);
    const common = new Map<number, number>();
    for (const [pair, count] of wanted) {
      for (const [id, inCandidate] of this.postings.get(pair) ?? []) common.set(id, (common.get(id) ?? 0) + Math.min(count, inCandidate));
    }
    // Most pairs in common first; among equals the shortest passage (a sentence, not its run of three).
    let best: Candidate | null = null;
    let bestCommon = 0;
    for (const [id, shared] of common) {
      const candidate = this.candidates[id]!;
      if (shared > bestCommon || (shared === bestCommon && best && candidate.pairs < best.pairs)) {
        best = candidate;
        bestCommon = shared;
      }
    }
    if (!best) return null;
    const passage = this.paragraphs[best.paragraph]!.folded.text.slice(best.start, best.end);
    const window = alignedWindow(passage, needle) ?? { start: 0, end: passage.length };
    const part = passage.slice(window.start, window.end);
    const ops = diffText(part, needle);
    const matched = ops ? ops.filter((op) => op.type === 'equal').reduce((sum, op) => sum + op.aEnd - op.aStart, 0) : 0;
    const score = ops ? (2 * matched) / (part.length + needle.length) : (2 * bestCommon) / (best.pairs + pairs.length);
    return { candidate: best, window, score: Number(score.toFixed(3)) };
  }

  /** The diff between a source window and the quotation, in source and submitted-text offsets. */
  private changes(candidate: Candidate, window: { start: number; end: number }, needle: string, written: string, offset: number): QuotationChange[] | null {
    const paragraph = this.paragraphs[candidate.paragraph]!;
    const sourceText = this.article.paragraphs[candidate.paragraph]!.text;
    const from = candidate.start + window.start;
    const ops = diffText(paragraph.folded.text.slice(from, candidate.start + window.end), needle);
    if (!ops) return null;
    // The needle was folded from the trimmed quotation: map its offsets back through a fold of it.
    const lead = written.indexOf(trimQuote(written));
    const foldedWritten = foldForMatching(written.slice(lead));
    const changes: QuotationChange[] = [];
    for (const op of ops) {
      if (op.type === 'deleted') {
        const start = paragraph.folded.sourceIndex[from + op.aStart]!;
        const end = paragraph.folded.sourceIndex[from + op.aEnd]!;
        changes.push({ type: 'deleted', text: sourceText.slice(start, end), start, end });
      } else if (op.type === 'inserted') {
        const start = lead + foldedWritten.sourceIndex[op.bStart]!;
        const end = lead + foldedWritten.sourceIndex[op.bEnd]!;
        changes.push({ type: 'inserted', text: written.slice(start, end), start: offset + start, end: offset + end });
      }
    }
    return changes;
  }
}

const checkers = new WeakMap<QuoteVerifier, TextChecker>();

/** The one checker over an article and its verifier (built on first use: the index is built once). */
export function textCheckerFor(article: Article, verifier: QuoteVerifier): TextChecker {
  let checker = checkers.get(verifier);
  if (!checker) checkers.set(verifier, (checker = new TextChecker(article, verifier)));
  return checker;
}

const nobody = { speaker: null, role: null, title: null, quoting: null, section: null } as const;

function who(location: QuoteLocation, quoting: string | null): Pick<CheckedQuotation, 'speaker' | 'role' | 'title' | 'quoting' | 'section'> {
  return { speaker: location.speaker, role: location.role, title: location.title, quoting, section: location.section };
}

/** An end offset without the white space a fold dropped. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end;
}
