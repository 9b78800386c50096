import { cp, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { catalogPath } from '../../src/index/library-catalog.js';
import { defaultArticleConfig, listArticles, loadOrBuildLibrary, updateLibrary } from '../../src/index/load-library.js';
import { buildTestLibrary, type TestLibrary } from '../support/test-library.js';

let lib: TestLibrary;
beforeAll(async () => {
  lib = await buildTestLibrary({ broken: true });
});
afterAll(async () => {
  await lib.remove();
});

describe('loadOrBuildLibrary', () => {
  it('serves every readable article, the default first, each from its own index folder', () => {
    expect(lib.library.articles.map((a) => a.id)).toEqual(['article', 'lvse-suanli', 'shuju-zhongxin-baodao']);
    expect(lib.library.articles.every((a) => a.rebuiltBecause !== null)).toBe(true);
    expect(lib.library.articles[1]!.index.article.title).toBe('绿色算力如何赋能高原数字经济?');
  });

  it('names each broken file with why, and serves the others', () => {
    const byId = Object.fromEntries(lib.library.failures.map((f) => [f.id, f.message]));
    expect(Object.keys(byId).sort()).toEqual(['empty', 'folder', 'headline-only', 'latin1', 'passwd', 'pipe', 'refused']);
    expect(byId.refused).toMatch(/refused\.txt: refused: the best layout \(\S+\) reads only 0% of the 5 paragraphs that open with a label/);
    expect(byId.empty).toMatch(/empty\.txt: corpus is empty/);
    expect(byId.latin1).toMatch(/latin1\.txt is not UTF-8 text/);
    expect(byId['headline-only']).toMatch(/headline-only\.txt: .*no paragraphs of text/);
  });

  it('serves regular files only: a link, a FIFO or a directory named *.txt is named and skipped, never opened', () => {
    const byId = Object.fromEntries(lib.library.failures.map((f) => [f.id, f.reason]));
    expect(byId.passwd).toBe('passwd.txt is a symbolic link, not a regular file: skipped, never opened');
    expect(byId.pipe).toBe('pipe.txt is a FIFO, not a regular file: skipped, never opened');
    expect(byId.folder).toBe('folder.txt is a directory, not a regular file: skipped, never opened');
    // Nothing of /etc/passwd was read into an article.
    expect(lib.library.articles.some((a) => a.index.article.paragraphs.some((p) => p.text.includes('root:')))).toBe(false);
  });

  it('says why a file is not served without its path or the system\'s error text, and keeps both for the log', () => {
    for (const failed of lib.library.failures) {
      expect(failed.reason.startsWith(`${failed.id}.txt`)).toBe(true);
      expect(failed.reason).not.toContain(lib.work);
      expect(failed.reason).not.toMatch(/E[A-Z]{3,}|no such file/u);
      expect(failed.message).toContain(lib.config.corpusPath);
    }
  });

  it('rebuilds only the articles whose text changed, and an article added', async () => {
    const written = (await stat(catalogPath(lib.config.indexDir))).mtimeMs;
    const untouched = await updateLibrary(lib.config);
    expect(untouched.rebuilt).toEqual([]);
    expect(untouched.current).toEqual(['article', 'lvse-suanli', 'shuju-zhongxin-baodao']);
    expect(untouched.changed).toBe(false);
    // Nothing changed, the broken files and links included: the catalog is not written again.
    expect((await stat(catalogPath(lib.config.indexDir))).mtimeMs).toBe(written);

    const report = join(lib.config.corpusPath, 'shuju-zhongxin-baodao.txt');
    await writeFile(report, `${await readFile(report, 'utf8')}\n数据中心还将向周边企业开放算力资源，这一段是测试时追加的虚构内容。\n`);
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), join(lib.config.corpusPath, 'second-copy.txt'));
    const update = await updateLibrary(lib.config);
    expect(update.rebuilt.map((r) => [r.id, r.reason])).toEqual([
      ['second-copy', expect.stringMatching(/no index/)],
      ['shuju-zhongxin-baodao', expect.stringMatching(/corpus changed/)],
    ]);
    expect(update.current).toEqual(['article', 'lvse-suanli']);
    const reloaded = await loadOrBuildLibrary(lib.config);
    expect(reloaded.articles.map((a) => a.rebuiltBecause)).toEqual([null, null, null, null]);
  });
});

describe('an update while files are being written', () => {
  it('leaves a file modified within `settleMs` for the next update, then serves it', async () => {
    const file = join(lib.config.corpusPath, 'being-written.txt');
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), file);
    // Written "just now" (the others are older than the 10 ms asked).
    const now = Date.now() / 1000;
    await utimes(file, now, now + 0.5);
    const early = await updateLibrary(lib.config, { settleMs: 10 });
    expect(early.pending).toEqual(['being-written']);
    expect(early.catalog!.articles.map((a) => a.id)).not.toContain('being-written');
    await utimes(file, now, now - 60);
    const settled = await updateLibrary(lib.config, { settleMs: 10 });
    expect(settled.pending).toEqual([]);
    expect(settled.changed).toBe(true);
    expect(settled.catalog!.articles.map((a) => a.id)).toContain('being-written');
    // A time an hour ahead is another clock's, not a write under way: not left waiting.
    await utimes(file, now, now + 3600);
    expect((await updateLibrary(lib.config, { settleMs: 10 })).pending).toEqual([]);
    await rm(file);
    const removed = await updateLibrary(lib.config);
    expect(removed.removed).toEqual(['being-written']);
  });
});

describe('an update about a few files (a watch event)', () => {
  it('looks at the files named only, and keeps the others as the catalog has them', async () => {
    const file = join(lib.config.corpusPath, 'named.txt');
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), file);
    const before = (await updateLibrary(lib.config)).catalog!;
    const added = join(lib.config.corpusPath, 'named-new.txt');
    await cp(join(PROJECT_ROOT, 'test/fixtures/articles/lvse-suanli.txt'), added);
    await rm(file);
    const update = await updateLibrary(lib.config, { only: ['named-new.txt', 'named.txt'] });
    expect(update.rebuilt.map((r) => r.id)).toEqual(['named-new']);
    expect(update.current).toEqual([]);
    expect(update.removed).toEqual(['named']);
    expect(update.changed).toBe(true);
    const ids = update.catalog!.articles.map((a) => a.id);
    expect(ids).toEqual([...before.articles.map((a) => a.id).filter((id) => id !== 'named'), 'named-new'].sort((x, y) => (x === 'article' ? -1 : y === 'article' ? 1 : x < y ? -1 : 1)));
    expect(update.catalog!.failures).toEqual(before.failures);
    // The same as a full look at the folder would find.
    const full = await updateLibrary(lib.config);
    expect(full.changed).toBe(false);
    expect(full.catalog).toEqual(update.catalog);
    await rm(added);
    await updateLibrary(lib.config);
  });
});

describe('build leftovers inside the index folder', () => {
  it('are removed by an update with nothing to rebuild (start, ingest); a running build\'s are left', async () => {
    const host = hostname().replace(/[^\w.-]/gu, '_') || 'localhost';
    // A killed build of this host (its pid gone), an hour-old one of another host, and one being written now.
    const stale = [`lvse-suanli.tmp-${host}-999999999-${Date.now()}`, `article.old-elsewhere-12-${Date.now() - 2 * 60 * 60 * 1000}`];
    const running = `article.tmp-${host}-${process.pid}-${Date.now()}`;
    for (const name of [...stale, running]) {
      await mkdir(join(lib.config.indexDir, name, 'part'), { recursive: true });
      await writeFile(join(lib.config.indexDir, name, 'part', 'hnswlib.index'), 'half written');
    }
    const update = await updateLibrary(lib.config);
    expect(update.rebuilt).toEqual([]);
    expect(update.removedStale.sort()).toEqual([...stale].sort());
    const left = await readdir(lib.config.indexDir);
    expect(left).toContain(running);
    for (const name of stale) expect(left).not.toContain(name);
    expect(left).toEqual(expect.arrayContaining(['article', 'lvse-suanli']));
  });
});

describe('listArticles and defaultArticleConfig', () => {
  it('reads a single file as one article indexed in INDEX_DIR itself, as before', async () => {
    const file = join(lib.config.corpusPath, 'article.txt');
    expect(await listArticles({ corpusPath: file, indexDir: '/x/index' })).toEqual([{ id: 'article', path: file, indexDir: '/x/index', stamp: { size: expect.any(Number), mtimeMs: expect.any(Number) } }]);
    expect(defaultArticleConfig(lib.config)).toMatchObject({ corpusPath: file, indexDir: join(lib.config.indexDir, 'article') });
  });
});
