import { once } from 'node:events';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { createChatModel, LlmAnswerer } from './answer/answer-llm.js';
import { loadPrompts } from './answer/load-prompts.js';
import { loadOrBuildIndex } from './index/load-index.js';
import type { AppServices } from './server/app-services.js';
import { buildServices } from './server/build-services.js';
import { createApp } from './server/create-app.js';

/**
 * `npm start`: load config, listen at once (so `/healthz` answers 503 while loading), load the
 * index (rebuilding it when missing, stale or damaged, and saying so), then serve.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  let services: AppServices | null = null;
  let draining = false;
  const app = createApp({ services: () => services, logger, isDraining: () => draining });

  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(`listening on http://${config.host}:${port}`);

  const { index, rebuiltBecause } = await loadOrBuildIndex(config, (message) => logger.warn(message));
  let llm: LlmAnswerer | null = null;
  if (config.llm) {
    llm = new LlmAnswerer(createChatModel(config.llm), await loadPrompts(), index.article);
    logger.info({ model: config.llm.model }, 'answers by LLM, with the extractive answerer as fallback');
  }
  services = buildServices(index, { llm, llmTimeoutMs: config.llm?.timeoutMs, logger });
  logger.info(
    { passages: index.chunks.length, embedder: index.manifest.embedder, rebuilt: rebuiltBecause !== null },
    'index ready',
  );

  const shutdown = (signal: string) => {
    if (draining) return;
    draining = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
