import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { Embeddings } from '@langchain/core/embeddings';
import { PROJECT_ROOT, type EmbeddingsConfig } from '../config.js';
import { loadArticle } from '../corpus/parse-article.js';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS, type Chunk, type ChunkOptions } from './chunk-paragraphs.js';
import { createRemoteEmbeddings, embedderIdentity } from './create-embeddings.js';
import {
  checksumFiles,
  hashSettings,
  INDEX_FORMAT_VERSION,
  MANIFEST_FILE,
  sha256,
  type IndexManifest,
} from './index-manifest.js';
import { DEFAULT_LOCAL_EMBEDDINGS_OPTIONS, LocalEmbeddings, type LocalEmbeddingsOptions } from './local-embeddings.js';

export const EMBEDDER_STATE_FILE = 'embedder.json';
/** The files LangChain's `HNSWLib.save` writes. */
export const HNSWLIB_FILES = ['hnswlib.index', 'args.json', 'docstore.json'] as const;

export interface BuildIndexOptions {
  corpusPath: string;
  indexDir: string;
  embeddings: EmbeddingsConfig;
  chunking?: Partial<ChunkOptions>;
  localEmbeddings?: Partial<LocalEmbeddingsOptions>;
}

export interface BuildIndexResult {
  manifest: IndexManifest;
  durationMs: number;
  /** Bytes on disk of the index folder's files. */
  bytes: number;
}

/**
 * The source files whose code decides what goes into the index: parsing, normalisation, sentence
 * splitting, chunking, tokenising (stopwords) and the local embedder. A change to any of them makes
 * a saved index stale, so it is rebuilt rather than served out of step with the code.
 */
const PIPELINE_SOURCES = [
  '../corpus/parse-article.ts',
  '../corpus/normalize-text.ts',
  '../corpus/split-sentences.ts',
  '../corpus/speakers.ts',
  './chunk-paragraphs.ts',
  './tokenize-chinese.ts',
  './local-embeddings.ts',
];

let pipelineHash: string | null = null;

/** A hash of the indexing code (the files above, as they are on disk). */
export function pipelineFingerprint(): string {
  if (pipelineHash) return pipelineHash;
  // From the project root, not from this module: the built server (dist/server.js) is one bundle
  // elsewhere, and it must hash the same sources as `tsx` does.
  const here = resolve(PROJECT_ROOT, 'src/index');
  // Line ends are normalised so that a checkout with CRLF does not count as a change.
  const sources = PIPELINE_SOURCES.map((file) => readFileSync(resolve(here, file), 'utf8').replace(/\r\n/gu, '\n'));
  pipelineHash = sha256(sources.join('\u0000'));
  return pipelineHash;
}

/** The settings an index is built with; a change in them makes the saved index stale. */
export function indexSettings(options: Pick<BuildIndexOptions, 'chunking' | 'localEmbeddings' | 'embeddings'>) {
  return {
    format: INDEX_FORMAT_VERSION,
    pipeline: pipelineFingerprint(),
    chunking: { ...DEFAULT_CHUNK_OPTIONS, ...options.chunking },
    localEmbeddings: options.embeddings.provider === 'local' ? { ...DEFAULT_LOCAL_EMBEDDINGS_OPTIONS, ...options.localEmbeddings } : null,
  };
}

/** The chunk as stored in the docstore: everything but the search text, which is the page content. */
export function chunkToDocument(chunk: Chunk): Document {
  const { searchText, ...metadata } = chunk;
  return new Document({ pageContent: searchText, metadata });
}

/**
 * Builds the index from the corpus: parse, chunk, embed, HNSW. Writes to a temporary folder beside
 * `indexDir` and renames it into place, so a failed build leaves the old index as it was.
 *
 * @throws {CorpusError} when the corpus is missing, empty or unreadable (nothing is written).
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const started = performance.now();
  const { article, raw } = await loadArticle(options.corpusPath);
  const settings = indexSettings(options);
  const chunks = chunkParagraphs(article, settings.chunking);

  let embeddings: Embeddings;
  let localState: string | null = null;
  if (options.embeddings.provider === 'local') {
    const local = LocalEmbeddings.fit(
      chunks.map((c) => c.searchText),
      settings.localEmbeddings ?? {},
    );
    embeddings = local;
    localState = `${JSON.stringify(local.state)}\n`;
  } else {
    embeddings = await createRemoteEmbeddings(options.embeddings);
  }

  const store = await HNSWLib.fromDocuments(chunks.map(chunkToDocument), embeddings);

  const parent = dirname(options.indexDir);
  await mkdir(parent, { recursive: true });
  const tmpDir = join(parent, `${basename(options.indexDir)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await store.save(tmpDir);
    const files: string[] = [...HNSWLIB_FILES];
    if (localState !== null) {
      await writeFile(join(tmpDir, EMBEDDER_STATE_FILE), localState);
      files.push(EMBEDDER_STATE_FILE);
    }
    const manifest: IndexManifest = {
      format: INDEX_FORMAT_VERSION,
      corpusSha256: sha256(raw),
      settingsSha256: hashSettings(settings),
      embedder: embedderIdentity(options.embeddings),
      chunks: chunks.length,
      dimensions: store.args.numDimensions ?? 0,
      files: await checksumFiles(tmpDir, files),
    };
    await writeFile(join(tmpDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await swapIntoPlace(tmpDir, options.indexDir);
    let bytes = 0;
    for (const name of [...files, MANIFEST_FILE]) bytes += (await stat(join(options.indexDir, name))).size;
    return { manifest, durationMs: performance.now() - started, bytes };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** Replaces `target` with `fresh` by renames; on failure the old folder is put back. */
async function swapIntoPlace(fresh: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(fresh, target);
  } catch (error) {
    if (moved) await rename(old, target);
    throw error;
  }
  if (moved) await rm(old, { recursive: true, force: true });
}
