import { honorificOf, type Article } from '../corpus/parse-article.js';
import { answerTemplates } from './answer-templates.js';
import type { Citation } from './citations.js';

/**
 * Phrasing: the built-in answerer's text around its citations, one line a speaker, every quote
 * verbatim and every `[n]` with its citation; the greeting and the "not covered" answer.
 */

/** How a speaker is introduced in an answer line. */
export function speakerLabel(c: Pick<Citation, 'speaker' | 'role' | 'title'>): string {
  return answerTemplates.speakerLabel(c);
}

/** The quoted person of a citation as the article calls them (`习近平总书记`), or null. */
function quotedAs(article: Article, c: Citation): string | null {
  return c.quoting ? `${c.quoting}${honorificOf(article, c.quoting) ?? ''}` : null;
}

function verbFor(article: Article, c: Citation, first: boolean): string {
  return answerTemplates.speechVerb(c.role, quotedAs(article, c), first);
}

/** One line a speaker: `刘畅（…）认为：“……”[1]，并指出：“……”[2]` */
export function composeLines(article: Article, citations: Citation[]): string {
  const bySpeaker = new Map<string, Citation[]>();
  for (const c of citations) bySpeaker.set(c.speaker, [...(bySpeaker.get(c.speaker) ?? []), c]);
  const lines = [...bySpeaker.values()].map((own) => {
    const sorted = [...own].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
    const parts = sorted.map((c, i) => answerTemplates.quoted(verbFor(article, c, i === 0), c.quote, c.n));
    return `${speakerLabel(sorted[0]!)}${parts.join('；')}`;
  });
  if (lines.length === 1) return lines[0]!;
  const experts = [...bySpeaker.values()].filter((own) => own[0]!.role === 'expert').length;
  return [answerTemplates.manySpeakersIntro(experts), ...lines.map((l) => `- ${l}`)].join('\n');
}

/** A list answer: the speaker's opening, then one point a line. */
export function composeList(article: Article, citations: Citation[]): string {
  const [head, ...points] = citations;
  if (!head) return '';
  return [
    `${speakerLabel(head)}${answerTemplates.quoted(verbFor(article, head, true), head.quote, head.n)}`,
    ...points.map((c) => answerTemplates.listPoint(c.quote, c.n)),
  ].join('\n');
}

/** What the bot says to a greeting: hello, and what it can do. */
export function answerGreeting(article: Article): string {
  const experts = article.speakers.filter((s) => s.role === 'expert').map((s) => s.name);
  return answerTemplates.greeting(article.title, experts, suggestions(article));
}

/** What the bot says when the article does not answer a question. */
export function answerNotCovered(article: Article): string {
  return answerTemplates.notCovered(suggestions(article));
}

/** Example questions drawn from the article's own section headings. */
export function suggestions(article: Article): string[] {
  return article.sections.slice(0, 3).map((s) => s.name.replace(/,/gu, '，').replace(/\?$/u, '？'));
}
