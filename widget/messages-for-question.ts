import type { ChatMessage, ConversationContext } from './api-types.js';

/** The contract's limits on `POST /api/chat` (`docs/api.md`). */
export const HISTORY_LIMITS = { maxMessages: 20, maxUserChars: 500, maxMessageChars: 4000 } as const;

/** A finished turn of the conversation, as the page and the widget keep it. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
  /** On an answer: the response's `context`, sent back with the next question. */
  context?: ConversationContext;
}

/**
 * The messages to send with a new question: the earlier turns (so that `他还说了什么？` works), then
 * the question, cut to the contract's limits: at most the last 20 messages (starting with a user
 * turn), a user message at most 500 characters, any message at most 4,000. The last answer goes
 * with its `context` (what `第二点呢？`, `还有呢？`, `她…` are read from); earlier answers without it,
 * which keeps the body small: the server carries forward what a later turn still needs.
 */
export function messagesForQuestion(history: readonly ConversationTurn[], question: string): ChatMessage[] {
  const kept = history.filter((m) => m.content.trim() !== '');
  const lastAnswer = kept.at(-1)?.role === 'assistant' ? kept.at(-1) : undefined;
  const messages = [...kept, { role: 'user' as const, content: question }]
    .filter((m) => m.content.trim() !== '')
    .map((m): ChatMessage => ({
      role: m.role,
      content: cut(m.content, m.role === 'user' ? HISTORY_LIMITS.maxUserChars : HISTORY_LIMITS.maxMessageChars),
      // An answer cut to the limit is no longer the one the context describes.
      ...(m === lastAnswer && m.context && m.content.length <= HISTORY_LIMITS.maxMessageChars ? { context: m.context } : {}),
    }));
  const window = messages.slice(-HISTORY_LIMITS.maxMessages);
  // An answer without its question helps no follow-up: the window starts with a user turn.
  return window[0]?.role === 'assistant' ? window.slice(1) : window;
}

/** The first `max` UTF-16 code units, never ending in half a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/u.test(head) ? head.slice(0, -1) : head;
}
