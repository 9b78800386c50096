import { z } from 'zod';
import type { Article } from '../corpus/parse-article.js';

/**
 * Conversation state as data. Every chat response carries a `context`: what the next turn needs to
 * read a follow-up (`第二点呢？`, `还有呢？`, `她为什么这么说？`, `这段话…`) without re-reading the answer's
 * prose: the last answer's list items and cited passages as references into the article, the people
 * it was about and the topic it searched. A client sends it back on that assistant message. It comes
 * from the client and may be forged, so its shape and sizes are checked at the door
 * ({@link conversationContextSchema}), and every reference is checked against the article before use
 * ({@link readConversationContext}): one the article does not have is ignored, never trusted.
 */

/** Limits of a context (`docs/api.md`): a few KiB at most, well inside the 32 KiB body. */
export const CONTEXT_LIMITS = { maxPassages: 20, maxPeople: 12, maxNameChars: 40, maxTopicChars: 500, maxArticleIdChars: 200, maxOffset: 1_000_000 } as const;

/** The kinds a response has (`ChatResponse['kind']`). */
export const CONTEXT_KINDS = ['topic', 'people', 'article', 'definition', 'greeting', 'not_covered'] as const;

const offset = z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(CONTEXT_LIMITS.maxOffset, 'is out of range');

/** A passage of the article: `paragraphs[paragraph].text.slice(start, end)`, as citations locate quotes. */
const passageRefSchema = z
  .object({
    paragraph: offset,
    start: offset,
    end: offset,
    speaker: z.string({ invalid_type_error: 'must be a string' }).max(CONTEXT_LIMITS.maxNameChars, `must be at most ${CONTEXT_LIMITS.maxNameChars} characters`),
    article: z.string({ invalid_type_error: 'must be an article id' }).max(CONTEXT_LIMITS.maxArticleIdChars, 'is too long').optional(),
  })
  .strict();

const passages = z.array(passageRefSchema, { invalid_type_error: 'must be an array' }).max(CONTEXT_LIMITS.maxPassages, `must hold at most ${CONTEXT_LIMITS.maxPassages} passages`);

/** The shape and bounds of a context as a client sends it back (nothing here knows the article). */
export const conversationContextSchema = z
  .object(
    {
      kind: z.enum(CONTEXT_KINDS, { errorMap: () => ({ message: `must be one of ${CONTEXT_KINDS.join(', ')}` }) }),
      topic: z.string({ invalid_type_error: 'must be a string' }).max(CONTEXT_LIMITS.maxTopicChars, `must be at most ${CONTEXT_LIMITS.maxTopicChars} characters`),
      people: z
        .array(z.string({ invalid_type_error: 'must be a string' }).max(CONTEXT_LIMITS.maxNameChars, `must be at most ${CONTEXT_LIMITS.maxNameChars} characters`), { invalid_type_error: 'must be an array' })
        .max(CONTEXT_LIMITS.maxPeople, `must hold at most ${CONTEXT_LIMITS.maxPeople} names`),
      items: passages,
      at: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(CONTEXT_LIMITS.maxPassages, 'is out of range').nullable().optional(),
      cited: passages,
    },
    { invalid_type_error: 'must be an object (the context of the response this message is)' },
  )
  .strict();

/** A passage reference as the response carries it. */
export type PassageRef = z.infer<typeof passageRefSchema>;

/** What a response carries for the next turn (`context`), and a client sends back on that assistant message. */
export interface ConversationContext {
  /** The answer's kind. */
  kind: (typeof CONTEXT_KINDS)[number];
  /** What the answer searched: the question, made to stand on its own (a list's own question for its items). */
  topic: string;
  /** Whom the answer was about (the people named, else those cited), for `他/她/他们`. */
  people: string[];
  /** The answer's list items, in order (one passage each): what `第二点` points at. Empty when not a list. */
  items: PassageRef[];
  /** The item of `items` the answer gave (0-based), when it answered an ordinal into that list; else null. */
  at?: number | null;
  /** Every passage the answer cited, in order. */
  cited: PassageRef[];
}

/** A reference checked against the article, with its text and its speaker as the article has them. */
export interface ContextPassage {
  paragraph: number;
  start: number;
  end: number;
  speaker: string;
  text: string;
}

/** A context whose references all hold in the article: what follow-ups read. */
export interface ConversationState {
  kind: ConversationContext['kind'];
  topic: string;
  people: string[];
  items: ContextPassage[];
  at: number | null;
  cited: ContextPassage[];
}

/**
 * The context as one article of a library reads it: references naming another article are left out
 * (a list with any such item is dropped whole), and the rest lose their `article`.
 */
export function contextForArticle(context: ConversationContext, articleId: string): ConversationContext {
  const own = (ref: PassageRef) => ref.article === undefined || ref.article === articleId;
  const strip = ({ article: _article, ...ref }: PassageRef): PassageRef => ref;
  const listHolds = context.items.every(own);
  return {
    ...context,
    items: listHolds ? context.items.map(strip) : [],
    at: listHolds ? (context.at ?? null) : null,
    cited: context.cited.filter(own).map(strip),
  };
}

/** The passage a reference names, when the article has it; null otherwise. */
function checkedPassage(article: Article, ref: PassageRef): ContextPassage | null {
  const p = article.paragraphs[ref.paragraph];
  if (!p || ref.start >= ref.end || ref.end > p.text.length) return null;
  // The speaker is the article's, whatever the client says.
  return { paragraph: p.id, start: ref.start, end: ref.end, speaker: p.speaker, text: p.text.slice(ref.start, ref.end) };
}

/**
 * A context checked against the article: passages the article does not have are left out (a list
 * with any such item is dropped whole, so that ordinals still count right), people who do not speak
 * in it are left out. Null when nothing of it holds.
 */
export function readConversationContext(article: Article, context: ConversationContext): ConversationState | null {
  const items = context.items.map((ref) => checkedPassage(article, ref));
  const listHolds = items.every((item) => item !== null);
  const cited = context.cited.map((ref) => checkedPassage(article, ref)).filter((c) => c !== null);
  const names = new Set(article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name));
  const people = [...new Set(context.people.filter((name) => names.has(name)))];
  const state: ConversationState = {
    kind: context.kind,
    topic: context.topic.trim(),
    people,
    items: listHolds ? (items as ContextPassage[]) : [],
    at: listHolds && context.at != null && context.at < items.length ? context.at : null,
    cited,
  };
  return state.topic === '' && state.cited.length === 0 && state.items.length === 0 && people.length === 0 ? null : state;
}

/** The context of a conversation's last answer (the assistant message before the question), if it sent one. */
export function lastContext<T extends { role: string; context?: ConversationContext | undefined }>(messages: readonly T[]): ConversationContext | null {
  const previous = messages.at(-2);
  return previous?.role === 'assistant' && previous.context ? previous.context : null;
}
