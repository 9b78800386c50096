import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import type { ArticleIntent } from '../retrieval/question-intent.js';
import {
  answersTo,
  bestByTerms,
  discussionSentence,
  expertTurns,
  firstPerSpeaker,
  hostQuestions,
  nth,
  partHeading,
  partNumber,
  questionsAnsweredBy,
} from '../retrieval/structural-targets.js';
import { templatesOf } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import type { QueryTerm } from '../retrieval/weigh-terms.js';
import { makeCitation, MAX_QUOTE_CHARS, type Citation } from './citations.js';
import { speakerLabel } from './compose-answer.js';

/**
 * Answers questions about the article itself from its parsed structure: the headline and kicker
 * (`title`, `kicker`), the parts (`sections` and their heading paragraphs), the host's questions
 * (`host-question` paragraphs, the Nth of them, who answered it), the editor's note, who speaks in
 * a part and what it is about (`expert-turn` paragraphs by `sectionNumber`), which questions an
 * expert answered (their turns, by `speaker`), and the article's own framing for "what is it
 * about". One mechanism, the paragraph `kind`s, not one rule per wording; every line cites the
 * paragraph.
 */

/** The span of a paragraph to quote, as offsets into its text. */
export interface Span {
  paragraph: ArticleParagraph;
  start: number;
  end: number;
}

/** Enough of an opening to quote: one sentence of substance. */
const OPENING_CHARS = 40;

/**
 * The opening of a paragraph from `from` on: whole sentences until one of substance is in, within
 * the quote bound; a first sentence longer than the bound is cut after its last clause that fits.
 */
export function leadingSentences(p: ArticleParagraph, from: number = p.labelEnd): Span {
  let end = from;
  for (const s of splitSentences(p.text.slice(from))) {
    if (s.end > MAX_QUOTE_CHARS) break;
    end = from + s.end;
    if (s.end >= OPENING_CHARS) break;
  }
  if (end === from) {
    const window = p.text.slice(from, from + MAX_QUOTE_CHARS);
    const clause = Math.max(window.lastIndexOf(','), window.lastIndexOf('，'));
    end = from + (clause > 0 ? clause : window.length);
  }
  return { paragraph: p, start: from, end };
}

/** What a note says it was written for: `以期…`, `旨在…`, `为了…`. */
const PURPOSE = /以期|旨在|意在|为了|力求|希望|目的是/u;

/** An editor's note no longer than this is given whole when asked what it says. */
const WHOLE_NOTE_CHARS = 3 * MAX_QUOTE_CHARS;

/** A span cut into quotable pieces: its sentences, a sentence longer than the bound at its clauses. */
export function quotableSpans(p: ArticleParagraph, from: number, to: number): Span[] {
  const out: Span[] = [];
  for (const s of splitSentences(p.text.slice(from, to))) {
    let start = from + s.start;
    const end = from + s.end;
    while (end - start > MAX_QUOTE_CHARS) {
      const window = p.text.slice(start, start + MAX_QUOTE_CHARS);
      const clause = Math.max(window.lastIndexOf(','), window.lastIndexOf('，'));
      const cut = start + (clause > 0 ? clause + 1 : MAX_QUOTE_CHARS);
      out.push({ paragraph: p, start, end: clause > 0 ? cut - 1 : cut });
      start = cut;
    }
    if (end > start) out.push({ paragraph: p, start, end });
  }
  return out;
}

/** The questions of a host paragraph: its sentences from the first that asks to the last that asks. */
function hostQuestionSpan(p: ArticleParagraph): Span {
  const sentences = splitSentences(p.text).filter((s) => s.end > p.labelEnd);
  const asks = sentences.filter((s) => /[?？]/u.test(p.text.slice(s.start, s.end)));
  if (asks.length === 0) return leadingSentences(p);
  const end = asks.at(-1)!.end;
  // Back from the last question while the span fits the bound: the framing before it is kept
  // only when it is short.
  let start = asks.at(-1)!.start;
  for (const s of [...sentences].reverse()) {
    if (s.start >= start) continue;
    if (end - s.start > MAX_QUOTE_CHARS) break;
    if (!asks.includes(s)) break;
    start = s.start;
  }
  return { paragraph: p, start: Math.max(start, p.labelEnd), end };
}

/**
 * The answer to a question about the article's structure, or null when the structure has no
 * answer (a part the question names does not exist: the answer says so).
 *
 * @param referenced a paragraph the conversation already points at (`第二个问题` after a list of
 *   the host's questions): it is the question meant, whatever the ordinal counts in.
 */
export function answerArticle(
  article: Article,
  intent: ArticleIntent,
  referenced: ArticleParagraph | null = null,
  terms: QueryTerm[] = [],
): Pick<ChatResponse, 'answer' | 'citations'> {
  const t = templatesOf(article);
  const citations: Citation[] = [];
  const cite = (span: Span): { n: number; quote: string } => {
    const c = makeCitation(article, citations.length + 1, span.paragraph.id, span.start, span.end);
    citations.push(c);
    // On screen the source's half-width `,:?()` inside Chinese text read full-width, as every answer shows them.
    return { n: c.n, quote: c.displayQuote };
  };
  const done = (lines: string[]) => ({ answer: lines.join('\n'), citations });
  // One line a part, its heading cited (`第1部分：“……”[n]`).
  const sectionLines = (): string[] =>
    article.sections.flatMap((s) => {
      const span = headingSpan(s.number);
      if (!span) return [];
      const c = cite(span);
      return [t.sectionLine(s.number, c.quote, c.n)];
    });
  const section = partNumber(article, intent.section);
  if (intent.section !== null && section === null) {
    return done([t.noSuchPart(intent.section === -1 ? '这一部分' : `第${intent.section}部分`, article.sections.length)]);
  }
  const host = article.people.find((p) => p.role === 'host')?.name ?? '';
  const headingSpan = (number: number): Span | null => {
    const p = partHeading(article, number);
    const name = article.sections.find((s) => s.number === number)?.name;
    if (!p || !name || !p.text.includes(name)) return null;
    const start = p.text.indexOf(name);
    return { paragraph: p, start, end: start + name.length };
  };
  /** `- 李娜（…）答道：“……”[n]` for the first paragraph of each speaker among `answers`. */
  const openings = (answers: readonly ArticleParagraph[]): string[] =>
    firstPerSpeaker(answers).map((p) => {
      const c = cite(leadingSentences(p));
      return t.answerOpening(speakerLabel(p, article), c.quote, c.n);
    });
  /** Who answered a host question, then the opening of each answer. */
  const answeredByLines = (question: ArticleParagraph): string[] => {
    const q = cite(hostQuestionSpan(question));
    const answers = answersTo(article, question);
    if (answers.length === 0) return [t.unanswered(q.quote, q.n)];
    return [t.answeredBy(q.quote, q.n, [...new Set(answers.map((p) => p.speaker))]), ...openings(answers)];
  };

  switch (intent.part) {
    case 'headline': {
      const p = article.paragraphs.find((x) => x.kind === 'headline');
      if (!p) return done([]);
      const c = cite({ paragraph: p, start: 0, end: Math.min(p.text.length, MAX_QUOTE_CHARS) });
      return done([t.headlineIs(c.quote, c.n)]);
    }
    case 'kicker': {
      const p = article.paragraphs.find((x) => x.kind === 'kicker');
      if (!p) return done([t.noKicker]);
      const c = cite({ paragraph: p, start: 0, end: Math.min(p.text.length, MAX_QUOTE_CHARS) });
      return done([t.kickerIs(c.quote, c.n)]);
    }
    case 'sections': {
      if (section !== null) {
        const span = headingSpan(section);
        if (!span) return done([t.noSuchPart(`第${section}部分`, article.sections.length)]);
        const c = cite(span);
        return done([t.sectionIs(section, c.quote, c.n)]);
      }
      const lines = [t.sectionCount(article.sections.length)];
      lines.push(...sectionLines());
      return done(lines);
    }
    case 'section-content': {
      // The part's heading, then who said what in it: the opening of each answer to each question.
      const span = section === null ? null : headingSpan(section);
      if (section === null || !span) return done([t.noSuchPart('这一部分', article.sections.length)]);
      const c = cite(span);
      const answers = hostQuestions(article, section).flatMap((q) => openings(answersTo(article, q)));
      return done([t.sectionIs(section, c.quote, c.n), ...(answers.length > 0 ? [t.sectionAnswersIntro, ...answers] : [])]);
    }
    case 'section-speakers': {
      if (section === null) return done([t.noSuchPart('这一部分', article.sections.length)]);
      const turns = expertTurns(article, section);
      return done([t.sectionSpeakers(section, firstPerSpeaker(turns).length), ...openings(turns)]);
    }
    case 'expert-answers': {
      const lines: string[] = [];
      for (const name of intent.speakers) {
        // `秦睿发言了几次？`: the host's turns are the host's questions.
        if (name === host) {
          const asked = hostQuestions(article, section);
          lines.push(t.hostQuestionCount(host, section, asked.length));
          for (const p of asked) {
            const c = cite(hostQuestionSpan(p));
            lines.push(t.hostQuestionLine(c.quote, c.n));
          }
          continue;
        }
        const answered = questionsAnsweredBy(article, name, section);
        if (answered.length === 0) {
          lines.push(t.neverSpoke(name, section));
          continue;
        }
        const turns = answered.reduce((sum, a) => sum + a.turns.length, 0);
        const questions = answered.filter((a) => a.question !== null);
        lines.push(t.expertTurnCount(name, section, turns, questions.length));
        for (const { question, turns: under } of answered) {
          const first = under[0]!;
          if (!question) {
            const c = cite(leadingSentences(first));
            lines.push(t.expertTurnLine(first.sectionNumber, name, c.quote, c.n));
            continue;
          }
          const q = cite(hostQuestionSpan(question));
          const a = cite(leadingSentences(first));
          lines.push(t.expertAnswerLine(question.sectionNumber, q.quote, q.n, name, a.quote, a.n, under.length));
        }
      }
      return done(lines);
    }
    case 'editors-note': {
      const lines: string[] = [t.editorsNoteIntro];
      const note = article.editorsNote.map((id) => article.paragraphs[id]!);
      // A short note is given whole, sentence by sentence; a long one by the opening of each paragraph.
      const whole = note.reduce((sum, p) => sum + p.text.length - p.labelEnd, 0) <= WHOLE_NOTE_CHARS;
      // Why the paper ran the piece: the note's sentences that say what for (`以期…`), when some do.
      const purpose = intent.purpose === true ? note.flatMap((p) => quotableSpans(p, p.labelEnd, p.text.length).filter((span) => PURPOSE.test(p.text.slice(span.start, span.end))).map((span) => ({ p, span }))) : [];
      if (purpose.length > 0) {
        for (const { span } of purpose) {
          const c = cite(span);
          lines.push(t.editorsNoteLine(c.quote, c.n));
        }
        return done(lines);
      }
      for (const p of note) {
        for (const span of whole ? quotableSpans(p, p.labelEnd, p.text.length) : [leadingSentences(p)]) {
          const c = cite(span);
          lines.push(t.editorsNoteLine(c.quote, c.n));
        }
      }
      return done(lines);
    }
    case 'overview': {
      // Not a summary: what the article says it is about, in its own words.
      // An article with no editor's note (a report, a Q&A) is not said to have one.
      const lines: string[] = [article.editorsNote.length > 0 ? t.overviewIntro : t.overviewIntroWithoutNote];
      const headline = article.paragraphs.find((x) => x.kind === 'headline');
      if (headline) {
        const c = cite({ paragraph: headline, start: 0, end: Math.min(headline.text.length, MAX_QUOTE_CHARS) });
        lines.push(t.overviewHeadline(c.quote, c.n));
      }
      const note = discussionSentence(article);
      for (const span of note ? quotableSpans(note.paragraph, note.start, note.end) : []) {
        const c = cite(span);
        lines.push(t.overviewNote(c.quote, c.n));
      }
      // With no note and no parts (a report, a Q&A), the lead's opening is the text's own framing.
      const lead = note || article.sections.length > 0 ? undefined : article.paragraphs.find((x) => (x.kind === 'report' || x.kind === 'lead') && x.role !== 'unattributed');
      if (lead) {
        const c = cite(leadingSentences(lead));
        lines.push(t.overviewLead(c.quote, c.n));
      }
      if (article.sections.length > 0) lines.push(t.overviewSections(article.sections.length));
      lines.push(...sectionLines());
      return done(lines);
    }
    case 'host-questions': {
      const inScope = hostQuestions(article, section);
      const chosen =
        referenced?.kind === 'host-question'
          ? referenced
          : intent.ordinal !== null
            ? nth(inScope, intent.ordinal)
            : intent.byContent
              ? bestByTerms(inScope, terms)
              : null;
      if (intent.ordinal !== null && !chosen) return done([t.noSuchPart(`这个问题`, inScope.length)]);
      if (chosen && intent.answeredBy) return done(answeredByLines(chosen));
      // `谁回答了第一部分的问题？`: each question of the part, with who answered it.
      if (!chosen && intent.answeredBy) {
        return done([t.questionsAnsweredIntro(host, section, inScope.length), ...inScope.flatMap(answeredByLines)]);
      }
      if (chosen && intent.byContent) {
        const c = cite(hostQuestionSpan(chosen));
        return done([t.askedBy(host, c.quote, c.n)]);
      }
      if (chosen) {
        const c = cite(hostQuestionSpan(chosen));
        const position = inScope.indexOf(chosen) + 1;
        return done([t.hostQuestionIs(host, section, intent.ordinal === -1 && !referenced ? -1 : position, c.quote, c.n)]);
      }
      const lines = [t.hostQuestionCount(host, section, inScope.length)];
      for (const p of inScope) {
        const c = cite(hostQuestionSpan(p));
        lines.push(t.hostQuestionLine(c.quote, c.n));
      }
      return done(lines);
    }
  }
}
