import { resolve } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createBaselineRanker } from '../../src/eval/baseline-ranker.js';
import { loadQuestions, loadQuotes, type QuestionItem, type QuoteItem } from '../../src/eval/eval-set.js';
import { evaluateAnswers } from '../../src/eval/evaluate-answers.js';
import { evaluateQuotes } from '../../src/eval/evaluate-quotes.js';
import { evaluateRetrieval, type PassageRanker } from '../../src/eval/evaluate-retrieval.js';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import type { ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { loadTestServices, testConfig } from '../support/test-index.js';

let services: AppServices;
let questions: QuestionItem[];
let quotes: QuoteItem[];
let names: string[];
beforeAll(async () => {
  services = await loadTestServices();
  questions = await loadQuestions(resolve(PROJECT_ROOT, 'eval/dev.jsonl'));
  quotes = await loadQuotes(resolve(PROJECT_ROOT, 'eval/quotes.dev.jsonl'));
  names = services.index.article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
});

const hybrid = (): PassageRanker => ({
  name: 'hybrid',
  rank: async (q, k, preferSpeakers) => (await services.retriever.retrieve(q, { k, preferSpeakers })).passages,
});

describe('the development set (floors that a regression must not cross)', () => {
  it('retrieves with hit@5 ≥ 0.95, MRR ≥ 0.8 and speaker@1 ≥ 0.9', async () => {
    const m = await evaluateRetrieval(hybrid(), questions, names);
    expect(m.items).toBe(questions.length);
    expect(m.hitAt5).toBeGreaterThanOrEqual(0.95);
    expect(m.mrr).toBeGreaterThanOrEqual(0.8);
    expect(m.speakerAt1).toBeGreaterThanOrEqual(0.9);
  });

  it('beats the plain LangChain baseline on MRR', async () => {
    const product = await evaluateRetrieval(hybrid(), questions, names);
    const baseline = await evaluateRetrieval(await createBaselineRanker(testConfig().corpusPath), questions, names);
    expect(product.mrr).toBeGreaterThan(baseline.mrr);
  });

  it('gets every quote check right: found or not, speaker, and whom they quote', () => {
    const m = evaluateQuotes(services.verifier, quotes);
    expect(m.results.filter((r) => !r.ok)).toEqual([]);
    expect(m.accuracy).toBe(1);
  });

  it('answers through POST /api/chat with evidence hit ≥ 0.9, speaker recall ≥ 0.9, every quote valid and every [n] resolved', async () => {
    const app = createApp({ services });
    const viaHttp = async (messages: ConversationTurn[]) => {
      const res = await request(app).post('/api/chat').send({ messages });
      expect(res.status).toBe(200);
      return res.body as ChatResponse;
    };
    const m = await evaluateAnswers(viaHttp, questions, services.index.article, services.verifier);
    expect(m.items).toBe(questions.length);
    expect(m.evidenceHit).toBeGreaterThanOrEqual(0.9);
    expect(m.speakerRecall).toBeGreaterThanOrEqual(0.9);
    expect(m.quoteValidity).toBe(1);
    expect(m.markersResolve).toBe(1);
  });
});
