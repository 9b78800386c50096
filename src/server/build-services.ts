import { QuoteVerifier } from '../answer/verify-quote.js';
import type { SearchIndex } from '../index/load-index.js';
import { Retriever } from '../retrieval/retrieve.js';
import type { AppServices } from './app-services.js';

/** Builds the routes' services over a loaded index. */
export function buildServices(index: SearchIndex): AppServices {
  return { index, retriever: new Retriever(index), verifier: new QuoteVerifier(index.article) };
}
