import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import type { ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';
import { extractiveAnswerer } from '../support/test-chat.js';

let answerer: QuestionAnswerer;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
});

/** Plays the turns as the page does: the last answer goes back with its context. */
async function converseAsPage(turns: string[]): Promise<ChatResponse> {
  const messages: ConversationTurn[] = [];
  let last: ChatResponse | null = null;
  for (const turn of turns) {
    messages.push({ role: 'user', content: turn });
    last = await answerer.answer({ messages: [...messages] });
    for (const m of messages) delete m.context;
    messages.push({ role: 'assistant', content: last.answer, ...(last.context ? { context: last.context } : {}) });
  }
  return last!;
}

describe('an ordinal after an answer that quoted a sentence counting its parts (…生态优势、产业基础和能源优势三个方面)', () => {
  it('takes the part that sentence counts, in the paragraph of the turn that takes it up, not the Nth person of the answer', async () => {
    const first = await converseAsPage(['青海发展新质生产力有哪些优势？']);
    expect(first.citations[0]!.quote).toContain('三个方面');
    const second = await converseAsPage(['青海发展新质生产力有哪些优势？', '第二点展开讲讲']);
    expect(second.citations[0]!.speaker).toBe('刘畅');
    expect(second.citations[0]!.quote).toContain('三次产业');
    expect(second.citations.every((c) => c.speaker === '刘畅')).toBe(true);
    const third = await converseAsPage(['青海发展新质生产力有哪些优势？', '第三个方面呢']);
    expect(third.citations[0]!.speaker).toBe('刘畅');
    expect(third.citations.map((c) => c.quote).join('')).toContain('能源');
  });
});

describe('a counted part asked about by its name (那产业基础具体指啥？) after an answer that quoted the sentence counting it', () => {
  it('gives the paragraph of the turn that takes that part up, not the counting sentence again', async () => {
    const asked = await converseAsPage(['刘畅认为青海发展新质生产力有哪些优势', '那产业基础具体指啥?']);
    expect(asked.citations[0]!.speaker).toBe('刘畅');
    expect(asked.citations.map((c) => c.quote).join('')).toContain('三次产业');
    expect(asked.citations.map((c) => c.quote).join('')).not.toContain('三个方面');
    // The part named with words two parts share (优势) is the one with the most of them.
    const energy = await converseAsPage(['刘畅认为青海发展新质生产力有哪些优势', '那能源优势呢']);
    expect(energy.citations[0]!.quote).toContain('绿色低碳是青海能源转型发展的主旋律');
  });
});

describe('what was said about a part pointed at loosely (那对内呢，国内这块说了啥)', () => {
  it('gives the whole part, from the sentence holding most of the pointing words, not its opening sentence alone', async () => {
    const res = await converseAsPage(['刘畅对扩大开放怎么看?', '那对内呢,国内这块说了啥']);
    expect(res.citations[0]!.speaker).toBe('刘畅');
    expect(res.citations[0]!.quote).toContain('加强对内合作');
    const quoted = res.citations.map((c) => c.quote).join('');
    expect(quoted).toContain('营商环境');
    expect(quoted).not.toContain('RCEP');
  });
});

describe('a part pointed at by its words (对内合作那块) after an answer that quoted the paragraph it opens in', () => {
  it('gives the part from the sentence that opens it, in its speaker\'s words, when asked how it is done', async () => {
    for (const follow of ['对内合作那块具体怎么做', '对内合作那块呢，具体咋搞']) {
      const res = await converseAsPage(['刘畅认为青海怎么扩大对外开放？', follow]);
      expect(res.citations[0]!.quote, follow).toContain('加强对内合作');
      expect(res.citations.length, follow).toBeGreaterThan(2);
      expect(res.citations.every((c) => c.speaker === '刘畅'), follow).toBe(true);
      expect(res.citations.map((c) => c.quote).join(''), follow).toContain('大力优化营商环境');
    }
  });
});
