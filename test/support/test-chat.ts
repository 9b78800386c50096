import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import type { ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';
import { loadTestServices } from './test-index.js';

/** Plays user turns one by one, with the answerer's own earlier answers as the assistant turns. */
export async function converse(answerer: QuestionAnswerer, turns: string[]): Promise<ChatResponse> {
  const messages: ConversationTurn[] = [];
  let last: ChatResponse | null = null;
  for (const turn of turns) {
    messages.push({ role: 'user', content: turn });
    last = await answerer.answer({ messages: [...messages] });
    messages.push({ role: 'assistant', content: last.answer });
  }
  return last!;
}

export async function extractiveAnswerer(): Promise<QuestionAnswerer> {
  return (await loadTestServices()).answerer;
}
