import type { Article } from '../corpus/parse-article.js';
import { EDITOR_NAME } from '../corpus/speakers.js';
import { answerTemplates } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import { makeCitation, type Citation } from './citations.js';

/** The answer for a question about the people: who someone is, who the host is, who took part. */
export function answerPeople(article: Article, named: string[], asksHost: boolean): Pick<ChatResponse, 'answer' | 'citations'> {
  const guestLine = (name: string) =>
    article.paragraphs.find((p) => p.speaker === name && p.sectionNumber === 0 && p.role !== 'editor');
  const citeLine = (name: string, n: number): Citation | null => {
    const p = guestLine(name);
    if (!p) return null;
    return makeCitation(article, n, p.id, p.labelEnd, p.text.length);
  };
  const host = article.speakers.find((s) => s.role === 'host');
  const people = named.filter((n) => n !== EDITOR_NAME);
  if (asksHost && host && !people.includes(host.name)) people.unshift(host.name);

  const citations: Citation[] = [];
  const lines: string[] = [];
  if (people.length > 0) {
    for (const name of people) {
      const speaker = article.speakers.find((s) => s.name === name)!;
      const c = citeLine(name, citations.length + 1);
      if (!c) continue;
      citations.push(c);
      lines.push(speaker.role === 'host' ? answerTemplates.hostIs(speaker.title, name, c.n) : answerTemplates.expertIs(name, speaker.title, c.n));
    }
    return { answer: lines.join('\n'), citations };
  }
  const experts = article.speakers.filter((s) => s.role === 'expert');
  lines.push(answerTemplates.guestCount(experts.length));
  for (const e of experts) {
    const c = citeLine(e.name, citations.length + 1);
    if (!c) continue;
    citations.push(c);
    lines.push(answerTemplates.guestLine(e.name, e.title, c.n));
  }
  if (host) {
    const c = citeLine(host.name, citations.length + 1);
    if (c) {
      citations.push(c);
      lines.push(answerTemplates.hostLine(host.title, host.name, c.n));
    }
  }
  return { answer: lines.join('\n'), citations };
}

