import type { QuestionAnswerer } from '../answer/answer-question.js';
import type { LibraryPairs, QuoteVerifier, TextChecker } from '../check/index.js';
import { listingOf, type ArticleListing } from '../index/library-catalog.js';
import type { ArticleFailure } from '../index/load-library.js';
import type { SearchIndex } from '../index/load-index.js';
import type { Retriever } from '../retrieval/retrieve.js';
import { InvalidRequestError, UpstreamUnavailableError } from './errors.js';

/** What the routes work with for one article. */
export interface ArticleServices {
  /** The article's id: its file name without `.txt`. */
  id: string;
  index: SearchIndex;
  retriever: Retriever;
  verifier: QuoteVerifier;
  /** Checks every quotation of a whole text (`POST /api/check`). */
  checker: TextChecker;
  answerer: QuestionAnswerer;
}

/**
 * The served articles: each listed (what `GET /api/articles` says of it) without being loaded, and
 * opened when a request first needs it. A library of 10,000 articles keeps a bounded number open
 * (`LIBRARY_CACHE_ARTICLES`), and picks the few a question across it could be answered from with
 * one index of the whole library's words, not by asking each article.
 */
export interface LibraryServices {
  /** Every served article, in library order (the default first). */
  readonly entries: readonly ArticleListing[];
  /** An article's place in {@link entries}; -1 when it is not served. */
  ordinal(id: string): number;
  /** An article's services, opened (read from its index) when not open already. */
  open(id: string): Promise<ArticleServices>;
  /**
   * The articles (ordinals) whose best passage shares most words with a text, best first, at most
   * `limit`; those sharing none are left out. `eligible` limits them.
   */
  rankByWords(text: string, limit: number, eligible?: (ordinal: number) => boolean): Promise<number[]>;
  /** The character-pair index of every article (quote checks across the library). */
  pairs(): Promise<LibraryPairs>;
}

/**
 * What the routes work with, once the indexes are loaded: the default article's services (today's
 * single-article fields, so one-article code reads as before), and the library's.
 */
export interface AppServices extends ArticleServices {
  library: LibraryServices;
  /** Files of the corpus that could not be served, named, with why. */
  failures: ArticleFailure[];
}

/** A library of one article: what a request scoped to it works with. */
export function libraryOfOne(article: ArticleServices): LibraryServices {
  const entries = [listingOf(article.id, article.index.article, article.index.chunks.length)];
  return {
    entries,
    ordinal: (id) => (id === article.id ? 0 : -1),
    open: async (id) => {
      if (id !== article.id) throw new InvalidRequestError(`article "${id.slice(0, 100)}" is not served (GET /api/articles lists the ids)`);
      return article;
    },
    rankByWords: async () => [0],
    pairs: async () => {
      throw new Error('one article has no pair index');
    },
  };
}

/** The article at a place of the library. */
export function openAt(library: LibraryServices, ordinal: number): Promise<ArticleServices> {
  return library.open(library.entries[ordinal]!.id);
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

/**
 * The article a request names (`article` in the body or the query), or, when it names none, the one
 * article of a one-article corpus; null means every article. The one rule for `article` on every
 * route: white space around the id is ignored (an id has none), and an id that is empty, not one
 * string, or not served is 400.
 *
 * @throws {InvalidRequestError} for an id that is not a string or not served.
 */
export async function articleScope(services: AppServices, requested: unknown): Promise<ArticleServices | null> {
  // The default article is the services object itself: what a caller set on it (an answerer, a
  // checker) is what answers for it.
  if (requested === undefined || requested === null) return services.library.entries.length === 1 ? services : null;
  if (typeof requested !== 'string' || requested.trim() === '') throw new InvalidRequestError('article must be an article id (GET /api/articles lists them)');
  const id = requested.trim();
  if (id === services.id) return services;
  if (services.library.ordinal(id) < 0) throw new InvalidRequestError(`article "${id.slice(0, 100)}" is not served (GET /api/articles lists the ids)`);
  return services.library.open(id);
}

/** The article a request names, or the default article when it names none (pages about one article). */
export async function articleOrDefault(services: AppServices, requested: unknown): Promise<ArticleServices> {
  return (await articleScope(services, requested)) ?? services;
}

/** The articles a request works over: the one it is scoped to, or the whole library. */
export function articlesInScope(services: AppServices, scope: ArticleServices | null): LibraryServices {
  return scope ? libraryOfOne(scope) : services.library;
}

/** The `article` and `articleTitle` every citation and search result carries. */
export function articleFields(article: ArticleServices): { article: string; articleTitle: string } {
  return { article: article.id, articleTitle: article.index.article.title };
}
