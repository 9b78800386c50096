import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createBaselineRanker } from '../../src/eval/baseline-ranker.js';
import { loadQuestions, loadQuotes, type QuestionItem, type QuoteItem } from '../../src/eval/eval-set.js';
import { evaluateQuotes } from '../../src/eval/evaluate-quotes.js';
import { evaluateRetrieval, type PassageRanker } from '../../src/eval/evaluate-retrieval.js';
import type { AppServices } from '../../src/server/app-services.js';
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
});
