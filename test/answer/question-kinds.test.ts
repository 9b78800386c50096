import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { QUESTION_KINDS } from '../../src/answer/question-kinds.js';
import type { ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';
import { extractiveAnswerer } from '../support/test-chat.js';

let answerer: QuestionAnswerer;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
});

/** The conversation up to its last question, the answerer's own answers as the assistant turns. */
async function conversation(turns: readonly string[]): Promise<ConversationTurn[]> {
  const messages: ConversationTurn[] = [];
  for (const turn of turns.slice(0, -1)) {
    messages.push({ role: 'user', content: turn });
    messages.push({ role: 'assistant', content: (await answerer.answer({ messages: [...messages] })).answer });
  }
  return [...messages, { role: 'user', content: turns.at(-1)! }];
}

describe('QUESTION_KINDS', () => {
  it('names each kind once, gives each an example, and tries every as-asked kind before the rewritten ones', () => {
    const names = QUESTION_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of QUESTION_KINDS) expect(kind.examples.length, kind.name).toBeGreaterThan(0);
    const firstRewritten = QUESTION_KINDS.findIndex((k) => k.reads === 'rewritten');
    expect(QUESTION_KINDS.slice(firstRewritten).every((k) => k.reads === 'rewritten')).toBe(true);
  });

  it('ends with a kind that detects every question', () => {
    expect(QUESTION_KINDS.at(-1)!.detects({} as never)).toBe(true);
  });

  const examples = QUESTION_KINDS.flatMap((kind) => kind.examples.map((turns) => [kind.name, turns.join(' → ')] as const));
  it.each(examples)('answers as %s: %s', async (name, joined) => {
    const messages = await conversation(joined.split(' → '));
    expect(await answerer.questionKind({ messages })).toBe(name);
  });
});
