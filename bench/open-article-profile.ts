import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { buildArticleParts } from '../src/app/build-services.js';
import type { Article } from '../src/corpus/parse-article.js';
import { ARTICLE_FILE, EMBEDDER_STATE_FILE } from '../src/index/build-index.js';
import type { Chunk } from '../src/index/chunk-paragraphs.js';
import { createEmbeddingsForLoad } from '../src/index/create-embeddings.js';
import { HnswStore } from '../src/index/hnsw-store.js';
import { readManifest } from '../src/index/index-manifest.js';
import { defaultArticleConfig, updateLibrary } from '../src/index/load-library.js';
import { checkIndexFiles, loadBuiltIndex, type SearchIndex } from '../src/index/load-index.js';
import type { LocalEmbeddingsState } from '../src/index/local-embeddings.js';
import { LexicalIndex } from '../src/retrieval/lexical-search.js';
import { ParagraphBigramRanker } from '../src/retrieval/paragraph-bigram-ranker.js';
import { parseBenchOptions } from './support/bench-options.js';
import { syntheticArticle, syntheticExperts } from './support/synthetic-articles.js';

/**
 * `npm run bench:open-article [-- --articles 50]`: where an article's first opening goes (issue 21).
 * A synthetic library (bench/support/synthetic-articles.ts) is ingested into a temporary folder, then
 * each article is opened from disk once, cold (the process has opened none of it before), step by
 * step as the server opens it: its index read (manifest and checksums, `article.json`, the embedder,
 * the HNSW store, the passages), then its search, verifier and answerer built and a first question
 * answered, as a question across the library does. The first article is opened twice and its
 * figures left out (the modules' own first use: jieba's dictionary, pinyin's tables).
 */
const options = parseBenchOptions({ articles: { type: 'integer', default: 50, quick: 20 } });

const ms = (value: number) => value.toFixed(2);

/** Steps of the opening measured apart, inside another step: not added to the total. */
const INSIDE = '  (inside the next step) ';

async function timed<T>(times: Map<string, number[]>, step: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  const list = times.get(step) ?? [];
  list.push(performance.now() - started);
  times.set(step, list);
  return result;
}

/** The retrieval tables module, where the code has one (it came with issue 21's second step). */
const tablesModule = await import('../src/index/retrieval-tables.js').catch(() => null);

/** Opens one article's index from disk step by step, as `loadIndex` does. */
async function openSteps(times: Map<string, number[]>, indexDir: string, embeddingsConfig: Parameters<typeof createEmbeddingsForLoad>[0]): Promise<SearchIndex> {
  const manifest = (await timed(times, 'read: manifest', () => readManifest(indexDir)))!;
  await timed(times, 'read: checksums of the files', () => checkIndexFiles(indexDir, manifest));
  const article = await timed(times, 'read: article.json', async () => JSON.parse(await readFile(join(indexDir, ARTICLE_FILE), 'utf8')) as Article);
  const embeddings = await timed(times, 'read: embedder.json and the embedder', async () =>
    createEmbeddingsForLoad(embeddingsConfig, JSON.parse(await readFile(join(indexDir, EMBEDDER_STATE_FILE), 'utf8')) as LocalEmbeddingsState),
  );
  const tables =
    tablesModule && tablesModule.RETRIEVAL_FILE in manifest.files ? await timed(times, 'read: retrieval.json', () => tablesModule.readRetrievalTables(indexDir, manifest.chunks)) : null;
  const store = await timed(times, 'read: HNSW store (hnswlib.index, docstore.json)', () => HnswStore.load(indexDir, { exactSearchChecked: tables?.exactSearch ?? null }));
  store.index.setEf(Math.max(64, Math.min(400, manifest.chunks)));
  const chunks: Chunk[] = [];
  await timed(times, 'read: passages from the docstore', () => {
    for (let i = 0; i < manifest.chunks; i++) {
      const doc = store.docstore.search(String(i));
      chunks.push({ ...(doc.metadata as Omit<Chunk, 'searchText'>), searchText: doc.pageContent });
    }
  });
  return { article, chunks, store, embeddings, manifest, ...(tables ? { tables } : {}) };
}

/** Builds an opened article's parts and answers a first question, timing each part. */
async function firstAnswer(times: Map<string, number[]>, index: SearchIndex, question: string): Promise<void> {
  const words = (index as { tables?: { passageWords: string[][] } }).tables?.passageWords ?? null;
  // The retriever's parts, built apart first (each again inside the next step).
  await timed(times, `${INSIDE}build: word and bigram BM25 (jieba over the passages unless the index keeps their words)`, () => new LexicalIndex(index.chunks.map((c) => c.searchText), {}, words));
  await timed(times, `${INSIDE}build: paragraph bigram ranker`, () => new ParagraphBigramRanker(new Map(index.article.paragraphs.map((p) => [p.id, p.text])), index.chunks));
  const parts = await timed(times, 'build: retriever, verifier, answerer', () => buildArticleParts(index, {}, null, 'profile'));
  await timed(times, 'first question: analysis (homophone table built here)', () => parts.retriever.analyzer.analyzeQuery(question));
  await timed(times, 'first question: vector search (the exact search checked against hnswlib here)', async () => index.store.similaritySearchVectorWithScore(await index.embeddings.embedQuery(question), Math.min(50, index.chunks.length)));
  await timed(times, 'first question: retrieval', () => parts.retriever.retrieve(question));
  await timed(times, 'first question: answered (analysis and retrieval again, answer)', () => parts.answerer.answer({ messages: [{ role: 'user', content: question }] }));
  // Not part of the opening: what a question costs once the article is open, for comparison.
  await timed(times, `${INSIDE.replace('the next step', 'no step')}second question: answered (the article open)`, () => parts.answerer.answer({ messages: [{ role: 'user', content: `${question}还有呢` }] }));
}

async function main(): Promise<void> {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const raw = await readFile(defaultArticleConfig(base).corpusPath, 'utf8');
  const work = join(tmpdir(), `qh-open-profile-${process.pid}`);
  const corpus = join(work, 'corpus');
  const index = join(work, 'index');
  const n = options.articles;
  try {
    await mkdir(corpus, { recursive: true });
    for (let i = 0; i <= n; i++) await writeFile(join(corpus, `synthetic-${String(i).padStart(5, '0')}.txt`), syntheticArticle(raw, i + 1));
    const config = { ...base, corpusPath: corpus, indexDir: index };
    const ingestStarted = performance.now();
    await updateLibrary(config);
    const ingestMs = performance.now() - ingestStarted;
    console.log(`# Opening an article, ${n} synthetic articles, cold; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`ingest: ${(ingestMs / (n + 1)).toFixed(0)} ms an article\n`);
    // PROFILE_OUT=file.cpuprofile: V8's CPU profile of the openings alone (not the ingest).
    const session = process.env.PROFILE_OUT ? new Session() : null;
    session?.connect();
    const post = (method: string) => new Promise<unknown>((resolve, reject) => session!.post(method, (error, result) => (error ? reject(error) : resolve(result))));
    if (session) {
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    const times = new Map<string, number[]>();
    const whole: number[] = [];
    for (let i = 0; i <= n; i++) {
      const id = `synthetic-${String(i).padStart(5, '0')}`;
      const question = `${syntheticExperts(i + 1)[i % 6]}怎么看人才问题？`;
      // Article 0 warms the modules: profiled twice, counted neither time.
      const stepTimes = i === 0 ? new Map<string, number[]>() : times;
      await firstAnswer(stepTimes, await openSteps(stepTimes, join(index, id), base.embeddings), question);
      if (i > 0) whole.push([...times].filter(([step]) => !step.startsWith('  (')).reduce((sum, [, list]) => sum + list.at(-1)!, 0));
      if (i === 0) {
        // The same opening as the server's (loadBuiltIndex), to check the steps add up to it.
        await firstAnswer(new Map(), await loadBuiltIndex({ corpusPath: join(corpus, `${id}.txt`), indexDir: join(index, id), embeddings: base.embeddings }), question);
      }
    }
    if (session) await writeFile(process.env.PROFILE_OUT!, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    const total = mean(whole);
    console.log('| step | median ms | mean ms | share of the mean |\n| --- | ---: | ---: | ---: |');
    for (const [step, list] of times) console.log(`| ${step} | ${ms(median(list))} | ${ms(mean(list))} | ${((100 * mean(list)) / total).toFixed(0)}% |`);
    console.log(`| **opening and first answer** | ${ms(median(whole))} | ${ms(total)} | 100% |`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
