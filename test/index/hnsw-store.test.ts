import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { describe, expect, it } from 'vitest';
import { HnswStore } from '../../src/index/hnsw-store.js';
import { loadTestIndex, testConfig } from '../support/test-index.js';

describe('HnswStore', () => {
  it('finds what LangChain\'s HNSWLib finds in the same saved index, with and without a filter', async () => {
    const index = await loadTestIndex();
    const dir = testConfig().indexDir;
    const ours = await HnswStore.load(dir);
    const theirs = await HNSWLib.load(dir, index.embeddings);
    for (const store of [ours.index, theirs.index]) store.setEf(Math.max(64, Math.min(400, index.chunks.length)));
    const questions = ['青海发展新质生产力有哪些优势？', '盐湖资源如何综合利用？', '人才', 'hello'];
    for (const question of questions) {
      const vector = await index.embeddings.embedQuery(question);
      for (const [k, filter] of [
        [50, undefined],
        [5, undefined],
        [index.chunks.length, undefined],
        [10, (doc: { metadata: Record<string, unknown> }) => doc.metadata.speaker === '李娜'],
      ] as const) {
        const a = await ours.similaritySearchVectorWithScore(vector, k, filter);
        const b = await theirs.similaritySearchVectorWithScore(vector, k, filter);
        expect(a.map(([doc, d]) => [doc.metadata.id, doc.pageContent, d])).toEqual(b.map(([doc, d]) => [doc.metadata.id, doc.pageContent, d]));
      }
    }
  });

  it('is what the loaded index searches with', async () => {
    expect((await loadTestIndex()).store).toBeInstanceOf(HnswStore);
  });
});
