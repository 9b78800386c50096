import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import type { SpeakerRole } from '../corpus/speakers.js';
import { PeopleDirectory, readClaims, type Claim } from './claimed-speaker.js';
import type { PassageChange } from './closest-passage.js';
import { findQuotations } from './find-quotations.js';
import { ALTERED_MIN_LENGTH, ALTERED_MIN_SCORE, trimQuote, type QuoteLocation, type QuoteVerifier } from './verify-quote.js';

/**
 * Checks a whole text written about the interview: every quotation in it, whether the article has
 * it (verbatim, altered, or not at all) and whether the person the text credits it to said it.
 * Linear in the text's length: one pass finds the quotations and the names, and each quotation
 * costs at most a bounded search of the article (an inverted index of character pairs) and a
 * bounded diff.
 */

export type QuotationStatus = 'verbatim' | 'altered' | 'not_found';
export type Attribution = 'correct' | 'wrong' | 'unclaimed';

/** A change between the source passage and the quotation as written (`inserted`: offsets into the submitted text). */
export type QuotationChange = PassageChange;

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
  /**
   * For a quotation in pieces (`……` between them) or across a paragraph break of one speaker's
   * turn: every place it stands, in order (the fields above are the first).
   */
  parts?: Array<{ paragraph: number; start: number; end: number; text: string }>;
}

/** One quotation of the text and its verdict. */
export interface CheckedQuotation {
  /** The quotation as written, marks excluded, and its offsets in the submitted text. */
  text: string;
  start: number;
  end: number;
  /** Whom the text credits it to (a name as `/api/speakers` has it, or a person quoted, `习近平`). */
  claimed: string | null;
  /** The words that credit it: `李娜`, `主持人`, `省委党校的专家`, `她`, `李娜、刘畅两位专家`. */
  claimedAs: string | null;
  /** A joint attribution (`李娜、刘畅两位专家都认为`): everyone it names; `claimed` is the first who says it. */
  claimedAll?: string[];
  /** Of `claimedAll`, those the article does not show saying it. */
  notSaidBy?: string[];
  /** True when the text denies that `claimed` said it (`马冠奎没有说过“……”`): `attribution` is `correct` when they did not. */
  negated?: true;
  /**
   * A credit the checker is unsure of (carried from a lead sentence or heading, or the subject chosen
   * over another person named nearer the quotation): whom it reads (the same as `claimed`, which is
   * still judged) and how sure it is, 0–1. Absent for a plain credit.
   */
  claimedBy?: string;
  claimConfidence?: number;
  /** Other people named before the quotation who are not the one credited (`引用了习近平总书记的话`, `和刘畅一样`). */
  alsoNamed?: string[];
  /** One paragraph of a quotation over several (each paragraph opens, only the last closes): its place (0-based) and how many. */
  paragraph?: { index: number; count: number };
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
  /** True when a change of an `altered` quotation touches a number or figure (`三` → `两`, `400亿` → `500亿`). */
  figureChanged?: true;
  /** True when the quotation leaves words out (`……`) and each piece is verbatim, in order, in one turn. */
  elided?: true;
  /** How often the words occur in the article (verbatim only). */
  occurrences?: number;
  source: QuotationSource | null;
  /** For `not_found`: the closest passage, when any is alike. */
  nearest?: (QuotationSource & { speaker: string }) | null;
}

/**
 * A quoted term, not a quotation (`“四地”`, `“双碳”`, a coined `“绿能经济”`): four characters or
 * fewer, not a sentence. It is looked up as a term: the article uses it or it does not; it is never
 * an invented quotation, and whom the text credits it to is not judged.
 */
export interface CheckedTerm {
  /** The term as written, marks excluded, and its offsets in the submitted text. */
  text: string;
  start: number;
  end: number;
  /** True when the article has the words (`出现于原文`); false: `原文没有这个说法`. */
  inArticle: boolean;
  /** How often the article has it. */
  occurrences: number;
  /** Where the article first has it, and who says it there; null when it does not. */
  source: { paragraph: number; start: number; end: number; text: string } | null;
  speaker: string | null;
}

export interface CheckSummary {
  quotations: number;
  status: Record<QuotationStatus, number>;
  attribution: Record<Attribution, number>;
  /** Quotations too short to check (one character, or marks around punctuation only). */
  skipped: number;
  /** Opening marks never closed. */
  unclosed: number;
  /** `altered` quotations that change a number or figure. */
  figureChanged: number;
  /** Quoted terms (not counted as quotations): in the article or not. */
  terms: { inArticle: number; notInArticle: number };
}

export interface CheckTextResult {
  quotations: CheckedQuotation[];
  /** Quoted terms, in text order: looked up as terms, not checked as quotations. */
  terms: CheckedTerm[];
  summary: CheckSummary;
  /** True when no quotation is `not_found` and none is credited to the wrong person. */
  ok: boolean;
  /** `ok`, and no quotation changes a number or figure: what a fact-checker can pass as it is. */
  accurate: boolean;
}

export interface TextCheckerOptions {
  /** Smallest similarity (0–1) of an `altered` quotation to its source; below it is `not_found`. */
  alteredMinScore: number;
  /** Shortest quotation (folded characters) that can be `altered` rather than `not_found`. */
  alteredMinLength: number;
}

const DEFAULT_OPTIONS: TextCheckerOptions = { alteredMinScore: ALTERED_MIN_SCORE, alteredMinLength: ALTERED_MIN_LENGTH };

/** Punctuation left out of the character pairs the search compares. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;
/** A quoted term has at most this many characters (punctuation and white space aside). */
export const MAX_TERM_CHARS = 4;
/** Punctuation inside the marks that makes the words a sentence or a list, not a term. */
const SENTENCE_PUNCTUATION = /[。！？!?，,；;：:、…]/u;
/** A colon before the opening mark introduces words someone says (`他说：“好的”`), not a term. */
const INTRODUCED = /[:：]\s*$/u;
/** Quotations nested inside the one checked use `‘’`; the article uses `“”` there. */
const INNER_MARK = /'/gu;

/** The quotations of one text, found and credited, checked one by one against one article ({@link TextChecker.begin}). */
export interface TextCheck {
  /** Quotations to check, in text order. */
  count: number;
  /** Quotations too short to check (one character, or punctuation only). */
  skipped: number;
  /** Opening marks never closed. */
  unclosed: number;
  /** Quotation `i` as written, marks excluded. */
  written(i: number): string;
  /** Where quotation `i` starts in the text. */
  start(i: number): number;
  /** Quotation `i` checked against the article. */
  quotation(i: number): CheckedQuotation;
  /** Quoted terms (`“双碳”`), in text order: looked up, not checked as quotations. */
  termCount: number;
  /** Term `j` as written, marks excluded. */
  termWritten(j: number): string;
  /** Term `j` looked up in the article. */
  term(j: number): CheckedTerm;
}

/** The report of a text from its checked quotations and terms: counts, `ok` and `accurate`. */
export function summarizeCheck(quotations: CheckedQuotation[], terms: CheckedTerm[], skipped: number, unclosed: number): CheckTextResult {
  const summary: CheckSummary = {
    quotations: quotations.length,
    status: { verbatim: 0, altered: 0, not_found: 0 },
    attribution: { correct: 0, wrong: 0, unclaimed: 0 },
    skipped,
    unclosed,
    figureChanged: 0,
    terms: { inArticle: terms.filter((t) => t.inArticle).length, notInArticle: terms.filter((t) => !t.inArticle).length },
  };
  for (const q of quotations) {
    summary.status[q.status]++;
    if (q.attribution) summary.attribution[q.attribution]++;
    if (q.figureChanged) summary.figureChanged++;
  }
  const ok = summary.status.not_found === 0 && summary.attribution.wrong === 0;
  return { quotations, terms, summary, ok, accurate: ok && summary.figureChanged === 0 };
}

/** Checks texts against one article. Build once; `check` is pure and never throws on any string. */
export class TextChecker {
  private readonly opts: TextCheckerOptions;
  private readonly people: PeopleDirectory;

  constructor(
    private readonly article: Article,
    private readonly verifier: QuoteVerifier,
    options: Partial<TextCheckerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OPTIONS, ...options } satisfies TextCheckerOptions;
    this.people = new PeopleDirectory(article);
  }

  /** Checks every quotation of a text, in text order. */
  check(text: string): CheckTextResult {
    const checking = this.begin(text);
    const quotations: CheckedQuotation[] = [];
    for (let i = 0; i < checking.count; i++) quotations.push(checking.quotation(i));
    const terms: CheckedTerm[] = [];
    for (let j = 0; j < checking.termCount; j++) terms.push(checking.term(j));
    return summarizeCheck(quotations, terms, checking.skipped, checking.unclosed);
  }

  /**
   * A text's quotations, found and credited (linear in the text), each checked against the article
   * only when asked: for a caller that checks some of them here and others elsewhere (across a
   * library), or that yields between them. Quotations are numbered in text order, those too short
   * to check left out; the numbering depends on the text only, so it is the same for every article.
   */
  begin(text: string): TextCheck {
    const { quotations: spans, unclosed } = findQuotations(text);
    const mentions = this.people.mentions(text, spans);
    const claims = readClaims(text, spans, mentions);
    const kept: Array<{ written: string; start: number; claim: Claim | null; paragraph: CheckedQuotation['paragraph'] }> = [];
    const terms: Array<{ written: string; start: number }> = [];
    let skipped = 0;
    spans.forEach((span, i) => {
      const written = text.slice(span.start, span.end);
      if (written.replace(PUNCTUATION, '').length < 2) {
        skipped++;
        return;
      }
      if (!span.paragraph && isTerm(written, text.slice(Math.max(0, span.open - 4), span.open))) {
        terms.push({ written, start: span.start });
        return;
      }
      kept.push({ written, start: span.start, claim: claims[i] ?? null, paragraph: span.paragraph });
    });
    return {
      count: kept.length,
      skipped,
      unclosed,
      written: (i) => kept[i]!.written,
      start: (i) => kept[i]!.start,
      quotation: (i) => {
        const { written, start, claim, paragraph } = kept[i]!;
        const checked = this.checkQuotation(written, start, claim);
        return paragraph ? { ...checked, paragraph } : checked;
      },
      termCount: terms.length,
      termWritten: (j) => terms[j]!.written,
      term: (j) => this.checkTerm(terms[j]!.written, terms[j]!.start),
    };
  }

  /** A term is in the article or not: verbatim (folded) in some paragraph. */
  private checkTerm(written: string, offset: number): CheckedTerm {
    const locations = this.verifier.findVerbatim(foldText(trimQuote(written)));
    const first = locations[0];
    return {
      text: written,
      start: offset,
      end: offset + written.length,
      inArticle: first !== undefined,
      occurrences: locations.length,
      source: first ? { paragraph: first.paragraph, start: first.start, end: first.end, text: first.matched } : null,
      speaker: first?.speaker ?? null,
    };
  }

  private checkQuotation(written: string, offset: number, claim: Claim | null): CheckedQuotation {
    const base = {
      text: written,
      start: offset,
      end: offset + written.length,
      claimed: claim?.person.name ?? null,
      claimedAs: claim?.as ?? null,
      ...(claim?.confidence !== undefined ? { claimedBy: claim.person.name, claimConfidence: claim.confidence } : {}),
      ...(claim?.alsoNamed ? { alsoNamed: claim.alsoNamed.map((p) => p.name) } : {}),
    };
    const trimmed = trimQuote(written);
    const needle = foldText(trimmed).replace(INNER_MARK, '"');
    const locations = this.verifier.findVerbatim(needle);
    if (locations.length > 0) {
      const { location, ...verdict } = this.attribute(locations, claim);
      return {
        ...base,
        status: 'verbatim',
        ...who(location, location.quoting),
        ...verdict,
        occurrences: locations.length,
        source: { paragraph: location.paragraph, start: location.start, end: location.end, text: location.matched, score: 1 },
      };
    }

    const inTurn = this.verifier.findInTurn(trimmed);
    if (inTurn) {
      const { quoting } = inTurn;
      const { location, ...verdict } = this.attribute([{ ...inTurn.parts[0]!, quoting }], claim);
      return {
        ...base,
        status: 'verbatim',
        ...who(location, quoting),
        ...verdict,
        occurrences: 1,
        ...(inTurn.elided ? { elided: true } : {}),
        source: {
          paragraph: location.paragraph,
          start: location.start,
          end: location.end,
          text: location.matched,
          score: 1,
          parts: inTurn.parts.map((part) => ({ paragraph: part.paragraph, start: part.start, end: part.end, text: part.matched })),
        },
      };
    }

    const lead = written.indexOf(trimmed);
    const closest = this.verifier.closest(needle, written.slice(lead));
    if (!closest) return { ...base, ...nobody, status: 'not_found', attribution: null, source: null, nearest: null };
    const { score } = closest;
    const location = this.verifier.locate(closest.paragraph, closest.start, closest.end);
    const source: QuotationSource = { paragraph: location.paragraph, start: location.start, end: location.end, text: location.matched, score };
    if (score < this.opts.alteredMinScore || needle.replace(PUNCTUATION, '').length < this.opts.alteredMinLength) {
      // The nearest words as a reader would look them up: the whole sentence (or clause), no turn label.
      const sentence = this.verifier.wholeSentence(closest.paragraph, closest.start, closest.end);
      const around = this.verifier.locate(closest.paragraph, sentence.start, sentence.end);
      const nearest = { paragraph: around.paragraph, start: around.start, end: around.end, text: around.matched, score, speaker: around.speaker };
      return { ...base, ...nobody, status: 'not_found', attribution: null, source: null, nearest };
    }
    const changes = closest.changes?.map((c) => (c.type === 'inserted' ? { ...c, start: offset + lead + c.start, end: offset + lead + c.end } : c));
    const { location: _same, ...verdict } = this.attribute([location], claim);
    return {
      ...base,
      status: 'altered',
      ...who(location, location.quoting),
      ...verdict,
      ...(changes?.some((c) => c.kind === 'number') ? { figureChanged: true as const } : {}),
      source: changes ? { ...source, changes } : source,
    };
  }

  /**
   * Whether the article credits a place to the claimed person: they say it, or the words are theirs
   * by the one rule of reported speech (`quotingAt`: in quotation marks, or after a speech verb whose
   * subject they are, `习近平总书记……强调要……`). A speaker's own narration that merely names them
   * (`要对标习近平总书记……,牢记……`) is the speaker's.
   */
  private credits(location: QuoteLocation, name: string): boolean {
    // A paragraph whose speaker the parser could not decide credits no one, not even a claim of it.
    if (location.role === 'unattributed') return false;
    return location.speaker === name || location.quoting === name;
  }

  /**
   * The verdict on whom a text credits words found at `locations`: the place of a claimed person when
   * one says it there; for a joint attribution, the first of the group who does (`claimed`), and who
   * of the group does not (`notSaidBy`); for a denial (`……没有说过“……”`), `correct` when they did not.
   */
  private attribute(locations: readonly QuoteLocation[], claim: Claim | null): Pick<CheckedQuotation, 'attribution' | 'claimed' | 'claimedAll' | 'notSaidBy' | 'negated'> & { location: QuoteLocation } {
    if (!claim) return { location: locations[0]!, attribution: 'unclaimed', claimed: null };
    const people = claim.group ?? [claim.person];
    let credited: { location: QuoteLocation; name: string } | null = null;
    const notSaidBy: string[] = [];
    for (const { name } of people) {
      const location = locations.find((l) => this.credits(l, name));
      if (!location) notSaidBy.push(name);
      else credited ??= { location, name };
    }
    const said = credited !== null;
    // `李娜引用习近平总书记的话指出：“……”` where 李娜 says it quoting him: the credit is to 李娜, as the article has it.
    const relayer = claim.relayedBy && credited?.location.speaker === claim.relayedBy.name ? claim.relayedBy.name : null;
    return {
      location: credited?.location ?? locations[0]!,
      claimed: relayer ?? credited?.name ?? claim.person.name,
      attribution: said !== (claim.negated ?? false) ? 'correct' : 'wrong',
      ...(claim.group ? { claimedAll: claim.group.map((p) => p.name), notSaidBy } : {}),
      ...(claim.negated ? { negated: true as const } : {}),
    };
  }
}

const checkers = new WeakMap<QuoteVerifier, TextChecker>();

/** The one checker over an article and its verifier (built on first use: the index is built once). */
export function textCheckerFor(article: Article, verifier: QuoteVerifier): TextChecker {
  let checker = checkers.get(verifier);
  if (!checker) checkers.set(verifier, (checker = new TextChecker(article, verifier)));
  return checker;
}

/**
 * A quoted term, not a quotation: at most four characters, no sentence punctuation inside, and not
 * introduced by a colon (`他说：“好的。”` is words someone says).
 */
function isTerm(written: string, before: string): boolean {
  const words = written.replace(PUNCTUATION, '');
  return words.length <= MAX_TERM_CHARS && !SENTENCE_PUNCTUATION.test(written) && !INTRODUCED.test(before);
}

const nobody = { speaker: null, role: null, title: null, quoting: null, section: null } as const;

function who(location: QuoteLocation, quoting: string | null): Pick<CheckedQuotation, 'speaker' | 'role' | 'title' | 'quoting' | 'section'> {
  return { speaker: location.speaker, role: location.role, title: location.title, quoting, section: location.section };
}
