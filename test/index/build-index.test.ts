import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, pipelineSourceFiles, removeStaleBuildFolders } from '../../src/index/build-index.js';
import { loadArticle } from '../../src/corpus/parse-article.js';
import { checkIndex, loadIndex, loadOrBuildIndex } from '../../src/index/load-index.js';
import { HnswStore } from '../../src/index/hnsw-store.js';
import { tokenizeWords } from '../../src/index/tokenize-chinese.js';
import { articleHomophoneTable } from '../../src/retrieval/correct-homophones.js';
import { Retriever } from '../../src/retrieval/retrieve.js';
import { testConfig } from '../support/test-index.js';

let work: string;
const base = testConfig();

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await readFile(join(dir, n))).toString('base64')] as const)));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qh-index-'));
  await cp(base.corpusPath, join(work, 'article.txt'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const configIn = (name: string, corpus = 'article.txt') => ({
  ...base,
  corpusPath: join(work, corpus),
  indexDir: join(work, name),
});

describe('buildIndex', () => {
  it('writes the HNSWLib files, the embedder state, the parsed article, the retrieval tables and a manifest', async () => {
    const config = configIn('a');
    const result = await buildIndex(config);
    expect(Object.keys(await filesOf(config.indexDir))).toEqual([
      'args.json', 'article.json', 'docstore.json', 'embedder.json', 'hnswlib.index', 'manifest.json', 'retrieval.json',
    ]);
    expect(result.manifest.chunks).toBeGreaterThan(50);
    expect(result.manifest.embedder).toBe('local-tfidf-v1');
    expect(await checkIndex(config)).toMatchObject({ ok: true });
  });

  it('loads the article as it was parsed, without parsing it again', async () => {
    const config = configIn('parsed');
    const built = await buildIndex(config);
    const { article } = await loadArticle(config.corpusPath);
    const loaded = await loadIndex(config, built.manifest);
    expect(loaded.article).toStrictEqual(article);
  });

  it('keeps the retrieval tables as an opening would compute them, and the exact search checked', async () => {
    const config = configIn('tables');
    const built = await buildIndex(config);
    const loaded = await loadIndex(config, built.manifest);
    expect(loaded.tables?.passageWords).toEqual(loaded.chunks.map((c) => tokenizeWords(c.searchText)));
    expect(loaded.tables?.homophones).toEqual(articleHomophoneTable(loaded.article));
    expect(loaded.tables?.exactSearch).toBe(true);
    // Searched exactly without a check of its own (the ingest's), and as a retriever without the tables finds.
    const question = '青海发展新质生产力有哪些优势？';
    const withTables = await new Retriever(loaded).retrieve(question);
    expect(loaded.store instanceof HnswStore && loaded.store.searchesExactly).toBe(true);
    expect(withTables).toEqual(await new Retriever({ ...loaded, tables: null, store: await HnswStore.load(config.indexDir) }).retrieve(question));
  });

  it('gives identical files when built twice', async () => {
    await buildIndex(configIn('b1'));
    await buildIndex(configIn('b2'));
    expect(await filesOf(join(work, 'b1'))).toEqual(await filesOf(join(work, 'b2')));
  });

  it('matches the committed index, so a fresh clone serves without a rebuild', async () => {
    expect(await checkIndex(base)).toMatchObject({ ok: true });
    await buildIndex(configIn('c'));
    expect(await filesOf(join(work, 'c'))).toEqual(await filesOf(base.indexDir));
  });

  it('fails on a missing or empty corpus and leaves the old index untouched', async () => {
    const config = configIn('d');
    await buildIndex(config);
    const before = await filesOf(config.indexDir);
    await expect(buildIndex({ ...config, corpusPath: join(work, 'missing.txt') })).rejects.toThrow(/cannot read corpus/);
    await writeFile(join(work, 'empty.txt'), '');
    await expect(buildIndex({ ...config, corpusPath: join(work, 'empty.txt') })).rejects.toThrow(/empty/);
    expect(await filesOf(config.indexDir)).toEqual(before);
    expect((await readdir(work)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });

  it('removes the folders a killed build left behind, and keeps those of builds still running', async () => {
    const config = configIn('killed');
    await buildIndex(config);
    // A process that has exited: its pid is what a `kill -9`ed ingest leaves in its folder names.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const host = hostname().replace(/[^\w.-]/gu, '_') || 'localhost';
    const now = Date.now();
    const hourAndMore = now - 2 * 60 * 60 * 1000;
    const leftovers = {
      stale: [`killed.tmp-${host}-${dead}-${now}`, `killed.old-${host}-${dead}-${now}`, `killed.tmp-${dead}-${now}`, `killed.tmp-other-host-7-${hourAndMore}`],
      kept: [`killed.tmp-${host}-${process.pid}-${now}`, `killed.old-other-host-7-${now}`, 'killed.tmp-notes', 'killed-backup'],
    };
    for (const name of [...leftovers.stale, ...leftovers.kept]) {
      await mkdir(join(work, name));
      await writeFile(join(work, name, 'hnswlib.index'), 'partial');
    }
    const result = await buildIndex(config);
    expect(result.removedStale.sort()).toEqual([...leftovers.stale].sort());
    const left = await readdir(work);
    for (const name of leftovers.kept) expect(left).toContain(name);
    for (const name of leftovers.stale) expect(left).not.toContain(name);
    expect(await checkIndex(config)).toMatchObject({ ok: true });

    // At start (the server calls it before loading): a folder of a live pid older than the bound goes too.
    const reused = `killed.tmp-${host}-${process.pid}-${hourAndMore}`;
    await mkdir(join(work, reused));
    expect(await removeStaleBuildFolders(config.indexDir)).toEqual([reused]);
    for (const name of leftovers.kept) await rm(join(work, name), { recursive: true });
  });
});

describe('pipelineSourceFiles', () => {
  it('covers the modules the indexing code imports, such as the interview layout and the role words', () => {
    const files = pipelineSourceFiles().map((f) => f.replace(/\\/gu, '/'));
    for (const module of ['corpus/interview-layout.ts', 'corpus/role-words.ts', 'corpus/parse-article.ts', 'index/chunk-paragraphs.ts']) {
      expect(files.some((f) => f.endsWith(`src/${module}`))).toBe(true);
    }
    expect(files.some((f) => f.includes('/answer/'))).toBe(false);
  });
});

describe('loadOrBuildIndex', () => {
  it('builds a missing index and says why', async () => {
    const messages: string[] = [];
    const { rebuiltBecause, index } = await loadOrBuildIndex(configIn('e'), (m) => messages.push(m));
    expect(rebuiltBecause).toMatch(/no index/);
    expect(index.chunks.length).toBeGreaterThan(50);
    expect(messages.join('\n')).toMatch(/rebuilding/);
  });

  it('rebuilds when the corpus changes', async () => {
    await cp(join(work, 'article.txt'), join(work, 'changed.txt'));
    const config = configIn('f', 'changed.txt');
    await buildIndex(config);
    await writeFile(config.corpusPath, `${await readFile(config.corpusPath, 'utf8')}\n`);
    expect(await checkIndex(config)).toMatchObject({ ok: false, reason: expect.stringMatching(/corpus changed/) });
    const { rebuiltBecause } = await loadOrBuildIndex(config);
    expect(rebuiltBecause).toMatch(/corpus changed/);
    expect(await checkIndex(config)).toMatchObject({ ok: true });
  });

  it('detects a truncated index file and repairs it', async () => {
    const config = configIn('g');
    await buildIndex(config);
    await truncate(join(config.indexDir, 'hnswlib.index'), 100);
    expect(await checkIndex(config)).toMatchObject({ ok: false, reason: expect.stringMatching(/hnswlib.index is damaged/) });
    const { rebuiltBecause, index } = await loadOrBuildIndex(config);
    expect(rebuiltBecause).toMatch(/damaged/);
    expect(index.chunks.length).toBeGreaterThan(50);
  });

  it('detects a corrupted docstore of the same size and repairs it, never serving wrong passages', async () => {
    const config = configIn('i');
    await buildIndex(config);
    const file = join(config.indexDir, 'docstore.json');
    const original = await readFile(file, 'utf8');
    // Same length, different speaker: the kind of damage a size check would miss.
    await writeFile(file, original.replace('"speaker":"李娜"', '"speaker":"刘畅"'));
    expect(await checkIndex(config)).toMatchObject({ ok: false, reason: expect.stringMatching(/docstore.json is damaged/) });
    const { index } = await loadOrBuildIndex(config);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(index.chunks.find((c) => c.text.includes('青海最大的短板'))!.speaker).toBe('李娜');
  });

  it('rebuilds when the embedder in config differs from the one that built the index', async () => {
    const config = configIn('h');
    await buildIndex(config);
    const remote = { ...config, embeddings: { provider: 'openai' as const, baseURL: 'http://127.0.0.1:9/v1', apiKey: 'x', model: 'm' } };
    expect(await checkIndex(remote)).toMatchObject({ ok: false, reason: expect.stringMatching(/built by local-tfidf-v1/) });
  });
});
