import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { HnswStore, vectorsFromIndexFile } from '../../src/index/hnsw-store.js';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadQuestions, userTurns } from '../../src/eval/eval-set.js';
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

  it('answers, for every eval question and random texts, exactly as hnswlib does (its own search, same neighbours, distances and order)', async () => {
    const index = await loadTestIndex();
    const store = await HnswStore.load(testConfig().indexDir);
    store.index.setEf(Math.max(64, Math.min(400, index.chunks.length)));
    const texts: string[] = [];
    for (const set of ['dev', 'dev-wide', 'fresh', 'fresh2', 'dev-offtopic']) {
      for (const item of await loadQuestions(join(PROJECT_ROOT, 'eval', `${set}.jsonl`))) texts.push(...userTurns(item));
    }
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const passages = index.chunks.map((c) => c.text);
    for (let i = 0; i < 100; i++) {
      const p = passages[Math.floor(random() * passages.length)]!;
      const at = Math.floor(random() * p.length);
      texts.push(p.slice(at, at + 1 + Math.floor(random() * 40)));
    }
    texts.push(...passages, '', 'hello world');
    const speakers = [...new Set(index.chunks.map((c) => c.speaker))];
    let exactAnswers = 0;
    for (const [n, text] of texts.entries()) {
      const vector = await index.embeddings.embedQuery(text);
      const k = [50, 5, 8, 2, index.chunks.length][n % 5]!;
      const speaker = n % 3 === 0 ? speakers[n % speakers.length] : undefined;
      const filter = speaker ? (doc: { metadata: Record<string, unknown> }) => doc.metadata.speaker === speaker : undefined;
      const ours = await store.similaritySearchVectorWithScore(vector, k, filter);
      const allowed = filter ? (label: number) => filter(store.docstore.search(String(label))) : undefined;
      const native = store.index.searchKnn(vector, k, allowed);
      expect(ours.map(([doc, d]) => [doc.metadata.id, d])).toEqual(native.neighbors.map((label, i) => [index.chunks[label]!.id, native.distances[i]]));
      exactAnswers++;
    }
    expect(exactAnswers).toBeGreaterThan(500);
    // The answers above were computed here, not asked of hnswlib.
    expect(store.searchesExactly).toBe(true);
  });

  it('reads the stored vectors from the index file as hnswlib holds them, and nothing from a file that is no index of them', async () => {
    const index = await loadTestIndex();
    const store = await HnswStore.load(testConfig().indexDir);
    const saved = await readFile(join(testConfig().indexDir, 'hnswlib.index'));
    const dims = index.manifest.dimensions;
    const read = vectorsFromIndexFile(saved, index.chunks.length, dims)!;
    for (let label = 0; label < index.chunks.length; label++) expect(Array.from(read.subarray(label * dims, (label + 1) * dims))).toEqual(store.index.getPoint(label));
    expect(vectorsFromIndexFile(saved, index.chunks.length + 1, dims)).toBeNull();
    expect(vectorsFromIndexFile(saved.subarray(0, 1000), index.chunks.length, dims)).toBeNull();
  });

  it('is what the loaded index searches with', async () => {
    expect((await loadTestIndex()).store).toBeInstanceOf(HnswStore);
  });

  it('leaves the search to hnswlib when ef is below the number of vectors (its search is not exhaustive then)', async () => {
    const index = await loadTestIndex();
    const store = await HnswStore.load(testConfig().indexDir);
    store.index.setEf(10);
    const vector = await index.embeddings.embedQuery('青海发展新质生产力有哪些优势？');
    const ours = await store.similaritySearchVectorWithScore(vector, 5);
    const native = store.index.searchKnn(vector, 5);
    expect(ours.map(([doc, d]) => [doc.metadata.id, d])).toEqual(native.neighbors.map((label, i) => [index.chunks[label]!.id, native.distances[i]]));
    expect(store.searchesExactly).toBe(false);
  });
});
