import { nestQuotationMarks, toDisplayText } from '../corpus/display-text.js';
import { SPEECH_VERBS } from '../corpus/interview-layout.js';
import { foldText } from '../corpus/normalize-text.js';
import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import type { AttributedSpan } from '../corpus/attributed-span.js';
import { DEPENDENT_OPENER, quotingAt } from '../corpus/reported-speech.js';
import { speakerAt } from '../corpus/speech-at.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { foldedCoverage, type QueryTerm } from '../retrieval/weigh-terms.js';

export { narratesReportedWords, quotingAt, reportedSpansOf } from '../corpus/reported-speech.js';

/**
 * Citations are data: a numbered, verbatim span of the article with its speaker. These functions
 * are pure, so the extractive and the LLM answerers share them and tests can check them alone.
 */

/** A citation as `/api/chat` returns it: `article.paragraphs[paragraph].text.slice(start, end) === quote`. */
export interface Citation extends AttributedSpan {
  n: number;
  quote: string;
  /**
   * The quote as shown on screen: the source's half-width `,:;?!()` inside Chinese text full-width
   * (`，：；？！（）`), one character for one, so `start`/`end` hold for it too.
   */
  displayQuote: string;
  /** The id of the article the quote is in; the server sets it on every citation it sends. */
  article?: string;
  /** That article's headline. */
  articleTitle?: string;
}

/** The contract's bound on a citation quote (`docs/api.md`: one to three sentences, ≤ 200 characters). */
export const MAX_QUOTE_CHARS = 200;
const MAX_QUOTE_SENTENCES = 3;

/**
 * A paragraph's text and where its printed speaker label (`李娜:`) ends: the label is not quoted.
 * With its quoted spans, a quote may also begin where someone's words in quotation marks begin.
 */
export type LabelledText = Pick<ArticleParagraph, 'text' | 'labelEnd'> & Partial<Pick<ArticleParagraph, 'quotes'>>;

const OPENING_CODE = '“'.charCodeAt(0);
const CLOSING_CODE = '”'.charCodeAt(0);
/** Text after a closing quotation mark that adds no words: the sentence's end. */
const ONLY_PUNCTUATION = /^[\s。，,；;：:、！!？?]*$/u;
/** Trailing text a quote never ends with. */
const TRAILING = /[,，、:：\s]/u;
/** A quote that ends on its lead-in (`……系统论述,指出`) says nothing yet: the words follow. */
const DANGLING_LEAD_IN = new RegExp(`(?:${SPEECH_VERBS.join('|')})$`, 'u');

/**
 * Where each quotation mark of a text closes or opens: opening offset → closing offset and back.
 * A mark with no partner in the whole text (the source's `西算”、西存、西训”` has one closing mark
 * too many) is a slip of the source, not a quotation, and has no entry.
 */
const markPartners = new Map<string, Map<number, number>>();

function partnersOf(text: string): Map<number, number> {
  let partners = markPartners.get(text);
  if (!partners) {
    partners = new Map();
    const open: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === OPENING_CODE) open.push(i);
      else if (code === CLOSING_CODE && open.length > 0) {
        const at = open.pop()!;
        partners.set(at, i);
        partners.set(i, at);
      }
    }
    if (markPartners.size >= 1_000) markPartners.clear();
    markPartners.set(text, partners);
  }
  return partners;
}

/**
 * `[start, end)` of a text with its quotation marks balanced: a quote never opens a mark it does
 * not close, nor closes one it did not open. A mark opened inside is closed by extending the quote
 * to its closing mark (and the sentence end right after it) when that fits `maxChars`, else the
 * quote is cut before it (and before its lead-in, `……,指出`); a mark closed inside is dropped when
 * only punctuation follows it, else the quote starts after it. Null when nothing is left.
 * @example balanceQuotationMarks('他说,我们要“甲乙。丙丁。”', 0, 9) // { start: 0, end: 14 }
 */
export function balanceQuotationMarks(text: string, start: number, end: number, maxChars = MAX_QUOTE_CHARS): { start: number; end: number } | null {
  const partners = partnersOf(text);
  // By char code: `text[i]` made a string of every character looked at.
  let lastUnopened = -1;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== CLOSING_CODE) continue;
    const partner = partners.get(i);
    if (partner !== undefined && partner < start) lastUnopened = i;
  }
  if (lastUnopened >= 0) {
    if (ONLY_PUNCTUATION.test(text.slice(lastUnopened + 1, end))) end = lastUnopened;
    else {
      start = lastUnopened + 1;
      while (start < end && ONLY_PUNCTUATION.test(text[start]!)) start++;
    }
  }
  let outer = -1;
  for (let i = start; i < end && outer < 0; i++) {
    if (text.charCodeAt(i) !== OPENING_CODE) continue;
    const partner = partners.get(i);
    if (partner !== undefined && partner >= end) outer = i;
  }
  if (outer >= 0) {
    const close = partners.get(outer)!;
    let extended = close + 1;
    while (extended < text.length && /[。！？；?;!]/u.test(text[extended]!)) extended++;
    if (extended - start <= maxChars) end = Math.max(end, extended);
    else if (close + 1 - start <= maxChars) end = Math.max(end, close + 1);
    else {
      end = outer;
      while (end > start && TRAILING.test(text[end - 1]!)) end--;
      // `……进行了系统论述,指出` says nothing yet: the words it leads in are cut, so is the lead-in.
      if (DANGLING_LEAD_IN.test(text.slice(start, end))) end = Math.max(start, ...[...'，,；;'].map((m) => text.lastIndexOf(m, end - 1)));
    }
  }
  while (end > start && TRAILING.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

interface Unit {
  start: number;
  end: number;
}

/**
 * Sentence counts of article spans. Every request scores a few hundred candidate spans of the same
 * 80-odd passages, so the spans recur from one question to the next; counting them again was a
 * measurable part of answering (docs/benchmarks.md). Cleared when full, as `foldText`'s cache is.
 */
const sentenceCounts = new Map<string, number>();
const SENTENCE_COUNT_LIMIT = 20_000;

function sentenceCount(text: string): number {
  let count = sentenceCounts.get(text);
  if (count === undefined) {
    count = splitSentences(text).length;
    if (sentenceCounts.size >= SENTENCE_COUNT_LIMIT) sentenceCounts.clear();
    sentenceCounts.set(text, count);
  }
  return count;
}

/** Where an overlong sentence may be cut: clause ends first, then list commas and colons. */
const CLAUSE_ENDS = [/[,，;；]/u, /[、:：]/u];

/**
 * Sentences of a span; a sentence longer than the quote bound becomes its clauses (cut at `，；`).
 * A sentence that opens someone's words in quotation marks (`……系统论述,指出“新质生产力是……`)
 * is also cut at the mark, so that the words quoted can be quoted alone (see `docs/api.md`).
 */
function quoteUnits(text: string, from: number, to: number, quoteStarts: readonly number[] = []): Unit[] {
  const units: Unit[] = [];
  for (const s of splitSentences(text.slice(from, to))) {
    let start = from + s.start;
    const end = from + s.end;
    for (const at of quoteStarts) {
      if (at > start && at < end) {
        units.push(...clauses(text, start, at, 0));
        start = at;
      }
    }
    units.push(...clauses(text, start, end, 0));
  }
  return units;
}

/** A span cut into pieces no longer than the quote bound, at the clause ends of `level` and finer. */
function clauses(text: string, start: number, end: number, level: number): Unit[] {
  const cut = CLAUSE_ENDS[level];
  if (end - start <= MAX_QUOTE_CHARS || !cut) return [{ start, end }];
  const units: Unit[] = [];
  let clauseStart = start;
  for (let i = start; i < end; i++) {
    if (cut.test(text[i]!) || i === end - 1) {
      units.push(...clauses(text, clauseStart, i + 1, level + 1));
      clauseStart = i + 1;
    }
  }
  return units;
}

/**
 * Where a span that begins at `from` may open: `from` itself, or, when the sentence there carries on
 * the one before (`并强调,……`), the start of the sentence it depends on.
 */
function openingBefore(paragraph: LabelledText, from: number): number {
  const sentences = splitSentences(paragraph.text.slice(paragraph.labelEnd)).map((s) => ({
    start: paragraph.labelEnd + s.start,
    end: paragraph.labelEnd + s.end,
  }));
  let i = sentences.findIndex((s) => s.start <= from && from < s.end);
  if (i < 0 || sentences[i]!.start !== from) return from;
  while (i > 0 && !canOpen(paragraph.text, sentences[i]!)) i--;
  return sentences[i]!.start;
}

/** True when a quote may begin at this unit: it reads on its own (see {@link DEPENDENT_OPENER}). */
function canOpen(text: string, unit: Unit): boolean {
  return !DEPENDENT_OPENER.test(text.slice(unit.start, unit.end).trimStart());
}

export interface QuoteSpan {
  start: number;
  end: number;
  score: number;
}

/** A span {@link bestQuoteSpan} weighs: balanced, within the bounds, its text folded. */
interface SpanCandidate {
  start: number;
  end: number;
  /** The unit it ends with (the next one may carry its point on). */
  last: number;
  folded: string;
}

/** The quotable spans of one stretch of a paragraph, in the order they are weighed. */
export interface QuoteCandidates {
  units: readonly Unit[];
  spans: readonly SpanCandidate[];
}

/**
 * The spans of `[from, to)` of a paragraph a quote may be (one to three whole sentences or clauses,
 * at most 200 characters, its quotation marks balanced), and the units they are made of. None of
 * this depends on the question, and passages are the same few dozen stretches question after
 * question, so each stretch's spans are found once and kept with its paragraph (see
 * {@link quoteCandidates}).
 */
export function findQuoteCandidates(paragraph: LabelledText, from: number, to: number): QuoteCandidates {
  const paragraphText = paragraph.text;
  const quoteStarts = (paragraph.quotes ?? []).map((q) => q.start);
  const units = quoteUnits(paragraphText, openingBefore(paragraph, Math.max(from, paragraph.labelEnd)), to, quoteStarts);
  const spans: SpanCandidate[] = [];
  for (let i = 0; i < units.length; i++) {
    if (!canOpen(paragraphText, units[i]!)) continue;
    for (let j = i; j < units.length && j < i + MAX_QUOTE_SENTENCES * 2; j++) {
      if (units[j]!.end - units[i]!.start > MAX_QUOTE_CHARS) break;
      const sentences = sentenceCount(paragraphText.slice(units[i]!.start, units[j]!.end));
      if (sentences > MAX_QUOTE_SENTENCES) break;
      const balanced = balanceQuotationMarks(paragraphText, units[i]!.start, units[j]!.end);
      if (!balanced) continue;
      const { start, end } = balanced;
      spans.push({ start, end, last: j, folded: foldText(paragraphText.slice(start, end)) });
    }
  }
  return { units, spans };
}

/** Each paragraph's candidates, by the stretch asked for (`from:to`); gone with the paragraph. */
const candidatesByParagraph = new WeakMap<LabelledText, Map<string, QuoteCandidates>>();

/** {@link findQuoteCandidates}, kept with the paragraph object (its text is never changed). */
export function quoteCandidates(paragraph: LabelledText, from: number, to: number): QuoteCandidates {
  let byStretch = candidatesByParagraph.get(paragraph);
  if (!byStretch) candidatesByParagraph.set(paragraph, (byStretch = new Map()));
  const key = `${from}:${to}`;
  let found = byStretch.get(key);
  if (!found) byStretch.set(key, (found = findQuoteCandidates(paragraph, from, to)));
  return found;
}

/**
 * The best quotable span inside `[from, to)` of a paragraph for a question: one to three whole
 * sentences (or clauses of an overlong sentence) of at most 200 characters, the turn label left out,
 * trailing commas trimmed. Ties go to the shorter, earlier span.
 */
export function bestQuoteSpan(
  paragraph: LabelledText,
  from: number,
  to: number,
  terms: QueryTerm[],
  bonus?: RegExp,
): QuoteSpan | null {
  const paragraphText = paragraph.text;
  const { units, spans } = quoteCandidates(paragraph, from, to);
  const bonusWeight = terms.reduce((s, t) => s + t.weight, 0);
  let best: (QuoteSpan & { last: number; folded: string }) | null = null;
  for (const { start, end, last, folded } of spans) {
    // Longer spans must earn their length: a small cost per character keeps quotes tight.
    const score = foldedCoverage(folded, terms) + (bonus?.test(folded) ? bonusWeight : 0) - (end - start) / 300;
    if (!best || score > best.score + 1e-9) best = { start, end, score, last, folded };
  }
  if (!best) return null;
  // `…多次发表重要讲话…。2024年1月31日，…在第十一次集体学习时…`: a leading sentence that holds no
  // word of the question the rest of the quote lacks, and little of it, only repeats its words; the
  // quote opens with the sentence that states what is asked.
  const held = terms.filter((t) => best!.folded.includes(t.text));
  const bonusHeld = bonus?.test(best.folded) ?? false;
  let trimmed: SpanCandidate | null = null;
  for (const span of spans) {
    if (span.end !== best.end || span.start <= best.start || (trimmed && span.start <= trimmed.start)) continue;
    if (!/[。！？!?]\s*$/u.test(paragraphText.slice(best.start, span.start))) continue;
    const dropped = foldText(paragraphText.slice(best.start, span.start));
    const light = foldedCoverage(dropped, terms, { presenceOnly: true }) <= LIGHT_LEAD * foldedCoverage(span.folded, terms, { presenceOnly: true });
    if (light && held.every((t) => span.folded.includes(t.text)) && (!bonusHeld || bonus!.test(span.folded))) trimmed = span;
  }
  if (trimmed) best = { ...best, start: trimmed.start, folded: trimmed.folded };
  // `并且，青海以生态立省……`: an additive connective that opens the quote points back at a sentence
  // the quote leaves out; the quote starts after it (still verbatim, and it reads on its own).
  const connective = ADDITIVE_OPENER.exec(paragraphText.slice(best.start, best.end));
  if (connective && best.end - best.start > connective[0].length) best.start += connective[0].length;
  // A point often comes after a turn of phrase: `……关系不大。但我们应该认识到,越是欠发达,越要……`.
  // When the next sentence begins with such a word and still fits, it belongs to the quote.
  const next = units[best.last + 1];
  const continued = next && next.start >= best.end ? balanceQuotationMarks(paragraphText, best.start, next.end) : null;
  if (
    next &&
    continued &&
    CONTINUATION.test(paragraphText.slice(next.start, next.end)) &&
    continued.end - continued.start <= MAX_QUOTE_CHARS &&
    sentenceCount(paragraphText.slice(continued.start, continued.end)) <= MAX_QUOTE_SENTENCES
  ) {
    return { ...continued, score: best.score };
  }
  return { start: best.start, end: best.end, score: best.score };
}

/** A leading sentence is dropped only when it speaks to at most this share of what the rest speaks to. */
const LIGHT_LEAD = 0.25;

/** `并且，`, `而且,`, `此外，`: a connective that adds to what came before, with its comma. */
const ADDITIVE_OPENER = /^(?:并且|而且|此外|另外|同时|还有)[,，]\s*/u;

/** Words that open the sentence carrying a point after a concession or a premise. */
const CONTINUATION = /^(但|但是|然而|不过|因此|所以|可见|总之|因而|由此|这就要求|可以说)/u;

/**
 * The opening sentence of a paragraph (its turn label left out; only text before `to`), cut to the
 * quote bound at a clause end: how each point of a list (`一要……`, `二要……`) begins.
 */
export function leadSpan(paragraph: LabelledText, to = paragraph.text.length): { start: number; end: number } | null {
  const paragraphText = paragraph.text.slice(0, to);
  const label = paragraph.labelEnd;
  const [first] = splitSentences(paragraphText.slice(label));
  if (!first) return null;
  const start = label + first.start;
  let end = label + first.end;
  if (end - start > MAX_QUOTE_CHARS) {
    const cut = paragraphText.slice(start, start + MAX_QUOTE_CHARS);
    const lastOf = (marks: string) => Math.max(...[...marks].map((m) => cut.lastIndexOf(m)));
    const clauseEnd = lastOf(',，;；') > 0 ? lastOf(',，;；') : lastOf('、');
    end = clauseEnd > 0 ? start + clauseEnd : start + MAX_QUOTE_CHARS;
  }
  while (end > start && /[,，、:：\s]/u.test(paragraphText[end - 1]!)) end--;
  return end > start ? balanceQuotationMarks(paragraph.text, start, end) : null;
}

/** Each paragraph's display form (`toDisplayText`), kept with the paragraph. */
const displayTexts = new WeakMap<ArticleParagraph, string>();

/**
 * The display form of a paragraph's text: a slice of it is `displaySlice` of the same span (each
 * character is judged by its neighbours, which the whole text has).
 */
function displayTextOf(paragraph: ArticleParagraph): string {
  let text = displayTexts.get(paragraph);
  if (text === undefined) displayTexts.set(paragraph, (text = toDisplayText(paragraph.text)));
  return text;
}

/**
 * Builds a citation for a span, with speaker and quoting from the article. Its quotation marks are
 * balanced first (see {@link balanceQuotationMarks}); the display form shows marks inside the quote
 * as Chinese typography nests them (`‘……’` inside the answer's `“……”`).
 */
export function makeCitation(article: Article, n: number, paragraph: number, start: number, end: number): Citation {
  const p = article.paragraphs[paragraph]!;
  ({ start, end } = balanceQuotationMarks(p.text, start, end, Math.max(MAX_QUOTE_CHARS, end - start)) ?? { start, end });
  // Words a report quotes are their speaker's, not the reporter's (`speakerAt`).
  const who = speakerAt(article, p, start, end);
  return {
    n,
    speaker: who.speaker,
    role: who.role,
    title: who.title,
    section: p.section,
    quote: p.text.slice(start, end),
    displayQuote: nestQuotationMarks(displayTextOf(p).slice(start, end)),
    paragraph,
    start,
    end,
    quoting: who.speaker !== p.speaker ? null : quotingAt(article, p, start, end),
  };
}

/**
 * Whether a quote leaves out text of its sentence: before it (it starts at a clause of an overlong
 * sentence) and after it. The answer marks each with `……` outside the quotation marks. Words quoted
 * in quotation marks (`paragraph.quotes`) are whole: a quote of just them leaves nothing out.
 */
export function leftOut(paragraph: LabelledText, start: number, end: number): { before: boolean; after: boolean } {
  const { starts, ends } = wholeBounds(paragraph);
  return { before: start > paragraph.labelEnd && !starts.has(start), after: !ends.has(end) };
}

/** Where a paragraph's whole sentences and quoted words start and end: kept with the paragraph object. */
const boundsByParagraph = new WeakMap<LabelledText, { starts: Set<number>; ends: Set<number> }>();

function wholeBounds(paragraph: LabelledText): { starts: Set<number>; ends: Set<number> } {
  let bounds = boundsByParagraph.get(paragraph);
  if (bounds) return bounds;
  const from = paragraph.labelEnd;
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const s of splitSentences(paragraph.text.slice(from))) {
    const sentence = paragraph.text.slice(from + s.start, from + s.end);
    starts.add(from + s.start + sentence.length - sentence.trimStart().length);
    ends.add(from + s.end - (sentence.length - sentence.trimEnd().length));
  }
  // Words in quotation marks are whole as quoted: nothing of them is left out at their marks.
  for (const q of paragraph.quotes ?? []) {
    starts.add(q.start);
    ends.add(q.end);
  }
  boundsByParagraph.set(paragraph, (bounds = { starts, ends }));
  return bounds;
}

/** True when a citation's quote is what the article says at its offsets, within the contract's bounds. */
export function isValidCitation(article: Article, c: Citation): boolean {
  const p = article.paragraphs[c.paragraph];
  return (
    p !== undefined &&
    c.quote.length > 0 &&
    c.quote.length <= MAX_QUOTE_CHARS &&
    p.text.slice(c.start, c.end) === c.quote &&
    p.speaker === c.speaker
  );
}

/**
 * A bracketed number or list of numbers: `[1]`, `[2][3]`, `[1, 2]`, `【1】`, and also what only looks
 * like a citation (`[100]`, `[-1]`), so that every one of them is checked against the passages.
 */
const MARKER = /[[【]\s*(-?\d+(?:\s*[,，、]\s*-?\d+)*)\s*[\]】]/gu;

/** An opening bracket at the end of streamed text that may still become a marker (`[`, `[1`, `【1、`). */
const MARKER_START = /[[【][\s\d,，、-]*$/u;
/** A longer unfinished "marker" is ordinary text: it is not held back any more. */
const MAX_MARKER_CHARS = 32;

/** Numbers of the markers in answer text, in order of appearance (numbers repeated once each). */
export function citationMarkers(text: string): number[] {
  const seen: number[] = [];
  for (const match of text.matchAll(MARKER)) {
    for (const part of match[1]!.split(/[,，、]/u)) {
      const n = Number(part.trim());
      if (!seen.includes(n)) seen.push(n);
    }
  }
  return seen;
}

/**
 * Rewrites markers in answer text: each number `n` becomes `map(n)`, and a marker whose every number
 * maps to null is removed. `【1】` and `[1, 2]` come out as `[1]` and `[1][2]`.
 */
export function rewriteMarkers(text: string, map: (n: number) => number | null): string {
  return text.replace(MARKER, (_m, list: string) =>
    list
      .split(/[,，、]/u)
      .map((part) => map(Number(part.trim())))
      .filter((n): n is number => n !== null)
      .map((n) => `[${n}]`)
      .join(''),
  );
}

/**
 * {@link rewriteMarkers} for streamed text: an opening bracket that may still become a marker is
 * held back until it is closed (or turns out to be text), so that a marker pointing at no passage
 * (`[99]`, `[100]`) is never sent, not even in pieces.
 */
export class MarkerStreamFilter {
  private pending = '';

  constructor(private readonly map: (n: number) => number | null) {}

  /** Takes a delta; returns the text that can be sent now, its markers rewritten. */
  push(delta: string): string {
    this.pending += delta;
    const open = MARKER_START.exec(this.pending);
    const hold = open && this.pending.length - open.index <= MAX_MARKER_CHARS ? open.index : this.pending.length;
    const out = rewriteMarkers(this.pending.slice(0, hold), this.map);
    this.pending = this.pending.slice(hold);
    return out;
  }

  /** The held-back rest, once the stream has ended. */
  flush(): string {
    const out = rewriteMarkers(this.pending, this.map);
    this.pending = '';
    return out;
  }
}

/**
 * Texts an answer puts in quotation marks (`“…”`, `「…」`, `『…』`), outermost only, so that a quote
 * with a term in quotes inside (`“……“四地”……”`) comes out whole. Short ones (terms) are left out.
 */
export function quotedSpans(text: string, minLength = 4): string[] {
  const pairs: Record<string, string> = { '“': '”', '「': '」', '『': '』' };
  const spans: string[] = [];
  const stack: Array<{ close: string; at: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (pairs[ch]) {
      stack.push({ close: pairs[ch], at: i });
    } else if (stack.length > 0 && ch === stack.at(-1)!.close) {
      const { at } = stack.pop()!;
      if (stack.length === 0 && i - at - 1 >= minLength) spans.push(text.slice(at + 1, i));
    }
  }
  return spans;
}
