import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('--explain prints each paragraph’s speaker and how it was decided, with the layout and its score', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/ingest.ts'), '--explain', join(PROJECT_ROOT, 'test/fixtures/layouts/qa-one.txt')], { cwd: PROJECT_ROOT });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^layout qa \(qa; /u);
    expect(lines[1]).toMatch(/^score 1: 100% of the labelled paragraphs read as turns/u);
    expect(lines).toContain('   4  冯玉兰/expert  label 0.90 [答]  expert-turn  答：现在看病挂号、缴水电费、和子女视频，都离不开…');
    expect(lines).toContain('verdict: served');
  });

  it('--explain of an article it would refuse says why, and exits 1', async () => {
    const chat = join(work, 'chat.txt');
    await writeFile(chat, ['聊天记录', '甲乙丙：你好。', '丁戊己：今天天气不错。', '庚辛壬：是的。', '癸子丑：我们走吧。', '寅卯辰：好的。'].join('\n\n'));
    const failure = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/ingest.ts'), '--explain', chat], { cwd: PROJECT_ROOT }).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    const { stdout } = failure as { stdout: string };
    expect(stdout.split('\n').filter((line) => /^[ ?]\s+\d+ {2}/u.test(line))).toHaveLength(6);
    expect(stdout).toMatch(/verdict: refused: the best layout \(\S+\) reads only 0% of the 5 paragraphs that open with a label as turns/u);
  });
});
