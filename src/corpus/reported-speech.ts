import { SPEECH_VERBS } from './interview-layout.js';
import type { QuotedSpan } from './quoted-span.js';
import { splitSentences } from './split-sentences.js';

/**
 * Reported speech: which words of a paragraph are someone else's (`习近平总书记……指出“……”`,
 * `习近平总书记……强调要……`), as opposed to the speaker's own narration around them
 * (`2024年1月31日,习近平总书记……进行了系统论述,指出`). One rule, so that a citation's `quoting`
 * and the answer's `转述……的话` always agree. Pure, so the browser could bundle it too.
 */

/** Words someone else said inside a paragraph: offsets into its `text` (UTF-16, end exclusive). */
export interface ReportedSpan extends QuotedSpan {
  /** True when the source puts the words in quotation marks (the marks are outside the span). */
  marked: boolean;
}

const VERBS = SPEECH_VERBS.join('|');

/**
 * A sentence that carries on someone's reported words with no subject of its own (`并强调,……`,
 * `还指出……`): its subject is the person of the sentence before.
 */
export const DEPENDENT_OPENER = new RegExp(`^(?:(?:并|还|又|同时|也|并且)(?:${VERBS})|(?:${VERBS})[,，:：])`, 'u');

/** A speech verb as a verb, not inside a noun or a modifier (`讲话`, `说法`, `提出的`, `要求的`). */
const SPEECH_VERB = new RegExp(`(?:${VERBS})(?![的话法明过])`, 'gu');
/** What may stand between a speech verb and the words it reports. */
const LEAD_PUNCTUATION = /[,，:：\s]/u;
/** Reported words need some substance: fewer Han characters than this are a term, not speech. */
const MIN_REPORTED_CHARS = 4;

/** The people an article quotes with their honorific (`习近平总书记` → `习近平`), from its quoted spans. */
export function quotedPeople(article: { paragraphs: ReadonlyArray<{ quotes: readonly QuotedSpan[] }> }): Map<string, QuotedSpan> {
  const people = new Map<string, QuotedSpan>();
  for (const p of article.paragraphs) for (const q of p.quotes) if (q.honorific) people.set(`${q.person}${q.honorific}`, q);
  return people;
}

/**
 * Every span of a paragraph in which someone else's words are reported: the words in quotation
 * marks (`paragraph.quotes`), and, without marks, what follows a speech verb whose subject is a
 * person the article quotes (`习近平总书记参加……审议时强调要……。`), with the sentences that carry
 * it on (`并强调,……`). The lead-in (who, when, which verb) is the speaker's own narration.
 */
export function reportedSpans(
  paragraph: { text: string; quotes: readonly QuotedSpan[] },
  people: ReadonlyMap<string, QuotedSpan>,
): ReportedSpan[] {
  const spans: ReportedSpan[] = paragraph.quotes.map((q) => ({ ...q, marked: true }));
  const { text } = paragraph;
  let carrying: QuotedSpan | null = null;
  for (const s of splitSentences(text)) {
    const sentence = text.slice(s.start, s.end);
    let found: { at: number; who: QuotedSpan } | null = null;
    for (const [named, who] of people) {
      const at = sentence.indexOf(named);
      if (at < 0) continue;
      SPEECH_VERB.lastIndex = at + named.length;
      const verb = SPEECH_VERB.exec(sentence);
      if (verb) found = { at: verb.index + verb[0].length, who };
      break;
    }
    let from: number | null = null;
    if (found) {
      carrying = found.who;
      from = found.at;
    } else if (carrying && DEPENDENT_OPENER.test(sentence.trimStart())) {
      from = sentence.length - sentence.trimStart().length + DEPENDENT_OPENER.exec(sentence.trimStart())![0].length;
    } else {
      carrying = null;
    }
    if (from === null || !carrying) continue;
    while (from < sentence.length && LEAD_PUNCTUATION.test(sentence[from]!)) from++;
    // Words in quotation marks right after the verb are already a quoted span.
    if (sentence[from] === '“') continue;
    const words = sentence.slice(from);
    if ((words.match(/\p{Script=Han}/gu) ?? []).length < MIN_REPORTED_CHARS) continue;
    spans.push({ start: s.start + from, end: s.end, person: carrying.person, honorific: carrying.honorific, marked: false });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Punctuation a quote may carry around reported words without adding words of its own. */
const EDGE = /[\s“”‘’"'。，,；;：:、！!？?]/u;

/**
 * The reported span that holds all the words of `[start, end)`, punctuation at its edges aside,
 * or null: a quote is someone else's words only when every word of it is.
 */
export function reportedSpanHolding(spans: readonly ReportedSpan[], text: string, start: number, end: number): ReportedSpan | null {
  let from = start;
  let to = end;
  while (from < to && EDGE.test(text[from]!)) from++;
  while (to > from && EDGE.test(text[to - 1]!)) to--;
  if (from >= to) return null;
  return spans.find((r) => r.start <= from && to <= r.end) ?? null;
}

/** The paragraphs of an article, as far as reported speech needs them (the page has them too). */
export type ArticleParagraphs = { paragraphs: ReadonlyArray<{ quotes: readonly QuotedSpan[] }> };
/** A paragraph's text and its quoted spans. */
export type ParagraphWithQuotes = { text: string; quotes: readonly QuotedSpan[] };

/** Reported spans by paragraph text: the article's paragraphs are few and asked about again and again. */
const reportedByText = new WeakMap<object, ReportedSpan[]>();

/** The spans of a paragraph that report someone else's words (see `reportedSpans`). */
export function reportedSpansOf(article: ArticleParagraphs, paragraph: ParagraphWithQuotes): ReportedSpan[] {
  let spans = reportedByText.get(paragraph);
  if (!spans) {
    spans = reportedSpans(paragraph, quotedPeople(article));
    reportedByText.set(paragraph, spans);
  }
  return spans;
}

/**
 * Whom a quote reports (`习近平`), or null: only when every word of it is that person's, in
 * quotation marks or after a speech verb whose subject they are. A quote that also holds the
 * speaker's own narration (`3月5日,习近平总书记……强调要……`) is the speaker's.
 */
export function quotingAt(article: ArticleParagraphs, paragraph: ParagraphWithQuotes, start: number, end: number): string | null {
  return reportedSpanHolding(reportedSpansOf(article, paragraph), paragraph.text, start, end)?.person ?? null;
}

/**
 * True when a quote holds someone else's reported words but is not all theirs: the speaker narrates
 * what was said (`3月5日,习近平总书记……强调要……`), so the answer says the speaker 谈到 it.
 */
export function narratesReportedWords(article: ArticleParagraphs, paragraph: ParagraphWithQuotes, start: number, end: number): boolean {
  return quotingAt(article, paragraph, start, end) === null && reportedSpansOf(article, paragraph).some((r) => r.start < end && r.end > start);
}
