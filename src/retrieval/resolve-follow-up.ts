import { foldText } from '../corpus/normalize-text.js';
import { longestWords, queryWords } from '../index/tokenize-chinese.js';
import { ordinalIn, sectionIn } from './question-intent.js';

/**
 * Turns a follow-up into a query that stands on its own, from the conversation so far:
 * `他提出了哪几点建议？` after a question about 马冠奎 → `马冠奎提出了哪几点建议？`;
 * `那短板呢？` after `青海发展新质生产力有哪些优势？` → the earlier topic with `短板` in place of `优势`.
 * No model is needed; an LLM answerer may rewrite further.
 */

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
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
}

/** `还有呢？`, `还有吗`, `其他的呢`, `然后呢`: asks for more of the same, with no content of its own. */
const MORE_OF_THE_SAME = /^(还有|其他|其它|另外|别的|然后|接着|再|以及)[的呢吗么啊？?。!！\s]*(呢|吗|么)?[？?。!！\s]*$/u;

// `其他` (other) and `吉他` are not pronouns.
const PRONOUNS = /(他们|她们|(?<![其吉])他|她|这位专家|这位嘉宾|该专家|此人)/u;
/** `那短板呢？`, `还有呢？`, `那么王中毅呢`: short questions that lean on the one before. */
const ELLIPSIS_START = /^(那么|那|还有|另外|此外|以及|再说说|再谈谈|再讲讲|具体|详细)/u;
const ELLIPSIS_END = /(呢|吗)[?？!！。]*$/u;
const MAX_ELLIPSIS_CONTENT = 8;
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
export function answerSubjects(text: string, names: string[]): string[] {
  const subjects: string[] = [];
  for (const line of text.split('\n')) {
    const lead = line.split('“')[0]!;
    for (const name of namesIn(lead, names)) if (!subjects.includes(name)) subjects.push(name);
  }
  return subjects.length > 0 ? subjects : namesIn(text, names);
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

/** Content words of a question (stopwords and question words dropped). */
function contentWords(text: string): string[] {
  // Search-mode segmentation repeats sub-words (`生产`, `生产力`); keep the longest spelling.
  return longestWords(queryWords(text));
}

/**
 * Resolves the last user message against earlier turns.
 *
 * @param messages the conversation, oldest first; the last one is the user's question.
 * @param speakerNames the names a pronoun can stand for (experts and host).
 */
export function resolveFollowUp(messages: ConversationTurn[], speakerNames: string[]): ResolvedQuery {
  const question = messages.at(-1)?.content.trim() ?? '';
  const earlier = messages.slice(0, -1);
  const previousUser = [...earlier].reverse().find((m) => m.role === 'user');
  if (!previousUser) return { query: question, carriedSpeakers: [], kind: 'standalone' };

  const namedNow = namesIn(question, speakerNames);

  // `第二点呢？`, `第二个问题是谁回答的？` after a list answer: the Nth item of that list.
  const lastAnswer = earlier.at(-1)?.role === 'assistant' ? earlier.at(-1)!.content : null;
  const ordinal = namedNow.length === 0 ? ordinalIn(foldText(question)) : null;
  if (lastAnswer && ordinal !== null) {
    const items = listItems(lastAnswer);
    const item = ordinal === -1 ? items.at(-1) : items[ordinal - 1];
    if (item && items.length > 1) {
      return { query: `${item} ${question}`, carriedSpeakers: [], kind: 'list-item', referencedText: item };
    }
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
    if (items.length > 1) {
      return { query: previousUser.content, carriedSpeakers: namesIn(previousUser.content, speakerNames), kind: 'list-item', referencedText: items.at(-1)!, continuesList: true };
    }
  }

  // The people last talked about: named in a user turn, else those the last answer is about.
  let lastPeople: string[] = [];
  for (const message of [...earlier].reverse()) {
    const names = message.role === 'user' ? namesIn(message.content, speakerNames) : answerSubjects(message.content, speakerNames);
    if (names.length > 0) {
      lastPeople = names;
      break;
    }
  }

  if (namedNow.length === 0 && PRONOUNS.test(question) && lastPeople.length > 0) {
    // `他/她` after an answer about several people stands for all of them: the answer was about them.
    const replacement = lastPeople.join('、');
    return { query: question.replace(PRONOUNS, replacement), carriedSpeakers: lastPeople, kind: 'pronoun' };
  }

  const words = contentWords(question);
  if (namedNow.length === 0 && DEMONSTRATIVE.test(question)) {
    // What the question before was about, not how it asked (`第一个`, `哪一方面`).
    const topic = contentWords(previousUser.content).filter((w) => !words.includes(w) && !question.includes(w) && !ASKING_WORD.test(w));
    if (topic.length > 0) return { query: `${question} ${topic.join(' ')}`, carriedSpeakers: lastPeople, kind: 'ellipsis' };
  }
  const elliptical =
    (ELLIPSIS_START.test(question) || ELLIPSIS_END.test(question)) &&
    words.join('').length <= MAX_ELLIPSIS_CONTENT;
  if (elliptical) {
    const previousWords = contentWords(previousUser.content);
    // The earlier question's last content word is its focus (`优势`); the follow-up replaces it.
    const topic = words.length > 0 ? previousWords.slice(0, -1) : previousWords;
    const query = [...topic.filter((w) => !words.includes(w)), ...words].join(' ');
    const carried = namedNow.length > 0 ? [] : namesIn(previousUser.content, speakerNames);
    return { query: `${query}`, carriedSpeakers: carried, kind: 'ellipsis' };
  }

  return { query: question, carriedSpeakers: [], kind: 'standalone' };
}
