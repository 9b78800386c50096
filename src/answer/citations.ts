import { displaySlice } from '../corpus/display-text.js';
import { SPEECH_VERBS } from '../corpus/interview-layout.js';
import { foldText } from '../corpus/normalize-text.js';
import { quotedPersonAt, type Article, type ArticleParagraph } from '../corpus/parse-article.js';
import type { AttributedSpan } from '../corpus/attributed-span.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { coverage, type QueryTerm } from '../retrieval/weigh-terms.js';

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

/** A paragraph's text and where its printed speaker label (`李娜:`) ends: the label is not quoted. */
export type LabelledText = Pick<ArticleParagraph, 'text' | 'labelEnd'>;


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
 * A sentence that carries on someone's reported words with no subject of its own (`并强调,……`,
 * `还指出……`): it does not read on its own, so no quote starts there.
 */
const DEPENDENT_OPENER = new RegExp(`^(?:(?:并|还|又|同时|也|并且)(?:${SPEECH_VERBS.join('|')})|(?:${SPEECH_VERBS.join('|')})[,，:：])`, 'u');

/** Sentences of a span; a sentence longer than the quote bound becomes its clauses (cut at `，；`). */
function quoteUnits(text: string, from: number, to: number): Unit[] {
  const units: Unit[] = [];
  for (const s of splitSentences(text.slice(from, to))) units.push(...clauses(text, from + s.start, from + s.end, 0));
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
  const units = quoteUnits(paragraphText, openingBefore(paragraph, Math.max(from, paragraph.labelEnd)), to);
  const bonusWeight = terms.reduce((s, t) => s + t.weight, 0);
  let best: (QuoteSpan & { last: number }) | null = null;
  for (let i = 0; i < units.length; i++) {
    if (!canOpen(paragraphText, units[i]!)) continue;
    for (let j = i; j < units.length && j < i + MAX_QUOTE_SENTENCES * 2; j++) {
      const start = units[i]!.start;
      let end = units[j]!.end;
      if (end - start > MAX_QUOTE_CHARS) break;
      const sentences = sentenceCount(paragraphText.slice(start, end));
      if (sentences > MAX_QUOTE_SENTENCES) break;
      while (end > start && /[,，、:：\s]/u.test(paragraphText[end - 1]!)) end--;
      if (end <= start) continue;
      // Longer spans must earn their length: a small cost per character keeps quotes tight.
      const text = paragraphText.slice(start, end);
      const score = coverage(text, terms) + (bonus?.test(foldText(text)) ? bonusWeight : 0) - (end - start) / 300;
      if (!best || score > best.score + 1e-9) best = { start, end, score, last: j };
    }
  }
  if (!best) return null;
  // A point often comes after a turn of phrase: `……关系不大。但我们应该认识到,越是欠发达,越要……`.
  // When the next sentence begins with such a word and still fits, it belongs to the quote.
  const next = units[best.last + 1];
  if (
    next &&
    CONTINUATION.test(paragraphText.slice(next.start, next.end)) &&
    next.end - best.start <= MAX_QUOTE_CHARS &&
    sentenceCount(paragraphText.slice(best.start, next.end)) <= MAX_QUOTE_SENTENCES
  ) {
    let end = next.end;
    while (end > best.start && /[,，、:：\s]/u.test(paragraphText[end - 1]!)) end--;
    return { start: best.start, end, score: best.score };
  }
  return { start: best.start, end: best.end, score: best.score };
}

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
  return end > start ? { start, end } : null;
}

/** Builds a citation for a span, with speaker and quoting from the article. */
export function makeCitation(article: Article, n: number, paragraph: number, start: number, end: number): Citation {
  const p = article.paragraphs[paragraph]!;
  return {
    n,
    speaker: p.speaker,
    role: p.role,
    title: p.title,
    section: p.section,
    quote: p.text.slice(start, end),
    displayQuote: displaySlice(p.text, start, end),
    paragraph,
    start,
    end,
    quoting: quotedPersonAt(p, start, end) ?? reportedPersonAt(article, p, start, end),
  };
}

/**
 * Whether a quote leaves out text of its sentence: before it (it starts at a clause of an overlong
 * sentence) and after it. The answer marks each with `……` outside the quotation marks.
 */
export function leftOut(paragraph: LabelledText, start: number, end: number): { before: boolean; after: boolean } {
  const from = paragraph.labelEnd;
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const s of splitSentences(paragraph.text.slice(from))) {
    const sentence = paragraph.text.slice(from + s.start, from + s.end);
    starts.add(from + s.start + sentence.length - sentence.trimStart().length);
    ends.add(from + s.end - (sentence.length - sentence.trimEnd().length));
  }
  return { before: start > from && !starts.has(start), after: !ends.has(end) };
}

/**
 * The person whose words a span reports without quotation marks (`习近平总书记参加江苏代表团审议时
 * 强调要……。并强调,……`), when those sentences are most of the span; null otherwise. Only people the
 * article quotes elsewhere with their honorific count, so a passing mention (`习近平总书记指引的方向`,
 * `……提出的“三个最大”`) is not reported speech.
 */
export function reportedPersonAt(article: Pick<Article, 'paragraphs'>, paragraph: Pick<ArticleParagraph, 'text'>, start: number, end: number): string | null {
  const people = new Map<string, string>();
  for (const p of article.paragraphs) for (const q of p.quotes) people.set(`${q.person}${q.honorific ?? ''}`, q.person);
  if (people.size === 0) return null;
  const verbs = SPEECH_VERBS.join('|');
  let reported = 0;
  let person: string | null = null;
  let carrying = false;
  for (const s of splitSentences(paragraph.text.slice(start, end))) {
    const sentence = paragraph.text.slice(start + s.start, start + s.end).trim();
    const said = [...people].find(([named]) => new RegExp(`${named}[^。；;]*?(?:${verbs})(?!的)[^。；;]{4,}`, 'u').test(sentence));
    if (said) {
      person = said[1];
      carrying = true;
    } else if (!(carrying && DEPENDENT_OPENER.test(sentence))) {
      carrying = false;
    }
    if (carrying) reported += s.end - s.start;
  }
  return person !== null && reported > (end - start) / 2 ? person : null;
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
