import type { QuestionAnswerer } from '../answer/answer-question.js';
import type { QuoteVerifier, TextChecker } from '../check/index.js';
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
 * What the routes work with, once the indexes are loaded: the default article's services (today's
 * single-article fields, so one-article code reads as before), and every article's.
 */
export interface AppServices extends ArticleServices {
  /** Every served article, the default first. */
  articles: ArticleServices[];
  /** Files of the corpus that could not be served, named, with why. */
  failures: ArticleFailure[];
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
export function articleScope(services: AppServices, requested: unknown): ArticleServices | null {
  // The default article is the services object itself: what a caller set on it (an answerer, a
  // checker) is what answers for it.
  if (requested === undefined || requested === null) return services.articles.length === 1 ? services : null;
  if (typeof requested !== 'string' || requested.trim() === '') throw new InvalidRequestError('article must be an article id (GET /api/articles lists them)');
  const id = requested.trim();
  if (id === services.id) return services;
  const found = services.articles.find((a) => a.id === id);
  if (!found) throw new InvalidRequestError(`article "${id.slice(0, 100)}" is not served (GET /api/articles lists the ids)`);
  return found;
}

/** The article a request names, or the default article when it names none (pages about one article). */
export function articleOrDefault(services: AppServices, requested: unknown): ArticleServices {
  return articleScope(services, requested) ?? services;
}

/** The `article` and `articleTitle` every citation and search result carries. */
export function articleFields(article: ArticleServices): { article: string; articleTitle: string } {
  return { article: article.id, articleTitle: article.index.article.title };
}
