import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/answer/answer-cache.js';
import { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { findQuoteCandidates, quoteCandidates } from '../../src/answer/citations.js';
import type { LlmAnswerer } from '../../src/llm/index.js';
import { loadTestServices } from '../support/test-index.js';

describe('QuestionAnswerer.warmUp', () => {
  it('builds what answering the article needs before any question, asking no model and caching nothing', async () => {
    const services = await loadTestServices();
    const llm = new Proxy({}, {
      get() {
        throw new Error('the model was asked');
      },
    }) as unknown as LlmAnswerer;
    const cache = new AnswerCache();
    const answerer = new QuestionAnswerer(services.index, services.retriever, services.verifier, llm, { cache });
    await answerer.warmUp('青海发展新质生产力有哪些优势？');
    expect(cache.stats().entries).toBe(0);
    // Every passage's quotable spans are kept, and are what finding them again finds.
    for (const chunk of services.index.chunks) {
      const paragraph = services.index.article.paragraphs[chunk.paragraph]!;
      expect(quoteCandidates(paragraph, chunk.start, chunk.end)).toEqual(findQuoteCandidates({ ...paragraph }, chunk.start, chunk.end));
    }
  });
});
