import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { explainAttribution } from '../corpus/explain-attribution.js';
import { CorpusError, readArticle, readCorpusFile } from '../corpus/parse-article.js';
import { articleOption } from '../index/article-sources.js';
import { listArticles, updateLibrary } from '../index/load-library.js';

/** Current articles listed one a line; past this many, counted. */
const MAX_CURRENT_LISTED = 50;

const USAGE = 'usage: npm run ingest [-- --force] [--article ID] | npm run ingest -- --explain FILE';

/**
 * `npm run ingest [-- --force]`: for every article of the corpus, parse, chunk, embed and write its
 * index to `INDEX_DIR/<id>/`, skipping the articles whose index is current (same text, settings and
 * embedder; `--force` rebuilds them too). A file that cannot be parsed, or whose reading is refused
 * (too few of its turns explained), is named with why and the others are still built; the run then
 * exits 1. A served article whose reading has doubts is listed with them. A failed build leaves
 * that article's old index untouched.
 *
 * `npm run ingest -- --article ID` does the same for that article alone.
 *
 * `npm run ingest -- --explain FILE` builds nothing: it prints each paragraph of FILE with its
 * speaker and how it was decided, the layout chosen and its score, the doubts and the verdict;
 * it exits 1 when the article would be refused.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--explain') {
    if (args.length !== 2) {
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    const { article, refusal } = readArticle(await readCorpusFile(args[1]!));
    for (const line of explainAttribution(article, refusal)) console.log(line);
    if (refusal) process.exitCode = 1;
    return;
  }
  // `--article ID`: that article alone, as if the corpus were its file.
  const library = loadConfig();
  const { config: scoped, rest } = args.includes('--article') ? articleOption(library, args) : { config: library, rest: args };
  const unknown = rest.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown[0]}; ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = scoped;
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
  // A library's current articles, one line each, up to a few: 10,000 lines say nothing.
  const shown = update.current.length <= MAX_CURRENT_LISTED ? update.current : update.current.slice(0, MAX_CURRENT_LISTED);
  for (const id of shown) console.log(`${id}: index current, left as it was`);
  if (shown.length < update.current.length) console.log(`… and ${update.current.length - shown.length} more articles current, left as they were`);
  for (const id of update.removed) console.log(`${id}: its file is gone; no longer served`);
  // The doubts of the served articles: served, and marked, never silently (a library's from its catalog).
  const failed = new Set(update.failures.map((f) => f.id));
  const doubts = update.catalog
    ? update.catalog.articles.map((a) => ({ id: a.id, path: join(config.corpusPath, `${a.id}.txt`), doubts: a.doubts }))
    : await Promise.all(
        (await listArticles(config))
          .filter((source) => !failed.has(source.id))
          .map(async (source) => ({ id: source.id, path: source.path, doubts: readArticle(await readCorpusFile(source.path)).article.doubts })),
      );
  for (const { id, path, doubts: marked } of doubts) {
    if (marked.length === 0) continue;
    console.log(`${id}: served with ${marked.length} doubt(s) marked (npm run ingest -- --explain ${path}):`);
    for (const d of marked) console.log(`  ${d.paragraph === null ? '' : `paragraph ${d.paragraph}: `}${d.message}`);
  }
  if (update.libraryIndexRebuilt) console.log(`library index rebuilt: ${update.libraryIndexRebuilt}`);
  console.log(
    `indexes in ${config.indexDir}: ${update.rebuilt.length} rebuilt, ${update.current.length} current, ` +
      `${update.failures.length} failed, ${Math.round(performance.now() - started)} ms`,
  );
  if (update.failures.length > 0) {
    for (const failure of update.failures) console.error(`ingest failed: ${failure.message}`);
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
