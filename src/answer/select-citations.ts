import { foldText, hanCount } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { SPOKEN_KINDS } from '../corpus/interview-layout.js';
import type { RetrievedPassage } from '../retrieval/retrieve.js';
import type { QueryTerm, QuestionTerms } from '../retrieval/weigh-terms.js';
import { pointMarkers } from '../corpus/enumerated-points.js';
import { bestQuoteSpan, leadSpan, makeCitation, type Citation } from './citations.js';
import { coverage } from '../retrieval/weigh-terms.js';
import { inTitle } from './article-text.js';

/**
 * The built-in answerer's choice of quotes: no model. It picks the sentences of the retrieved
 * passages that answer the question (or the points of a list), each a verbatim citation.
 */

export interface ExtractiveOptions {
  /** Most citations in one answer. */
  maxCitations: number;
  /** Most citations from one speaker, so that several experts get a word. */
  maxPerSpeaker: number;
  /** A candidate must reach this share of the best candidate's value to be cited. */
  minRelativeValue: number;
  /** …and speak to this share of what the best candidate speaks to (each term counted once). */
  minRelativeCoverage: number;
  /**
   * Below this share of the question's weight covered by the best sentence, no citation is chosen
   * (null). 0 when the caller has already decided that the article answers the question.
   */
  minCoverageShare: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = {
  maxCitations: 4,
  maxPerSpeaker: 2,
  minRelativeValue: 0.45,
  minRelativeCoverage: 0.5,
  minCoverageShare: 0.34,
};

/** Most points of a list answer (`一要……`, `二要……`). */
const MAX_LIST_POINTS = 6;

export interface SelectCitationsOptions extends Partial<ExtractiveOptions> {
  /** Speakers the question is about (named, or carried from earlier turns): only they are cited. */
  focusSpeakers?: string[];
  /** A clause pattern that answers the question best (the definition of the term asked about). */
  bonus?: RegExp;
  /** Folded quotes already given in this conversation, not to be given again (`他还说了什么？`). */
  alreadyQuoted?: Set<string>;
  /** The question as searched: a phrase it writes whole is what its terms ask about together. */
  query?: string;
}

interface Candidate {
  passage: RetrievedPassage;
  start: number;
  end: number;
  coverage: number;
  /** Coverage counting each term once: how much of the question the span speaks to. */
  present: number;
  value: number;
  /** The question's terms the span holds, but for the article's own subject (`青海`), which goes without saying. */
  holds: ReadonlySet<string>;
  /** The span, folded. */
  folded: string;
}

/** A phrase of the question written as two of its terms side by side. */
interface Phrase {
  whole: string;
  parts: readonly [string, string];
}

/**
 * The phrases a question writes as one of two of its terms side by side (`绿色算力` of `绿色` and
 * `算力`; `最大的短板` too, its parts joined by `的`), folded; not the article's own subject (`新质生产力`), which every passage is about.
 */
function phrasesOf(article: Article, query: string, terms: readonly QueryTerm[]): Phrase[] {
  const asked = foldText(query);
  const phrases: Phrase[] = [];
  for (const a of terms) {
    for (const b of terms) {
      if (a === b || inTitle(article, a.text + b.text)) continue;
      if (asked.includes(a.text + b.text) || asked.includes(`${a.text}的${b.text}`)) phrases.push({ whole: a.text + b.text, parts: [a.text, b.text] });
    }
  }
  return phrases;
}

/**
 * A second quote of a speaker adds nothing when it holds only part of a phrase of the question
 * (`绿色` of `绿色算力`: `绿色金融`) that a quote of theirs already chosen holds whole, and no term
 * of the question that one lacks: it only shares a word with the answer. (A quote that speaks to
 * more of the question than that one, with the asked point's or definition's bonus, is kept.)
 */
function adds(c: Candidate, chosen: readonly Candidate[], phrases: readonly Phrase[], focus: ReadonlySet<string>): boolean {
  const partOf = (p: Phrase) => !holdsWhole(c.folded, p) && p.parts.some((t) => c.holds.has(t));
  // (So does another speaker's, unless the question is about them: `平台` of a 科技创新平台 beside
  // the 平台经济 asked about.)
  const rival = (x: Candidate) => x.passage.speaker === c.passage.speaker || !focus.has(c.passage.speaker);
  return !chosen.some(
    (x) => x !== c && rival(x) && x.present >= c.present && phrases.some((p) => holdsWhole(x.folded, p) && partOf(p)) && [...c.holds].every((t) => x.holds.has(t)),
  );
}

/** Every use of a term in a text is an attribute of another noun (`优势的一流学科`), never its head. */
function onlyAttributive(folded: string, term: string): boolean {
  let at = folded.indexOf(term);
  if (at < 0) return false;
  for (; at >= 0; at = folded.indexOf(term, at + 1)) if (folded[at + term.length] !== '的') return false;
  return true;
}

/** A text holds a phrase whole as the question writes it, or with `的` between its parts (`最大的短板` for `最大短板`). */
function holdsWhole(folded: string, p: Phrase): boolean {
  return folded.includes(p.whole) || folded.includes(`${p.parts[0]}的${p.parts[1]}`);
}

/** Fewest Han characters of someone's words cited on their own, rather than with the sentence around them. */
const MIN_OWN_WORDS = 6;

/**
 * In a report, the words of the sentence that someone says, without the narration around them (`“……”区市场
 * 监管局局长魏长青说，去年区里收到三百多件投诉`): when they hold every word of the question the sentence
 * holds, the quote is just them, so the answer cites the person who said them, never the reporter's
 * telling of it as theirs or their words as the reporter's. Otherwise the sentence as it is.
 */
function ownWordsOf(paragraph: Article['paragraphs'][number], span: { start: number; end: number }, terms: QueryTerm[]): { start: number; end: number } {
  const held = coverage(paragraph.text.slice(span.start, span.end), terms, { presenceOnly: true });
  if (held === 0) return span;
  for (const s of paragraph.speeches ?? []) {
    if (s.method === 'narration' || s.end <= span.start || span.end <= s.start || (s.start <= span.start && span.end <= s.end)) continue;
    const start = Math.max(span.start, s.start);
    const end = Math.min(span.end, s.end);
    const words = paragraph.text.slice(start, end);
    if (hanCount(words) < MIN_OWN_WORDS) continue;
    if (coverage(words, terms, { presenceOnly: true }) >= held - 1e-9) return { start, end };
  }
  return span;
}

/**
 * Picks the citations that answer a question from ranked passages, or returns null when no passage
 * answers it well enough (the caller then says the article does not cover it).
 */
export function selectCitations(
  article: Article,
  passages: RetrievedPassage[],
  question: QuestionTerms,
  options: SelectCitationsOptions = {},
): Citation[] | null {
  const { focusSpeakers = [], bonus, alreadyQuoted = new Set<string>(), query, ...rest } = options;
  const opts = { ...DEFAULT_EXTRACTIVE_OPTIONS, ...rest } satisfies ExtractiveOptions;
  const { terms } = question;
  const knownWeight = terms.reduce((s, t) => s + t.weight, 0);
  const focus = new Set(focusSpeakers);
  const aboutFocus = focus.size > 0 && passages.some((p) => focus.has(p.speaker));
  const pool = aboutFocus ? passages.filter((p) => focus.has(p.speaker)) : passages;
  if (pool.length === 0 || (knownWeight === 0 && !aboutFocus)) return null;
  const topScore = pool[0]!.score;

  const candidates: Candidate[] = [];
  for (const passage of pool) {
    const paragraph = article.paragraphs[passage.paragraph]!;
    // Headings, the headline and the line under it name things (`编者按`, `1 发展新质生产力,青海何以
    // 可为?`), and a guest-list line says who someone is: none is what anyone says on a topic.
    if (!SPOKEN_KINDS.has(paragraph.kind)) continue;
    const text = paragraph.text;
    const found = bestQuoteSpan(paragraph, passage.start, passage.end, terms, bonus);
    if (!found) continue;
    const span = ownWordsOf(paragraph, found, terms);
    const quote = text.slice(span.start, span.end);
    if (alreadyQuoted.has(foldText(quote))) continue;
    const covered = coverage(quote, terms) + (bonus?.test(foldText(quote)) ? knownWeight : 0);
      const present = coverage(quote, terms, { presenceOnly: true }) + (bonus?.test(foldText(quote)) ? knownWeight : 0);
    const folded = foldText(quote);
    const holds = new Set(terms.filter((t) => folded.includes(t.text) && !inTitle(article, t.text)).map((t) => t.text));
    candidates.push({ passage, start: span.start, end: span.end, coverage: covered, present, value: (covered + 1e-6) * Math.sqrt(passage.score / topScore), holds, folded });
  }
  if (candidates.length === 0) return null;
  const bestCoverage = Math.max(...candidates.map((c) => c.present));
  // A question about a named expert is answered from that expert's passages even when it shares few
  // words with them (`他还说了什么？`); any other question must be covered well enough.
  if (!aboutFocus && bestCoverage / (knownWeight + question.missingWeight) < opts.minCoverageShare) return null;

  const bestValue = Math.max(...candidates.map((c) => c.value));
  const bestPresent = Math.max(...candidates.map((c) => c.present));
  const chosen: Candidate[] = [];
  const ranked = [...candidates].sort((a, b) => b.value - a.value);
  // A speaker the question names is answered for with their best sentence that speaks to it at all
  // (or their best passage, when the question has no topic words: `李娜和刘畅的说法有什么不同？`).
  const named = (c: Candidate) => focus.has(c.passage.speaker) && countFor(c.passage.speaker) === 0 && (c.present > 0 || knownWeight === 0);
  const eligible = (c: Candidate) =>
    chosen.length === 0 || named(c) || (c.value >= opts.minRelativeValue * bestValue && c.present >= opts.minRelativeCoverage * bestPresent);
  const overlaps = (c: Candidate) => chosen.some((x) => x.passage.paragraph === c.passage.paragraph && x.start < c.end && c.start < x.end);
  const countFor = (speaker: string) => chosen.filter((x) => x.passage.speaker === speaker).length;
  // Two passes: first every speaker with a good enough sentence gets one citation, then the
  // remaining places go to the best of the rest, so several experts get a word before any gets two.
  for (const pass of [1, 2] as const) {
    for (const c of ranked) {
      if (chosen.length >= opts.maxCitations) break;
      if (chosen.includes(c) || !eligible(c) || overlaps(c)) continue;
      // (A question about one person gets no more of their quotes than any speaker: a third was most
      // often beside the point.)
      if (countFor(c.passage.speaker) >= (pass === 1 ? 1 : opts.maxPerSpeaker)) continue;
      // A speaker's second quote says something the question asks about, beyond the article's subject.
      if (pass === 2 && c.holds.size === 0 && knownWeight > 0) continue;
      // Another speaker whose quote holds the question's words only as attributes of something else
      // (`具有青海特色和优势的一流学科` for `青海优势？`) speaks of that something else.
      if (chosen.length > 0 && !named(c) && c.holds.size > 0 && [...c.holds].every((t) => onlyAttributive(c.folded, t))) continue;
      chosen.push(c);
    }
  }
  // (Whichever of a speaker's quotes was chosen first: the one that speaks to less is the one left out.)
  const phrases = query === undefined ? [] : phrasesOf(article, query, terms);
  for (const c of [...chosen]) if (!adds(c, chosen, phrases, focus)) chosen.splice(chosen.indexOf(c), 1);
  // Number citations in the order the answer will read them: by speaker, then by place.
  const speakerOrder = [...new Set(chosen.map((c) => c.passage.speaker))];
  chosen.sort(
    (a, b) =>
      speakerOrder.indexOf(a.passage.speaker) - speakerOrder.indexOf(b.passage.speaker) ||
      a.passage.paragraph - b.passage.paragraph ||
      a.start - b.start,
  );
  return chosen.map((c, i) => makeCitation(article, i + 1, c.passage.paragraph, c.start, c.end));
}

/**
 * For a question asking for points (`哪几点建议？`): the opening sentence of each paragraph of the
 * turn that holds the best passage, when that turn is a list of at least three paragraphs.
 */
export function selectListCitations(article: Article, passages: RetrievedPassage[], focusSpeakers: string[] = [], terms: QueryTerm[] = []): Citation[] | null {
  const top = passages.find((p) => p.role === 'expert' && (focusSpeakers.length === 0 || focusSpeakers.includes(p.speaker)));
  if (!top) return null;
  const { paragraphs } = article;
  const sameTurn = (id: number) => paragraphs[id]!.speaker === top.speaker && paragraphs[id]!.sectionNumber === top.sectionNumber;
  let first = top.paragraph;
  while (first > 0 && sameTurn(first - 1)) first--;
  let last = top.paragraph;
  while (last + 1 < paragraphs.length && sameTurn(last + 1)) last++;
  if (last - first + 1 < 3) return listInParagraph(article, passages, top.speaker, first, last);
  const citations: Citation[] = [];
  for (let id = first; id <= last && citations.length < MAX_LIST_POINTS; id++) {
    // The turn's first paragraph leads the list with its sentence that speaks to the question
    // (`…优势主要在生态优势、产业基础和能源优势三个方面。`), when one does; each point with its opening.
    const asked = id === first ? bestQuoteSpan(paragraphs[id]!, 0, paragraphs[id]!.text.length, terms) : null;
    const span = asked && asked.score > 0 ? asked : leadSpan(paragraphs[id]!);
    if (span) citations.push(makeCitation(article, citations.length + 1, id, span.start, span.end));
  }
  return citations;
}


/** Fewest numbered points (`一是…二是…三是…`) inside one paragraph for it to be answered as a list. */
const MIN_POINTS_IN_PARAGRAPH = 3;

/**
 * A list inside one paragraph of a short turn (`另一方面要持续深化对外开放…一是要…二是要…三是要…`):
 * the sentence that leads it, then each point's opening sentence. The paragraph is the best-ranked
 * one of the turn (paragraphs `first`…`last` of `speaker`) whose points are numbered from one in
 * order; null when none is.
 */
function listInParagraph(article: Article, passages: RetrievedPassage[], speaker: string, first: number, last: number): Citation[] | null {
  const inTurn = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const ranked = [...new Set([...passages.filter((p) => p.speaker === speaker && p.paragraph >= first && p.paragraph <= last).map((p) => p.paragraph), ...inTurn])];
  for (const id of ranked) {
    const paragraph = article.paragraphs[id]!;
    const text = paragraph.text;
    // Numbered points only (`一是`, `二要`, `第三，`), counted from one without a gap.
    const numbered = pointMarkers(text).filter((m) => m.at >= paragraph.labelEnd && !/^(?:一方面|另一方面|首先|其次|再次)/u.test(text.slice(m.at)));
    const markers = numbered.filter((m, i) => i === numbered.findIndex((x) => x.ordinal === m.ordinal));
    let count = 0;
    while (count < markers.length && markers[count]!.ordinal === count + 1) count++;
    if (count < MIN_POINTS_IN_PARAGRAPH) continue;
    const points = markers.slice(0, Math.min(count, MAX_LIST_POINTS));
    const citations: Citation[] = [];
    // The lead: the sentence the first point continues (`…发挥…积极作用。`), when there is one.
    const before = text.slice(paragraph.labelEnd, points[0]!.at);
    const leadStart = paragraph.labelEnd + Math.max(0, before.replace(/[。！？!?]\s*$/u, '').search(/[^。！？!?]*$/u));
    if (before.trim() !== '' && points[0]!.at > leadStart) citations.push(makeCitation(article, 1, id, leadStart, points[0]!.at));
    points.forEach((point, i) => {
      const next = i + 1 < markers.length ? markers[i + 1]!.at : text.length;
      const stop = text.slice(point.at, next).search(/[。！？!?]/u);
      const end = stop >= 0 ? point.at + stop + 1 : next;
      citations.push(makeCitation(article, citations.length + 1, id, point.at, end));
    });
    return citations;
  }
  return null;
}
