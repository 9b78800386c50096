import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/config.js';
import { loadOrBuildLibrary, updateLibrary } from '../src/index/load-library.js';
import { defaultArticleConfig } from '../src/index/load-library.js';
import { buildLibraryServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { parseBenchOptions } from './support/bench-options.js';
import { syntheticArticle } from './support/synthetic-articles.js';

/**
 * `npm run bench:library [-- --articles 1000] [--questions 10] [--quick]`: many articles on one
 * server. A synthetic corpus of N interviews built from the real one (each with its own id, its own
 * headline and its own six expert names, so every article is a distinct text and the names differ
 * from one article to the next), then:
 *
 * 1. a full ingest (every article's index built), wall time and disk;
 * 2. an incremental ingest after adding one article (N manifests checked, one article built);
 * 3. a start with every index current: load time, RSS and heap;
 * 4. answer latency over HTTP (supertest, in process): `/api/chat` scoped to one article, and across
 *    all; `/api/search` scoped and across all.
 *
 * It measures; it asserts nothing.
 */
const options = parseBenchOptions({
  articles: { type: 'integer', default: 1000, quick: 50 },
  questions: { type: 'integer', default: 10, quick: 4 },
});

const log = (line: string) => console.log(line);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeRequests(label: string, run: (i: number) => Promise<unknown>, count: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  log(`| ${label} | ${count} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(mean)} |`);
}

async function main(): Promise<void> {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const real = defaultArticleConfig(base).corpusPath;
  const raw = await readFile(real, 'utf8');
  const questions = (await readFile(new URL('../eval/dev.jsonl', import.meta.url), 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question)
    .slice(0, options.questions);

  const work = await mkdtemp(join(tmpdir(), 'qh-library-bench-'));
  const corpus = join(work, 'corpus');
  await mkdir(corpus);
  const config = { ...base, corpusPath: corpus, indexDir: join(work, 'index') };
  try {
    log(`# ${options.articles} articles; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${mib(totalmem())} RAM, Node ${process.version}`);
    await cp(real, join(corpus, 'article.txt'));
    for (let i = 1; i < options.articles; i++) await writeFile(join(corpus, `synthetic-${String(i).padStart(4, '0')}.txt`), syntheticArticle(raw, i));

    let started = performance.now();
    const full = await updateLibrary(config);
    const fullMs = performance.now() - started;
    const bytes = full.rebuilt.reduce((sum, r) => sum + r.result.bytes, 0);
    const passages = full.rebuilt.reduce((sum, r) => sum + r.result.manifest.chunks, 0);
    log(`\n## Ingest\n\n| step | articles built | wall | per article | on disk |\n| --- | ---: | ---: | ---: | ---: |`);
    log(`| full ingest | ${full.rebuilt.length} | ${(fullMs / 1000).toFixed(1)} s | ${ms(fullMs / full.rebuilt.length)} ms | ${mib(bytes)} (${passages} passages) |`);

    started = performance.now();
    const none = await updateLibrary(config);
    log(`| ingest, nothing changed | ${none.rebuilt.length} | ${(performance.now() - started) / 1000 < 10 ? ms(performance.now() - started) + ' ms' : ((performance.now() - started) / 1000).toFixed(1) + ' s'} | — | — |`);

    await writeFile(join(corpus, 'synthetic-new.txt'), syntheticArticle(raw, options.articles));
    started = performance.now();
    const one = await updateLibrary(config);
    log(`| ingest after adding one article | ${one.rebuilt.length} | ${ms(performance.now() - started)} ms | — | — |`);

    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    started = performance.now();
    const library = await loadOrBuildLibrary(config);
    const loadMs = performance.now() - started;
    const services = buildLibraryServices(library);
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    log(`\n## Start with every index current\n\n| articles | load | RSS | heap used | external + array buffers |\n| ---: | ---: | ---: | ---: | ---: |`);
    log(
      `| ${library.articles.length} | ${(loadMs / 1000).toFixed(1)} s | ${mib(after.rss)} (+${mib(after.rss - before.rss)}) | ${mib(after.heapUsed)} | ${mib(after.external + after.arrayBuffers)} |`,
    );

    const app = createApp({ services });
    const ids = library.articles.map((a) => a.id);
    const pick = (i: number) => ids[(i * 7919) % ids.length]!;
    // Warm-up: the jieba dictionary, the first HNSW searches. Scoped searches use other articles than
    // scoped chats (7919 is prime to the article count, so i and i + 500 pick different ones).
    await request(app).post('/api/chat').send({ messages: [{ role: 'user', content: questions[0] }], article: 'article' });
    log(`\n## Latency (in process, one request at a time, extractive; ms)\n\n| request | n | p50 | p95 | mean |\n| --- | ---: | ---: | ---: | ---: |`);
    const q = (i: number) => questions[i % questions.length]!;
    // Twice each: the first pass builds each article's search on first use ("cold"), the second finds it built.
    for (const pass of ['cold', 'warm'] as const) {
      await timeRequests(`\`/api/chat\` scoped to one article, ${pass}`, (i) => request(app).post('/api/chat').send({ messages: [{ role: 'user', content: q(i) }], article: pick(i) }), questions.length * 3);
    }
    for (const pass of ['cold', 'warm'] as const) {
      await timeRequests(`\`/api/search\` scoped to one article, ${pass}`, (i) => request(app).get('/api/search').query({ q: q(i), article: pick(i + 500) }), questions.length * 3);
    }
    for (const pass of ['cold', 'warm'] as const) {
      await timeRequests(`\`/api/search\` across all ${ids.length}, ${pass}`, (i) => request(app).get('/api/search').query({ q: q(i) }), questions.length);
    }
    await timeRequests(`\`/api/chat\` across all ${ids.length}, warm`, (i) => request(app).post('/api/chat').send({ messages: [{ role: 'user', content: q(i) }] }), questions.length);
    const rss = process.memoryUsage().rss;
    log(`\nRSS after the requests: ${mib(rss)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
