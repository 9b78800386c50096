import { describe, expect, it } from 'vitest';
import { LocalEmbeddings } from '../../src/index/local-embeddings.js';
import { hanBigrams, tokenizeWords } from '../../src/index/tokenize-chinese.js';

const corpus = ['青海发展新质生产力的优势主要在生态优势。', '青海最大的短板就是科技创新能力不足。', '平台经济的核心是共享经济。'];
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LocalEmbeddings', () => {
  const embeddings = LocalEmbeddings.fit(corpus, { dimensions: 256 });

  it('gives unit vectors of the configured size', async () => {
    const [v] = await embeddings.embedDocuments([corpus[0]!]);
    expect(v).toHaveLength(256);
    expect(cosine(v!, v!)).toBeCloseTo(1, 6);
  });

  it('puts a question closest to the passage that answers it', async () => {
    const docs = await embeddings.embedDocuments(corpus);
    const q = await embeddings.embedQuery('青海的短板是什么');
    const scores = docs.map((d) => cosine(q, d));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
  });

  it('embeds Traditional and Simplified characters alike', async () => {
    expect(await embeddings.embedQuery('青海發展新質生產力有哪些優勢？')).toEqual(await embeddings.embedQuery('青海发展新质生产力有哪些优势？'));
  });

  it('fits identically twice and survives a round trip through its saved state', async () => {
    const again = LocalEmbeddings.fit(corpus, { dimensions: 256 });
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(embeddings.state));
    const restored = new LocalEmbeddings(JSON.parse(JSON.stringify(embeddings.state)));
    expect(await restored.embedQuery('共享经济')).toEqual(await embeddings.embedQuery('共享经济'));
  });

  it('gives, number for number, the normalised sum of its features written plainly', () => {
    // The definition, written with iterators as it first was: the embedder's loops must not change a bit of it.
    const reference = (text: string): number[] => {
      const vector = new Float64Array(256);
      const dims = embeddings.embedText(text).length;
      const idf = new Map(embeddings.state.idf);
      const counts = new Map<string, number>();
      for (const w of tokenizeWords(text)) counts.set(`w:${w}`, (counts.get(`w:${w}`) ?? 0) + 1);
      for (const b of hanBigrams(text)) counts.set(`b:${b}`, (counts.get(`b:${b}`) ?? 0) + 1);
      for (const [feature, count] of counts) {
        const weight = idf.get(feature);
        if (weight === undefined) continue;
        let hash = 0x811c9dc5;
        for (let i = 0; i < feature.length; i++) hash = Math.imul(hash ^ feature.charCodeAt(i), 0x01000193);
        hash >>>= 0;
        const w = (1 + Math.log(count)) * weight * (feature.startsWith('b:') ? embeddings.state.bigramWeight : 1);
        vector[hash % dims]! += hash & 0x80000000 ? -w : w;
      }
      let norm = 0;
      for (const v of vector) norm += v * v;
      norm = Math.sqrt(norm);
      return Array.from(vector, (v) => v / norm);
    };
    for (const text of [...corpus, '青海的短板是什么', '共享经济与平台经济']) expect(embeddings.embedText(text)).toEqual(reference(text));
  });

  it('knows when a text shares nothing with the corpus', () => {
    expect(embeddings.knows('hello world')).toBe(false);
    expect(embeddings.knows('共享经济')).toBe(true);
  });
});
