import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Retriever, roundTo } from '../../src/retrieval/retrieve.js';
import { loadTestIndex } from '../support/test-index.js';

let retriever: Retriever;
beforeAll(async () => {
  retriever = new Retriever(await loadTestIndex());
});

describe('Retriever.retrieve', () => {
  it('finds the passage that answers a Chinese question first', async () => {
    const { passages } = await retriever.retrieve('青海发展新质生产力最大的短板是什么？');
    expect(passages[0]!.speaker).toBe('李娜');
    expect(passages[0]!.text).toContain('青海最大的短板就是科技创新能力不足');
  });

  it('returns verbatim passages whose offsets point into the article', async () => {
    const index = await loadTestIndex();
    const { passages } = await retriever.retrieve('绿色算力', { k: 10 });
    for (const p of passages) expect(index.article.paragraphs[p.paragraph]!.text.slice(p.start, p.end)).toBe(p.text);
  });

  it('finds with a Traditional-character question what its Simplified twin finds', async () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    for (const q of ['青海发展新质生产力有哪些优势？', '数据作为生产要素有什么作用？', '怎样加强科技人才队伍建设？']) {
      const a = (await retriever.retrieve(q)).passages.map((p) => p.id);
      const b = (await retriever.retrieve(toTraditional(q))).passages.map((p) => p.id);
      expect(toTraditional(q)).not.toBe(q);
      expect(b).toEqual(a);
    }
  });

  it('restricts results to one speaker when asked', async () => {
    const { passages } = await retriever.retrieve('绿色算力', { k: 10, speaker: '魏晓强' });
    expect(passages.length).toBeGreaterThan(0);
    expect(new Set(passages.map((p) => p.speaker))).toEqual(new Set(['魏晓强']));
  });

  it('prefers the passages of an expert the question names', async () => {
    const { passages, mentionedSpeakers } = await retriever.retrieve('李娜怎么看青海的短板？');
    expect(mentionedSpeakers).toEqual(['李娜']);
    expect(passages[0]!.speaker).toBe('李娜');
    const plain = await retriever.retrieve('刘畅怎么看青海的短板？');
    expect(plain.passages[0]!.speaker).toBe('刘畅');
  });

  it('never returns two overlapping windows of one paragraph', async () => {
    const { passages } = await retriever.retrieve('因地制宜发展新质生产力 产业 绿色 算力 盐湖', { k: 20 });
    for (const a of passages) {
      for (const b of passages) {
        if (a !== b && a.paragraph === b.paragraph) expect(a.end <= b.start || b.end <= a.start).toBe(true);
      }
    }
  });

  it('answers "who is the host" from the guest list', async () => {
    const { passages } = await retriever.retrieve('这次访谈的主持人是谁？');
    expect(passages.slice(0, 3).some((p) => p.text === '本报记者 秦睿')).toBe(true);
  });

  it('ranks a host question first when only the host says what is asked about', async () => {
    const { passages } = await retriever.retrieve('全国两会上的热词是什么？');
    expect(passages[0]!.role).toBe('host');
    expect(passages[0]!.text).toContain('热词');
  });

  it('does not push the guest list down when the question is about the guests', async () => {
    const { passages } = await retriever.retrieve('文中的嘉宾里谁在党校任教？');
    expect(passages[0]!.text).toBe('李娜:青海省委党校经济教研部副教授');
  });

  it('finds the host question a question picks by its topic, as the answerer reads it', async () => {
    const { passages } = await retriever.retrieve('讲人才的那个问题是谁提的？');
    expect(passages[0]!.role).toBe('host');
    expect(passages[0]!.text).toContain('人才是创新的根基');
  });

  it('puts the answer to the Nth host question of a part first when asked who answered it', async () => {
    const { passages } = await retriever.retrieve('第三部分的第一个问题由谁回答？');
    expect(passages[0]!.speaker).toBe('王中毅');
    expect(passages.slice(0, 5).some((p) => p.role === 'host' && p.text.includes('产业是生产力的载体'))).toBe(true);
  });

  it('fuses with the reciprocal-rank constant it is given (60 by default)', async () => {
    const index = await loadTestIndex();
    const question = '青海发展新质生产力最大的短板是什么？';
    const top = async (r: Retriever) => (await r.retrieve(question)).passages[0]!.score;
    const byDefault = await top(retriever);
    expect(await top(new Retriever(index, { fusionK: 60 }))).toBe(byDefault);
    // A smaller constant gives a first rank a larger share: 1 / (1 + 1) instead of 1 / (60 + 1).
    expect(await top(new Retriever(index, { fusionK: 1 }))).toBeGreaterThan(byDefault * 5);
  });

  it('returns nothing for a query that matches nothing in the article', async () => {
    expect((await retriever.retrieve('hello world')).passages).toEqual([]);
  });

  it('embeds a query once for the searches of one answer, and asks again after a failure', async () => {
    const index = await loadTestIndex();
    let calls = 0;
    let fail = true;
    const embeddings = Object.create(index.embeddings) as typeof index.embeddings;
    embeddings.embedQuery = (text: string) => {
      calls++;
      if (fail) return Promise.reject(new Error('endpoint down'));
      return index.embeddings.embedQuery(text);
    };
    const counted = new Retriever({ ...index, embeddings });
    const question = '青海发展新质生产力有哪些优势？';
    await expect(counted.retrieve(question)).rejects.toThrow('endpoint down');
    fail = false;
    const first = await counted.retrieve(question);
    expect(calls).toBe(2);
    expect(await counted.retrieve(question, { speaker: '刘畅' })).toEqual(await retriever.retrieve(question, { speaker: '刘畅' }));
    expect(await counted.retrieve(question)).toEqual(first);
    expect(first).toEqual(await retriever.retrieve(question));
    expect(calls).toBe(2);
    await counted.retrieve('盐湖资源如何综合利用？');
    expect(calls).toBe(3);
  });
});

describe('roundTo', () => {
  it('rounds as Number(x.toFixed(digits)) does, for any number', () => {
    const same = (x: number, digits: number): void => {
      expect(Object.is(roundTo(x, digits), Number(x.toFixed(digits))), `${x} to ${digits}`).toBe(true);
    };
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.integer({ min: 0, max: 8 }), (x, digits) => {
        if (Math.abs(x) < 1e21) same(x, digits);
      }),
      { numRuns: 20_000 },
    );
    // Scores as retrieval makes them, and numbers at a half or an ulp from one.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, digits) => {
        same(x, digits);
      }),
      { numRuns: 20_000 },
    );
    for (const digits of [4, 6]) {
      for (let k = 0; k < 5_000; k++) {
        const half = (k + 0.5) / 10 ** digits;
        for (const x of [half, half + Number.EPSILON * half, half - Number.EPSILON * half]) same(x, digits);
      }
      for (const x of [0, -0, 1, 0.5, 1e-12, 0.000049999, 0.00005, 0.123456789, 2 ** 52, -0.00004]) same(x, digits);
    }
  });
});
