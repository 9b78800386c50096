import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { DocumentInterface } from '@langchain/core/documents';
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
import { HnswStore, searchEf } from './hnsw-store.js';
import { RETRIEVAL_FILE, retrievalTables, serializeRetrievalTables } from './retrieval-tables.js';
import { DEFAULT_LOCAL_EMBEDDINGS_OPTIONS, LocalEmbeddings, type LocalEmbeddingsOptions } from './local-embeddings.js';

export const EMBEDDER_STATE_FILE = 'embedder.json';
/**
 * The parsed article (paragraphs, speakers, sections, people, doubts), as JSON: loading an index
 * reads it instead of parsing the text again (parsing tries every layout: 100-200 ms an article,
 * against well under a millisecond to read it), so an article of a large library is ready to answer
 * soon after it is first asked for.
 */
export const ARTICLE_FILE = 'article.json';
/** The files LangChain's `HNSWLib.save` writes. */
export const HNSWLIB_FILES = ['hnswlib.index', 'args.json', 'docstore.json'] as const;

export interface BuildIndexOptions {
  corpusPath: string;
  indexDir: string;
  embeddings: EmbeddingsConfig;
  chunking?: Partial<ChunkOptions>;
  localEmbeddings?: Partial<LocalEmbeddingsOptions>;
  /**
   * Remove what interrupted builds left beside `indexDir` first (default true). A library's update
   * clears its whole index folder once instead: reading a folder of 10,000 indexes before each
   * build would cost as much as the builds.
   */
  removeStale?: boolean;
}

export interface BuildIndexResult {
  manifest: IndexManifest;
  durationMs: number;
  /** Bytes on disk of the index folder's files. */
  bytes: number;
  /** Folders an interrupted build had left beside the index, removed first (see {@link removeStaleBuildFolders}). */
  removedStale: string[];
}

export interface RemoveStaleBuildFoldersOptions {
  /** A folder older than this is stale whoever wrote it (another host's, or a pid since reused). */
  maxAgeMs: number;
  now: number;
  /** Whether a process of this host is running (a test may stand in for the process table). */
  isRunning: (pid: number) => boolean;
}

/**
 * A build's own folders beside the index are named `INDEX.tmp-HOST-PID-MS` (being written) and
 * `INDEX.old-HOST-PID-MS` (the replaced index, being removed): who made them, and when. Builds
 * before the host was in the name wrote `INDEX.tmp-PID-MS`.
 */
const BUILD_FOLDER = /^\.(?:tmp|old)-(?:(.+)-)?(\d+)-(\d+)$/u;

/** This host, as it goes into a folder name. */
const THIS_HOST = hostname().replace(/[^\w.-]/gu, '_') || 'localhost';

export function buildFolderName(indexDir: string, kind: 'tmp' | 'old'): string {
  return `${indexDir}.${kind}-${THIS_HOST}-${process.pid}-${Date.now()}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Builds take seconds to minutes; a build folder an hour old belongs to no running build. */
export const STALE_BUILD_FOLDER_AGE_MS = 60 * 60 * 1000;

/**
 * Removes the `.tmp-` and `.old-` folders that a build killed mid-way (`kill -9` during
 * `npm run ingest`) left beside `indexDir`. A folder is stale when its writer, a process of this host,
 * is no longer running, or when it is older than `maxAgeMs`. The folders of builds still running
 * (another ingest, a server worker rebuilding, or a host sharing the folder) are left alone, so two
 * processes can build at once. Folders not named by a build are never touched.
 *
 * @returns the names of the folders removed.
 */
export async function removeStaleBuildFolders(indexDir: string, options: Partial<RemoveStaleBuildFoldersOptions> = {}): Promise<string[]> {
  const base = basename(indexDir);
  return removeStaleIn(dirname(indexDir), (name) => (name.startsWith(`${base}.`) ? BUILD_FOLDER.exec(name.slice(base.length)) : null), options);
}

/** `<id>.tmp-HOST-PID-MS` and `<id>.old-…`: the build folders of one article's index inside a library's index folder. */
const ARTICLE_BUILD_FOLDER = /^[^/]+?(\.(?:tmp|old)-(?:.+-)?\d+-\d+)$/u;

/**
 * Removes the stale `<id>.tmp-` and `<id>.old-` folders inside `indexDir`: what builds of a
 * library's articles (each indexed in `indexDir/<id>/`) killed mid-way left, by the rule of
 * {@link removeStaleBuildFolders}. Run before every library update, so a start or an ingest with
 * nothing to rebuild clears them too, not only the next build of that article.
 *
 * @returns the names of the folders removed.
 */
export async function removeStaleBuildFoldersInside(indexDir: string, options: Partial<RemoveStaleBuildFoldersOptions> = {}): Promise<string[]> {
  return removeStaleIn(
    indexDir,
    (name) => {
      const suffix = ARTICLE_BUILD_FOLDER.exec(name)?.[1];
      return suffix ? BUILD_FOLDER.exec(suffix) : null;
    },
    options,
  );
}

async function removeStaleIn(
  folder: string,
  buildFolder: (name: string) => RegExpExecArray | null,
  options: Partial<RemoveStaleBuildFoldersOptions>,
): Promise<string[]> {
  const opts = { maxAgeMs: STALE_BUILD_FOLDER_AGE_MS, now: Date.now(), isRunning, ...options } satisfies RemoveStaleBuildFoldersOptions;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = buildFolder(name);
    if (!match) continue;
    const [, host = THIS_HOST, pid, made] = match;
    const writerGone = host === THIS_HOST && !opts.isRunning(Number(pid));
    if (!writerGone && opts.now - Number(made) <= opts.maxAgeMs) continue;
    await rm(join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * The modules whose code decides what goes into the index: parsing (and the interview layout it
 * reads), normalisation, sentence splitting, chunking, tokenising (stopwords), the local
 * embedder, and the retrieval tables (the homophone table, the exact search's check). The fingerprint covers them and every module they import, found by following their
 * relative imports, so a change to any of them makes a saved index stale and it is rebuilt rather
 * than served out of step with the code.
 */
const PIPELINE_ENTRIES = ['./chunk-paragraphs.ts', './tokenize-chinese.ts', './local-embeddings.ts', '../corpus/parse-article.ts', './retrieval-tables.ts', './hnsw-store.ts'];

/** `from './x.js'` and `import('./x.js')`: relative imports of a module's source. */
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/gu;

/** The entry modules and everything they import relatively, as absolute paths in a stable order. */
export function pipelineSourceFiles(): string[] {
  const here = resolve(PROJECT_ROOT, 'src/index');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) visit(resolve(dirname(file), `${match[1]}.ts`));
  };
  for (const entry of PIPELINE_ENTRIES) visit(resolve(here, entry));
  return [...seen].sort();
}

let pipelineHash: string | null = null;

/** A hash of the indexing code (the files above, as they are on disk). */
export function pipelineFingerprint(): string {
  if (pipelineHash) return pipelineHash;
  // From the project root, not from this module: the built server (dist/server.js) is one bundle
  // elsewhere, and it must hash the same sources as `tsx` does. Paths relative to src/ and line
  // ends normalised: a checkout elsewhere or with CRLF is no change.
  const root = resolve(PROJECT_ROOT, 'src');
  const sources = pipelineSourceFiles().map((file) => `${relative(root, file)}\n${readFileSync(file, 'utf8').replace(/\r\n/gu, '\n')}`);
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
export function chunkToDocument(chunk: Chunk): DocumentInterface {
  const { searchText, ...metadata } = chunk;
  // A plain object, saved as LangChain's `Document` is (`pageContent`, `metadata`): importing the
  // class at start took 13 MiB of the server's memory (LangChain's runnables and tracing with it).
  return { pageContent: searchText, metadata };
}

/**
 * Builds the index from the corpus: parse, chunk, embed, HNSW. Writes to a temporary folder beside
 * `indexDir` and renames it into place, so a failed build leaves the old index as it was.
 *
 * @throws {CorpusError} when the corpus is missing, empty or unreadable (nothing is written).
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const started = performance.now();
  const removedStale = options.removeStale === false ? [] : await removeStaleBuildFolders(options.indexDir);
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

  // Loaded here, not at start: a server that loads its index needs none of LangChain's vector stores.
  const { HNSWLib } = await import('@langchain/community/vectorstores/hnswlib');
  const store = await HNSWLib.fromDocuments(chunks.map(chunkToDocument), embeddings);

  const parent = dirname(options.indexDir);
  await mkdir(parent, { recursive: true });
  const tmpDir = buildFolderName(options.indexDir, 'tmp');
  try {
    await store.save(tmpDir);
    const files: string[] = [...HNSWLIB_FILES, ARTICLE_FILE, RETRIEVAL_FILE];
    await writeFile(join(tmpDir, ARTICLE_FILE), `${JSON.stringify(article)}\n`);
    await writeFile(join(tmpDir, RETRIEVAL_FILE), serializeRetrievalTables(retrievalTables(article, chunks, await checkExactSearch(tmpDir, chunks.length))));
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
    return { manifest, durationMs: performance.now() - started, bytes, removedStale };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** Whether the exact vector search agrees with hnswlib on the index saved in `dir`, searched at the `ef` a load sets. */
async function checkExactSearch(dir: string, chunks: number): Promise<boolean> {
  const saved = await HnswStore.load(dir);
  saved.index.setEf(searchEf(chunks));
  return saved.checkExactSearch();
}

/** Replaces `target` with `fresh` by renames; on failure the old folder is put back. */
export async function swapIntoPlace(fresh: string, target: string): Promise<void> {
  const old = buildFolderName(target, 'old');
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
