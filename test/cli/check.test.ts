import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckTextResult } from '../../src/check/check-text.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadArticle } from '../../src/corpus/parse-article.js';
import { CHECK_TEXT_CASES, EDGE_TEXTS, expectReport } from '../support/check-texts.js';
import { testConfig } from '../support/test-index.js';

/** `npm run check` as a pipeline runs it: a real process, text on a file or on standard input. */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCheck(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/check.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

let dir: string;
let paragraphs: Array<{ text: string }>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qinghai-check-'));
  paragraphs = (await loadArticle(testConfig().corpusPath)).article.paragraphs;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run check', () => {
  for (const testCase of CHECK_TEXT_CASES) {
    it(`reports a ${testCase.genre} from standard input, exiting 1 only when a quotation is not found or misattributed`, async () => {
      const run = await runCheck(['--json'], testCase.text);
      const report = JSON.parse(run.stdout) as CheckTextResult;
      expectReport(report, testCase, paragraphs);
      const bad = testCase.expected.some((e) => e.status === 'not_found' || e.attribution === 'wrong');
      expect(run.code).toBe(bad ? 1 : 0);
    });
  }

  it('prints one line per quotation and a summary for a file', async () => {
    const path = join(dir, 'draft.txt');
    await writeFile(path, CHECK_TEXT_CASES[1]!.text);
    const run = await runCheck([path]);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^✗ 张冠李戴 .*马冠奎 → 张冠李戴，原文是李娜说的/u);
    expect(lines[1]).toMatch(/^△ 有改动 .*改动：-三 \+两/u);
    expect(lines[2]).toMatch(/^✓ 原话 .*她（刘畅） → 刘畅/u);
    expect(lines[3]).toContain('张冠李戴 1');
    expect(run.code).toBe(1);
  });

  it('exits 0 with a clean report for texts with nothing wrong to find', async () => {
    for (const edge of EDGE_TEXTS.filter((e) => e.quotations === 0)) {
      const run = await runCheck(['--json'], edge.text);
      expect(JSON.parse(run.stdout).quotations, edge.name).toEqual([]);
      expect(run.code).toBe(0);
    }
  });

  it('exits 2 for a missing file, an empty text or a text over 20,000 characters', async () => {
    expect((await runCheck([join(dir, 'missing.txt')])).code).toBe(2);
    expect((await runCheck([], '  \n')).code).toBe(2);
    const long = await runCheck([], '青'.repeat(20_001));
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('20000');
  });
});
