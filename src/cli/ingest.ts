import { loadConfig } from '../config.js';
import { CorpusError } from '../corpus/parse-article.js';
import { updateLibrary } from '../index/load-library.js';

/**
 * `npm run ingest [-- --force]`: for every article of the corpus, parse, chunk, embed and write its
 * index to `INDEX_DIR/<id>/`, skipping the articles whose index is current (same text, settings and
 * embedder; `--force` rebuilds them too). A file that cannot be parsed is named and the others are
 * still built; the run then exits 1. A failed build leaves that article's old index untouched.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown[0]}; usage: npm run ingest [-- --force]`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const started = performance.now();
  const update = await updateLibrary(config, { force: args.includes('--force') });
  if (update.removedStale.length > 0) console.log(`removed what interrupted builds left behind: ${update.removedStale.join(', ')}`);
  for (const { id, indexDir, reason, result } of update.rebuilt) {
    const { manifest } = result;
    if (result.removedStale.length > 0) console.log(`removed what an interrupted build left behind: ${result.removedStale.join(', ')}`);
    console.log(
      `${id}: index written to ${indexDir}: ${manifest.chunks} passages, ${manifest.dimensions} dimensions, ` +
        `${(result.bytes / 1024).toFixed(1)} KiB, ${Math.round(result.durationMs)} ms (embedder ${manifest.embedder}; ${reason})`,
    );
  }
  for (const id of update.current) console.log(`${id}: index current, left as it was`);
  console.log(
    `indexes in ${config.indexDir}: ${update.rebuilt.length} rebuilt, ${update.current.length} current, ` +
      `${update.failures.length} failed, ${Math.round(performance.now() - started)} ms`,
  );
  if (update.failures.length > 0) {
    for (const failed of update.failures) console.error(`ingest failed: ${failed.message}`);
    console.error('the previous index of a failed article, if any, was left as it was');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof CorpusError ? error.message : (error as Error)?.stack ?? String(error);
  console.error(`ingest failed: ${message}`);
  console.error('the previous index, if any, was left as it was');
  process.exitCode = 1;
});
