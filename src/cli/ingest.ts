import { loadConfig } from '../config.js';
import { CorpusError } from '../corpus/parse-article.js';
import { buildIndex } from '../index/build-index.js';

/**
 * `npm run ingest`: parse the corpus, chunk, embed and write the index to `INDEX_DIR`.
 * A missing or empty corpus exits non-zero with a clear message and leaves the old index untouched.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const result = await buildIndex(config);
  const { manifest } = result;
  if (result.removedStale.length > 0) console.log(`removed what an interrupted build left behind: ${result.removedStale.join(', ')}`);
  console.log(
    `index written to ${config.indexDir}: ${manifest.chunks} passages, ${manifest.dimensions} dimensions, ` +
      `${(result.bytes / 1024).toFixed(1)} KiB, ${Math.round(result.durationMs)} ms (embedder ${manifest.embedder})`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof CorpusError ? error.message : (error as Error)?.stack ?? String(error);
  console.error(`ingest failed: ${message}`);
  console.error('the previous index, if any, was left as it was');
  process.exitCode = 1;
});
