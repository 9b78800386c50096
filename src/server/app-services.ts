import type { QuestionAnswerer } from '../answer/answer-question.js';
import type { TextChecker } from '../answer/check-text.js';
import type { QuoteVerifier } from '../answer/verify-quote.js';
import type { SearchIndex } from '../index/load-index.js';
import type { Retriever } from '../retrieval/retrieve.js';
import { UpstreamUnavailableError } from './errors.js';

/** What the routes work with, once the index is loaded. */
export interface AppServices {
  index: SearchIndex;
  retriever: Retriever;
  verifier: QuoteVerifier;
  /** Checks every quotation of a whole text (`POST /api/check`). */
  checker: TextChecker;
  answerer: QuestionAnswerer;
}

/** Services, or null while the index is still loading (then `/healthz` says 503). */
export type ServicesProvider = () => AppServices | null;

/**
 * The services for a request.
 *
 * @throws {UpstreamUnavailableError} 503 while the index is loading.
 */
export function requireServices(provide: ServicesProvider): AppServices {
  const services = provide();
  if (!services) throw new UpstreamUnavailableError('the index is still loading; retry in a few seconds', 503);
  return services;
}
