import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { testConfig } from '../support/test-index.js';

const run = promisify(execFile);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qh-ingest-'));
  await cp(testConfig().corpusPath, join(work, 'article.txt'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function ingest(env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/ingest.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
}

describe('npm run ingest', () => {
  it('builds the index and says what it wrote', async () => {
    const { stdout } = await ingest({ CORPUS_PATH: join(work, 'article.txt'), INDEX_DIR: join(work, 'index') });
    expect(stdout).toMatch(/index written to .*\d+ passages/);
    expect(JSON.parse(await readFile(join(work, 'index', 'manifest.json'), 'utf8')).chunks).toBeGreaterThan(50);
  });

  it('exits non-zero with a clear message on a missing corpus, leaving the old index untouched', async () => {
    const before = await readFile(join(work, 'index', 'hnswlib.index'));
    const failure = await ingest({ CORPUS_PATH: join(work, 'nope.txt'), INDEX_DIR: join(work, 'index') }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/cannot read corpus file .*nope\.txt/);
    expect((failure as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(work, 'index', 'hnswlib.index'))).toEqual(before);
  });
});
