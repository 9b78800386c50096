import type { ChatMessage } from './api-types.js';

/** The contract's limits on `POST /api/chat` (`docs/api.md`). */
export const HISTORY_LIMITS = { maxMessages: 20, maxUserChars: 500, maxMessageChars: 4000 } as const;

/** A finished turn of the conversation, as the page and the widget keep it. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The messages to send with a new question: the earlier turns (so that `他还说了什么？` works), then
 * the question, cut to the contract's limits: at most the last 20 messages (starting with a user
 * turn), a user message at most 500 characters, any message at most 4,000.
 */
export function messagesForQuestion(history: readonly ConversationTurn[], question: string): ChatMessage[] {
  const messages = [...history, { role: 'user' as const, content: question }]
    .filter((m) => m.content.trim() !== '')
    .map((m) => ({
      role: m.role,
      content: cut(m.content, m.role === 'user' ? HISTORY_LIMITS.maxUserChars : HISTORY_LIMITS.maxMessageChars),
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
