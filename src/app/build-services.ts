/**
 * The composition root: the one place that wires the three products (the chat answerer of
 * `src/answer/`, the quote checker of `src/check/`, the LLM path of `src/llm/`) over a loaded library
 * into the services the HTTP routes call (`src/server/app-services.ts`). Entries (`src/server.ts`,
 * the CLIs, the benchmarks and the tests) build their services here.
 *
 * May import: every folder under `src/`; nothing under `src/` but the entries imports this folder.
 */
import type { Logger } from 'pino';
import type { AnswerCache } from '../answer/answer-cache.js';
import { QuestionAnswerer } from '../answer/answer-question.js';
import { LibraryPairs, QuoteVerifier, textCheckerFor } from '../check/index.js';
import { ConcurrencyLimiter, type LlmAnswerer, type StreamLimiter } from '../llm/index.js';
import { hashSettings } from '../index/index-manifest.js';
import { listingOf } from '../index/library-catalog.js';
import { buildSegment, LibraryWords, LibrarySegment } from '../index/library-index.js';
import { DEFAULT_ARTICLE_ID, type Library } from '../index/load-library.js';
import type { SearchIndex } from '../index/load-index.js';
import { Retriever } from '../retrieval/retrieve.js';
import type { AppServices, ArticleServices, LibraryServices } from '../server/app-services.js';

export interface BuildServicesOptions {
  /** The LLM answerer for an article, when an LLM is configured; the extractive answerer answers otherwise. */
  llm?: LlmAnswerer | null | ((index: SearchIndex) => LlmAnswerer | null);
  llmTimeoutMs?: number;
  /** Most LLM streams at once; beyond it answers are extractive. */
  maxLlmStreams?: number;
  /** Most LLM streams at once for one client; default: `maxLlmStreams`. */
  maxLlmStreamsPerClient?: number;
  /** The cap counted elsewhere (in Redis, for every process); when set, `maxLlmStreams*` are its business. */
  llmLimiter?: StreamLimiter;
  logger?: Logger;
  /**
   * Most articles whose search, quote-check and answering structures are kept built at once
   * (least recently used first out; rebuilt from the loaded index on the next use). About 7 MiB
   * of heap an article: a thousand built at once pass Node's default 4 GiB heap.
   */
  maxBuiltArticles?: number;
  /**
   * Answers kept for conversations asked again; tied here to the library's indexes (cleared when
   * any of them changes). With several articles each article's answers are kept under its id.
   */
  answerCache?: AnswerCache;
}

/** Builds the routes' services over one loaded index (id `article`). */
export function buildServices(index: SearchIndex, options: BuildServicesOptions = {}): AppServices {
  return buildLibraryServices({ articles: [{ id: DEFAULT_ARTICLE_ID, index, rebuiltBecause: null }], failures: [] }, options);
}

/** Articles kept built by default: every article of a corpus of this size or less. */
export const DEFAULT_MAX_BUILT_ARTICLES = 128;

type BuiltParts = Pick<ArticleServices, 'retriever' | 'verifier' | 'checker' | 'answerer'>;

/** The articles whose parts are built, least recently used first. */
class BuiltArticles {
  private readonly parts = new Map<string, BuiltParts>();

  constructor(private readonly limit: number) {}

  get(id: string, build: () => BuiltParts): BuiltParts {
    let parts = this.parts.get(id);
    if (parts) this.parts.delete(id);
    else parts = build();
    this.parts.set(id, parts);
    // A request still holding evicted parts keeps them until it ends.
    if (this.parts.size > this.limit) this.parts.delete(this.parts.keys().next().value!);
    return parts;
  }
}

/** One cap on LLM streams for the process, whichever article they answer. */
export function streamLimiterOf(options: BuildServicesOptions): StreamLimiter | null {
  return options.llmLimiter ?? (options.maxLlmStreams ? new ConcurrencyLimiter(options.maxLlmStreams, options.maxLlmStreamsPerClient) : null);
}

/** An article's retriever, verifier, answerer and checker over its loaded index. */
export function buildArticleParts(index: SearchIndex, options: BuildServicesOptions, limiter: StreamLimiter | null, cacheScope: string): BuiltParts {
  const retriever = new Retriever(index);
  const verifier = new QuoteVerifier(index.article);
  return { retriever, verifier, answerer: answererOf(index, retriever, verifier, options, limiter, cacheScope), checker: textCheckerFor(index.article, verifier) };
}

function answererOf(index: SearchIndex, retriever: Retriever, verifier: QuoteVerifier, options: BuildServicesOptions, limiter: StreamLimiter | null, cacheScope: string): QuestionAnswerer {
  const llm = typeof options.llm === 'function' ? options.llm(index) : (options.llm ?? null);
  return new QuestionAnswerer(index, retriever, verifier, llm, {
    ...(options.llmTimeoutMs ? { llmTimeoutMs: options.llmTimeoutMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(limiter ? { llmLimiter: limiter } : {}),
    ...(options.answerCache ? { cache: options.answerCache, cacheScope } : {}),
  });
}

/**
 * An article's services with each part built when first used, and only what it needs: a search
 * builds the retriever alone (3 MiB of an article's 7), a quote check the verifier and checker, an
 * answer the retriever, verifier and answerer. Enumerable getters: spreading the services
 * (`{ ...services, answerer }`) builds and copies every part.
 */
export function lazyArticleServices(id: string, index: SearchIndex, options: BuildServicesOptions, limiter: StreamLimiter | null, cacheScope: string): ArticleServices {
  let retriever: Retriever | null = null;
  let verifier: QuoteVerifier | null = null;
  let answerer: QuestionAnswerer | null = null;
  let checker: ArticleServices['checker'] | null = null;
  const parts = {
    retriever: () => (retriever ??= new Retriever(index)),
    verifier: () => (verifier ??= new QuoteVerifier(index.article)),
    answerer: () => (answerer ??= answererOf(index, parts.retriever(), parts.verifier(), options, limiter, cacheScope)),
    checker: () => (checker ??= textCheckerFor(index.article, parts.verifier())),
  };
  const article = { id, index } as ArticleServices;
  for (const key of ['retriever', 'verifier', 'checker', 'answerer'] as const) {
    Object.defineProperty(article, key, { enumerable: true, get: parts[key] });
  }
  return article;
}

/**
 * Builds the routes' services over every article of a loaded library (the tools' and the tests'
 * libraries, all in memory; a server opens its library from disk, see `library-services.ts`). An
 * article's retriever, verifier, checker and answerer are built when first used and kept for the
 * {@link BuildServicesOptions.maxBuiltArticles} most recently used articles; the loaded indexes
 * (the passages, the HNSW store, the embedder) stay in memory for all.
 */
export function buildLibraryServices(library: Library, options: BuildServicesOptions = {}): AppServices {
  const limiter = streamLimiterOf(options);
  const single = library.articles.length === 1;
  // Cleared when any article's index changes; each article's answers are kept under its id.
  options.answerCache?.useIndex(
    hashSettings(single ? library.articles[0]!.index.manifest : library.articles.map((a) => [a.id, a.index.manifest])),
  );
  const built = new BuiltArticles(options.maxBuiltArticles ?? DEFAULT_MAX_BUILT_ARTICLES);
  const articles: ArticleServices[] = library.articles.map(({ id, index }) => {
    const build = (): BuiltParts => buildArticleParts(index, options, limiter, single ? '' : id);
    const article = { id, index } as ArticleServices;
    // Enumerable getters: spreading the services (`{ ...services, answerer }`) copies built parts.
    for (const key of ['retriever', 'verifier', 'checker', 'answerer'] as const) {
      Object.defineProperty(article, key, { enumerable: true, get: () => built.get(id, build)[key] });
    }
    return article;
  });
  const byId = new Map(articles.map((a, i) => [a.id, i]));
  let words: Promise<LibraryWords> | null = null;
  let pairs: Promise<LibraryPairs> | null = null;
  const served: LibraryServices = {
    entries: library.articles.map(({ id, index }) => listingOf(id, index.article, index.chunks.length)),
    ordinal: (id) => byId.get(id) ?? -1,
    open: async (id) => articles[byId.get(id) ?? -1] ?? Promise.reject(new Error(`article ${id} is not served`)),
    rankByWords: async (text, limit, eligible) => {
      // Built on first use from the loaded passages: one segment in memory.
      words ??= (async () => {
        const terms = library.articles.map(({ id, index }) => ({ id, corpusSha256: index.manifest.corpusSha256, passages: index.chunks.map((c) => c.searchText), pairs: [] }));
        const segment = LibrarySegment.fromData(await buildSegment(terms, 'memory'));
        return new LibraryWords([{ segment, ordinals: Int32Array.from(articles, (_a, i) => i) }], articles.length);
      })();
      return (await words).rank(text, limit, eligible).map((r) => r.ordinal);
    },
    // Built once (in the background, yielding) for the library.
    pairs: () => (pairs ??= LibraryPairs.build(library.articles.map((a) => a.index.article))),
  };
  return { ...articles[0]!, library: served, failures: library.failures };
}
