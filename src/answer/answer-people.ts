import type { Article, PersonProfile } from '../corpus/parse-article.js';
import { EDITOR_NAME } from '../corpus/speakers.js';
import { peoplePicked, type PeopleMatch } from '../retrieval/match-people.js';
import { CONFIRMING_BA } from '../retrieval/question-lexicon.js';
import type { GuestPosition } from '../retrieval/question-intent.js';
import { templatesOf } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import { makeCitation, type Citation } from './citations.js';
import { asksInterviewRoles, genreWords } from './genre-words.js';
import { quotedPeople } from './quoted-people.js';

/** What a question about people asks, as the analysis read it. */
export interface PeopleQuestion {
  /** People the question names (the editor is left out). */
  named: string[];
  /** The question refers to the host by role word (`主持人是谁？`). */
  asksHost: boolean;
  /** The attributes the question filters people by (`博士`, `高校`); empty for "who is / who took part". */
  matches: PeopleMatch[];
  /** The question asks whose words the article quotes (`这篇报道引用了谁的话？`). */
  quoted?: boolean;
  /** The question as asked: a report says it has no guests or host when asked for them by name. */
  question?: string;
  /** One guest picked by place (`第一位嘉宾`, `最后一个发言的嘉宾`). */
  position?: GuestPosition;
}

/** A question in a yes/no frame (`刘畅是研究员吗？`, `任君是不是在大学工作？`). */
// (Not the 么 of `什么`: `主要研究方向是什么？` asks what.)
const YES_NO = new RegExp(`(?<![什怎那这多])(?:吗|么)[?？!！。\\s]*$|是不是|是否|有没有|${CONFIRMING_BA}[?？!！。\\s]*$`, 'u');
/** Words that ask what, which or who: a last clause with one is no yes/no, whatever frame it ends in. */
const OPEN_ASK = /哪|什么|啥|谁|几|怎|多少/u;

/**
 * The judgement a yes/no question about one named person's title opens with: `是。` when each
 * attribute it asks about is in their title; `不是。` when an organisation or a post it asks about is
 * not (the title names theirs); nothing when a degree is not written (the article may just not say).
 */
function personVerdict(article: Article, name: string, question: PeopleQuestion, person: PersonProfile): string {
  // (The clause the frame closes: `刘畅在哪个单位工作，是研究员吗？` asks a yes/no at its end.)
  const lastClause = (question.question ?? '').replace(/[?？!！。\s]+$/u, '').split(/[,，;；?？]/u).at(-1) ?? '';
  if (question.named.length !== 1 || !YES_NO.test(question.question ?? '') || OPEN_ASK.test(lastClause)) return '';
  // `助理研究员` is not a `研究员`, nor `副教授` a `教授`: a rank below the one asked about is no.
  const asked = question.question ?? '';
  const lesser = (term: string) =>
    person.position !== null && person.position !== term && !asked.includes(person.position) && new RegExp(`(?:助理|副|见习|实习|准)${term}`, 'u').test(person.position);
  const lesserAsked = question.matches.flatMap((m) => (m.attribute === 'position' ? m.terms : [])).find(lesser);
  if (lesserAsked !== undefined) return templatesOf(article).notThatRank(lesserAsked, person.position!);
  if (question.matches.every((m) => m.names.includes(name))) return '是。';
  const contradicted = question.matches.some((m) => !m.names.includes(name) && m.attribute !== 'degree');
  return contradicted ? '不是。' : '';
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
  const t = templatesOf(article);
  const words = genreWords(article);
  const citations: Citation[] = [];
  const citeSpan = (paragraph: number, start: number, end: number): number => {
    citations.push(makeCitation(article, citations.length + 1, paragraph, start, end));
    return citations.length;
  };
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
    // The last to speak is the one with the last turn (`最后一个发言的是谁？`), not the last to speak first.
    const lastTurn = order === 'speaking' && ordinal === -1 ? article.paragraphs.findLast((p) => p.role === 'expert' && byName.has(p.speaker)) : undefined;
    const person = lastTurn ? byName.get(lastTurn.speaker) : ordinal === -1 ? guests.at(-1) : guests[ordinal - 1];
    if (person) return { answer: t.guestAtPosition(ordinal, order === 'speaking', person.name, person.title, cite(person)), citations };
    lines.push(t.noGuestAtPosition(ordinal, guests.length));
    for (const guest of guests) lines.push(t.guestLine(guest.name, guest.title, cite(guest)));
    return { answer: lines.join('\n'), citations };
  }
  if (named.length > 0) {
    // About people the question names: who they are, or the attributes it asks about.
    for (const name of named) {
      const person = byName.get(name)!;
      const n = cite(person);
      if (question.matches.length > 0) lines.push(personVerdict(article, name, question, person) + t.personFields(name, person, n));
      else if (person.role === 'expert') lines.push(t.expertIs(name, person.title || null, n));
      else lines.push(t.hostIs(person.title || null, name, n));
    }
    // `主持人是谁？` of a report: it has none; its author is the one who writes it.
    if (words.noGuestsOrHost && asksInterviewRoles(question.question ?? '')) lines.unshift(words.noGuestsOrHost);
    return { answer: lines.join('\n'), citations };
  }

  // Whose words the article quotes: a report's quoted people, the people a guest relays.
  const quoted = words.guestsAre === 'quoted' || question.quoted ? quotedPeople(article) : [];
  const quotedLines = (): string[] =>
    quoted.map((q) => {
      const n = citeSpan(q.paragraph, q.start, q.end);
      return q.by ? t.quotedPersonLine(q.name, q.by, n) : t.guestLine(q.name, null, n);
    });
  if (question.quoted && question.matches.length === 0) {
    lines.push(words.guestsAre === 'quoted' ? t.guestCount(quoted.length) : t.quotedCount(quoted.length), ...quotedLines());
    if (host && words.guestsAre === 'quoted') lines.push(t.hostLine(host.title, host.name, cite(host)));
    return { answer: lines.join('\n'), citations };
  }

  if (question.matches.length > 0) {
    const terms = [...new Set(question.matches.flatMap((m) => m.terms))].filter((t, _, all) => !all.some((o) => o !== t && o.includes(t)));
    const picked = peoplePicked(question.matches, article.people).map((name) => byName.get(name)!);
    if (picked.length === 1) {
      const person = picked[0]!;
      return { answer: t.personFields(person.name, person, cite(person)), citations };
    }
    if (picked.length > 1) {
      lines.push(t.peopleMatched(terms, picked.length));
      for (const person of picked) lines.push(t.guestLine(person.name, person.title || null, cite(person)));
      return { answer: lines.join('\n'), citations };
    }
    // Some have one of the attributes, no one all: who has which, never "no one" above them all.
    const some = article.people.filter((p) => question.matches.some((m) => m.names.includes(p.name)));
    if (some.length > 0) {
      lines.push(t.noPeopleMatchedAll(terms));
      for (const person of some) lines.push(t.guestLine(person.name, person.title || null, cite(person)));
      return { answer: lines.join('\n'), citations };
    }
    lines.push(t.noPeopleMatched(terms));
  } else if (words.guestsAre === 'quoted') {
    // Who took part in a report: nobody as a guest; the people it quotes, then its author.
    if (words.noGuestsOrHost) lines.push(words.noGuestsOrHost);
    lines.push(t.guestCount(quoted.length), ...quotedLines());
  } else {
    lines.push(t.guestCount(article.people.filter((p) => p.role === 'expert').length));
  }
  if (words.guestsAre === 'interviewees' || question.matches.length > 0) {
    for (const person of article.people.filter((p) => p.role === 'expert')) lines.push(t.guestLine(person.name, person.title || null, cite(person)));
  }
  if (host) lines.push(t.hostLine(host.title, host.name, cite(host)));
  return { answer: lines.join('\n'), citations };
}
