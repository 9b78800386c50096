import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
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

/** Runs the CLI on `stdin` as text, or with standard input read from a file descriptor (`/dev/zero`). */
function runCheck(args: string[], stdin?: string | number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = typeof stdin === 'number' ? [stdin, 'pipe', 'pipe'] : 'pipe';
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/check.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (typeof stdin !== 'number') child.stdin!.end(stdin ?? '');
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

  it('stops reading past the limit: /dev/zero as the file or as standard input exits 2 at once', async () => {
    const asFile = await runCheck(['/dev/zero']);
    expect(asFile.code).toBe(2);
    expect(asFile.stderr).toContain('more than 20000 characters');
    const zero = openSync('/dev/zero', 'r');
    try {
      const asStdin = await runCheck([], zero);
      expect(asStdin.code).toBe(2);
      expect(asStdin.stderr).toContain('more than 20000 characters');
    } finally {
      closeSync(zero);
    }
  }, 20_000);

  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

  it('shows the control characters of the checked text as escapes, never sends them to the terminal', async () => {
    // Clear the screen, set the window title, and an 8-bit CSI (U+009B) inside the quotation.
    const hostile = '李娜说：“\u001b[2J\u001b]0;pwned\u0007青海最大的短板就是科技创新能力不足\u009b31m”。';
    const lines = await runCheck([], hostile);
    expect(lines.stdout).not.toMatch(CONTROL);
    expect(lines.stdout).toContain('\\x1b[2J\\x1b]0;pwned\\x07');
    expect(lines.stdout).toContain('\\x9b31m');
    const json = await runCheck(['--json'], hostile);
    expect(json.stdout).not.toMatch(CONTROL);
    // Still JSON, reading back the same characters.
    expect((JSON.parse(json.stdout) as CheckTextResult).quotations[0]!.text).toContain('\u009b31m');
  });
});
