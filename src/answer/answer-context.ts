import type { Article } from '../corpus/parse-article.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { CONTEXT_LIMITS, type ContextPassage, type ConversationContext, type PassageRef } from '../retrieval/conversation-context.js';
import type { ChatResponse } from './answer-types.js';
import type { Citation } from './citations.js';

/**
 * The `context` a response carries for the next turn ({@link ConversationContext}): built from the
 * answer as it is made, from its citations and the question's analysis, so that the next turn reads
 * data rather than this answer's prose.
 */

const refOf = (c: Pick<Citation, 'paragraph' | 'start' | 'end' | 'speaker'> | ContextPassage): PassageRef => ({
  paragraph: c.paragraph,
  start: c.start,
  end: c.end,
  speaker: c.speaker,
});

/** The items of a list answer: its `- ` lines, each the first citation its line carries. Empty when not a list. */
function listedCitations(response: ChatResponse): PassageRef[] {
  const items: PassageRef[] = [];
  for (const line of response.answer.split('\n')) {
    if (!line.trim().startsWith('- ')) continue;
    const marker = /\[(\d+)\]/u.exec(line);
    const citation = marker ? response.citations.find((c) => c.n === Number(marker[1])) : undefined;
    // A line with no passage of its own cannot be pointed at: the list is not one of passages.
    if (!citation) return [];
    items.push(refOf(citation));
  }
  return items.length > 1 ? items : [];
}

/**
 * Whom an answer is about: the people the question named or carried over, else the people it cites
 * (the experts, before a host it quotes).
 */
function peopleOf(article: Article, response: ChatResponse, analysis: QuestionAnalysis): string[] {
  const people = new Set(article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name));
  const asked = [...new Set([...analysis.namedSpeakers, ...analysis.carriedSpeakers])].filter((name) => people.has(name));
  if (asked.length > 0 && response.kind !== 'people') return asked;
  const cited = [...new Set(response.citations.map((c) => c.speaker))].filter((name) => people.has(name));
  const experts = cited.filter((name) => article.speakers.some((s) => s.name === name && s.role === 'expert'));
  return experts.length > 0 ? experts : cited.length > 0 ? cited : asked;
}

/** The context of an answer: its list, its citations, its people and what it searched. */
export function answerContext(article: Article, response: ChatResponse, analysis: QuestionAnalysis): ConversationContext {
  const list = analysis.list;
  // A singular pronoun left unresolved keeps the people it could stand for.
  const people = analysis.ambiguousPeople ?? peopleOf(article, response, analysis);
  const items = list ? list.items.map(refOf) : listedCitations(response);
  // Within the limits a client's context is held to, so that it can always be sent back.
  const fits = items.length <= CONTEXT_LIMITS.maxPassages;
  return {
    kind: response.kind,
    topic: analysis.topic.slice(0, CONTEXT_LIMITS.maxTopicChars).replace(/[\uD800-\uDBFF]$/u, ''),
    people: people.slice(0, CONTEXT_LIMITS.maxPeople),
    items: fits ? items : [],
    at: fits && list ? list.at : null,
    cited: response.citations.slice(0, CONTEXT_LIMITS.maxPassages).map(refOf),
  };
}
