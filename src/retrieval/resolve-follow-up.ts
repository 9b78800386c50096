import { foldText } from '../corpus/normalize-text.js';
import { longestWords, queryWords } from '../index/tokenize-chinese.js';

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
  /** How the query was formed. */
  kind: 'standalone' | 'pronoun' | 'ellipsis';
}

// `其他` (other) and `吉他` are not pronouns.
const PRONOUNS = /(他们|她们|(?<![其吉])他|她|这位专家|这位嘉宾|该专家|此人)/u;
/** `那短板呢？`, `还有呢？`, `那么王中毅呢`: short questions that lean on the one before. */
const ELLIPSIS_START = /^(那么|那|还有|另外|此外|以及|再说说|再谈谈|再讲讲|具体|详细)/u;
const ELLIPSIS_END = /(呢|吗)[?？!！。]*$/u;
const MAX_ELLIPSIS_CONTENT = 8;

/** Names the text mentions, in the order they appear. */
function namesIn(text: string, names: string[]): string[] {
  const folded = foldText(text);
  return names
    .map((name) => ({ name, at: folded.indexOf(name) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.name);
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

  // The person last talked about: named in a user turn, else the first named in the last answer.
  let lastPeople: string[] = [];
  for (const message of [...earlier].reverse()) {
    const names = namesIn(message.content, speakerNames);
    if (names.length > 0) {
      lastPeople = message.role === 'user' ? names : names.slice(0, 1);
      break;
    }
  }

  if (namedNow.length === 0 && PRONOUNS.test(question) && lastPeople.length > 0) {
    const plural = /他们|她们/u.test(question);
    const replacement = plural ? lastPeople.join('、') : lastPeople[0]!;
    return {
      query: question.replace(PRONOUNS, replacement),
      carriedSpeakers: plural ? lastPeople : [lastPeople[0]!],
      kind: 'pronoun',
    };
  }

  const words = contentWords(question);
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
