import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../corpus/parse-article.js';
import { articleHomophoneTable, type HomophoneTable } from '../retrieval/correct-homophones.js';
import type { Chunk } from './chunk-paragraphs.js';
import { tokenizeWords } from './tokenize-chinese.js';

/**
 * What an article's search needs that does not depend on the question, computed at ingest and kept
 * in its index (`retrieval.json`), so that opening an article reads it instead of computing it
 * (issue 21: a question across a library opens the articles it picks, ~25 ms each before): the
 * passages' words for BM25 (jieba's), the homophone table (jieba and pinyin over the article), and
 * whether the exact vector search agreed with hnswlib on the index (`hnsw-store.ts`). An index
 * without the file (made in memory, by a test or a benchmark) computes them as before.
 */

export const RETRIEVAL_FILE = 'retrieval.json';

export interface RetrievalTables {
  /** Each passage's words, in index order: `tokenizeWords(chunk.searchText)`. */
  passageWords: string[][];
  /** The article's homophone table ({@link articleHomophoneTable}). */
  homophones: HomophoneTable;
  /** Whether the exact vector search agreed with hnswlib on this index at its `ef` (`HnswStore.checkExactSearch`). */
  exactSearch: boolean;
}

/** The tables of an article and its passages; `exactSearch` as the built store's check found. */
export function retrievalTables(article: Article, chunks: readonly Chunk[], exactSearch: boolean): RetrievalTables {
  return { passageWords: chunks.map((c) => tokenizeWords(c.searchText)), homophones: articleHomophoneTable(article), exactSearch };
}

/** The file's text: one JSON object, as {@link readRetrievalTables} reads it. */
export function serializeRetrievalTables(tables: RetrievalTables): string {
  return `${JSON.stringify(tables)}\n`;
}

/**
 * The tables an index keeps, or null when they do not fit its passages (then they are computed at
 * opening). The file is checksummed by the manifest; this checks its shape, not its words.
 */
export async function readRetrievalTables(indexDir: string, chunks: number): Promise<RetrievalTables | null> {
  const tables = JSON.parse(await readFile(join(indexDir, RETRIEVAL_FILE), 'utf8')) as Partial<RetrievalTables>;
  const fits = Array.isArray(tables.passageWords) && tables.passageWords.length === chunks && Array.isArray(tables.homophones) && typeof tables.exactSearch === 'boolean';
  return fits ? (tables as RetrievalTables) : null;
}
