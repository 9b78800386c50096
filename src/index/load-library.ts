import { basename } from 'node:path';
import { CorpusError } from '../corpus/parse-article.js';
import { ARTICLE_ID, articleIndexConfig, listArticles, type ArticleSource, type LibraryConfig } from './article-sources.js';
import { buildIndex, removeStaleBuildFoldersInside, type BuildIndexResult } from './build-index.js';
import { checkIndex, loadIndex, type SearchIndex } from './load-index.js';

export { DEFAULT_ARTICLE_ID, articleIndexConfig, defaultArticleConfig, listArticles, type ArticleSource } from './article-sources.js';

/**
 * Many articles on one server. The corpus is a folder of `*.txt` articles (or one file); each
 * article's id is its file name without `.txt`, and its index lives in `INDEX_DIR/<id>/` with a
 * manifest of its own, so one changed or added article costs one article's build. A corpus that is
 * one file keeps its index in `INDEX_DIR` itself, as before there were several.
 */

/** An article that could not be served, named by its file, with why. */
export interface ArticleFailure {
  id: string;
  path: string;
  /** For the log: names the file by its path, with the system's error text. */
  message: string;
  /** For clients (`GET /api/articles`): the file by its name in the corpus, no path, no system error text. */
  reason: string;
}

/** A loaded article: its id and index, and why it was rebuilt (null when the saved one was current). */
export interface LibraryArticle {
  id: string;
  index: SearchIndex;
  rebuiltBecause: string | null;
}

/** The articles served, in id order (the default first), and those that could not be. */
export interface Library {
  articles: LibraryArticle[];
  failures: ArticleFailure[];
}

/** What {@link updateLibrary} did to each article. */
export interface LibraryUpdate {
  /** Rebuilt, with why. */
  rebuilt: Array<{ id: string; indexDir: string; reason: string; result: BuildIndexResult }>;
  /** Current: left as it was. */
  current: string[];
  failures: ArticleFailure[];
  /** Build folders that interrupted builds left inside the index folder (`<id>.tmp-…`, `<id>.old-…`), removed first. */
  removedStale: string[];
}

/**
 * Why a file is not served, in words for a client: what the parser said of its text (which names
 * no path), else only what kind of problem it is; the path and the system's error text
 * (`ENOENT: no such file or directory, open '/srv/…'`) stay in the log's {@link ArticleFailure.message}.
 */
function publicReason(error: CorpusError): string {
  if (error.cause instanceof CorpusError) return error.cause.message;
  if (/is not UTF-8 text$/u.test(error.message)) return 'is not UTF-8 text';
  if (error.message.startsWith('cannot read corpus file')) return 'cannot be read';
  return 'cannot be served';
}

function failure(source: ArticleSource, error: unknown): ArticleFailure {
  const { id, path } = source;
  const file = basename(path);
  if (source.notRegular) {
    const what = `is ${source.notRegular}, not a regular file: skipped, never opened`;
    return { id, path, message: `${path} ${what}`, reason: `${file} ${what}` };
  }
  if (!ARTICLE_ID.test(id)) {
    const what = 'the file name is not a usable article id (letters, digits, _ - .)';
    return { id, path, message: `${path}: ${what}`, reason: `${file}: ${what}` };
  }
  if (error instanceof CorpusError) {
    const reason = publicReason(error);
    return { id, path, message: error.message, reason: error.cause instanceof CorpusError ? `${file}: ${reason}` : `${file} ${reason}` };
  }
  throw error;
}

/**
 * Rebuilds the index of every article whose text, settings or embedder changed (or whose index is
 * missing or damaged), leaving the others. A file that cannot be parsed is a failure named by
 * its path; the others are still built.
 *
 * @param force rebuild every article, current or not.
 */
export async function updateLibrary(config: LibraryConfig, options: { force?: boolean; log?: (message: string) => void } = {}): Promise<LibraryUpdate> {
  const log = options.log ?? (() => {});
  const removedStale = await removeStaleBuildFoldersInside(config.indexDir);
  if (removedStale.length > 0) log(`removed the folders interrupted index builds left in ${config.indexDir}: ${removedStale.join(', ')}`);
  const update: LibraryUpdate = { rebuilt: [], current: [], failures: [], removedStale };
  for (const source of await listArticles(config)) {
    try {
      if (source.notRegular || !ARTICLE_ID.test(source.id)) throw new CorpusError('not served');
      const articleConfig = articleIndexConfig(config, source);
      const check = await checkIndex(articleConfig);
      if (check.ok && !options.force) {
        update.current.push(source.id);
        continue;
      }
      const reason = check.ok ? 'rebuild asked for' : check.reason;
      const built = await buildIndex(articleConfig);
      update.rebuilt.push({ id: source.id, indexDir: source.indexDir, reason, result: built });
      log(`rebuilt the index of ${source.id}: ${reason} (${built.manifest.chunks} passages, ${Math.round(built.durationMs)} ms)`);
    } catch (error) {
      const failed = failure(source, error);
      update.failures.push(failed);
      log(`article ${source.id} is not served: ${failed.message}`);
    }
  }
  return update;
}

/**
 * Loads every article's index, rebuilding first those that are missing, stale or damaged (and
 * saying which and why). A file that cannot be parsed is reported by name; the others are served.
 *
 * @throws {CorpusError} when no article at all can be served.
 */
export async function loadOrBuildLibrary(config: LibraryConfig, log: (message: string) => void = () => {}): Promise<Library> {
  const update = await updateLibrary(config, { log });
  const rebuilt = new Map(update.rebuilt.map((r) => [r.id, r.reason]));
  const library: Library = { articles: [], failures: [...update.failures] };
  for (const source of await listArticles(config)) {
    if (library.failures.some((f) => f.id === source.id)) continue;
    const articleConfig = articleIndexConfig(config, source);
    try {
      const check = await checkIndex(articleConfig);
      // Changed between the update and now (another ingest): build it again rather than serve it stale.
      const manifest = check.ok ? check.manifest : (await buildIndex(articleConfig)).manifest;
      library.articles.push({ id: source.id, index: await loadIndex(articleConfig, manifest), rebuiltBecause: rebuilt.get(source.id) ?? null });
    } catch (error) {
      library.failures.push(failure(source, error));
    }
  }
  if (library.articles.length === 0) {
    throw new CorpusError(`no article can be served: ${library.failures.map((f) => f.message).join('; ')}`);
  }
  return library;
}

