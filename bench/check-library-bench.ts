/**
 * `npm run bench:check-library [-- --articles 1,25,100] [--seconds 10] [--quick]`: what one
 * `POST /api/check` or `/api/verify` costs across a library, and what a client checking at its rate
 * limit costs another reader (issue 20, finding 1).
 *
 * For each library size, a synthetic library (the real interview and N − 1 variants of it, with
 * headlines and expert names of their own) is written to a temporary folder (`$TMPDIR/qh-check-library-N`,
 * kept so a second run does not ingest again; never `corpus/`), then:
 *
 * 1. in process: the CPU time (user + system, this process) and wall time of one request, for a
 *    20,000-character text whose quotation is U+FDFA repeated (18 characters each once folded),
 *    one the folded limit lets through (1,100 of them and prose), a 20,000-character text of ordinary
 *    quotations, and `/api/verify` of 2,000 and of 220 U+FDFA;
 * 2. the production build (`dist/server.js`) over the same library, rate limit 60 a minute,
 *    clients told apart by `X-Forwarded-For` (`TRUST_PROXY_HOPS=1`): a reader's `/api/search` p50
 *    idle, then while `--checkers` clients (one by default) each send the costliest accepted check once a second (their rate
 *    limit); then SIGTERM 100 ms into three such checks at once, and how long the process takes to exit.
 *
 * It measures; it asserts nothing. Figures on a shared machine: read them with the load average.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { defaultArticleConfig, loadOrBuildLibrary } from '../src/index/load-library.js';
import { buildLibraryServices } from '../src/app/build-services.js';
import { createApp } from '../src/server/create-app.js';
import { CHECK_TEXT_CASES } from '../test/support/check-texts.js';
import { parseBenchOptions } from './support/bench-options.js';
import { machineInfo } from './support/machine-info.js';
import { syntheticArticle } from './support/synthetic-articles.js';

const options = parseBenchOptions({
  articles: { type: 'integers', default: [1, 25, 100], quick: [1, 25], sorted: true },
  seconds: { type: 'integer', default: 10, quick: 5 },
  // Clients checking at once, each at its rate limit (the issue measured one over 100 articles, two over one).
  checkers: { type: 'integer', default: 1 },
});

const FDFA = '\uFDFA';
const ordinary = (() => {
  const units = CHECK_TEXT_CASES.map((c) => c.text);
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `${units[i % units.length]}\n`;
  return text.slice(0, 20_000);
})();
/** Quotations no article has but every article nearly has: the article's own words, each clause reversed (nothing stops at a first verbatim find). */
const scrambled = (raw: string) => {
  const clauses = raw.split(/[，。？！\n]/u).filter((c) => c.length >= 8);
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `有人说：“${[...clauses[i % clauses.length]!].reverse().join('')}”。`;
  return text.slice(0, 20_000);
};
const TEXTS: Record<string, string> = {
  'U+FDFA ×19,990 in one quotation': `李娜说：“${FDFA.repeat(19_990)}”。`.slice(0, 20_000),
  'U+FDFA ×1,100 + prose to 20,000': `李娜说：“${FDFA.repeat(1_100)}”。${'青海发展新质生产力要因地制宜。'.repeat(1_300)}`.slice(0, 20_000),
  'ordinary text, 20,000 characters': ordinary,
};
const QUOTES: Record<string, string> = {
  'verify U+FDFA ×2,000': FDFA.repeat(2_000),
  'verify U+FDFA ×220': FDFA.repeat(220),
};

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const post = (url: string, path: string, body: unknown, client = '10.0.0.1') =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify(body) });

/** CPU (this process, ms) and wall time of one request, after one unmeasured run. */
async function cost(run: () => Promise<Response>): Promise<{ status: number; cpuMs: number; wallMs: number }> {
  await (await run()).arrayBuffer();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  const used = process.cpuUsage(cpu);
  return { status: response.status, cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(performance.now() - started) };
}

async function library(articles: number): Promise<{ corpusPath: string; indexDir: string }> {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  const real = defaultArticleConfig(base).corpusPath;
  const raw = await readFile(real, 'utf8');
  const work = join(tmpdir(), `qh-check-library-${articles}`);
  const corpusPath = join(work, 'corpus');
  await mkdir(corpusPath, { recursive: true });
  await writeFile(join(corpusPath, 'article.txt'), raw);
  for (let i = 1; i < articles; i++) await writeFile(join(corpusPath, `synthetic-${String(i).padStart(4, '0')}.txt`), syntheticArticle(raw, i));
  return { corpusPath, indexDir: join(work, 'index') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function readerP50(url: string, seconds: number, during?: () => Promise<void>): Promise<{ p50: number; n: number; checks: number[] }> {
  const times: number[] = [];
  const checks: number[] = [];
  let stop = false;
  const checker = (async () => {
    if (!during) return;
    while (!stop) {
      const started = performance.now();
      await during().catch(() => {});
      checks.push(Math.round(performance.now() - started));
      // Once a second: 60 a minute, the rate limit.
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - started))));
    }
  })();
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const started = performance.now();
    // A reader of its own address each time: the reader is never the one rate-limited.
    const response = await fetch(`${url}/api/search?q=${encodeURIComponent('青海发展新质生产力有哪些优势')}`, { headers: { 'x-forwarded-for': `10.1.${(i >> 8) & 255}.${i & 255}` } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  stop = true;
  await checker;
  return { p50: Math.round(median(times) * 10) / 10, n: times.length, checks };
}

async function serverRun(paths: { corpusPath: string; indexDir: string }, costliest: { text: string; label: string }) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server.js')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CORPUS_PATH: paths.corpusPath, INDEX_DIR: paths.indexDir, RATE_LIMIT_PER_MINUTE: '60', TRUST_PROXY_HOPS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    const idle = await readerP50(url, options.seconds);
    let turn = 0;
    const busy = await readerP50(url, options.seconds, async () => {
      // One check from each client a second, each its own address.
      await Promise.all(Array.from({ length: options.checkers }, () => post(url, '/api/check', { text: costliest.text }, `10.0.0.${20 + (turn++ % options.checkers)}`).then((r) => r.arrayBuffer())));
    });
    // SIGTERM during a check: three at once from three clients, the signal 100 ms after.
    const pending = Promise.all([10, 11, 12].map((n) => post(url, '/api/check', { text: costliest.text }, `10.0.0.${n}`).then((r) => r.status, () => 'closed')));
    await new Promise((r) => setTimeout(r, 100));
    const signalled = performance.now();
    child.kill('SIGTERM');
    await once(child, 'exit');
    const exitMs = Math.round(performance.now() - signalled);
    return { readerP50IdleMs: idle.p50, readerP50BusyMs: idle.p50 > 0 ? busy.p50 : NaN, ratio: Math.round((busy.p50 / idle.p50) * 100) / 100, readerRequests: [idle.n, busy.n], checkWallMsMedian: median(busy.checks), checkWith: costliest.label, sigtermExitMs: exitMs, checkDuringSigterm: await pending };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  console.log(JSON.stringify({ machine: machineInfo(), options }));
  for (const articles of options.articles) {
    const paths = await library(articles);
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), ...paths };
    const started = performance.now();
    const loaded = await loadOrBuildLibrary(config);
    const loadMs = Math.round(performance.now() - started);
    const app = createApp({ services: buildLibraryServices(loaded) });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const costs: Record<string, unknown> = {};
    let costliest = { text: ordinary, label: 'ordinary text, 20,000 characters', cpuMs: -1 };
    const texts = { ...TEXTS, 'reversed clauses of the article in quotation marks': scrambled(await readFile(join(paths.corpusPath, 'article.txt'), 'utf8')) };
    for (const [label, text] of Object.entries(texts)) {
      const measured = await cost(() => post(url, '/api/check', { text }));
      costs[label] = measured;
      if (measured.status === 200 && measured.cpuMs > costliest.cpuMs) costliest = { text, label, cpuMs: measured.cpuMs };
    }
    for (const [label, quote] of Object.entries(QUOTES)) costs[label] = await cost(() => post(url, '/api/verify', { quote }));
    await new Promise((resolve) => server.close(resolve));
    console.log(JSON.stringify({ articles, loadMs, loadAverage: machineInfo().loadAverage, costs }));
    console.log(JSON.stringify({ articles, server: await serverRun(paths, costliest), loadAverage: machineInfo().loadAverage }));
  }
}

await main();
