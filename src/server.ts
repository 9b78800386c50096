import { fileURLToPath } from 'node:url';
import { runPrimary, runWorker } from './app/run-server.js';
import { ConfigError, loadConfig } from './config.js';
import { removeStaleBuildFolders } from './index/build-index.js';
import { createLogger } from './server/create-logger.js';

/**
 * The entry of `npm start` (built as `dist/server.js`, see `scripts/start.mjs`) and `npm run dev`:
 * read the settings, make the logger, clear what a killed build left, then run one server
 * (`src/app/run-server.ts`) or, with `WEB_CONCURRENCY` > 1, a primary that forks that many workers
 * of this same module.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.llm?.apiKey, config.embeddings.provider === 'openai' ? config.embeddings.apiKey : undefined],
  });
  // Before the index is checked: folders a killed build left (`kill -9` during `npm run ingest`).
  const removed = await removeStaleBuildFolders(config.indexDir);
  if (removed.length > 0) logger.warn({ removed }, 'removed the folders an interrupted index build left behind');
  const isWorker = config.webConcurrency > 1 && (await import('node:cluster')).default.isWorker;
  if (config.webConcurrency > 1 && !isWorker) await runPrimary(config, logger, fileURLToPath(import.meta.url));
  else await runWorker(config, logger, { clusterWorker: isWorker });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
