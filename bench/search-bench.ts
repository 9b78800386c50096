/**
 * `npm run bench:search`: measures search, it asserts nothing about time.
 *
 *  1. Ingest of the real corpus: `buildIndex` into a temporary folder (never the project's `index/`),
 *     wall time as the median of several runs, and the bytes of the index's files.
 *  2. `GET /api/search` under autocannon against the real index, beside a bare Express endpoint
 *     measured with the same settings, so that the figure has a baseline.
 *  3. How query latency grows with the corpus: synthetic corpora recombined from the article's own
 *     sentences, each built and queried in a child process so that its memory is its own.
 *  4. The machine it ran on.
 *
 * Results are printed as Markdown and written to `bench/results/search.json`.
 *
 * Options (after `npm run bench:search --`):
 *   --quick                  short run: 3 ingest runs, 3 s per load run, 50 queries, sizes 1000,10000
 *   --sizes 1000,10000       synthetic corpus sizes (default 1000,10000,100000)
 *   --duration 10            seconds per autocannon run
 *   --queries 200            queries per synthetic size
 *   --max-build-seconds 360  a size whose build is estimated to take longer is not built, only extrapolated
 *   --query-seconds 40       per size and query path, stop drawing queries after this long (at least 20 are run)
 */
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Embeddings } from '@langchain/core/embeddings';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { loadArticle, type Article } from '../src/corpus/parse-article.js';
import { splitSentences } from '../src/corpus/split-sentences.js';
import { buildIndex, chunkToDocument } from '../src/index/build-index.js';
import { chunkParagraphs, type Chunk } from '../src/index/chunk-paragraphs.js';
import { INDEX_FORMAT_VERSION } from '../src/index/index-manifest.js';
import { checkIndex, loadIndex, type SearchIndex } from '../src/index/load-index.js';
import { LocalEmbeddings } from '../src/index/local-embeddings.js';
import { tokenizeWords } from '../src/index/tokenize-chinese.js';
import { Retriever } from '../src/retrieval/retrieve.js';
import { buildServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { autocannonCounts, type AutocannonCounts } from './support/autocannon-counts.js';
import { parseBenchOptions } from './support/bench-options.js';
import { latencySummary, type LatencySummary } from './support/latency-summary.js';
import { machineInfo, sourceRevision, type MachineInfo } from './support/machine-info.js';
import { searchPath } from './support/search-path.js';
import { timedServer, type TimedServer } from './support/timed-server.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { seededRandom as prng } from '../test/support/seeded-random.js';

// ---------------------------------------------------------------------------------------------
// Settings

const THIS_FILE = fileURLToPath(import.meta.url);
const RESULTS_FILE = join(dirname(THIS_FILE), 'results', 'search.json');
const SEED = 20240531;
/** Candidates the retriever asks HNSW for (`Math.max(50, k * 5)` at k = 5). */
const HNSW_K = 50;
/** Fewest queries timed per path, even when the query time budget runs out. */
const MIN_QUERIES = 20;

/** Questions a reader of the interview might ask; queries are drawn from these. */
const QUESTIONS = [
  '什么是新质生产力？',
  '青海发展新质生产力有哪些优势？',
  '青海发展新质生产力最大的短板是什么？',
  '如何因地制宜发展新质生产力？',
  '李娜怎么看科技创新？',
  '刘畅认为青海的生态优势体现在哪里？',
  '西宁经济技术开发区在培育新质生产力方面做了什么？',
  '科技厅如何推动科技成果转化？',
  '全面深化改革对发展新质生产力有什么作用？',
  '青海如何打造产业“四地”？',
  '清洁能源产业怎样发展？',
  '盐湖资源如何综合利用？',
  '数字经济在青海有哪些应用？',
  '人才短缺的问题怎么解决？',
  '新质生产力和传统产业是什么关系？',
  '有哪些嘉宾参加了对话？',
  '生产关系要怎样适应新质生产力？',
  '青海的绿色低碳转型有哪些举措？',
  '任君对人才培养有什么建议？',
  '魏晓强谈到了哪些体制机制改革？',
  '马冠奎怎么看科技创新平台建设？',
  '王中毅介绍了开发区的哪些产业？',
  '发展新质生产力要防止哪些倾向？',
  '主持人最后问了什么？',
];

interface Options {
  quick: boolean;
  sizes: number[];
  ingestRuns: number;
  durationS: number;
  queries: number;
  maxBuildSeconds: number;
  querySeconds: number;
}

function readOptions(): Options & { scaleChild: number | null } {
  const values = parseBenchOptions({
    sizes: { type: 'integers', default: [1000, 10000, 100000], quick: [1000, 10000], sorted: true },
    duration: { type: 'integer', default: 10, quick: 3 },
    queries: { type: 'integer', default: 200, quick: 50 },
    'max-build-seconds': { type: 'integer', default: 360 },
    'query-seconds': { type: 'integer', default: 40, quick: 15 },
    'scale-child': { type: 'integer', default: null },
  });
  return {
    quick: values.quick,
    sizes: values.sizes,
    ingestRuns: values.quick ? 3 : 5,
    durationS: values.duration,
    queries: values.queries,
    maxBuildSeconds: values['max-build-seconds'],
    querySeconds: values['query-seconds'],
    scaleChild: values['scale-child'],
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers


function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  return value.toFixed(1);
}

const mib = (bytes: number) => bytes / 2 ** 20;

function log(message: string): void {
  console.log(message);
}

/** Bytes of each file of a folder (the index is flat). */
async function folderFiles(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) out[entry.name] = (await stat(join(dir, entry.name))).size;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. Ingest

interface IngestResult {
  runs: number;
  wallMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  chunks: number;
  dimensions: number;
  /** Bytes of the index folder's files, summed by this benchmark. */
  bytesOnDisk: number;
  /** What `buildIndex` reports (its files plus the manifest). */
  bytesReported: number;
  files: Record<string, number>;
}

async function benchIngest(indexDir: string, runs: number): Promise<IngestResult> {
  const config = defaultArticleConfig(loadConfig());
  const wallMs: number[] = [];
  let last: Awaited<ReturnType<typeof buildIndex>> | null = null;
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    last = await buildIndex({ ...config, indexDir });
    const wall = performance.now() - started;
    wallMs.push(wall);
    log(`  run ${run}/${runs}: ${ms(wall)} ms${run === 1 ? ' (includes loading the jieba dictionary)' : ''}`);
  }
  const files = await folderFiles(indexDir);
  return {
    runs,
    wallMs: wallMs.map((v) => Number(v.toFixed(2))),
    medianMs: median(wallMs),
    minMs: Math.min(...wallMs),
    maxMs: Math.max(...wallMs),
    chunks: last!.manifest.chunks,
    dimensions: last!.manifest.dimensions,
    bytesOnDisk: Object.values(files).reduce((a, b) => a + b, 0),
    bytesReported: last!.bytes,
    files,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. HTTP

interface LoadRun extends AutocannonCounts {
  target: 'search' | 'bare';
  connections: number;
  durationS: number;
  /** Client-side latency from autocannon; its histogram has 1 ms resolution (values are truncated). */
  clientP50Ms: number;
  clientP99Ms: number;
  clientMeanMs: number;
  /** Server-side handling time, measured in the server with performance.now(). */
  serverP50Ms: number;
  serverP99Ms: number;
}

async function load(
  target: LoadRun['target'],
  listening: TimedServer,
  paths: string[],
  connections: number,
  durationS: number,
): Promise<LoadRun> {
  listening.samples.length = 0;
  const result = await autocannon({
    url: listening.url,
    connections,
    duration: durationS,
    workers: 1,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const server = latencySummary(listening.samples);
  const run: LoadRun = {
    target,
    connections,
    durationS,
    ...autocannonCounts(result),
    clientP50Ms: result.latency.p50,
    clientP99Ms: result.latency.p99,
    clientMeanMs: result.latency.mean,
    serverP50Ms: server.p50,
    serverP99Ms: server.p99,
  };
  log(
    `  ${target.padEnd(6)} c=${String(connections).padStart(2)}: ${run.reqPerSec.toFixed(0)} req/s, ` +
      `client p50 ${run.clientP50Ms} ms p99 ${run.clientP99Ms} ms, server p50 ${ms(run.serverP50Ms)} ms p99 ${ms(run.serverP99Ms)} ms, ` +
      `${run.total2xx} ok, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`,
  );
  return run;
}

interface HttpResult {
  questions: number;
  /** Passages each question returned once, before the load. */
  resultsPerQuestion: number[];
  /** `Retriever.retrieve` called directly on the same index, no HTTP. */
  inProcessRetrieve: LatencySummary;
  runs: LoadRun[];
  /** search req/s ÷ bare req/s, by connections. */
  ratio: Record<string, number>;
}

async function benchHttp(index: SearchIndex, options: Options): Promise<HttpResult> {
  const services = buildServices(index);
  const search = await timedServer(createApp({ services }));
  const bareApp = express();
  bareApp.get('/bare', (_q, res) => res.json({ ok: true }));
  const bare = await timedServer(bareApp);
  try {
    const resultsPerQuestion: number[] = [];
    for (const question of QUESTIONS) {
      const response = await fetch(search.url + searchPath(question));
      const body = (await response.json()) as { results?: unknown[] };
      if (response.status !== 200) log(`  warning: ${question} answered ${response.status}`);
      resultsPerQuestion.push(body.results?.length ?? 0);
    }
    log(`  ${QUESTIONS.length} questions, passages returned: ${resultsPerQuestion.join(' ')}`);

    for (const question of QUESTIONS) await services.retriever.retrieve(question, { k: 5 }); // warm-up
    const inProcess: number[] = [];
    for (let i = 0; i < Math.max(200, options.queries); i++) {
      const started = performance.now();
      await services.retriever.retrieve(QUESTIONS[i % QUESTIONS.length]!, { k: 5 });
      inProcess.push(performance.now() - started);
    }
    const inProcessRetrieve = latencySummary(inProcess);
    log(`  in-process retrieve (no HTTP): p50 ${ms(inProcessRetrieve.p50)} ms, p99 ${ms(inProcessRetrieve.p99)} ms`);

    const searchPaths = QUESTIONS.map(searchPath);
    const warmS = options.quick ? 1 : 2;
    log(`  warming up (${warmS} s each, discarded)`);
    await load('search', search, searchPaths, 1, warmS);
    await load('bare', bare, ['/bare'], 1, warmS);

    const runs: LoadRun[] = [];
    const ratio: Record<string, number> = {};
    for (const connections of [1, 16]) {
      const s = await load('search', search, searchPaths, connections, options.durationS);
      const b = await load('bare', bare, ['/bare'], connections, options.durationS);
      runs.push(s, b);
      ratio[`c${connections}`] = s.reqPerSec / b.reqPerSec;
      log(`  ratio search/bare at c=${connections}: ${ratio[`c${connections}`]!.toFixed(3)}`);
    }
    return { questions: QUESTIONS.length, resultsPerQuestion, inProcessRetrieve, runs, ratio };
  } finally {
    await search.close();
    await bare.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Corpus size (runs in a child process per size)

const ROLE_LABELS: Record<Chunk['role'], string> = { editor: '编者', host: '主持人', expert: '嘉宾', author: '记者', quoted: '受访者', unattributed: '未判定' };

/**
 * `n` synthetic passages: 2 to 4 of the article's sentences, drawn at random, said by a random real
 * speaker in a random real section. The search text has the same shape as `chunkParagraphs` gives.
 * Each passage is a paragraph of its own, so the retriever never merges two as overlapping windows.
 */
function syntheticChunks(article: Article, n: number, seed: number): Chunk[] {
  const sentences = new Set<string>();
  for (const chunk of chunkParagraphs(article)) {
    for (const { start, end } of splitSentences(chunk.text)) {
      const sentence = chunk.text.slice(start, end).trim();
      if (sentence.length >= 4) sentences.add(sentence);
    }
  }
  const pool = [...sentences];
  const random = prng(seed);
  const chunks: Chunk[] = [];
  for (let i = 0; i < n; i++) {
    const count = 2 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let j = 0; j < count; j++) parts.push(pick(pool, random));
    const text = parts.join('');
    const speaker = pick(article.speakers, random);
    const section = pick(article.sections, random);
    const about = [ROLE_LABELS[speaker.role], speaker.title].filter(Boolean).join('，');
    const who = speaker.role === 'editor' ? speaker.name : `${speaker.name}（${about}）`;
    chunks.push({
      id: `p${i}:0-${text.length}`,
      speaker: speaker.name,
      role: speaker.role,
      title: speaker.title,
      section: section.name,
      sectionNumber: section.number,
      paragraph: i,
      start: 0,
      end: text.length,
      quoting: text.includes('习近平') && text.includes('“') ? '习近平' : null,
      text,
      searchText: `${who}｜${section.name}\n${text}`,
    });
  }
  return chunks;
}

/** Passes calls through and adds up the time spent embedding documents. */
class TimedEmbeddings extends Embeddings {
  documentMs = 0;

  constructor(private readonly inner: Embeddings) {
    super({});
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    const started = performance.now();
    try {
      return await this.inner.embedDocuments(texts);
    } finally {
      this.documentMs += performance.now() - started;
    }
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}

interface ScaleResult {
  size: number;
  status: 'measured' | 'skipped' | 'failed';
  /** Why it was not measured, and how the estimate was made. */
  note?: string;
  build?: {
    totalMs: number;
    generateMs: number;
    fitMs: number;
    embedMs: number;
    hnswInsertMs: number;
    lexicalIndexMs: number;
  };
  memory?: { rssBeforeMiB: number; rssAfterMiB: number; heapUsedAfterMiB: number };
  ef?: number;
  queries?: number;
  meanPassages?: number;
  hnsw?: LatencySummary;
  lexical?: LatencySummary;
  /** BM25 without max-score pruning (every posting of every query term), same queries. */
  lexicalExhaustive?: LatencySummary;
  retrieve?: LatencySummary;
  /** For a skipped size: figures scaled from the largest measured size (not measured). */
  estimate?: { buildMs: number; retrieveP50Ms: number; retrieveP99Ms: number; lexicalP50Ms: number; hnswP50Ms: number };
}

async function scaleChild(size: number, queryCount: number, querySeconds: number): Promise<ScaleResult> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const config = defaultArticleConfig(loadConfig());
  const { article } = await loadArticle(config.corpusPath);
  tokenizeWords('预热分词词典'); // loads the jieba dictionary before the clock starts
  gc();
  const rssBefore = process.memoryUsage().rss;

  const t0 = performance.now();
  const chunks = syntheticChunks(article, size, SEED);
  const t1 = performance.now();
  const embeddings = LocalEmbeddings.fit(chunks.map((c) => c.searchText));
  const t2 = performance.now();
  const timed = new TimedEmbeddings(embeddings);
  const store = await HNSWLib.fromDocuments(chunks.map(chunkToDocument), timed);
  const t3 = performance.now();
  // As `loadIndex` does for the real index.
  const ef = Math.max(64, Math.min(400, size));
  store.index.setEf(ef);
  const index: SearchIndex = {
    article,
    chunks,
    store,
    embeddings,
    manifest: {
      format: INDEX_FORMAT_VERSION,
      corpusSha256: 'synthetic',
      settingsSha256: 'synthetic',
      embedder: 'local-tfidf-v1',
      chunks: size,
      dimensions: store.args.numDimensions ?? 0,
      files: {},
    },
  };
  const retriever = new Retriever(index);
  const t4 = performance.now();
  gc();
  const memory = process.memoryUsage();
  const build = {
    totalMs: t4 - t0,
    generateMs: t1 - t0,
    fitMs: t2 - t1,
    embedMs: timed.documentMs,
    hnswInsertMs: t3 - t2 - timed.documentMs,
    lexicalIndexMs: t4 - t3,
  };
  log(
    `  [${size}] built in ${(build.totalMs / 1000).toFixed(1)} s (generate ${ms(build.generateMs)} ms, fit ${ms(build.fitMs)} ms, ` +
      `embed ${ms(build.embedMs)} ms, HNSW insert ${ms(build.hnswInsertMs)} ms, BM25 index ${ms(build.lexicalIndexMs)} ms); ` +
      `RSS ${mib(memory.rss).toFixed(0)} MiB (was ${mib(rssBefore).toFixed(0)}), heap ${mib(memory.heapUsed).toFixed(0)} MiB`,
  );

  const random = prng(SEED + size);
  const queries = Array.from({ length: queryCount }, () => pick(QUESTIONS, random));
  const k = Math.min(HNSW_K, size);
  const hnswQuery = async (q: string) => store.similaritySearchVectorWithScore(await embeddings.embedQuery(q), k);
  const lexicalQuery = async (q: string) => retriever.lexical.search(q, k);
  const exhaustiveQuery = async (q: string) => retriever.lexical.exhaustiveSearch(q, k);
  const retrieveQuery = async (q: string) => retriever.retrieve(q, { k: 5 });
  // Warm up each path (JIT, caches) on a few queries before timing.
  for (const q of QUESTIONS.slice(0, 5)) {
    await hnswQuery(q);
    await lexicalQuery(q);
    await exhaustiveQuery(q);
    await retrieveQuery(q);
  }
  // Each path gets the same queries in the same order, and stops early on a large corpus once its
  // time budget is spent (the number timed is reported as `n`).
  const time = async (run: (q: string) => Promise<unknown>): Promise<LatencySummary> => {
    const samples: number[] = [];
    const deadline = performance.now() + querySeconds * 1000;
    for (const q of queries) {
      const started = performance.now();
      await run(q);
      samples.push(performance.now() - started);
      if (samples.length >= MIN_QUERIES && performance.now() > deadline) break;
    }
    return latencySummary(samples);
  };
  const hnsw = await time(hnswQuery);
  const lexical = await time(lexicalQuery);
  const lexicalExhaustive = await time(exhaustiveQuery);
  let passages = 0;
  const retrieve = await time(async (q) => {
    passages += (await retrieveQuery(q)).passages.length;
  });
  log(
    `  [${size}] HNSW p50 ${ms(hnsw.p50)} p99 ${ms(hnsw.p99)} ms (${hnsw.n} queries); BM25 max-score p50 ${ms(lexical.p50)} ` +
      `p99 ${ms(lexical.p99)} ms (${lexical.n}), exhaustive p50 ${ms(lexicalExhaustive.p50)} p99 ${ms(lexicalExhaustive.p99)} ms; retrieve p50 ${ms(retrieve.p50)} p99 ${ms(retrieve.p99)} ms (${retrieve.n})`,
  );
  return {
    size,
    status: 'measured',
    build,
    memory: {
      rssBeforeMiB: Number(mib(rssBefore).toFixed(1)),
      rssAfterMiB: Number(mib(memory.rss).toFixed(1)),
      heapUsedAfterMiB: Number(mib(memory.heapUsed).toFixed(1)),
    },
    ef,
    queries: queryCount,
    meanPassages: passages / retrieve.n,
    hnsw,
    lexical,
    lexicalExhaustive,
    retrieve,
  };
}

/** Runs one size in a child process (its own heap and RSS); killed if it runs past `timeoutMs`. */
function runScaleChild(size: number, options: Options, timeoutMs: number): Promise<ScaleResult> {
  return new Promise((resolve) => {
    const args = ['--scale-child', String(size), '--queries', String(options.queries), '--query-seconds', String(options.querySeconds)];
    const child = fork(THIS_FILE, args, {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=16384'],
    });
    let result: ScaleResult | null = null;
    const timer = setTimeout(() => {
      log(`  [${size}] still running after ${Math.round(timeoutMs / 1000)} s: stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message) => {
      result = message as ScaleResult;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        result ?? {
          size,
          status: 'failed',
          note: signal === 'SIGKILL' ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `child exited with ${code ?? signal}`,
        },
      );
    });
  });
}

async function benchScaling(options: Options): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const size of options.sizes) {
    const previous = results.filter((r) => r.status === 'measured').at(-1);
    if (previous?.build && previous.retrieve && previous.lexical && previous.hnsw) {
      // Embedding and BM25 grow linearly; HNSW insertion roughly as n log n.
      const linear = size / previous.size;
      const nlogn = linear * (Math.log(size) / Math.log(previous.size));
      const b = previous.build;
      const buildMs = (b.generateMs + b.fitMs + b.embedMs + b.lexicalIndexMs) * linear + b.hnswInsertMs * nlogn;
      if (buildMs > options.maxBuildSeconds * 1000) {
        const estimate = {
          buildMs,
          retrieveP50Ms: previous.retrieve.p50 * linear,
          retrieveP99Ms: previous.retrieve.p99 * linear,
          lexicalP50Ms: previous.lexical.p50 * linear,
          hnswP50Ms: previous.hnsw.p50 * (Math.log(size) / Math.log(previous.size)),
        };
        const note =
          `not built: estimated build ${(buildMs / 1000).toFixed(0)} s > ${options.maxBuildSeconds} s budget; ` +
          `figures scaled from ${previous.size} (BM25 and embedding linear, HNSW log n), not measured`;
        log(`  [${size}] ${note}`);
        results.push({ size, status: 'skipped', note, estimate });
        continue;
      }
      log(`  [${size}] estimated build ${(buildMs / 1000).toFixed(0)} s (from ${previous.size})`);
    }
    // A generous stop: twice the build budget plus the three query paths' budgets and a margin.
    const result = await runScaleChild(size, options, (options.maxBuildSeconds * 2 + options.querySeconds * 3 + 120) * 1000);
    if (result.status === 'failed') log(`  [${size}] failed: ${result.note}`);
    results.push(result);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// 5. Report

interface Report {
  machine: MachineInfo;
  /** Git revision at the start of the run. */
  revision: string;
  options: Options;
  ingest: IngestResult;
  http: HttpResult;
  scaling: ScaleResult[];
  totalSeconds: number;
}

function markdown(report: Report): string {
  const { machine: m, ingest, http, scaling } = report;
  const lines: string[] = [];
  lines.push(`Machine: ${m.cores} cores × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, Node ${m.node}, ${m.platform}; ${m.date}`);
  lines.push(`Code: ${report.revision}`);
  lines.push('');
  lines.push('| Ingest (real corpus, buildIndex) | median | min | max | passages | index on disk |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  lines.push(
    `| ${ingest.runs} runs | ${ms(ingest.medianMs)} ms | ${ms(ingest.minMs)} ms | ${ms(ingest.maxMs)} ms | ${ingest.chunks} | ` +
      `${ingest.bytesOnDisk} B (${(ingest.bytesOnDisk / 1024).toFixed(1)} KiB) |`,
  );
  lines.push('');
  lines.push(`| HTTP (autocannon, ${report.options.durationS} s, 1 worker thread) | conns | req/s | client p50 / p99 ms | server p50 / p99 ms | non-2xx / errors |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const r of http.runs) {
    const label = r.target === 'search' ? `GET /api/search (${http.questions} questions, k=5)` : 'GET /bare (express, res.json)';
    lines.push(
      `| ${label} | ${r.connections} | ${r.reqPerSec.toFixed(0)} | ${r.clientP50Ms} / ${r.clientP99Ms} | ` +
        `${ms(r.serverP50Ms)} / ${ms(r.serverP99Ms)} | ${r.non2xx} / ${r.errors + r.timeouts} |`,
    );
  }
  lines.push(
    `| search ÷ bare req/s | | ${Object.entries(http.ratio)
      .map(([c, v]) => `${c}: ${v.toFixed(3)}`)
      .join(', ')} | | | |`,
  );
  lines.push('');
  lines.push(
    `In-process \`retrieve\` on the real index (${ingest.chunks} passages, no HTTP): p50 ${ms(http.inProcessRetrieve.p50)} ms, ` +
      `p99 ${ms(http.inProcessRetrieve.p99)} ms.`,
  );
  lines.push('');
  lines.push(
    '| Synthetic passages | build s (embed / HNSW / BM25) | RSS after MiB | queries | HNSW k=50 p50 / p99 ms | BM25 max-score p50 / p99 ms | BM25 exhaustive p50 / p99 ms | retrieve k=5 p50 / p99 ms |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of scaling) {
    if (r.status === 'measured' && r.build && r.memory && r.hnsw && r.lexical && r.retrieve) {
      const b = r.build;
      lines.push(
        `| ${r.size} | ${(b.totalMs / 1000).toFixed(1)} (${(b.embedMs / 1000).toFixed(1)} / ${(b.hnswInsertMs / 1000).toFixed(1)} / ` +
          `${(b.lexicalIndexMs / 1000).toFixed(1)}) | ${r.memory.rssAfterMiB.toFixed(0)} | ${r.retrieve.n} | ${ms(r.hnsw.p50)} / ${ms(r.hnsw.p99)} | ` +
          `${ms(r.lexical.p50)} / ${ms(r.lexical.p99)} | ` +
          `${r.lexicalExhaustive ? `${ms(r.lexicalExhaustive.p50)} / ${ms(r.lexicalExhaustive.p99)}` : '–'} | ${ms(r.retrieve.p50)} / ${ms(r.retrieve.p99)} |`,
      );
    } else if (r.status === 'skipped' && r.estimate) {
      const e = r.estimate;
      lines.push(
        `| ${r.size} (estimate, not measured) | ~${(e.buildMs / 1000).toFixed(0)} | – | – | ~${ms(e.hnswP50Ms)} / – | ~${ms(e.lexicalP50Ms)} / – | – | ` +
          `~${ms(e.retrieveP50Ms)} / ~${ms(e.retrieveP99Ms)} |`,
      );
    } else {
      lines.push(`| ${r.size} | ${r.status}: ${r.note ?? ''} | | | | | | |`);
    }
  }
  lines.push('');
  lines.push(
    'retrieve = embed query + HNSW (k=50) + BM25 (words and bigrams, inverted index with max-score pruning) + fusion; ' +
      'HNSW ef = max(64, min(400, n)) as loadIndex sets it.',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = readOptions();
  if (options.scaleChild !== null) {
    const result = await scaleChild(options.scaleChild, options.queries, options.querySeconds);
    process.send?.(result, () => process.exit(0));
    if (!process.send) console.log(JSON.stringify(result));
    return;
  }

  const started = performance.now();
  const machine = machineInfo();
  const revision = sourceRevision();
  log(`# bench:search${options.quick ? ' (quick)' : ''} at ${revision}`);
  log(
    `machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, ` +
      `${machine.platform}, heap limit ${machine.heapLimitMiB} MiB, ${machine.date}`,
  );
  log(
    `options: sizes ${options.sizes.join(',')}, ${options.ingestRuns} ingest runs, ${options.durationS} s per load run, ` +
      `${options.queries} queries per size (at most ~${options.querySeconds} s per query path), build budget ${options.maxBuildSeconds} s`,
  );

  const tmp = await mkdtemp(join(os.tmpdir(), 'search-bench-'));
  const indexDir = join(tmp, 'index');
  try {
    log(`\n## 1. ingest (buildIndex into ${indexDir})`);
    const ingest = await benchIngest(indexDir, options.ingestRuns);
    log(`  median ${ms(ingest.medianMs)} ms; ${ingest.chunks} passages; ${ingest.bytesOnDisk} bytes on disk ${JSON.stringify(ingest.files)}`);

    log('\n## 2. GET /api/search vs a bare Express endpoint (autocannon)');
    const config = { ...defaultArticleConfig(loadConfig()), indexDir };
    const check = await checkIndex(config);
    if (!check.ok) throw new Error(`the index just built does not check: ${check.reason}`);
    const index = await loadIndex(config, check.manifest);
    const http = await benchHttp(index, options);

    log('\n## 3. query latency by corpus size (synthetic passages from the article’s sentences)');
    const scaling = await benchScaling(options);

    const report: Report = { machine, revision, options, ingest, http, scaling, totalSeconds: (performance.now() - started) / 1000 };
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
    log(`\n## Results (${report.totalSeconds.toFixed(0)} s in all; JSON in ${RESULTS_FILE})\n`);
    log(markdown(report));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
