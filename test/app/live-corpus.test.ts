import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { requestOnOwnConnection as call } from '../support/own-connection.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { testConfig } from '../support/test-index.js';

/**
 * Articles that arrive while serving, with the real server (`src/server.ts`) on 127.0.0.1: a file
 * added to the corpus folder is served without a restart, a changed one is served as it is now, a
 * removed one is no longer served, and a file that cannot be read is listed under `unavailable`;
 * with `WEB_CONCURRENCY=2` every worker serves the change. Each step is polled until a deadline,
 * never timed.
 */

interface Server {
  child: ChildProcess;
  url: string;
  logs: string[];
}

const servers: Server[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.child.kill('SIGKILL');
});
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function corpusFolder(): Promise<{ corpus: string; index: string }> {
  const work = await mkdtemp(join(tmpdir(), 'qh-live-'));
  folders.push(work);
  const corpus = join(work, 'corpus');
  await mkdir(corpus);
  await cp(testConfig().corpusPath, join(corpus, 'article.txt'));
  await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), join(corpus, 'lvse-suanli.txt'));
  return { corpus, index: join(work, 'index') };
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', CORPUS_RESCAN_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { child, url: '', logs: [] };
  servers.push(server);
  child.stdout!.setEncoding('utf8').on('data', (text: string) => server.logs.push(text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => server.logs.push(text));
  const ready = (Number(env.WEB_CONCURRENCY) || 1) as number;
  await until(() => {
    const text = server.logs.join('');
    server.url ||= /listening on (http:\/\/[\d.:]+)/u.exec(text)?.[1] ?? '';
    return server.url !== '' && (text.match(/index ready/gu)?.length ?? 0) >= ready;
  }, 60_000, () => `server did not start: ${server.logs.join('')}`);
  return server;
}

/** Polls `condition` until it holds, failing with `explain()` past the deadline. */
async function until(condition: () => boolean | Promise<boolean>, ms: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listed = async (server: Server) => {
  const { body } = await call(server.url, '/api/articles');
  return { ids: (body.articles as Array<{ id: string }>).map((a) => a.id), unavailable: (body.unavailable as Array<{ id: string }>).map((u) => u.id) };
};
const ask = (server: Server, article: string, content: string) => call(server.url, '/api/chat', { messages: [{ role: 'user', content }], article });

describe('a corpus folder watched while serving', () => {
  it('serves an article added, changed or removed without a restart, and lists a broken file as unavailable', async () => {
    const { corpus, index } = await corpusFolder();
    const server = await startServer({ CORPUS_PATH: corpus, INDEX_DIR: index });
    expect((await listed(server)).ids).toEqual(['article', 'lvse-suanli']);
    const log = () => server.logs.join('');

    // Added.
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/shuju-zhongxin-baodao.txt'), join(corpus, 'shuju-zhongxin-baodao.txt'));
    await until(async () => (await listed(server)).ids.includes('shuju-zhongxin-baodao'), 30_000, log);
    const answer = await ask(server, 'shuju-zhongxin-baodao', '数据中心每年减少多少碳排放？');
    expect(answer.status).toBe(200);
    expect(answer.body.citations.length).toBeGreaterThan(0);
    expect(answer.body.citations.every((c: { article: string }) => c.article === 'shuju-zhongxin-baodao')).toBe(true);

    // Changed: the new text is searched, scoped and across the library.
    const file = join(corpus, 'shuju-zhongxin-baodao.txt');
    await writeFile(file, `${await readFile(file, 'utf8')}\n数据中心还将建设一座虚构的液冷实验室，这一段是测试时追加的。\n`);
    const found = async () => {
      const res = await call(server.url, `/api/search?q=${encodeURIComponent('液冷实验室')}&article=shuju-zhongxin-baodao`);
      return res.status === 200 && res.body.results.some((r: { text: string }) => r.text.includes('液冷实验室'));
    };
    await until(found, 30_000, log);

    // Removed: no longer listed, and its id is refused.
    await rm(join(corpus, 'lvse-suanli.txt'));
    await until(async () => !(await listed(server)).ids.includes('lvse-suanli'), 30_000, log);
    expect((await ask(server, 'lvse-suanli', '发展绿色算力有哪些优势？')).status).toBe(400);

    // Broken: named under `unavailable`, the others still served.
    await writeFile(join(corpus, 'empty.txt'), '');
    await until(async () => (await listed(server)).unavailable.includes('empty'), 30_000, log);
    expect((await listed(server)).ids).toEqual(['article', 'shuju-zhongxin-baodao']);
    expect((await ask(server, 'article', '青海发展新质生产力最大的短板是什么？')).status).toBe(200);
    expect(log()).toContain('corpus changed: library updated');
  }, 180_000);

  it('starts from the catalog of the last ingest at once, then serves what changed while it was stopped', async () => {
    const { corpus, index } = await corpusFolder();
    const first = await startServer({ CORPUS_PATH: corpus, INDEX_DIR: index, CORPUS_WATCH: 'false' });
    first.child.kill('SIGKILL');
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/shuju-zhongxin-baodao.txt'), join(corpus, 'shuju-zhongxin-baodao.txt'));
    await rm(join(corpus, 'lvse-suanli.txt'));
    // Not watching: the update a start runs after it is ready brings the change in.
    const server = await startServer({ CORPUS_PATH: corpus, INDEX_DIR: index, CORPUS_WATCH: 'false' });
    await until(async () => (await listed(server)).ids.join() === 'article,shuju-zhongxin-baodao', 30_000, () => server.logs.join(''));
    expect(server.logs.join('')).toContain('corpus changed since the last ingest: library updated');
  }, 180_000);

  it('with WEB_CONCURRENCY=2, the primary ingests and every worker serves the new article', async () => {
    const { corpus, index } = await corpusFolder();
    const server = await startServer({ CORPUS_PATH: corpus, INDEX_DIR: index, WEB_CONCURRENCY: '2' });
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/shuju-zhongxin-baodao.txt'), join(corpus, 'shuju-zhongxin-baodao.txt'));
    // Connections go to the workers in turn: six in a row that list it means both do.
    await until(
      async () => {
        for (let i = 0; i < 6; i++) if (!(await listed(server)).ids.includes('shuju-zhongxin-baodao')) return false;
        return true;
      },
      30_000,
      () => server.logs.join(''),
    );
    // Each worker read the new catalog (once or more: a file written in steps may take two updates).
    expect(server.logs.join('').match(/library reloaded/gu)?.length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
