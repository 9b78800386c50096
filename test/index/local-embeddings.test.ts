import { describe, expect, it } from 'vitest';
import { LocalEmbeddings } from '../../src/index/local-embeddings.js';

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

  it('knows when a text shares nothing with the corpus', () => {
    expect(embeddings.knows('hello world')).toBe(false);
    expect(embeddings.knows('共享经济')).toBe(true);
  });
});
