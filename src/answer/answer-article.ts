import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import type { ArticleIntent } from '../retrieval/question-intent.js';
import { answersTo, bestByTerms, hostQuestions, nth } from '../retrieval/structural-targets.js';
import { answerTemplates } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import type { QueryTerm } from '../retrieval/weigh-terms.js';
import { makeCitation, MAX_QUOTE_CHARS, type Citation } from './citations.js';
import { speakerLabel } from './compose-answer.js';

/**
 * Answers questions about the article itself from its parsed structure: the headline and kicker
 * (`title`, `kicker`), the parts (`sections` and their heading paragraphs), the host's questions
 * (`host-question` paragraphs, the Nth of them, who answered it) and the editor's note. One
 * mechanism, the paragraph `kind`s, not one rule per wording; every line cites the paragraph.
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
  const citations: Citation[] = [];
  const cite = (span: Span): { n: number; quote: string } => {
    const c = makeCitation(article, citations.length + 1, span.paragraph.id, span.start, span.end);
    citations.push(c);
    // On screen the source's half-width `,:?()` inside Chinese text read full-width, as every answer shows them.
    return { n: c.n, quote: c.displayQuote };
  };
  const done = (lines: string[]) => ({ answer: lines.join('\n'), citations });

  switch (intent.part) {
    case 'headline': {
      const p = article.paragraphs.find((x) => x.kind === 'headline');
      if (!p) return done([]);
      const c = cite({ paragraph: p, start: 0, end: Math.min(p.text.length, MAX_QUOTE_CHARS) });
      return done([answerTemplates.headlineIs(c.quote, c.n)]);
    }
    case 'kicker': {
      const p = article.paragraphs.find((x) => x.kind === 'kicker');
      if (!p) return done([answerTemplates.noKicker]);
      const c = cite({ paragraph: p, start: 0, end: Math.min(p.text.length, MAX_QUOTE_CHARS) });
      return done([answerTemplates.kickerIs(c.quote, c.n)]);
    }
    case 'sections': {
      const headings = article.sections.map((s) => {
        const p = article.paragraphs.find((x) => x.kind === 'heading' && x.sectionNumber === s.number && x.text.includes(s.name))!;
        const start = p.text.indexOf(s.name);
        return { number: s.number, span: { paragraph: p, start, end: start + s.name.length } };
      });
      if (intent.section !== null) {
        const heading = headings.find((h) => h.number === intent.section);
        if (!heading) return done([answerTemplates.noSuchPart(`第${intent.section}部分`, headings.length)]);
        const c = cite(heading.span);
        return done([answerTemplates.sectionIs(heading.number, c.quote, c.n)]);
      }
      const lines = [answerTemplates.sectionCount(headings.length)];
      for (const h of headings) {
        const c = cite(h.span);
        lines.push(answerTemplates.sectionLine(h.number, c.quote, c.n));
      }
      return done(lines);
    }
    case 'editors-note': {
      const lines: string[] = [answerTemplates.editorsNoteIntro];
      for (const id of article.editorsNote) {
        const c = cite(leadingSentences(article.paragraphs[id]!));
        lines.push(answerTemplates.editorsNoteLine(c.quote, c.n));
      }
      return done(lines);
    }
    case 'host-questions': {
      const host = article.people.find((p) => p.role === 'host')?.name ?? '';
      const inScope = hostQuestions(article, intent.section);
      const chosen =
        referenced?.kind === 'host-question'
          ? referenced
          : intent.ordinal !== null
            ? nth(inScope, intent.ordinal)
            : intent.byContent
              ? bestByTerms(inScope, terms)
              : null;
      if (intent.ordinal !== null && !chosen) return done([answerTemplates.noSuchPart(`这个问题`, inScope.length)]);
      if (chosen && intent.answeredBy) {
        const question = cite(hostQuestionSpan(chosen));
        const answers = answersTo(article, chosen);
        if (answers.length === 0) return done([answerTemplates.unanswered(question.quote, question.n)]);
        const speakers = [...new Set(answers.map((p) => p.speaker))];
        const lines = [answerTemplates.answeredBy(question.quote, question.n, speakers)];
        for (const speaker of speakers) {
          const first = answers.find((p) => p.speaker === speaker)!;
          const c = cite(leadingSentences(first));
          lines.push(answerTemplates.answerOpening(speakerLabel(first), c.quote, c.n));
        }
        return done(lines);
      }
      if (chosen && intent.byContent) {
        const c = cite(hostQuestionSpan(chosen));
        return done([answerTemplates.askedBy(host, c.quote, c.n)]);
      }
      if (chosen) {
        const c = cite(hostQuestionSpan(chosen));
        const position = inScope.indexOf(chosen) + 1;
        return done([answerTemplates.hostQuestionIs(host, intent.section, intent.ordinal === -1 && !referenced ? -1 : position, c.quote, c.n)]);
      }
      const lines = [answerTemplates.hostQuestionCount(host, intent.section, inScope.length)];
      for (const p of inScope) {
        const c = cite(hostQuestionSpan(p));
        lines.push(answerTemplates.hostQuestionLine(c.quote, c.n));
      }
      return done(lines);
    }
  }
}
