import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QuoteVerifier, TextChecker } from '../../src/check/index.js';
import type { Library } from '../../src/index/load-library.js';
import { buildLibraryServices } from '../../src/app/build-services.js';
import { libraryOfOne, type AppServices } from '../../src/server/app-services.js';
import { CANDIDATES_PER_QUOTATION, checkInArticles, MAX_ARTICLES_CHECKED, verifyInArticles } from '../../src/server/check-across.js';
import { createApp } from '../../src/server/create-app.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { CHECK_TEXT_CASES } from '../support/check-texts.js';
import { expectError } from '../support/expect-error.js';
import { buildTestLibrary, type TestLibrary } from '../support/test-library.js';

/**
 * `/api/check` and `/api/verify` across a library: bounded work whatever its size, quotations
 * checked only where they could be, long work in slices that let others in, and stopped when no
 * longer wanted.
 */
let lib: TestLibrary;
/** Forty articles: the three of the test library, again and again under ids of their own. */
let many: AppServices;
beforeAll(async () => {
  lib = await buildTestLibrary();
  const [real, ...others] = lib.library.articles;
  const articles = [real!, ...others, ...Array.from({ length: 37 }, (_, i) => ({ ...others[i % others.length]!, id: `copy-${String(i).padStart(2, '0')}` }))];
  many = buildLibraryServices({ articles, failures: [] } satisfies Library);
});
afterAll(async () => {
  await lib.remove();
});

/** A 20,000-character text of the test set's quotations (verbatim, altered, invented, misattributed). */
const longText = (() => {
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `${CHECK_TEXT_CASES[i % CHECK_TEXT_CASES.length]!.text}\n`;
  return text.slice(0, 20_000);
})();

describe('POST /api/check and /api/verify across a library', () => {
  it('never embeds the text with each article, and checks each quotation in at most a few articles', async () => {
    const embed = lib.library.articles.map((a) => vi.spyOn(a.index.embeddings, 'embedQuery'));
    const begin = vi.spyOn(TextChecker.prototype, 'begin');
    const verify = vi.spyOn(QuoteVerifier.prototype, 'findVerbatim');
    try {
      const text = '陈晓燕说：“数据中心可以直接使用绿电，降低碳排放。”李娜说：“青海最大的短板就是科技创新能力不足”。';
      const res = await request(createApp({ services: many })).post('/api/check').send({ text });
      expect(res.status).toBe(200);
      expect(res.body.quotations.map((q: { status: string; article: string; attribution: string }) => [q.status, q.article, q.attribution])).toEqual([
        ['verbatim', 'lvse-suanli', 'correct'],
        ['verbatim', 'article', 'correct'],
      ]);
      for (const spy of embed) expect(spy).not.toHaveBeenCalled();
      expect(verify.mock.calls.length).toBeLessThanOrEqual(2 * CANDIDATES_PER_QUOTATION);
      expect(begin.mock.calls.length).toBeLessThanOrEqual(2 * CANDIDATES_PER_QUOTATION);

      verify.mockClear();
      const verified = await request(createApp({ services: many })).post('/api/verify').send({ quote: '数据中心可以直接使用绿电' });
      expect(verified.body).toMatchObject({ found: true, speaker: '陈晓燕', article: 'lvse-suanli' });
      for (const spy of embed) expect(spy).not.toHaveBeenCalled();
      expect(verify.mock.calls.length).toBeLessThanOrEqual(CANDIDATES_PER_QUOTATION);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it(`checks a 20,000-character text in at most ${MAX_ARTICLES_CHECKED} articles, with as many verdicts as one article gives`, async () => {
    const begin = vi.spyOn(TextChecker.prototype, 'begin');
    try {
      const across = await checkInArticles(many.library, longText);
      const alone = many.checker.check(longText);
      expect(across.summary.quotations).toBe(alone.summary.quotations);
      // The default article's report is never worse across the library than alone.
      expect(across.summary.status.verbatim).toBeGreaterThanOrEqual(alone.summary.status.verbatim);
      expect(begin.mock.calls.length).toBeLessThanOrEqual(MAX_ARTICLES_CHECKED + 1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('yields to the event loop while it checks a long text, in one article and across many', async () => {
    for (const articles of [libraryOfOne(many), many.library]) {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      try {
        await checkInArticles(articles, longText);
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThan(0);
    }
  });

  it('stops when its signal is aborted (a client gone, a shutdown), rejecting with the reason', async () => {
    const controller = new AbortController();
    const checking = checkInArticles(many.library, longText, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('no longer wanted')), 5);
    await expect(checking).rejects.toThrow('no longer wanted');
    await expect(verifyInArticles(many.library, '数据中心可以直接使用绿电', { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
  });

  it('answers 503 when the server\'s shutdown cutoff comes during a check', async () => {
    const cutoff = new AbortController();
    const app = createApp({ services: many, shutdownSignal: cutoff.signal });
    setTimeout(() => cutoff.abort(), 5);
    expectError(await request(app).post('/api/check').send({ text: longText }), 503, 'upstream_unavailable');
  });
});

describe('limits on the folded text', () => {
  it('refuses a text that folds past 40,000 characters (U+FDFA is eighteen) with 413, and a quote past 4,000 with 400', async () => {
    const app = createApp({ services: many });
    const text = `李娜说：“${'\uFDFA'.repeat(19_990)}”。`.slice(0, 20_000);
    expectError(await request(app).post('/api/check').send({ text }), 413, 'payload_too_large');
    expectError(await request(app).post('/api/verify').send({ quote: '\uFDFA'.repeat(2_000) }), 400, 'invalid_request');
    expect((await request(app).post('/api/verify').send({ quote: '\uFDFA'.repeat(200) })).status).toBe(200);
  });
});

describe('SIGTERM during checks across a library', () => {
  it('exits within the shutdown bound, each check answered (done, or 503 at the cutoff), never cut', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_TIMEOUT_MS: '1500', CORPUS_PATH: lib.config.corpusPath, INDEX_DIR: lib.config.indexDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        output += text;
        const listening = /listening on (http:\/\/[\d.:]+)/u.exec(output);
        if (listening && output.includes('index ready')) resolve(listening[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    // Twenty checks of 20,000 characters at once: seconds of work in all.
    const checks = Array.from({ length: 20 }, () =>
      fetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: longText }) }).then(
        (r) => r.status,
        () => 'cut',
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const signalled = performance.now();
    child.kill('SIGTERM');
    await once(child, 'exit');
    const exitMs = performance.now() - signalled;
    const statuses = await Promise.all(checks);
    expect(exitMs).toBeLessThan(1500 + 500);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  }, 60_000);
});
