import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { requestOnOwnConnection as call } from '../test/support/own-connection.js';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { defaultArticleConfig, updateLibrary } from '../src/index/load-library.js';
import { parseBenchOptions } from './support/bench-options.js';
import { syntheticArticle, syntheticExperts } from './support/synthetic-articles.js';

/**
 * `npm run bench:library [-- --articles 10000] [--questions 1000] [--across 40] [--reuse] [--v8-default] [--quick]`:
 * a library of N interviews served by the production build (issue 21). A synthetic corpus built
 * from the real interview (the real article plus N-1 copies, each with its own id and headline and
 * expert names of its own; names repeat every 53 articles or so), then:
 *
 * 1. ingest: the full ingest (every article's index, the catalog, the library index), wall time and
 *    disk; an ingest with nothing changed; an ingest after adding one article;
 * 2. the server (`node dist/server.js` with the node flags of `npm start`, its heap bound; without
 *    them with `--v8-default`) on 127.0.0.1: from spawn to
 *    `/healthz` 200, RSS idle, then `--questions` scoped questions over HTTP on random articles (each
 *    article asked twice: the first question opens it, the second finds it open), RSS after;
 *    questions across the library (topic questions of `eval/dev.jsonl`, and questions naming a
 *    random article's expert); and one new article written into the corpus folder, polled until it
 *    is served.
 *
 * `LIBRARY_BENCH_DIR=/path` keeps the corpus and indexes there (default: a temporary folder,
 * removed at the end); with `--reuse` an index already there is used as it is (no full ingest).
 * It measures; it asserts nothing.
 */
const options = parseBenchOptions({
  articles: { type: 'integer', default: 1000, quick: 50 },
  questions: { type: 'integer', default: 1000, quick: 40 },
  across: { type: 'integer', default: 40, quick: 8 },
  cache: { type: 'integer', default: 64 },
  reuse: { type: 'flag' },
  'v8-default': { type: 'flag' },
});

const log = (line: string) => console.log(line);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);
const seconds = (value: number) => `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((s, t) => s + t, 0) / Math.max(1, sorted.length);
  return `| ${label} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted.at(-1)!)} | ${ms(mean)} |`;
}

/** A deterministic random sequence (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function du(path: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    bytes += entry.isDirectory() ? await du(full) : (await stat(full)).size;
  }
  return bytes;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

async function main(): Promise<void> {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const raw = await readFile(defaultArticleConfig(base).corpusPath, 'utf8');
  const questions = (await readFile(new URL('../eval/dev.jsonl', import.meta.url), 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { question?: string; turns?: string[] })
    .map((q) => q.question ?? q.turns?.[0])
    .filter((q): q is string => typeof q === 'string');

  const kept = process.env.LIBRARY_BENCH_DIR;
  const work = kept ?? (await mkdtemp(join(tmpdir(), 'qh-library-bench-')));
  const corpus = join(work, 'corpus');
  const index = join(work, 'index');
  const config = { ...base, corpusPath: corpus, indexDir: index };
  const n = options.articles;
  const ids = ['article', ...Array.from({ length: n - 1 }, (_, i) => `synthetic-${String(i + 1).padStart(5, '0')}`)];
  let server: ChildProcess | null = null;
  try {
    log(`# ${n} articles; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${mib(totalmem())} RAM, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    log(`${new Date().toISOString()}; LIBRARY_CACHE_ARTICLES=${options.cache}`);
    const reuse = options.reuse && (await stat(join(index, '.library', 'catalog.json')).catch(() => null)) !== null;
    // A run before left these: the "one more" and the "new article" are built each run.
    for (const id of ['synthetic-new', 'synthetic-live']) {
      await rm(join(corpus, `${id}.txt`), { force: true });
      await rm(join(index, id), { recursive: true, force: true });
    }
    log(`\n## Ingest\n\n| step | articles built | wall | per article | on disk |\n| --- | ---: | ---: | ---: | ---: |`);
    if (!reuse) {
      await rm(work, { recursive: true, force: true });
      await mkdir(corpus, { recursive: true });
      await cp(defaultArticleConfig(base).corpusPath, join(corpus, 'article.txt'));
      for (let i = 1; i < n; i++) await writeFile(join(corpus, `${ids[i]}.txt`), syntheticArticle(raw, i));
      const [fullMs, full] = await timed(() => updateLibrary(config));
      const passages = full.rebuilt.reduce((sum, r) => sum + r.result.manifest.chunks, 0);
      const library = await du(join(index, '.library'));
      log(`| full ingest | ${full.rebuilt.length} | ${seconds(fullMs)} | ${ms(fullMs / full.rebuilt.length)} ms | ${mib(await du(index))} (${passages} passages; library index and catalog ${mib(library)}) |`);
    } else {
      // The articles of the run before removed: not part of "nothing changed".
      await updateLibrary(config);
      log(`| full ingest | (reused ${index}) | — | — | ${mib(await du(index))} |`);
    }
    const [noneMs, none] = await timed(() => updateLibrary(config));
    log(`| ingest, nothing changed (${none.current.length} files stat'ed against the catalog) | ${none.rebuilt.length} | ${seconds(noneMs)} | — | — |`);
    await writeFile(join(corpus, 'synthetic-new.txt'), syntheticArticle(raw, n));
    const [oneMs, one] = await timed(() => updateLibrary(config));
    log(`| ingest after adding one article | ${one.rebuilt.length} | ${seconds(oneMs)} | — | library index ${one.libraryIndexRebuilt ? `rebuilt (${one.libraryIndexRebuilt})` : 'kept: the new article is read beside it'} |`);
    ids.push('synthetic-new');

    // The server, as `npm start` runs it.
    const { ensureBuilt } = (await import(join(PROJECT_ROOT, 'scripts/ensure-build.mjs'))) as { ensureBuilt: () => void };
    ensureBuilt();
    const started = performance.now();
    // The node flags of `npm start` (its heap bound), and `--v8-default` to measure without them.
    const startScript = (JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const nodeFlags = options['v8-default'] ? [] : (startScript.match(/--[\w-]+=\S+/gu) ?? []);
    log(`\nServer: node ${[...nodeFlags, 'dist/server.js'].join(' ')}`);
    server = spawn(process.execPath, [...nodeFlags, join(PROJECT_ROOT, 'dist/server.js')], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '0',
        ANSWER_CACHE_ENTRIES: '0',
        CORPUS_PATH: corpus,
        INDEX_DIR: index,
        LIBRARY_CACHE_ARTICLES: String(options.cache),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
    server.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
    let url = '';
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
      url ||= /listening on (http:\/\/[\d.:]+)/u.exec(output)?.[1] ?? '';
      if (url && (await call(url, '/healthz').catch(() => ({ status: 0 }))).status === 200) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const startMs = performance.now() - started;
    const pid = server.pid!;
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rssOf(pid);
    log(`\n## The server (production build, over HTTP on 127.0.0.1, one request at a time, extractive)\n`);
    log(`Start to \`/healthz\` 200: ${seconds(startMs)}; RSS idle ${mib(idle)}.`);

    const pick = random(21);
    const cold: number[] = [];
    const warm: number[] = [];
    const ask = (article: string | null, content: string) =>
      call(url, '/api/chat', { messages: [{ role: 'user', content }], ...(article ? { article } : {}) });
    for (let i = 0; i < options.questions / 2; i++) {
      const article = ids[Math.floor(pick() * ids.length)]!;
      for (const [times, q] of [
        [cold, questions[i % questions.length]!],
        [warm, questions[(i + 7) % questions.length]!],
      ] as const) {
        const [t, res] = await timed(() => ask(article, q));
        if (res.status !== 200) throw new Error(`scoped question ${res.status}: ${JSON.stringify(res.body)}`);
        times.push(t);
      }
    }
    const after = rssOf(pid);
    log(`\n| request | n | p50 | p95 | max | mean |\n| --- | ---: | ---: | ---: | ---: | ---: |`);
    log(row('`/api/chat` scoped, first question to a random article (read from disk)', cold));
    log(row('`/api/chat` scoped, a second question to it', warm));

    const topic: number[] = [];
    const named: number[] = [];
    for (let i = 0; i < options.across; i++) {
      const [t1] = await timed(() => ask(null, questions[i % questions.length]!));
      topic.push(t1);
      // An expert of a random synthetic article, by name: a different few articles each time.
      const name = syntheticExperts(1 + Math.floor(pick() * (n - 1)))[i % 6]!;
      const [t2] = await timed(() => ask(null, `${name}怎么看人才问题？`));
      named.push(t2);
    }
    log(row('`/api/chat` across the library, topic questions of dev.jsonl', topic));
    log(row('`/api/chat` across the library, naming a random article\'s expert', named));
    log(`\nRSS after ${cold.length + warm.length} scoped questions: ${mib(after)}; after the questions across the library too: ${mib(rssOf(pid))}.`);

    // A new article: from its file appearing to its first answer.
    const live = performance.now();
    await writeFile(join(corpus, 'synthetic-live.txt'), syntheticArticle(raw, n + 1));
    let polls = 0;
    for (;;) {
      polls++;
      const res = await ask('synthetic-live', '有哪些嘉宾？');
      if (res.status === 200) break;
      if (performance.now() - live > 120_000) throw new Error(`the new article was not served in 120 s: ${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    log(`A new article served ${seconds(performance.now() - live)} after its file was written (${polls} polls; no restart).`);
  } finally {
    server?.kill('SIGTERM');
    await rm(join(corpus, 'synthetic-live.txt'), { force: true });
    await rm(join(corpus, 'synthetic-new.txt'), { force: true });
    if (!kept) await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
