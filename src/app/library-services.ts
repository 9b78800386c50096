import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryPairs } from '../check/index.js';
import type { LibraryConfig } from '../index/article-sources.js';
import { CorpusError } from '../corpus/parse-article.js';
import { hashSettings } from '../index/index-manifest.js';
import { catalogPath, parseCatalog, type Catalog, type CatalogEntry } from '../index/library-catalog.js';
import type { LibrarySegment } from '../index/library-index.js';
import { openLibraryIndex, type OpenLibraryIndex, type TermsCache } from '../index/library-store.js';
import { loadBuiltIndex } from '../index/load-index.js';
import type { AppServices, ArticleServices, LibraryServices } from '../server/app-services.js';
import { lazyArticleServices, streamLimiterOf, type BuildServicesOptions } from './build-services.js';

/**
 * A library served from its index folder (issue 21): start-up reads the catalog and the library
 * index's vocabulary, and loads the default article; every other article is read from its index
 * when a request first needs it (its parsed text, passages, vectors; its search, checker and
 * answerer built on first use) and kept among the {@link DEFAULT_CACHE_ARTICLES} most recently used
 * (`LIBRARY_CACHE_ARTICLES`). {@link DiskLibrary.reload} takes a new catalog (an article added,
 * changed or removed while serving) without a restart: a request holds the services it began with.
 */

/** Articles kept open by default: about 4 MiB each once answered from (docs/benchmarks.md). */
export const DEFAULT_CACHE_ARTICLES = 64;

export interface DiskLibraryOptions extends BuildServicesOptions {
  /** Most articles kept open besides the default one (least recently used first out). */
  cacheArticles?: number;
  log?: (message: string) => void;
  /** The catalog as the caller read it already (its text and contents), not read again. */
  catalog?: { text: string; catalog: Catalog };
}

/** The open articles, least recently used first, each under the build of its index it was read from. */
class OpenArticles {
  private readonly open = new Map<string, { indexSha256: string; services: Promise<ArticleServices> }>();
  pinned: string | null = null;

  constructor(
    private readonly limit: number,
    private readonly load: (entry: CatalogEntry) => Promise<ArticleServices>,
  ) {}

  get(entry: CatalogEntry): Promise<ArticleServices> {
    const held = this.open.get(entry.id);
    this.open.delete(entry.id);
    if (held && held.indexSha256 === entry.indexSha256) {
      this.open.set(entry.id, held);
      return held.services;
    }
    const services = this.load(entry);
    const opened = { indexSha256: entry.indexSha256, services };
    this.open.set(entry.id, opened);
    // A failed read is not kept: the next request tries again.
    services.catch(() => {
      if (this.open.get(entry.id) === opened) this.open.delete(entry.id);
    });
    // A request still holding an evicted article keeps it until it ends.
    for (const id of this.open.keys()) {
      if (this.open.size <= this.limit + (this.pinned !== null && this.open.has(this.pinned) ? 1 : 0)) break;
      if (id !== this.pinned && id !== entry.id) this.open.delete(id);
    }
    return services;
  }

  /** Forgets the articles no longer served. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.open.keys()]) if (!ids.has(id)) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}

/** A library served from disk; {@link services} is the current snapshot. */
export class DiskLibrary {
  private readonly articles: OpenArticles;
  private readonly terms: TermsCache = new Map();
  private segment: LibrarySegment | null = null;
  private catalogText = '';
  /** The routes' services over the catalog last read. */
  services!: AppServices;
  /** Articles of the catalog outside the library index built at ingest (read into memory). */
  outside = 0;

  private constructor(
    private readonly config: LibraryConfig,
    private readonly options: DiskLibraryOptions,
  ) {
    const limiter = streamLimiterOf(options);
    this.articles = new OpenArticles(options.cacheArticles ?? DEFAULT_CACHE_ARTICLES, async (entry) => {
      const index = await loadBuiltIndex(
        { corpusPath: join(config.corpusPath, `${entry.id}.txt`), indexDir: join(config.indexDir, entry.id), embeddings: config.embeddings },
        options.log,
      );
      // Each article's answers are cached under its id and build: a changed article's are not served.
      return lazyArticleServices(entry.id, index, options, limiter, `${entry.id}@${entry.indexSha256.slice(0, 16)}`);
    });
  }

  /**
   * Opens the library an ingest wrote in `config.indexDir` (its catalog and library index).
   *
   * @throws {CorpusError} when there is no catalog or it serves no article.
   */
  static async open(config: LibraryConfig, options: DiskLibraryOptions = {}): Promise<DiskLibrary> {
    const library = new DiskLibrary(config, options);
    if (!(await library.reload(options.catalog))) throw new CorpusError(`no library catalog in ${config.indexDir} (npm run ingest writes it)`);
    return library;
  }

  /** How many articles are open now (the default one included). */
  get openArticles(): number {
    return this.articles.size;
  }

  /**
   * Reads the catalog again and, when it changed, makes a new snapshot of the services (the open
   * articles still current are kept open).
   *
   * @returns whether the services changed.
   * @throws {CorpusError} when the new catalog serves no article (the old services stay).
   */
  async reload(read?: { text: string; catalog: Catalog }): Promise<boolean> {
    const text = read?.text ?? (await readFile(catalogPath(this.config.indexDir), 'utf8').catch(() => null));
    // The same text: nothing to do, without parsing 10 MB again.
    if (text === null || text === this.catalogText) return false;
    let catalog: Catalog;
    try {
      catalog = read?.catalog ?? parseCatalog(text);
    } catch {
      return false;
    }
    if (catalog.articles.length === 0) {
      throw new CorpusError(`no article can be served: ${catalog.failures.map((f) => f.message).join('; ')}`);
    }
    const index = await openLibraryIndex(this.config.indexDir, catalog, { reuse: this.segment, cache: this.terms });
    const previous = this.segment;
    this.segment = index.segment;
    if (previous && previous !== index.segment) void previous.close();
    this.services = await this.snapshot(catalog, index);
    this.catalogText = text;
    this.outside = index.outside;
    return true;
  }

  private async snapshot(catalog: Catalog, index: OpenLibraryIndex): Promise<AppServices> {
    const entries = catalog.articles;
    const byId = new Map(entries.map((e, i) => [e.id, i]));
    this.articles.keepOnly(new Set(byId.keys()));
    this.articles.pinned = entries[0]!.id;
    // One identity for every snapshot: each article's cached answers are keyed by its build.
    this.options.answerCache?.useIndex(hashSettings(['library', catalog.settingsSha256]));
    const first = await this.articles.get(entries[0]!);
    let pairs: LibraryPairs | null = null;
    const library: LibraryServices = {
      entries,
      ordinal: (id) => byId.get(id) ?? -1,
      open: (id) => {
        const at = byId.get(id);
        return at === undefined ? Promise.reject(new CorpusError(`article ${id} is not served`)) : this.articles.get(entries[at]!);
      },
      rankByWords: async (text, limit, eligible) => index.words.rank(text, limit, eligible).map((r) => r.ordinal),
      pairs: async () => (pairs ??= LibraryPairs.over(index.pairs)),
    };
    return { ...first, library, failures: catalog.failures.map(({ id, path, message, reason }) => ({ id, path, message, reason })) };
  }

  async close(): Promise<void> {
    await this.segment?.close();
    this.segment = null;
  }
}
