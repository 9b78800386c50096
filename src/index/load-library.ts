import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CorpusError, type Article } from '../corpus/parse-article.js';
import { ARTICLE_ID, articleIndexConfig, compareIds, listArticles, listNamedArticles, type ArticleSource, type LibraryConfig } from './article-sources.js';
import { ARTICLE_FILE, buildIndex, indexSettings, removeStaleBuildFoldersInside, type BuildIndexResult } from './build-index.js';
import { embedderIdentity } from './create-embeddings.js';
import { hashSettings, type IndexManifest } from './index-manifest.js';
import { CATALOG_FORMAT, listingOf, readCatalog, writeCatalog, type Catalog, type CatalogEntry, type CatalogFailure, type FileStamp } from './library-catalog.js';
import { updateLibraryIndex } from './library-store.js';
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
  /** Articles the catalog served whose file is gone: no longer served. */
  removed: string[];
  /** Files changed too recently to be read (maybe still being written): left as they were, for the next update. */
  pending: string[];
  /** When the last of {@link pending} will have settled (a time in ms), or null. */
  settledAt: number | null;
  /** Why the library index (words and pairs across articles) was rebuilt; null when it was left. */
  libraryIndexRebuilt: string | null;
  /** The library's catalog as written; null for a corpus that is one file (it has none). */
  catalog: Catalog | null;
  /** Whether what is served changed: an article added, changed or removed, a file failing or no longer. */
  changed: boolean;
}

export interface UpdateLibraryOptions {
  /** Rebuild every article, current or not (and the library index). */
  force?: boolean;
  log?: (message: string) => void;
  /** A file modified less than this long ago is left for the next update: it may still be being written. */
  settleMs?: number;
  /**
   * Only these files of the corpus folder (names, `new.txt`) changed, were added or removed: the
   * others are taken as the catalog has them, unlooked at (a watch event; the full rescan catches
   * what it misses). Ignored without a catalog of these settings.
   */
  only?: Iterable<string>;
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

const sameStamp = (a: Partial<FileStamp>, source: ArticleSource) => source.stamp !== undefined && a.size === source.stamp.size && a.mtimeMs === source.stamp.mtimeMs;

/** The catalog entry of an article whose index is current: its listing from the parsed text the index keeps. */
async function entryOf(source: ArticleSource, manifest: IndexManifest): Promise<CatalogEntry> {
  const article = JSON.parse(await readFile(join(source.indexDir, ARTICLE_FILE), 'utf8')) as Article;
  return {
    ...listingOf(source.id, article, manifest.chunks),
    size: source.stamp?.size ?? 0,
    mtimeMs: source.stamp?.mtimeMs ?? 0,
    corpusSha256: manifest.corpusSha256,
    indexSha256: hashSettings(manifest),
  };
}

/**
 * Brings the indexes up to date with the corpus, rebuilding each article whose text, settings or
 * embedder changed (or whose index is missing or damaged) and leaving the others; then, for a corpus
 * folder, writes the library's catalog (`INDEX_DIR/.library/catalog.json`) and rebuilds the library
 * index when it is due (see `library-store.ts`). A file whose size and time are those the catalog
 * recorded is taken as unchanged without reading it (10,000 articles: one `lstat` each); a file
 * that failed is tried again only once it changes. A file that cannot be parsed is a failure named
 * by its path; the others are still built.
 */
export async function updateLibrary(config: LibraryConfig, options: UpdateLibraryOptions = {}): Promise<LibraryUpdate> {
  const log = options.log ?? (() => {});
  const removedStale = await removeStaleBuildFoldersInside(config.indexDir);
  if (removedStale.length > 0) log(`removed the folders interrupted index builds left in ${config.indexDir}: ${removedStale.join(', ')}`);
  const update: LibraryUpdate = { rebuilt: [], current: [], failures: [], removedStale, removed: [], pending: [], settledAt: null, libraryIndexRebuilt: null, catalog: null, changed: false };
  const isFolder = (await stat(config.corpusPath).catch(() => null))?.isDirectory() ?? false;
  const settingsSha256 = hashSettings(indexSettings({ embeddings: config.embeddings }));
  const embedder = embedderIdentity(config.embeddings);
  const previous = isFolder ? await readCatalog(config.indexDir) : null;
  const usable = previous && previous.settingsSha256 === settingsSha256 && previous.embedder === embedder ? previous : null;
  // A few files named: the others as the catalog has them. Otherwise every file of the folder.
  const named = options.only && usable ? new Set([...options.only].filter((name) => name.endsWith('.txt')).map((name) => name.slice(0, -'.txt'.length))) : null;
  const sources = named ? await listNamedArticles(config, [...named].map((id) => `${id}.txt`)) : await listArticles(config);
  const before = new Map(usable?.articles.map((a) => [a.id, a]) ?? []);
  const failedBefore = new Map(usable?.failures.map((f) => [f.id, f]) ?? []);
  const entries: CatalogEntry[] = named ? usable!.articles.filter((a) => !named.has(a.id)) : [];
  const failures: CatalogFailure[] = named ? usable!.failures.filter((f) => !named.has(f.id)) : [];
  // Whether the catalog must be written: anything but files unchanged since it was (10 MB not rewritten for nothing).
  let dirty = usable === null;
  const now = Date.now();
  // Written within the last `settleMs`; a time ahead of the clock is another clock's, not a write under way.
  const unsettled = (mtimeMs: number) => mtimeMs > now - (options.settleMs ?? 0) && mtimeMs <= now + 1_000;
  for (const source of sources) {
    const known = before.get(source.id);
    if (options.settleMs && source.stamp && unsettled(source.stamp.mtimeMs)) {
      // Maybe still being written: served as it was until it settles.
      update.pending.push(source.id);
      update.settledAt = Math.max(update.settledAt ?? 0, source.stamp.mtimeMs + options.settleMs);
      if (known) entries.push(known);
      else if (failedBefore.has(source.id)) failures.push(failedBefore.get(source.id)!);
      continue;
    }
    if (known && !options.force && sameStamp(known, source)) {
      update.current.push(source.id);
      entries.push(known);
      continue;
    }
    const failedAlready = failedBefore.get(source.id);
    // Not a regular file, or a name that is no id: never opened, so it fails the same way again.
    const unopened = source.notRegular || !ARTICLE_ID.test(source.id) ? failure(source, new CorpusError('not served')) : null;
    if (failedAlready && !options.force && (sameStamp(failedAlready, source) || (unopened && unopened.reason === failedAlready.reason))) {
      failures.push(failedAlready);
      continue;
    }
    dirty = true;
    try {
      if (source.notRegular || !ARTICLE_ID.test(source.id)) throw new CorpusError('not served');
      const articleConfig = articleIndexConfig(config, source);
      const check = await checkIndex(articleConfig);
      let manifest: IndexManifest;
      if (check.ok && !options.force) {
        update.current.push(source.id);
        manifest = check.manifest;
      } else {
        const reason = check.ok ? 'rebuild asked for' : check.reason;
        const built = await buildIndex({ ...articleConfig, removeStale: !isFolder });
        update.rebuilt.push({ id: source.id, indexDir: source.indexDir, reason, result: built });
        log(`rebuilt the index of ${source.id}: ${reason} (${built.manifest.chunks} passages, ${Math.round(built.durationMs)} ms)`);
        manifest = built.manifest;
      }
      if (isFolder) entries.push(await entryOf(source, manifest));
    } catch (error) {
      const failed = failure(source, error);
      failures.push({ ...failed, ...(source.stamp ?? {}) });
      log(`article ${source.id} is not served: ${failed.message}`);
    }
  }
  if (named) {
    entries.sort((a, b) => compareIds(a.id, b.id));
    failures.sort((a, b) => compareIds(a.id, b.id));
  }
  update.failures = failures.map(({ id, path, message, reason }) => ({ id, path, message, reason }));
  if (!isFolder) {
    update.changed = update.rebuilt.length > 0;
    return update;
  }
  const listed = new Set([...sources.map((s) => s.id), ...(named ? [...before.keys(), ...failedBefore.keys()].filter((id) => !named.has(id)) : [])]);
  update.removed = (previous?.articles ?? []).filter((a) => !listed.has(a.id)).map((a) => a.id);
  const catalog: Catalog = { format: CATALOG_FORMAT, settingsSha256, embedder, articles: entries, failures };
  const served = (c: Catalog | null) => JSON.stringify([c?.settingsSha256, c?.embedder, c?.articles.map((a) => [a.id, a.indexSha256]), c?.failures.map((f) => [f.id, f.reason])]);
  update.changed = served(previous) !== served(catalog);
  // Gone from the folder: an article or a failing file the catalog named.
  if (previous && (update.removed.length > 0 || previous.failures.some((f) => !listed.has(f.id)))) dirty = true;
  if (dirty) await writeCatalog(config.indexDir, catalog);
  update.catalog = catalog;
  update.libraryIndexRebuilt = await updateLibraryIndex(config.indexDir, catalog, { force: options.force, log });
  if (update.libraryIndexRebuilt) update.changed = true;
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

