import { once } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { AnswerCache } from '../answer/answer-cache.js';
import type { LlmAnswerer } from '../llm/index.js';
import type { SearchIndex } from '../index/load-index.js';
import { loadPrompts } from '../llm/load-prompts.js';
import type { AppConfig } from '../config.js';
import { loadOrBuildLibrary, updateLibrary, type LibraryUpdate } from '../index/load-library.js';
import { indexSettings } from '../index/build-index.js';
import { embedderIdentity } from '../index/create-embeddings.js';
import { hashSettings } from '../index/index-manifest.js';
import { readCatalogFile, type Catalog } from '../index/library-catalog.js';
import type { AppServices } from '../server/app-services.js';
import { buildLibraryServices, type BuildServicesOptions } from './build-services.js';
import { DiskLibrary } from './library-services.js';
import { watchCorpus, type CorpusWatcher } from './watch-corpus.js';
import { createApp } from '../server/create-app.js';
import { createHttpServer, DEFAULT_HTTP_SERVER_OPTIONS } from '../server/create-http-server.js';
import { StreamRegistry } from '../server/event-stream.js';
import { AppMetrics } from '../server/metrics.js';
import { gracefulShutdown } from '../server/graceful-shutdown.js';
import { warmUp } from '../server/warm-up.js';

/** The message a cluster primary sends its workers once it has ingested a change of the corpus. */
export const LIBRARY_UPDATED = 'library-updated';

/** Whether the corpus is a folder of articles (a library read from its catalog), not one file. */
async function corpusIsFolder(config: AppConfig): Promise<boolean> {
  return (await stat(config.corpusPath).catch(() => null))?.isDirectory() ?? false;
}

/**
 * The heap an open article may take (its index and its search, answer and check structures: about
 * 5 MiB on average, 7 with all of them built) and what the server holds besides; guesses that err
 * high, for a warning.
 */
const OPEN_ARTICLE_HEAP = 8 * 1024 * 1024;
const BASE_HEAP = 128 * 1024 * 1024;

/**
 * `npm start` bounds the heap (`--max-old-space-size=1024`): V8 otherwise lets a server that opens
 * articles one after another grow to twice what it holds before collecting (2.4 GB of RSS for 64
 * open articles, docs/benchmarks.md). A cache of open articles that may not fit in it is said at start.
 */
function warnIfHeapTooSmall(config: AppConfig, logger: Logger): void {
  const limit = getHeapStatistics().heap_size_limit;
  const wanted = BASE_HEAP + config.libraryCacheArticles * OPEN_ARTICLE_HEAP;
  if (wanted > 0.75 * limit) {
    logger.warn(
      { libraryCacheArticles: config.libraryCacheArticles, heapLimitMiB: Math.round(limit / 2 ** 20), wantedMiB: Math.round(wanted / 2 ** 20) },
      'LIBRARY_CACHE_ARTICLES may not fit in the heap: lower it, or run node with a larger --max-old-space-size',
    );
  }
}

/** What an update changed, for the log. */
function updateSummary(update: LibraryUpdate) {
  return {
    rebuilt: update.rebuilt.map((r) => r.id),
    removed: update.removed,
    unavailable: update.failures.map((f) => f.id),
    libraryIndexRebuilt: update.libraryIndexRebuilt,
  };
}

/** Watches the corpus folder when configured; `onUpdate` runs after each update that changed what is served. */
function watchIfConfigured(config: AppConfig, logger: Logger, onUpdate: (update: LibraryUpdate) => Promise<void> | void): CorpusWatcher | null {
  if (!config.corpusWatch) return null;
  return watchCorpus(config, {
    rescanMs: config.corpusRescanSeconds * 1000,
    log: (message) => logger.warn(message),
    onError: (error) => logger.error({ err: error }, 'corpus update failed; tried again at the next change or rescan'),
    onUpdate: async (update) => {
      logger.info(updateSummary(update), 'corpus changed: library updated');
      await onUpdate(update);
    },
  });
}

/**
 * `npm start`: load config, listen at once (so `/healthz` answers 503 while loading), bring the
 * indexes up to date (rebuilding what is missing, stale or damaged, and saying so), open the library
 * (its catalog; each article is read when first asked for), then serve, and ingest what changes in
 * the corpus folder while serving. With `WEB_CONCURRENCY` > 1 a primary process ingests and forks
 * that many workers, and tells them when the library changed (`clusterWorker`).
 *
 * In production this runs as built JavaScript (`dist/server.js`, see `scripts/start.mjs`). What only
 * some configurations need (the LLM client and `@langchain/openai`, cluster mode) is imported when
 * configured, so a plain start does not load it.
 */
export async function runWorker(config: AppConfig, logger: Logger, options: { clusterWorker?: boolean } = {}): Promise<void> {
  let services: AppServices | null = null;
  let draining = false;
  const streams = new StreamRegistry();
  const shutdownCutoff = new AbortController();
  // Before listening: a replica that cannot reach the shared Redis must not serve with its own counts.
  const shared = config.redisUrl ? await (await import('../server/shared-store.js')).connectSharedStore(config.redisUrl, logger, { timeoutMs: config.redisTimeoutMs }) : null;
  if (shared) logger.info('rate limits, the answer cache and the LLM stream cap shared through redis');
  const answerCache = new AnswerCache({ ...config.answerCache, ...(shared ? { shared: shared.answerStore } : {}) });
  const app = createApp({
    services: () => services,
    logger,
    isDraining: () => draining,
    eventStream: { registry: streams },
    corsOrigins: config.corsOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    ...(shared ? { rateLimitStore: shared.rateLimitStore } : {}),
    trustProxyHops: config.trustProxyHops,
    requestTimeoutMs: config.requestTimeoutMs,
    metrics: new AppMetrics({ defaultMetrics: true, openStreams: () => streams.size, answerCache: () => answerCache.stats() }),
    shutdownSignal: shutdownCutoff.signal,
  });

  // Node's own bounds come after the app's (REQUEST_TIMEOUT_MS), which answers a slow body first.
  const nodeRequestTimeoutMs = config.requestTimeoutMs + 5_000;
  const server = createHttpServer(app, {
    headersTimeoutMs: Math.min(DEFAULT_HTTP_SERVER_OPTIONS.headersTimeoutMs, nodeRequestTimeoutMs),
    requestTimeoutMs: nodeRequestTimeoutMs,
    connectionsCheckingIntervalMs: 1_000,
    turnSliceMs: config.httpTurnSliceMs,
    logger,
  });
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(`listening on http://${config.host}:${port}`);

  const shutdown = gracefulShutdown({
    server,
    streams,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    startDraining: () => {
      draining = true;
    },
    finishNow: () => shutdownCutoff.abort(),
  });
  let watcher: CorpusWatcher | null = null;
  process.on('SIGTERM', () => {
    watcher?.close();
    void shutdown('SIGTERM');
  });
  process.on('SIGINT', () => {
    watcher?.close();
    void shutdown('SIGINT');
  });

  let llm: ((index: SearchIndex) => LlmAnswerer) | null = null;
  if (config.llm) {
    const { createChatModel, LlmAnswerer } = await import('../llm/answer-llm.js');
    const model = createChatModel(config.llm);
    const prompts = await loadPrompts();
    llm = (index) => new LlmAnswerer(model, prompts, index.article);
    logger.info({ model: config.llm.model }, 'answers by LLM, with the extractive answerer as fallback');
  }
  const buildOptions: BuildServicesOptions = {
    llm,
    llmTimeoutMs: config.llm?.timeoutMs,
    maxLlmStreams: config.maxLlmStreams,
    maxLlmStreamsPerClient: config.maxLlmStreamsPerClient,
    ...(shared ? { llmLimiter: shared.llmStreamLimiter(config.maxLlmStreams, config.maxLlmStreamsPerClient) } : {}),
    logger,
    answerCache,
  };
  const log = (message: string) => logger.warn(message);
  let built: AppServices;
  let rebuilt: string[];
  let live: DiskLibrary | null = null;
  let updateAfterReady = false;
  if (await corpusIsFolder(config)) {
    // A catalog of these settings is served at once and brought up to date right after (10,000
    // files stat'ed: half a second); without one (a first start, other settings or code), the
    // indexes are brought up to date first. In cluster mode the primary does it.
    const read = options.clusterWorker ? null : await readCatalogFile(config.indexDir);
    const current = options.clusterWorker || (read !== null && catalogIsCurrent(config, read.catalog));
    const update = current ? null : await updateLibrary(config, { log });
    updateAfterReady = current && !options.clusterWorker;
    rebuilt = update?.rebuilt.map((r) => r.id) ?? [];
    live = await DiskLibrary.open(config, { ...buildOptions, cacheArticles: config.libraryCacheArticles, log, ...(current && read ? { catalog: read } : {}) });
    built = live.services;
    warnIfHeapTooSmall(config, logger);
  } else {
    const library = await loadOrBuildLibrary(config, log);
    rebuilt = library.articles.filter((a) => a.rebuiltBecause !== null).map((a) => a.id);
    built = buildLibraryServices(library, buildOptions);
  }
  for (const failed of built.failures) logger.error({ article: failed.id, file: failed.path }, `article not served: ${failed.message}`);
  // Before saying ready: the first requests would otherwise wait for the parts to be built.
  const warmUpMs = await warmUp(built);
  services = built;
  const { entries } = built.library;
  logger.info(
    {
      articles: entries.length,
      passages: entries.reduce((sum, a) => sum + a.passages, 0),
      embedder: built.index.manifest.embedder,
      rebuilt: rebuilt.length > 0,
      rebuiltArticles: rebuilt,
      unavailable: built.failures.map((f) => f.id),
      warmUpMs: Math.round(warmUpMs),
    },
    'index ready',
  );
  if (!live) return;
  const library = live;
  // A new catalog: the next requests get the new services; those under way keep theirs.
  const reload = async () => {
    if (!(await library.reload())) return;
    if (!draining) services = library.services;
    logger.info({ articles: library.services.library.entries.length, unavailable: library.services.failures.map((f) => f.id), outsideLibraryIndex: library.outside }, 'library reloaded');
  };
  const reloadLogged = () => reload().catch((error: unknown) => logger.error({ err: error }, 'library reload failed; still serving the previous one'));
  if (options.clusterWorker) {
    process.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === LIBRARY_UPDATED) void reloadLogged();
    });
    return;
  }
  watcher = watchIfConfigured(config, logger, reloadLogged);
  if (updateAfterReady) void updateOnce(config, logger, watcher, reloadLogged);
}

/** Whether a catalog was written with the settings and code of this start (then it can be served before the update). */
function catalogIsCurrent(config: AppConfig, catalog: Catalog): boolean {
  return catalog.settingsSha256 === hashSettings(indexSettings({ embeddings: config.embeddings })) && catalog.embedder === embedderIdentity(config.embeddings);
}

/** The update a start runs after it is ready: through the watcher when there is one, else once. */
async function updateOnce(config: AppConfig, logger: Logger, watcher: CorpusWatcher | null, onChange: () => Promise<void>): Promise<void> {
  try {
    if (watcher) return await watcher.update();
    const update = await updateLibrary(config, { log: (message) => logger.warn(message) });
    if (!update.changed) return;
    logger.info(updateSummary(update), 'corpus changed since the last ingest: library updated');
    await onChange();
  } catch (error) {
    logger.error({ err: error }, 'corpus update failed; still serving the library as last ingested');
  }
}

/**
 * The primary of cluster mode: make sure the index is current, then fork and watch the workers.
 * `entry` is the module the workers run: the one that started the primary, built
 * (`dist/server.js`) or through tsx.
 */
export async function runPrimary(config: AppConfig, logger: Logger, entry: string): Promise<void> {
  const { default: cluster } = await import('node:cluster');
  cluster.setupPrimary({ exec: entry });
  const folder = await corpusIsFolder(config);
  // As one server does: a current catalog is served at once (the workers open it) and brought up to date after.
  const read = folder ? await readCatalogFile(config.indexDir) : null;
  const current = read !== null && catalogIsCurrent(config, read.catalog);
  if (!current) await updateLibrary(config, { log: (message) => logger.warn(message) });
  let stopping = false;
  // The primary ingests what changes in the corpus, and tells the workers to read the new catalog.
  const tellWorkers = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ type: LIBRARY_UPDATED });
  };
  const watcher = folder ? watchIfConfigured(config, logger, tellWorkers) : null;
  for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
  logger.info({ workers: config.webConcurrency }, 'cluster started');
  if (current) void updateOnce(config, logger, watcher, async () => tellWorkers());
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    watcher?.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 1000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
