import { once } from 'node:events';
import type { Logger } from 'pino';
import { AnswerCache } from '../answer/answer-cache.js';
import type { LlmAnswerer } from '../llm/index.js';
import type { SearchIndex } from '../index/load-index.js';
import { loadPrompts } from '../llm/load-prompts.js';
import type { AppConfig } from '../config.js';
import { loadOrBuildLibrary, updateLibrary } from '../index/load-library.js';
import type { AppServices } from '../server/app-services.js';
import { buildLibraryServices } from './build-services.js';
import { createApp } from '../server/create-app.js';
import { createHttpServer, DEFAULT_HTTP_SERVER_OPTIONS } from '../server/create-http-server.js';
import { StreamRegistry } from '../server/event-stream.js';
import { AppMetrics } from '../server/metrics.js';
import { gracefulShutdown } from '../server/graceful-shutdown.js';
import { warmUp } from '../server/warm-up.js';

/**
 * `npm start`: load config, listen at once (so `/healthz` answers 503 while loading), load the
 * index (rebuilding it when missing, stale or damaged, and saying so), then serve. With
 * `WEB_CONCURRENCY` > 1 a primary process checks the index once and forks that many workers.
 *
 * In production this runs as built JavaScript (`dist/server.js`, see `scripts/start.mjs`). What only
 * some configurations need (the LLM client and `@langchain/openai`, cluster mode) is imported when
 * configured, so a plain start does not load it.
 */
export async function runWorker(config: AppConfig, logger: Logger): Promise<void> {
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
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const library = await loadOrBuildLibrary(config, (message) => logger.warn(message));
  for (const failed of library.failures) logger.error({ article: failed.id, file: failed.path }, `article not served: ${failed.message}`);
  let llm: ((index: SearchIndex) => LlmAnswerer) | null = null;
  if (config.llm) {
    const { createChatModel, LlmAnswerer } = await import('../llm/answer-llm.js');
    const model = createChatModel(config.llm);
    const prompts = await loadPrompts();
    llm = (index) => new LlmAnswerer(model, prompts, index.article);
    logger.info({ model: config.llm.model }, 'answers by LLM, with the extractive answerer as fallback');
  }
  const built = buildLibraryServices(library, {
    llm,
    llmTimeoutMs: config.llm?.timeoutMs,
    maxLlmStreams: config.maxLlmStreams,
    maxLlmStreamsPerClient: config.maxLlmStreamsPerClient,
    ...(shared ? { llmLimiter: shared.llmStreamLimiter(config.maxLlmStreams, config.maxLlmStreamsPerClient) } : {}),
    logger,
    answerCache,
  });
  // Before saying ready: the first requests would otherwise wait for the parts to be built.
  const warmUpMs = await warmUp(built);
  services = built;
  const rebuilt = library.articles.filter((a) => a.rebuiltBecause !== null).map((a) => a.id);
  logger.info(
    {
      articles: library.articles.length,
      passages: library.articles.reduce((sum, a) => sum + a.index.chunks.length, 0),
      embedder: services.index.manifest.embedder,
      rebuilt: rebuilt.length > 0,
      rebuiltArticles: rebuilt,
      unavailable: library.failures.map((f) => f.id),
      warmUpMs: Math.round(warmUpMs),
    },
    'index ready',
  );
}

/**
 * The primary of cluster mode: make sure the index is current, then fork and watch the workers.
 * `entry` is the module the workers run: the one that started the primary, built
 * (`dist/server.js`) or through tsx.
 */
export async function runPrimary(config: AppConfig, logger: Logger, entry: string): Promise<void> {
  const { default: cluster } = await import('node:cluster');
  cluster.setupPrimary({ exec: entry });
  await updateLibrary(config, { log: (message) => logger.warn(message) });
  let stopping = false;
  for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
  logger.info({ workers: config.webConcurrency }, 'cluster started');
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 1000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
