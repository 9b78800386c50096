import type { Logger } from 'pino';
import type { AnswerCache } from '../answer/answer-cache.js';
import type { LlmAnswerer } from '../answer/answer-llm.js';
import { QuestionAnswerer } from '../answer/answer-question.js';
import { textCheckerFor } from '../answer/check-text.js';
import { ConcurrencyLimiter, type StreamLimiter } from '../answer/concurrency-limiter.js';
import { QuoteVerifier } from '../answer/verify-quote.js';
import { hashSettings } from '../index/index-manifest.js';
import type { SearchIndex } from '../index/load-index.js';
import { Retriever } from '../retrieval/retrieve.js';
import type { AppServices } from './app-services.js';

export interface BuildServicesOptions {
  /** The LLM answerer, when an LLM is configured; the extractive answerer answers otherwise. */
  llm?: LlmAnswerer | null;
  llmTimeoutMs?: number;
  /** Most LLM streams at once; beyond it answers are extractive. */
  maxLlmStreams?: number;
  /** Most LLM streams at once for one client; default: `maxLlmStreams`. */
  maxLlmStreamsPerClient?: number;
  /** The cap counted elsewhere (in Redis, for every process); when set, `maxLlmStreams*` are its business. */
  llmLimiter?: StreamLimiter;
  logger?: Logger;
  /** Answers kept for conversations asked again; tied here to this index (cleared when it changes). */
  answerCache?: AnswerCache;
}

/** Builds the routes' services over a loaded index. */
export function buildServices(index: SearchIndex, options: BuildServicesOptions = {}): AppServices {
  const retriever = new Retriever(index);
  const verifier = new QuoteVerifier(index.article);
  options.answerCache?.useIndex(hashSettings(index.manifest));
  const answerer = new QuestionAnswerer(index, retriever, verifier, options.llm ?? null, {
    ...(options.llmTimeoutMs ? { llmTimeoutMs: options.llmTimeoutMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.llmLimiter
      ? { llmLimiter: options.llmLimiter }
      : options.maxLlmStreams
        ? { llmLimiter: new ConcurrencyLimiter(options.maxLlmStreams, options.maxLlmStreamsPerClient) }
        : {}),
    ...(options.answerCache ? { cache: options.answerCache } : {}),
  });
  return { index, retriever, verifier, answerer, checker: textCheckerFor(index.article, verifier) };
}
