import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import type { Citation } from './citations.js';
import type { Coverage } from './decide-coverage.js';
import type { ConversationContext } from '../retrieval/conversation-context.js';

/** A question to answer: the conversation so far (last message from the user) and an optional speaker filter. */
export interface ChatRequest {
  messages: ConversationTurn[];
  /** Only this speaker's passages. */
  speaker?: string | null;
  /**
   * Who asks (the rate limiter's client key): one client may hold only a few of the LLM slots.
   * Not part of the HTTP body; the routes set it.
   */
  client?: string;
}

/**
 * Something wrong in a model's answer: a quotation the article does not contain word for word
 * (`unverified_quote`), one the answer credits to someone who did not say it (`misattributed_quote`:
 * `claimed` is whom the answer names, `speaker` who says it in the article), or a `[n]` that pointed
 * at no passage and was removed (`dropped_marker`). `start`/`end` locate a quotation in `answer`.
 */
export interface AnswerWarning {
  type: 'unverified_quote' | 'misattributed_quote' | 'dropped_marker';
  text: string;
  start?: number;
  end?: number;
  claimed?: string;
  speaker?: string;
}

/** The full answer, as `/api/chat` returns it and the SSE `done` event carries it. */
export interface ChatResponse {
  answer: string;
  citations: Citation[];
  mode: 'extractive' | 'llm';
  /** True when an LLM was configured but failed, and this is the extractive answer. */
  fallback?: boolean;
  /** The query actually searched (a follow-up resolved from earlier turns). */
  query: string;
  /**
   * What kind of question it was: `topic`, `people`, `article` (about the article itself: its
   * headline, parts, the host's questions), `definition`, `greeting`, or `not_covered`.
   */
  kind: 'topic' | 'people' | 'article' | 'definition' | 'greeting' | 'not_covered';
  /**
   * Whether the article answers the question: `answered`; `related` (it speaks to the topic but does
   * not give what is asked, said in the answer's first sentence, with the closest passages); `none`
   * (nothing relevant, no citation). Always set by the answerer.
   */
  coverage?: Coverage;
  /**
   * Runs of the question read as the article's words they sound like (`硬道里` → 硬道理), when any:
   * `query` has the article's spelling, and the extractive answer says so in its first line.
   */
  corrections?: Array<{ from: string; to: string }>;
  warnings?: AnswerWarning[];
  /**
   * What the next turn needs to read a follow-up (the list items, the passages cited, the people, the
   * topic): a client sends it back on this answer's assistant message. Set by the answerer.
   */
  context?: ConversationContext;
}

/** Stream events: nouns, as the SSE events are named. */
export type AnswerEvent =
  | { type: 'citations'; citations: Citation[] }
  | { type: 'delta'; text: string }
  | { type: 'done'; response: ChatResponse };
