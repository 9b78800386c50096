import type { Article, PersonProfile } from '../corpus/parse-article.js';
import { EDITOR_NAME } from '../corpus/speakers.js';
import { peoplePicked, type PeopleMatch } from '../retrieval/match-people.js';
import type { GuestPosition } from '../retrieval/question-intent.js';
import { answerTemplates } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import { makeCitation, type Citation } from './citations.js';

/** What a question about people asks, as the analysis read it. */
export interface PeopleQuestion {
  /** People the question names (the editor is left out). */
  named: string[];
  /** The question refers to the host by role word (`主持人是谁？`). */
  asksHost: boolean;
  /** The attributes the question filters people by (`博士`, `高校`); empty for "who is / who took part". */
  matches: PeopleMatch[];
  /** One guest picked by place (`第一位嘉宾`, `最后一个发言的嘉宾`). */
  position?: GuestPosition;
}

/** The guests in the order a position counts: the guest list's, or the order they first speak in. */
function guestsInOrder(article: Article, order: GuestPosition['order']): PersonProfile[] {
  const experts = article.people.filter((p) => p.role === 'expert');
  if (order === 'list') return experts;
  const firstTurn = (name: string) => article.paragraphs.findIndex((p) => p.speaker === name && p.kind === 'expert-turn');
  return experts.filter((p) => firstTurn(p.name) >= 0).sort((a, b) => firstTurn(a.name) - firstTurn(b.name));
}

/**
 * The answer for a question about the people, from the fields of their titles: who someone is
 * (`李娜是谁？`), where they work or in what post (`刘畅在哪个单位工作？`), who has an attribute
 * (`谁有博士学位？`, `哪几位来自高校？`), who the host is, who took part. Every line cites the
 * person's guest-list line (or the host's line).
 */
export function answerPeople(article: Article, question: PeopleQuestion): Pick<ChatResponse, 'answer' | 'citations'> {
  const citations: Citation[] = [];
  const cite = (person: PersonProfile): number => {
    const p = article.paragraphs[person.paragraph]!;
    citations.push(makeCitation(article, citations.length + 1, p.id, p.labelEnd, p.text.length));
    return citations.length;
  };
  const byName = new Map(article.people.map((p) => [p.name, p]));
  // The host reporter is the interview's byline; a report has its author instead.
  const host = article.people.find((p) => p.role === 'host') ?? article.people.find((p) => p.role === 'author');
  const named = question.named.filter((n) => n !== EDITOR_NAME && byName.has(n));
  if (question.asksHost && host && !named.includes(host.name)) named.unshift(host.name);

  const lines: string[] = [];
  if (question.position && named.length === 0) {
    const { ordinal, order } = question.position;
    const guests = guestsInOrder(article, order);
    const person = ordinal === -1 ? guests.at(-1) : guests[ordinal - 1];
    if (person) return { answer: answerTemplates.guestAtPosition(ordinal, order === 'speaking', person.name, person.title, cite(person)), citations };
    lines.push(answerTemplates.noGuestAtPosition(ordinal, guests.length));
    for (const guest of guests) lines.push(answerTemplates.guestLine(guest.name, guest.title, cite(guest)));
    return { answer: lines.join('\n'), citations };
  }
  if (named.length > 0) {
    // About people the question names: who they are, or the attributes it asks about.
    for (const name of named) {
      const person = byName.get(name)!;
      const n = cite(person);
      if (question.matches.length > 0) lines.push(answerTemplates.personFields(name, person, n));
      else if (person.role === 'host') lines.push(answerTemplates.hostIs(person.title, name, n));
      else lines.push(answerTemplates.expertIs(name, person.title, n));
    }
    return { answer: lines.join('\n'), citations };
  }

  if (question.matches.length > 0) {
    const terms = [...new Set(question.matches.flatMap((m) => m.terms))].filter((t, _, all) => !all.some((o) => o !== t && o.includes(t)));
    const picked = peoplePicked(question.matches, article.people).map((name) => byName.get(name)!);
    if (picked.length === 1) {
      const person = picked[0]!;
      return { answer: answerTemplates.personFields(person.name, person, cite(person)), citations };
    }
    if (picked.length > 1) {
      lines.push(answerTemplates.peopleMatched(terms, picked.length));
      for (const person of picked) lines.push(answerTemplates.guestLine(person.name, person.title, cite(person)));
      return { answer: lines.join('\n'), citations };
    }
    // Some have one of the attributes, no one all: who has which, never "no one" above them all.
    const some = article.people.filter((p) => question.matches.some((m) => m.names.includes(p.name)));
    if (some.length > 0) {
      lines.push(answerTemplates.noPeopleMatchedAll(terms));
      for (const person of some) lines.push(answerTemplates.guestLine(person.name, person.title, cite(person)));
      return { answer: lines.join('\n'), citations };
    }
    lines.push(answerTemplates.noPeopleMatched(terms));
  } else {
    lines.push(answerTemplates.guestCount(article.people.filter((p) => p.role === 'expert').length));
  }
  for (const person of article.people.filter((p) => p.role === 'expert')) lines.push(answerTemplates.guestLine(person.name, person.title, cite(person)));
  if (host) lines.push(answerTemplates.hostLine(host.title, host.name, cite(host)));
  return { answer: lines.join('\n'), citations };
}
