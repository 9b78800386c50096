import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import { HnswStore, searchEf, type PassageStore } from './hnsw-store.js';
import { readRetrievalTables, RETRIEVAL_FILE, type RetrievalTables } from './retrieval-tables.js';
import type { AppConfig } from '../config.js';
import { loadArticle, type Article } from '../corpus/parse-article.js';
import { ARTICLE_FILE, buildIndex, EMBEDDER_STATE_FILE, indexSettings } from './build-index.js';
import type { Chunk } from './chunk-paragraphs.js';
import { createEmbeddingsForLoad, embedderIdentity } from './create-embeddings.js';
import {
  checksumFiles,
  hashSettings,
  INDEX_FORMAT_VERSION,
  readManifest,
  sha256,
  type IndexManifest,
} from './index-manifest.js';
import type { LocalEmbeddingsState } from './local-embeddings.js';

/** The loaded index: the article, its passages, the HNSW store and the embedder that built it. */
export interface SearchIndex {
  article: Article;
  /** Passages in index order (the HNSW label of `chunks[i]` is `i`). */
  chunks: Chunk[];
  /** The passages' vectors: a loaded {@link HnswStore}, or any store searched the same way (the benchmarks' `HNSWLib`). */
  store: PassageStore;
  embeddings: Embeddings;
  manifest: IndexManifest;
  /** What its search needs that the ingest computed (`retrieval.json`); absent for an index made in memory. */
  tables?: RetrievalTables | null;
}

export type IndexCheck = { ok: true; manifest: IndexManifest } | { ok: false; reason: string };

type IndexConfig = Pick<AppConfig, 'corpusPath' | 'indexDir' | 'embeddings'>;

/** Compares the saved index with the corpus, settings and embedder it should have been built from. */
export async function checkIndex(config: IndexConfig): Promise<IndexCheck> {
  const manifest = await readManifest(config.indexDir);
  if (!manifest) return { ok: false, reason: 'no index (manifest.json missing or unreadable)' };
  if (manifest.format !== INDEX_FORMAT_VERSION) {
    return { ok: false, reason: `index format ${manifest.format} is not the current ${INDEX_FORMAT_VERSION}` };
  }
  let corpus: Buffer;
  try {
    corpus = await readFile(config.corpusPath);
  } catch {
    return { ok: false, reason: `corpus ${config.corpusPath} cannot be read` };
  }
  if (sha256(corpus) !== manifest.corpusSha256) return { ok: false, reason: 'the corpus changed since the index was built' };
  if (embedderIdentity(config.embeddings) !== manifest.embedder) {
    return { ok: false, reason: `the index was built by ${manifest.embedder}, config asks for ${embedderIdentity(config.embeddings)}` };
  }
  if (hashSettings(indexSettings({ embeddings: config.embeddings })) !== manifest.settingsSha256) {
    return { ok: false, reason: 'index settings changed' };
  }
  const damaged = await checkIndexFiles(config.indexDir, manifest);
  return damaged ? { ok: false, reason: damaged } : { ok: true, manifest };
}

/** Whether every file a manifest lists is there with its checksum: null when so, else what is wrong. */
export async function checkIndexFiles(indexDir: string, manifest: IndexManifest): Promise<string | null> {
  let actual: Record<string, string>;
  try {
    actual = await checksumFiles(indexDir, Object.keys(manifest.files));
  } catch (error) {
    return `index file missing: ${(error as Error).message}`;
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    if (actual[name] !== expected) return `index file ${name} is damaged (checksum mismatch)`;
  }
  return null;
}

/**
 * Loads an article's index as it was built, without reading the corpus: a library's catalog says
 * which text it is. Its files are checked against the manifest; an index missing, of another format
 * or damaged is rebuilt from the corpus first (and `log` says why).
 */
export async function loadBuiltIndex(config: IndexConfig, log: (message: string) => void = () => {}): Promise<SearchIndex> {
  const manifest = await readManifest(config.indexDir);
  const wrong = !manifest
    ? 'no index (manifest.json missing or unreadable)'
    : manifest.format !== INDEX_FORMAT_VERSION
      ? `index format ${manifest.format} is not the current ${INDEX_FORMAT_VERSION}`
      : await checkIndexFiles(config.indexDir, manifest);
  if (!wrong) return loadIndex(config, manifest!);
  log(`rebuilding the index of ${config.corpusPath}: ${wrong}`);
  return loadIndex(config, (await buildIndex(config)).manifest);
}

/**
 * Loads a checked index.
 *
 * @throws {Error} when the files cannot be read; call {@link checkIndex} first.
 */
export async function loadIndex(config: IndexConfig, manifest: IndexManifest): Promise<SearchIndex> {
  // The article as parsed when the index was built (the manifest says which text that was).
  const article = ARTICLE_FILE in manifest.files ? (JSON.parse(await readFile(join(config.indexDir, ARTICLE_FILE), 'utf8')) as Article) : (await loadArticle(config.corpusPath)).article;
  let localState: LocalEmbeddingsState | null = null;
  if (config.embeddings.provider === 'local') {
    localState = JSON.parse(await readFile(join(config.indexDir, EMBEDDER_STATE_FILE), 'utf8')) as LocalEmbeddingsState;
  }
  const embeddings = await createEmbeddingsForLoad(config.embeddings, localState);
  const tables = RETRIEVAL_FILE in manifest.files ? await readRetrievalTables(config.indexDir, manifest.chunks) : null;
  const store = await HnswStore.load(config.indexDir, { exactSearchChecked: tables?.exactSearch ?? null });
  store.index.setEf(searchEf(manifest.chunks));
  const chunks: Chunk[] = [];
  for (let i = 0; i < manifest.chunks; i++) {
    const doc = store.docstore.search(String(i));
    chunks.push({ ...(doc.metadata as Omit<Chunk, 'searchText'>), searchText: doc.pageContent });
  }
  return { article, chunks, store, embeddings, manifest, tables };
}

export interface LoadOrBuildResult {
  index: SearchIndex;
  /** Why the index was rebuilt, or null when the saved one was current. */
  rebuiltBecause: string | null;
}

/** Loads the saved index, rebuilding it first when it is missing, stale or damaged. */
export async function loadOrBuildIndex(
  config: IndexConfig,
  log: (message: string) => void = () => {},
): Promise<LoadOrBuildResult> {
  const check = await checkIndex(config);
  if (check.ok) return { index: await loadIndex(config, check.manifest), rebuiltBecause: null };
  log(`rebuilding the index: ${check.reason}`);
  const built = await buildIndex(config);
  log(`index rebuilt: ${built.manifest.chunks} passages in ${Math.round(built.durationMs)} ms`);
  return { index: await loadIndex(config, built.manifest), rebuiltBecause: check.reason };
}
