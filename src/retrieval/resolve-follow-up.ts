import { foldText } from '../corpus/normalize-text.js';
import { longestWords, queryWords } from '../index/tokenize-chinese.js';
import { roleWordPattern } from '../corpus/role-words.js';
import { ordinalIn, sectionIn } from './question-intent.js';
import {
  anyOf,
  ELLIPSIS_OPENINGS,
  ELSEWHERE_WORDS,
  LIST_ORDINAL_COUNTERS,
  MORE_WORDS,
  ORDINAL_DIGIT,
  PERSON_PRONOUNS,
  POINTED_PERSON,
  SUBJECTLESS_OPENINGS,
  TOPICLESS_WORDS,
} from './question-lexicon.js';
import type { ContextPassage, ConversationContext, ConversationState } from './conversation-context.js';
import { countedParts, paragraphsTakingUp, pointMarkers } from '../corpus/enumerated-points.js';

/**
 * Turns a follow-up into a query that stands on its own, from the conversation so far:
 * `他提出了哪几点建议？` after a question about 马冠奎 → `马冠奎提出了哪几点建议？`;
 * `那短板呢？` after `青海发展新质生产力有哪些优势？` → the earlier topic with `短板` in place of `优势`.
 * No model is needed; an LLM answerer may rewrite further.
 */

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
  /** On an assistant turn: the `context` of the response it is, as the client sent it back. */
  context?: ConversationContext;
}

export interface ResolvedQuery {
  /** The query to search with. */
  query: string;
  /** Speakers carried over from earlier turns, to prefer in retrieval. */
  carriedSpeakers: string[];
  /** How the query was formed: `list-item` when an ordinal (`第二点`) picked an item of the last list answer. */
  kind: 'standalone' | 'pronoun' | 'ellipsis' | 'list-item';
  /** The text of the item of the last list answer that an ordinal follow-up points at, verbatim. */
  referencedText?: string;
  /** `还有呢？` after a list answer: the list goes on after `referencedText` (its last item). */
  continuesList?: boolean;
  /** `谁说的？`, `谁提的？`: a follow-up with no topic of its own that asks who said what was asked before. */
  asksWhoSaid?: boolean;
  /** `第六点呢？` after a list of five: the number of items the list has, which the ordinal passes. */
  beyondList?: number;
  /** The passage `referencedText` is, when the last answer's context located it. */
  referencedPassage?: ContextPassage;
  /** The list an ordinal pointed into (from the context) and the item it picked: carried to the next turn. */
  list?: { items: ContextPassage[]; at: number };
  /** What the conversation is about, for the next turn's context, when it is not `query` (a list's own question). */
  topic?: string;
  /** `还有呢？` after an answer that is not a list of one speaker's points: the passages it cited, to go on from. */
  continuesCited?: ContextPassage[];
  /** `她为什么这么说？` after an answer about several people: whom the pronoun may stand for (it is not guessed). */
  ambiguousPeople?: string[];
}

/** Options of {@link resolveFollowUp}. */
export interface ResolveFollowUpOptions {
  /** The host's names: a pronoun stands for the experts an answer is about before the host it quotes. */
  hosts?: string[];
  /**
   * The last answer's context, checked against the article: when given, follow-ups read it rather
   * than the answer's prose; without it (an old client, `/v1`), the prose is read as before.
   */
  context?: ConversationState | null;
  /** The article's paragraphs, to find the Nth point of a cited answer (with `context`). */
  paragraphs?: ReadonlyArray<{ id: number; text: string; speaker: string; kind: string; labelEnd: number }>;
}

/** `不对，我是问刘畅`, `不是，我问的是对内合作`: a correction of the question before. */
const CORRECTION = /^(?:不对|不是|错了|搞错了|我不是问这个)(?:[，,。!！\s]+(?:我(?:是|想)?(?:问|说|知道|了解)(?:的是)?)?|我(?:是|想)?(?:问|说|知道|了解)(?:的是)?)\s*(.+?)[。!！]*$/u;
/** A correction naming only a person or a word or two; a longer one is a question of its own. */
const SHORT_CORRECTION = 8;

/**
 * A correction read as the elliptical follow-up it is (`不对，我是问刘畅` → `那 刘畅呢？`; the space keeps jieba from reading `那马` as a word): what it
 * names takes the place of the question before's person or focus.
 */
function asFollowUp(question: string, hasEarlier: boolean): string {
  const match = hasEarlier ? CORRECTION.exec(question) : null;
  if (!match?.[1]) return question;
  const rest = match[1];
  return [...rest].length <= SHORT_CORRECTION && !/[?？]/u.test(rest) ? `那 ${rest}呢？` : rest;
}

/** How many answers back an ordinal follow-up may point into a list. */
const LIST_LOOKBACK = 3;

/**
 * The items of the list answer an ordinal follow-up points into: the last answer's, or those of a
 * list a few answers back when every question since picked an item of it by its ordinal.
 */
function pointedList(earlier: ConversationTurn[]): string[] | undefined {
  let answers = 0;
  for (let i = earlier.length - 1; i >= 0 && answers < LIST_LOOKBACK; i--) {
    const turn = earlier[i]!;
    if (turn.role === 'assistant') {
      answers++;
      const items = listItems(turn.content);
      if (items.length > 1) return items;
    } else if (ordinalIn(foldText(turn.content)) === null) {
      return undefined;
    }
  }
  return undefined;
}

/** `还有呢？`, `还有吗`, `其他的呢`, `然后呢`: asks for more of the same, with no content of its own. */
const MORE_OF_THE_SAME = new RegExp(`^(${anyOf(MORE_WORDS)})[的呢吗么啊？?。!！\\s]*(呢|吗|么)?[？?。!！\\s]*$`, 'u');

const PRONOUNS = new RegExp(`(${anyOf(PERSON_PRONOUNS)})`, 'u');
/** `还有呢，…`, `另外，…`, `此外呢，…`: going on, then a question of its own. */
const GOES_ON = /^(?:那)?(?:还有呢|还有|另外|此外)(?:呢|啊)?[,，]\s*(?=\S)/u;
/** `那短板呢？`, `还有呢？`, `那么王中毅呢`: short questions that lean on the one before. */
const ELLIPSIS_START = new RegExp(`^(${anyOf(ELLIPSIS_OPENINGS)})`, 'u');
const ELLIPSIS_END = /(呢|吗)[?？!！。]*$/u;
const MAX_ELLIPSIS_CONTENT = 8;
/**
 * Words that ask, point or urge without saying about what: interrogatives, particles, `说/讲/回答`,
 * `为什么`, `具体`, `展开`, `还有`. A follow-up made of nothing else (`谁说的？`, `为什么？`, `展开说说`,
 * `具体呢？`, `还有呢`) has no topic of its own: it asks about the question before.
 */
const TOPICLESS = new RegExp(`(${anyOf(TOPICLESS_WORDS)})`, 'gu');
/** An ordinal and what it counts (`第三点`, `第二个方面`, `最后一条`): a position, not a topic. */
const ORDINAL_WORDS = new RegExp(`(第${ORDINAL_DIGIT}{1,2}|最后一?)(${anyOf(LIST_ORDINAL_COUNTERS)})?`, 'gu');
/** `谁说的？`, `是谁提出的？`, `是哪位专家提的？`: who said it. */
const ASKS_WHO = /谁|哪(?:一|几)?位|哪个人|什么人/u;
/** How a who-question names whom it asks among (`哪位专家`, `哪个嘉宾`): no topic of its own. */
const WHICH_PERSON = new RegExp(`哪(?:一|几)?(?:位|个)(?:${roleWordPattern().source}|学者|老师|人)?|什么人`, 'gu');
/** Asks for something else than what was said (`他还说了什么？`): the earlier topic is not carried. */
const ASKS_ELSEWHERE = new RegExp(`(${anyOf(ELSEWHERE_WORDS)})`, 'u');
/**
 * `有什么风险？`, `为什么要这样做？`, `需要哪些条件？`: a question with no subject of its own, only a
 * predicate. In a conversation its subject is what the question before was about, kept whole.
 */
const SUBJECTLESS_START = new RegExp(`^(?:那么|那)?(${anyOf(SUBJECTLESS_OPENINGS)})`, 'u');
/** Words for the people of the article (`主持人`, `嘉宾`): whom a question asks about, not what. */
const ROLE_WORD = roleWordPattern();
/** How much of a quote of the last answer stands for what a person said there: its first clause. */
const QUOTE_TOPIC = /^[^,，;；。！？!?]{4,30}/u;
/** Follow-ups resolved through earlier follow-ups (`A？ → 那B呢？ → 谁说的？`) go back this many turns at most. */
const MAX_CHAIN = 4;
/**
 * `这三者`, `在这个基础上`, `在这里面`, `这个论述`, `上述`, `其中`: a demonstrative that points back at what
 * the conversation was about. A follow-up with one (and no name of its own) is searched with the topic
 * of the question before it and prefers the people it was about.
 */
/** Words that ask rather than say: ordinals and interrogatives. */
const ASKING_WORD = /^第|[哪啥]|什么|怎么|怎样|如何|多少|几/u;
const DEMONSTRATIVE = /(这(?:个|些|里|方面|一|[两三四五六几](?:者|个|点|项|条|方面)|种|项)|上述|其中)/u;

/** Names the text mentions, in the order they appear. */
function namesIn(text: string, names: string[]): string[] {
  const folded = foldText(text);
  return names
    .map((name) => ({ name, at: folded.indexOf(name) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.name);
}

/**
 * The people an answer is about: the names each line puts before its first quotation
 * (`刘畅（…）认为：“…”`, `- 任君，青海大学…[6]`), in order; names inside quotations are what
 * someone said, not whom the answer is about. All names of the text when no line leads with one.
 */
export function answerSubjects(text: string, names: string[], hosts: string[] = []): string[] {
  const subjects: string[] = [];
  for (const line of text.split('\n')) {
    const lead = line.split('“')[0]!;
    for (const name of namesIn(lead, names)) if (!subjects.includes(name)) subjects.push(name);
  }
  const found = subjects.length > 0 ? subjects : namesIn(text, names);
  // An answer that quotes the host's question and the experts who answered it is about the experts.
  const experts = found.filter((name) => !hosts.includes(name));
  return experts.length > 0 ? experts : found;
}

/**
 * The items of a list answer: its `- ` lines, each the text of its first quotation (`- “…”[2]`) or
 * the line itself without its marker and numbers. Empty when the answer is not a list.
 */
export function listItems(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('- '))
    .map((line) => /“([^”]+)”/u.exec(line)?.[1] ?? line.slice(2).replace(/\[\d+\]/gu, '').replace(/[。.]$/u, '').trim());
}

/** True when a list answer's items are bare quotations (`- “一要……”[2]`), one speaker's points. */
function isPointList(text: string): boolean {
  const bullets = text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('- '));
  return bullets.length > 0 && bullets.every((line) => /^- (?:……)?“/u.test(line));
}

/** Content words of a question (stopwords and question words dropped). */
function contentWords(text: string): string[] {
  // Search-mode segmentation repeats sub-words (`生产`, `生产力`); keep the longest spelling.
  return longestWords(queryWords(text));
}

/** The follow-up says nothing of its own: only asking words, particles and `说/为什么/具体/展开`. */
export function isTopicless(question: string): boolean {
  return foldText(question).replace(TOPICLESS, '').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '') === '';
}

/** A question made to stand on its own by the question before it: `李娜说青海最大的短板是什么，为什么？`. */
function joinQuestions(before: string, question: string): string {
  // `…优势，为什么？` then `还有呢？`: the earlier topicless asks give way to the new one, so that a
  // chain of them does not pile up (`…优势，还有呢？`, not `…优势，为什么，还有呢？`).
  const clauses = before.trim().replace(/[?？!！。.,，\s]+$/u, '').split(/[，,]/u);
  while (clauses.length > 1 && isTopicless(clauses.at(-1)!)) clauses.pop();
  return `${clauses.join('，')}，${question}`;
}

/**
 * Resolves the last user message against earlier turns.
 *
 * @param messages the conversation, oldest first; the last one is the user's question.
 * @param speakerNames the names a pronoun can stand for (experts and host).
 */
export function resolveFollowUp(messages: ConversationTurn[], speakerNames: string[], options: ResolveFollowUpOptions = {}): ResolvedQuery {
  const question = messages.at(-1)?.content.trim() ?? '';
  const context = messages.length > 1 ? options.context : undefined;
  const resolved =
    (context ? resolveFromContext(asFollowUp(question, true), context, speakerNames, options.paragraphs ?? []) : null) ??
    resolveChain(messages, speakerNames, options.hosts ?? [], MAX_CHAIN);
  // `她为什么这么说？`: the reasons go on from what she was quoted saying (the next sentences of that
  // turn), not the same words again; only when the follow-up is about one person the answer quoted.
  if (context && !resolved.continuesCited && (context.kind === 'topic' || context.kind === 'definition') && WHY_SO.test(foldText(question))) {
    const people = resolved.carriedSpeakers.length > 0 ? resolved.carriedSpeakers : context.people;
    const theirs = context.cited.filter((c) => people.includes(c.speaker));
    if (people.length === 1 && theirs.length > 0) return { ...resolved, continuesCited: theirs };
  }
  return resolved;
}

/** Singular pronouns: one person, never a group (`他们`, `她们` are plural). */
const SINGULAR_PRONOUN = new RegExp(`(?<![其吉])[他她](?![们])|${POINTED_PERSON}|此人`, 'u');
/** `这段话`, `那句话`, `这部分`, `上面那段`: the passage the last answer quoted. */
const THAT_PASSAGE = /[这那](?:一)?(?:段话?|句话?|部分|番话|个说法|个观点|一点)|上面(?:那|这)?(?:段|句|部分)/u;
/** How many paragraphs of one turn are looked through for the Nth point of a cited answer. */
const POINT_LOOKAHEAD = 8;
/** The most sentences a point is quoted with, from its marker. */
const POINT_END = /[。！？!?；;]/u;

/**
 * `第三条呢？` after an answer that cited where a speaker starts to count (`…从以下几方面下功夫`) but
 * did not list the points: the Nth point of that speaker's turn, from the cited paragraph on.
 */
function nthPointOfCited(ordinal: number, cited: ContextPassage[], paragraphs: NonNullable<ResolveFollowUpOptions['paragraphs']>): ContextPassage | null {
  const lead = cited[0];
  if (!lead || ordinal < 1) return null;
  const first = paragraphs[lead.paragraph];
  if (!first) return null;
  const turn = [first];
  for (const p of paragraphs.slice(first.id + 1, first.id + 1 + POINT_LOOKAHEAD)) {
    if (p.speaker !== first.speaker || p.kind !== first.kind || p.labelEnd > 0) break;
    turn.push(p);
  }
  for (const p of turn) {
    const marker = pointMarkers(p.text).find((m) => m.ordinal === ordinal);
    if (!marker) continue;
    const stop = POINT_END.exec(p.text.slice(marker.at));
    const end = stop ? marker.at + stop.index + 1 : p.text.length;
    return { paragraph: p.id, start: marker.at, end, speaker: p.speaker, text: p.text.slice(marker.at, end) };
  }
  return null;
}

/**
 * The one sentence of the paragraphs an answer quoted that holds the most of the words pointed at
 * (`对内合作` in `一方面是要加强对内合作，在融入全国统一大市场方面下功夫。`), from its start to the
 * paragraph's end; null when none holds any, or several hold as many.
 */
function partOpenedIn(words: readonly string[], cited: readonly ContextPassage[], paragraphs: NonNullable<ResolveFollowUpOptions['paragraphs']>): ContextPassage | null {
  // Each sentence by how many of the words it holds: the one holding the most, alone (`对内呢，国内这块`
  // points with 对内 and 国内; the sentence opening the part says 对内合作).
  const found: Array<{ passage: ContextPassage; held: number }> = [];
  for (const id of new Set(cited.map((c) => c.paragraph))) {
    const p = paragraphs[id];
    if (!p) continue;
    const folded = foldText(p.text);
    if (folded.length !== p.text.length) continue;
    let start = p.labelEnd;
    for (const sentence of p.text.slice(p.labelEnd).split(/(?<=[。！？!?])/u)) {
      const end = start + sentence.length;
      const held = words.filter((w) => folded.slice(start, end).includes(w)).length;
      if (held > 0) found.push({ passage: { paragraph: p.id, start, end: p.text.length, speaker: p.speaker, text: p.text.slice(start, end) }, held });
      start = end;
    }
  }
  const most = Math.max(0, ...found.map((f) => f.held));
  const best = found.filter((f) => f.held === most);
  return most > 0 && best.length === 1 ? best[0]!.passage : null;
}

/** `那产业基础具体指啥？`: a follow-up asking what some words (a part just named) stand for. */
const PART_ASKED = /^(?:那|那么)[,，]?(.{2,12}?)(?:具体|到底|究竟|又|都)?(?:指啥|指什么|是指什么|指的是什么|指的是啥|是什么|是啥|包括啥|包括什么|包括哪些|有哪些|呢)[?？。!！\s]*$/u;

/** The content words of {@link PART_ASKED}'s part, or null. */
function partAskedAbout(folded: string): string[] | null {
  const match = PART_ASKED.exec(folded);
  const words = match ? contentWords(match[1]!) : [];
  return words.length > 0 ? words : null;
}

/**
 * The paragraph taking up the one counted part (`产业基础` of `…生态优势、产业基础和能源优势三个方面`)
 * that the pointing words name, when a passage the answer quoted counts the parts and its turn goes on
 * one paragraph a part ({@link paragraphsTakingUp}); null otherwise.
 */
function partTakenUp(words: readonly string[], cited: readonly ContextPassage[], paragraphs: NonNullable<ResolveFollowUpOptions['paragraphs']>): ContextPassage | null {
  for (const c of cited) {
    const parts = countedParts(c.text);
    if (!parts) continue;
    // (`能源优势` names 能源优势 more than 生态优势: the part with the most of the words, alone.)
    const scored = parts.map((part, i) => ({ i, hits: words.filter((w) => foldText(part).includes(w) || w.includes(foldText(part))).length }));
    const best = Math.max(...scored.map((n) => n.hits));
    const named = scored.filter((n) => n.hits === best);
    if (best === 0 || named.length !== 1) continue;
    const p = paragraphsTakingUp(paragraphs, c.paragraph, parts)?.[named[0]!.i];
    if (p) return { paragraph: p.id, start: 0, end: p.text.length, speaker: p.speaker, text: p.text };
  }
  return null;
}

/**
 * The one person a singular pronoun stands for after an answer about several, when the conversation
 * makes it clear: the person of the list item just given (`at`), the one person the question before
 * named, or the one the answer was mostly about (its lead, when more than half of its citations are
 * theirs). Null when there is no such basis: a guest list, an answer shared among several people.
 */
function onePersonMeant(context: ConversationState, people: readonly string[], speakerNames: string[]): string | null {
  if (context.kind !== 'topic' && context.kind !== 'definition') return null;
  const item = context.at !== null ? context.items[context.at] : undefined;
  if (item && people.includes(item.speaker)) return item.speaker;
  const asked = namesIn(context.topic, speakerNames).filter((name) => people.includes(name));
  if (asked.length === 1) return asked[0]!;
  if (asked.length > 1) return null;
  const lead = context.cited[0]?.speaker;
  if (!lead || !people.includes(lead)) return null;
  const theirs = context.cited.filter((c) => c.speaker === lead).length;
  return theirs * 2 > context.cited.length ? lead : null;
}

/** `她为什么这么说？`, `为啥？`, `他凭什么这么认为`: why the last answer's words were said, nothing else asked. */
const WHY_SO = /^(?:那|那么)?[,，]?(?:他|她|他们|她们|专家|嘉宾)?(?:为什么|为何|为啥|凭什么|怎么)(?:会|要)?(?:这么|这样|如此)(?:说|讲|认为|看|判断)(?:的|呢|啊|呀|吗)?[?？。!！\s]*$|^(?:那|那么)?[,，]?(?:为什么|为何|为啥)(?:呢|啊|呀)?[?？。!！\s]*$/u;

/** `X那块`, `X这条`, `X那个方面`: words pointing at one item of a list, then only asking words. */
const ITEM_POINTER = /^(?:那|那么)?[,，]?(.{2,16}?)(?:那一?块|这一?块|那一?条|这一?条|那一?点|这一?点|那一?项|这一?项|那(?:个)?方面|这(?:个)?方面|那部分|这部分)(.*)$/u;

/**
 * What a follow-up points at with `X那块` (`产业基础那块展开讲讲`): X as written and its content
 * words, when the rest of the follow-up asks nothing of its own and X has content; else null.
 */
function pointedAt(folded: string): { phrase: string; words: string[] } | null {
  const match = ITEM_POINTER.exec(folded);
  if (!match || !isTopicless(match[2]!)) return null;
  const words = contentWords(match[1]!);
  return words.length === 0 ? null : { phrase: match[1]!, words };
}

/** The item of a list whose text holds more of the pointing words than any other; else null. */
function itemNamedBy<T extends { text: string }>(words: readonly string[], items: readonly T[]): T | null {
  const scored = items.map((item) => {
    const text = foldText(item.text);
    return { item, score: words.filter((w) => text.includes(w)).length };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 ? top[0]!.item : null;
}

/** The follow-up read as the item at `at` of the last answer's list, searched with its words. */
function listItemAt(question: string, context: ConversationState, at: number): ResolvedQuery {
  const item = context.items[at]!;
  return {
    query: `${item.text} ${question}`,
    carriedSpeakers: [],
    kind: 'list-item',
    referencedText: item.text,
    referencedPassage: item,
    list: { items: context.items, at },
    topic: context.topic,
  };
}

/**
 * A follow-up read from the last answer's context: an ordinal picks an item of its list (or the Nth
 * point of the turn it cited), `还有呢？` goes on from its list or its passages, a pronoun stands for
 * the people it was about, `这段话` for what it quoted. Null when the context says nothing of the
 * follow-up: the question is then resolved as before, from the earlier turns.
 */
function resolveFromContext(
  question: string,
  context: ConversationState,
  speakerNames: string[],
  paragraphs: NonNullable<ResolveFollowUpOptions['paragraphs']>,
): ResolvedQuery | null {
  const folded = foldText(question);
  const namedNow = namesIn(question, speakerNames);
  const topicPeople = namesIn(context.topic, speakerNames);
  const ordinal = namedNow.length === 0 ? ordinalIn(folded) : null;

  // `第二点展开说说` after an answer led by `优势主要在生态优势、产业基础和能源优势三个方面`, whose
  // lines are people, not points: the second part that sentence counts, in its speaker's words.
  const linesArePeople = new Set(context.items.map((item) => item.speaker)).size === context.items.length;
  const counted = ordinal !== null && ordinal > 0 && linesArePeople && context.cited[0] ? countedParts(context.cited[0].text) : null;
  const part = counted && ordinal !== null ? counted[ordinal - 1] : undefined;
  if (part && isTopicless(question.replace(ORDINAL_WORDS, '').replace(/^(?:个|大)?(?:方面|部分|点|条|项|块)/u, ''))) {
    // The speaker's paragraph that takes up that part, when the turn goes on one paragraph a part.
    const turn = paragraphsTakingUp(paragraphs, context.cited[0]!.paragraph, counted!);
    const p = turn?.[ordinal! - 1];
    const taken = p ? { paragraph: p.id, start: 0, end: p.text.length, speaker: p.speaker, text: p.text } : null;
    if (taken) return { query: `${part} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: taken.text, referencedPassage: taken, topic: context.topic };
    const speaker = context.cited[0]!.speaker;
    const query = `${speaker} ${part}`;
    return { query, carriedSpeakers: [speaker], kind: 'ellipsis', topic: query };
  }
  if (ordinal !== null && context.items.length > 1) {
    const at = ordinal === -1 ? context.items.length - 1 : ordinal - 1;
    const item = context.items[at];
    if (!item) return { query: question, carriedSpeakers: [], kind: 'list-item', beyondList: context.items.length, topic: context.topic, list: { items: context.items, at: context.at ?? 0 } };
    return listItemAt(question, context, at);
  }
  const pointed = namedNow.length === 0 ? pointedAt(folded) : null;
  // `产业基础那块展开讲讲`, `平台经济那条具体咋说的`: an item of the list picked by its own words.
  const named = pointed && context.items.length > 1 ? itemNamedBy(pointed.words, context.items) : null;
  if (named) return listItemAt(question, context, context.items.indexOf(named));
  // `那产业基础具体指啥？` after an answer quoting `优势主要在生态优势、产业基础和能源优势三个方面`,
  // when the turn goes on one paragraph a part: that part's paragraph, not the sentence naming it.
  const partWords = pointed?.words ?? (namedNow.length === 0 ? partAskedAbout(folded) : null);
  const counting = partWords ? partTakenUp(partWords, context.cited, paragraphs) : null;
  if (counting) return { query: `${counting.text} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: counting.text, referencedPassage: counting, topic: context.topic };
  // `对内合作那块呢，具体咋搞` when one sentence of a paragraph the answer quoted opens that part
  // (`一方面是要加强对内合作，…`): the part from that sentence, in its speaker's words.
  const opened = pointed ? partOpenedIn(pointed.words, context.cited, paragraphs) : null;
  if (opened) return { query: `${opened.text} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: opened.text, referencedPassage: opened, topic: context.topic };
  // `能源那块具体说说` after an answer about one person with no list: that part of what they said.
  if (pointed && context.people.length === 1 && context.cited.length > 0) {
    const query = `${context.people[0]!} ${pointed.phrase}`;
    return { query, carriedSpeakers: [...context.people], kind: 'ellipsis', topic: query };
  }
  if (ordinal !== null && ordinal > 0 && sectionIn(folded) === null && isTopicless(question.replace(ORDINAL_WORDS, ''))) {
    const point = nthPointOfCited(ordinal, context.cited, paragraphs);
    if (point) return { query: `${point.text} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: point.text, referencedPassage: point, topic: context.topic };
  }

  if (MORE_OF_THE_SAME.test(question)) {
    const oneSpeaker = context.items.length > 1 && context.items.every((item) => item.speaker === context.items[0]!.speaker);
    if (oneSpeaker && context.kind === 'topic') {
      const last = context.items[context.at ?? context.items.length - 1]!;
      return { query: context.topic, carriedSpeakers: topicPeople, kind: 'list-item', referencedText: last.text, referencedPassage: last, continuesList: true, topic: context.topic };
    }
    if (context.cited.length > 0 && (context.kind === 'topic' || context.kind === 'definition') && context.topic !== '') {
      return { query: context.topic, carriedSpeakers: context.people, kind: 'ellipsis', continuesCited: context.cited, topic: context.topic };
    }
  }

  const pronoun = PRONOUNS.exec(question);
  const pronounFirst = pronoun !== null && namedNow.every((name) => foldText(question).indexOf(name) > pronoun.index);
  let others = context.people.filter((name) => !namedNow.includes(name));
  if (pronoun && pronounFirst && others.length > 0) {
    if (others.length > 1 && namedNow.length === 0 && SINGULAR_PRONOUN.test(pronoun[0])) {
      // `她` after an answer about several people is the one the conversation makes clear; with no
      // basis (after a guest list) it is asked, not guessed.
      const meant = onePersonMeant(context, others, speakerNames);
      if (meant === null) return { query: question, carriedSpeakers: [], kind: 'pronoun', ambiguousPeople: others, topic: context.topic };
      others = [meant];
    }
    const replaced = question.replace(PRONOUNS, others.join('、'));
    const onTopic = namedNow.length === 0 && isTopicless(question.replace(PRONOUNS, '')) && !ASKS_ELSEWHERE.test(question);
    // `她为什么这么说？`: about what the last answer searched, without its people and asking words.
    const topic = onTopic ? contentWords(context.topic).filter((w) => !speakerNames.includes(w) && !ROLE_WORD.test(w) && !isTopicless(w) && !ASKING_WORD.test(w)) : [];
    return { query: topic.length > 0 ? `${replaced} ${topic.join(' ')}` : replaced, carriedSpeakers: others, kind: 'pronoun' };
  }

  if (namedNow.length === 0 && THAT_PASSAGE.test(question) && sectionIn(folded) === null && context.cited.length > 0) {
    // `这段话是什么意思？`: the passage quoted last, searched with its own words; it may be quoted again.
    const lead = context.cited[0]!;
    const speakers = [...new Set(context.cited.map((c) => c.speaker))].filter((name) => speakerNames.includes(name));
    const words = contentWords(question);
    const topic = contentWords(context.topic).filter((w) => !words.includes(w) && !speakerNames.includes(w) && !ASKING_WORD.test(w));
    return { query: `${question} ${topic.join(' ')}`.trim(), carriedSpeakers: speakers.length > 0 ? speakers : [lead.speaker], kind: 'ellipsis' };
  }
  return null;
}

function resolveChain(messages: ConversationTurn[], speakerNames: string[], hosts: string[], depth: number): ResolvedQuery {
  const question = asFollowUp(messages.at(-1)?.content.trim() ?? '', messages.length > 1);
  const earlier = messages.slice(0, -1);
  const previousAt = earlier.map((m) => m.role).lastIndexOf('user');
  const previousUser = earlier[previousAt];
  if (!previousUser) return { query: question, carriedSpeakers: [], kind: 'standalone' };
  // The question before, itself resolved: `谁说的？` after `青海有哪些优势？ → 那短板呢？` asks about 短板 in 青海.
  const before =
    depth > 1 ? resolveChain(earlier.slice(0, previousAt + 1), speakerNames, hosts, depth - 1) : { query: previousUser.content, carriedSpeakers: [], kind: 'standalone' as const };
  const beforeQuery = before.kind === 'list-item' && !before.continuesList ? previousUser.content : before.query;
  const beforePeople = [...new Set([...namesIn(beforeQuery, speakerNames), ...before.carriedSpeakers])];

  const namedNow = namesIn(question, speakerNames);

  // `第二点呢？`, `第二个问题是谁回答的？` after a list answer: the Nth item of that list.
  const lastAnswer = earlier.at(-1)?.role === 'assistant' ? earlier.at(-1)!.content : null;
  const ordinal = namedNow.length === 0 ? ordinalIn(foldText(question)) : null;
  // The list answer pointed into: the last answer, or one a few answers back when the answers since
  // were items of it (`哪几个方面？ → 第一个是什么？ → 第二个呢？`).
  const list = lastAnswer && ordinal !== null ? pointedList(earlier) : undefined;
  if (list && ordinal !== null) {
    const item = ordinal === -1 ? list.at(-1) : list[ordinal - 1];
    if (item) return { query: `${item} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: item };
    return { query: question, carriedSpeakers: [], kind: 'list-item', beyondList: list.length };
  }

  // `第二个问题是谁回答的？` after `第二部分一共问了哪两个问题？` (no list answer to point into): the
  // ordinal counts within the part of the article the question before was about.
  if (ordinal !== null && sectionIn(foldText(question)) === null) {
    const scope = sectionIn(foldText(previousUser.content));
    if (scope) return { query: `${scope}${question}`, carriedSpeakers: [], kind: 'ellipsis' };
  }

  // `还有呢？` after a list answer: the points after its last item, else more on the same question.
  if (lastAnswer && MORE_OF_THE_SAME.test(question)) {
    const items = listItems(lastAnswer);
    // Only a list of one speaker's points goes on; after a line per expert, `还有呢？` asks for more
    // on the question (the quotes already given are left out).
    // `第二点呢？ → 还有呢？`: the points after the one just given.
    if (items.length <= 1 && before.kind === 'list-item' && before.referencedText && !before.continuesList) {
      return { query: before.query, carriedSpeakers: before.carriedSpeakers, kind: 'list-item', referencedText: before.referencedText, continuesList: true };
    }
    if (items.length > 1 && isPointList(lastAnswer)) {
      return { query: previousUser.content, carriedSpeakers: namesIn(previousUser.content, speakerNames), kind: 'list-item', referencedText: items.at(-1)!, continuesList: true };
    }
  }

  // The people last talked about: named in a user turn, else those the last answer is about.
  let lastPeople: string[] = [];
  for (const message of [...earlier].reverse()) {
    const names = message.role === 'user' ? namesIn(message.content, speakerNames) : answerSubjects(message.content, speakerNames, hosts);
    if (names.length > 0) {
      lastPeople = names;
      break;
    }
  }

  // What the question before was about, not how it asked (`第一个`, `哪一方面`), nor whom.
  const beforeTopic = (exclude: string) => contentWords(beforeQuery).filter((w) => !exclude.includes(w) && !ASKING_WORD.test(w));
  /** What the last answer quoted of these people (`主持人的问题…由李娜回答：- 李娜…答道：“…”` → her words). */
  const quotedOf = (people: string[]) =>
    (lastAnswer ?? '')
      .split('\n')
      .filter((line) => namesIn(line.split('“')[0]!, people).length > 0)
      .map((line) => QUOTE_TOPIC.exec(/“([^”]+)”/u.exec(line)?.[1] ?? '')?.[0])
      .filter((quote): quote is string => quote !== undefined)
      .slice(0, 1);

  const pronoun = PRONOUNS.exec(question);
  // `她的观点和马冠奎有什么区别？`: a pronoun before the names of a question stands for the people
  // talked about, beside those named; after a name (`李娜说她…`) it is that name.
  let others = lastPeople.filter((name) => !namedNow.includes(name));
  const pronounFirst = pronoun !== null && namedNow.every((name) => foldText(question).indexOf(name) > pronoun.index);
  // `他` after an answer about several people, when the question before named one of them: that one.
  const askedBefore = namesIn(previousUser.content, speakerNames).filter((name) => others.includes(name));
  if (pronoun && SINGULAR_PRONOUN.test(pronoun[0]) && namedNow.length === 0 && others.length > 1 && askedBefore.length === 1) others = askedBefore;
  if (pronoun && pronounFirst && others.length > 0) {
    // `他/她` after an answer about several people stands for all of them: the answer was about them.
    const replaced = question.replace(PRONOUNS, others.join('、'));
    // `她怎么说的？`, `他为什么这么说？`: nothing asked but about them, so on what was asked before.
    // When the question before asked only about the article's structure (`谁回答的？`), what the last
    // answer quoted of them says what they were talking about.
    const onTopic = namedNow.length === 0 && isTopicless(question.replace(PRONOUNS, '')) && !ASKS_ELSEWHERE.test(question);
    // Whom the question before asked about (`主持人`) and how (`回答`) is not what.
    const asked = onTopic ? beforeTopic(replaced).filter((w) => !speakerNames.includes(w) && !ROLE_WORD.test(w) && !isTopicless(w)) : [];
    const topic = onTopic && asked.length === 0 ? quotedOf(others) : asked;
    const query = topic.length > 0 ? `${replaced} ${topic.join(' ')}` : replaced;
    return { query, carriedSpeakers: others, kind: 'pronoun' };
  }

  // `谁说的？`, `为什么？`, `展开说说`, `还有呢`, `有什么风险？`: no topic (or no subject) of its own, so
  // the question before, whole, with its people; `谁说的` asks who said it.
  // `第三点是什么？` after an answer that was not a list: the third point of what was asked before.
  const ordinalOnly = ordinal !== null && isTopicless(question.replace(ORDINAL_WORDS, ''));
  const whoOnly = isTopicless(question.replace(WHICH_PERSON, ''));
  if (namedNow.length === 0 && (ordinalOnly || whoOnly || (SUBJECTLESS_START.test(question) && !DEMONSTRATIVE.test(question) && contentWords(question).join('').length <= MAX_ELLIPSIS_CONTENT))) {
    const topicless = whoOnly;
    return {
      query: joinQuestions(beforeQuery, question),
      carriedSpeakers: beforePeople,
      kind: 'ellipsis',
      ...(topicless && ASKS_WHO.test(question) ? { asksWhoSaid: true } : {}),
    };
  }

  // `还有呢，要围绕哪些领域搞平台？` after answers about one person: more of what that person says,
  // asked in its own words (not `还有呢，其他嘉宾怎么看？`, which asks about others).
  const more = GOES_ON.exec(question);
  if (more && namedNow.length === 0 && beforePeople.length === 1 && !/其他|其它|别的|别人/u.test(question) && !ROLE_WORD.test(question)) {
    return { query: `${beforePeople[0]!} ${question.slice(more[0].length)}`, carriedSpeakers: beforePeople, kind: 'ellipsis' };
  }

  const words = contentWords(question);
  if (namedNow.length === 0 && DEMONSTRATIVE.test(question)) {
    const topic = beforeTopic(question).filter((w) => !words.includes(w));
    if (topic.length > 0) return { query: `${question} ${topic.join(' ')}`, carriedSpeakers: lastPeople, kind: 'ellipsis' };
  }
  const elliptical =
    (ELLIPSIS_START.test(question) || ELLIPSIS_END.test(question)) &&
    words.join('').length <= MAX_ELLIPSIS_CONTENT;
  if (elliptical) {
    const previousWords = contentWords(beforeQuery);
    // A person the follow-up names takes the place of the one asked about before (`那刘畅呢？`); its
    // other words take the place of the earlier question's focus, its last content word other than a
    // name (`那短板呢？` after `…有哪些优势？`).
    const newTopic = words.filter((w) => !namedNow.includes(w));
    const focus = newTopic.length > 0 ? previousWords.filter((w) => !speakerNames.includes(w)).at(-1) : undefined;
    const previousNames = namedNow.length > 0 ? speakerNames : [];
    // `新兴产业呢？` after `传统产业转型升级要改造哪些产业？`: a new word of the same kind as one asked about
    // before (the same last two characters, `产业`) takes the place of that whole topic, not just one word of it.
    const kindOf = (w: string) => ([...w].length >= 2 ? [...w].slice(-2).join('') : null);
    const contrasts = newTopic.some((n) => kindOf(n) !== null && previousWords.some((w) => w !== n && !speakerNames.includes(w) && kindOf(w) === kindOf(n)));
    const topic = contrasts ? [] : previousWords.filter((w) => w !== focus && !previousNames.includes(w) && !words.includes(w));
    const query = [...namedNow, ...topic, ...newTopic].join(' ');
    const carried = namedNow.length > 0 ? [] : beforePeople;
    return { query, carriedSpeakers: carried, kind: 'ellipsis' };
  }

  return { query: question, carriedSpeakers: [], kind: 'standalone' };
}
