import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * `npm run check|ask|search|ingest` run the built JavaScript through scripts/run-cli.mjs (built when
 * stale, as `npm start` does), not the TypeScript sources through tsx.
 */

const runCli = (args: string[]) =>
  spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/run-cli.mjs'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });

describe('scripts/run-cli.mjs', () => {
  it('runs the quote check from dist/ and prints what the TypeScript tool prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-cli-'));
    const file = join(dir, 'one-line.txt');
    writeFileSync(file, '马冠奎说：“青海最大的短板是创新能力不足。”\n');
    const built = runCli(['check', file]);
    const fromSource = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/check.ts'), file], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(built.stdout).toContain('张冠李戴');
    expect(built.stdout).toBe(fromSource.stdout);
    expect(built.status).toBe(1);
    // Only the report on standard output: a build, when one was needed, speaks on standard error.
    expect(built.stdout).not.toContain('dist/');
  });

  it('runs search from dist/ with the arguments it was given', () => {
    const result = runCli(['search', '数字经济']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[1\] /u);
  });

  it('takes --article ID, and names the articles of the corpus when the id is not one of them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-cli-'));
    const file = join(dir, 'one-line.txt');
    writeFileSync(file, '李娜说：“把握机遇就是把握发展主动权。”\n');
    expect(runCli(['check', '--article', 'article', file]).status).toBe(0);
    const unknown = runCli(['check', '--article', 'no-such-article', file]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('article "no-such-article" is not in the corpus (its articles: article)');
    const search = runCli(['search', '--article', 'no-such-article', '数字经济']);
    expect(search.status).toBe(2);
    expect(search.stderr).toContain('is not in the corpus');
  });

  it('refuses a tool it does not know, with a usage line and exit 2', () => {
    const result = runCli(['deploy']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node scripts/run-cli.mjs check|ask|search|ingest');
  });
});
