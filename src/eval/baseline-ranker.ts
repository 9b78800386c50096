import { readFile } from 'node:fs/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { LocalEmbeddings } from '../index/local-embeddings.js';
import type { PassageRanker } from './evaluate-retrieval.js';

/**
 * The plain baseline the product is compared with: LangChain's `RecursiveCharacterTextSplitter`
 * over the raw file (page breaks and all), the same local embedder fitted on those chunks, and
 * vector search alone. Its chunks know no speaker, so its speaker@1 is not defined.
 */
export async function createBaselineRanker(corpusPath: string, chunkSize = 200, chunkOverlap = 40): Promise<PassageRanker> {
  const raw = await readFile(corpusPath, 'utf8');
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap });
  const docs = await splitter.createDocuments([raw]);
  const embeddings = LocalEmbeddings.fit(docs.map((d) => d.pageContent));
  const store = await HNSWLib.fromDocuments(docs, embeddings);
  return {
    name: `baseline (RecursiveCharacterTextSplitter ${chunkSize}/${chunkOverlap}, vector only)`,
    async rank(query, k) {
      const hits = await store.similaritySearch(query, Math.min(k, docs.length));
      return hits.map((d) => ({ text: d.pageContent, speaker: '' }));
    },
  };
}
