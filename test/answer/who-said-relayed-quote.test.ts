import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { readArticle } from '../../src/corpus/parse-article.js';
import { converse } from '../support/test-chat.js';
import { answererForText } from '../support/test-library.js';

/** A Q&A whose interviewee relays what people he names said (`老村长彭长庚跟我说过一句话：“……”`, `……叫邱守义……。他说：“……”`). */
const TEXT = readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts/qa-relays-named-quotes.txt'), 'utf8');

let answerer: QuestionAnswerer;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ answerer, remove } = await answererForText('dukou.txt', TEXT));
});
afterAll(() => remove());

describe('words an interviewee relays from someone he names', () => {
  it('reads each as the named person’s quotation inside the answer, which stays the interviewee’s', () => {
    const { article } = readArticle(TEXT);
    const quoted = article!.paragraphs.flatMap((p) => p.quotes.map((q) => [p.speaker, q.person, p.text.slice(q.start, q.end)]));
    expect(quoted).toEqual([
      ['钟长林', '邱守义', '船是人的腿，渡口就是两岸的心。'],
      ['钟长林', '彭长庚', '只要岸上有人喊，船就不能睡。'],
      ['钟长林', '孙秀梅', '桥修好了，渡口也不能撤，老人看病还得靠它。'],
      // A netizen's words the host reads out: the name after them is whom the host asks, not who wrote them.
      ['钟长林', '邱守义', '船老不怕，怕的是人懒。'],
      ['钟长林', '孙德旺', '这条船我坐了六十年，没出过一回事。'],
    ]);
  });

  it.each([
    ['“只要岸上有人喊，船就不能睡”是谁说的？', '彭长庚'],
    ['谁说“船是人的腿，渡口就是两岸的心”？', '邱守义'],
    ['谁说了“桥修好了，渡口也不能撤”？', '孙秀梅'],
    ['“船老不怕，怕的是人懒”是谁说的？', '邱守义'],
    ['誰說「這條船我坐了六十年」？', '孙德旺'],
  ])('%s names the one quoted, relayed by the interviewee', async (question, person) => {
    const r = await converse(answerer, [question]);
    expect(r.citations[0]!.speaker).toBe('钟长林');
    expect(r.citations[0]!.quoting).toBe(person);
    expect(r.answer).toContain(`是${person}的话，由钟长林在`);
    expect(r.answer).not.toContain('总书记');
  });
});
