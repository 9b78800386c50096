import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageSignals, decideCoverage, DEFAULT_COVERAGE_MODEL, NO_ANCHOR, onTopicProbability } from '../../src/answer/decide-coverage.js';
import { fitLogistic, predictLogistic } from '../../src/eval/fit-logistic.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
});

const ask = async (question: string) => {
  const res = await request(createApp({ services })).post('/api/chat').send({ messages: [{ role: 'user', content: question }] });
  expect(res.status).toBe(200);
  return res.body as { answer: string; coverage: string; citations: Array<{ quote: string }>; kind: string };
};

describe('fitLogistic', () => {
  it('separates two classes along the feature that tells them apart, the same way every time', () => {
    const rows = [[0, 5], [0.1, 1], [0.2, 9], [0.9, 2], [1, 7], [0.8, 4]];
    const labels = [0, 0, 0, 1, 1, 1] as const;
    const model = fitLogistic(rows, [...labels]);
    expect(predictLogistic(model, [0.95, 3])).toBeGreaterThan(0.8);
    expect(predictLogistic(model, [0.05, 3])).toBeLessThan(0.2);
    expect(fitLogistic(rows, [...labels])).toEqual(model);
  });
  it('refuses data with one class only', () => {
    expect(() => fitLogistic([[1], [2]], [1, 1])).toThrow(RangeError);
  });
});

describe('decideCoverage', () => {
  it('answers a question the article answers, in other words than its own', async () => {
    const r = await ask('人才短缺怎么办？');
    expect(r.coverage).toBe('answered');
    expect(r.citations.length).toBeGreaterThan(0);
  });

  it('says plainly that the article gives no figure when a question asks for one on a topic it discusses', async () => {
    const r = await ask('青海给科技创新平台建设安排了多少资金？');
    expect(r.coverage).toBe('related');
    expect(r.answer.split('\n')[0]).toMatch(/没有给出具体数字/u);
    // The closest passages are still shown, each verbatim.
    expect(r.citations.length).toBeGreaterThan(0);
  });

  it('says in one first sentence that the interview does not answer, then the nearest passages, for what it never gives', async () => {
    // A guest's past, the host's own liking, the meaning of a phrase it only uses.
    for (const [q, missing] of [
      ['刘畅以前在哪所大学读的书？', '个人经历'],
      ['主持人自己最喜欢哪位嘉宾的说法？', '个人的偏好或立场'],
      ['什么是“两山”转化通道？', '这一提法的定义'],
    ] as const) {
      const r = await ask(q);
      expect(r.coverage, q).toBe('related');
      const [first] = r.answer.split('\n');
      expect(first, q).toMatch(new RegExp(`^访谈没有直接回答这个问题，没有给出${missing}；最接近的是`, 'u'));
      expect(first!.match(/[。！？]/gu) ?? [], q).toEqual([]);
    }
  });

  it('still answers a definition the article gives', async () => {
    const r = await ask('新质生产力是什么？');
    expect(r.coverage).toBe('answered');
  });

  it('declines with no citation when nothing in the article is relevant', async () => {
    for (const q of ['上海的经济发展怎么样？', '鲁迅写过哪些小说？']) {
      const r = await ask(q);
      expect(r.coverage, q).toBe('none');
      expect(r.kind, q).toBe('not_covered');
      expect(r.citations, q).toEqual([]);
    }
  });

  it('takes an everyday question that names the domain of the article (青海) as on topic, and one that names none of it as not', async () => {
    const article = services.index.article;
    const ask = async (q: string) => {
      const analysis = services.retriever.analyzer.analyzeQuery(q);
      const { passages } = await services.retriever.retrieve(analysis, { k: 6 });
      return { signals: coverageSignals(article, analysis, passages), decision: decideCoverage(article, analysis, passages) };
    };
    const domain = await ask('青海的老工厂怎么升级换代？');
    const elsewhere = await ask('周末去哪里钓鱼比较好？');
    expect(domain.signals.anchor).toBeGreaterThan(elsewhere.signals.anchor);
    expect(domain.decision.coverage).toBe('answered');
    expect(elsewhere.decision.coverage).toBe('none');
    expect((await ask('How do I bake bread?')).signals.anchor).toBe(NO_ANCHOR);
  });

  it('treats a question about a named expert as on topic whatever its words', async () => {
    const analysis = services.retriever.analyzer.analyzeQuery('马冠奎提出了哪几点建议？');
    const { passages } = await services.retriever.retrieve(analysis, { k: 6 });
    expect(decideCoverage(services.index.article, analysis, passages).coverage).toBe('answered');
  });

  it('ships a fitted model whose probability rises with the overlap of the question with the article', () => {
    const base = { coverage: 0.3, missing: 0.5, similarity: 0.15, lexical: 1.5, bigramOverlap: 0.1, foreignName: 0, anchor: 0 };
    expect(onTopicProbability({ ...base, bigramOverlap: 0.8 })).toBeGreaterThan(onTopicProbability(base));
    expect(onTopicProbability({ ...base, anchor: 3 })).toBeGreaterThan(onTopicProbability(base));
    expect(onTopicProbability({ ...base, foreignName: 1 })).toBeLessThan(onTopicProbability(base));
    expect(DEFAULT_COVERAGE_MODEL.threshold).toBeGreaterThan(0);
  });
});
