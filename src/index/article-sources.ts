import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AppConfig } from '../config.js';
import { CorpusError } from '../corpus/article.js';

/**
 * Which articles the corpus holds and where each one's index lives: the file itself, or every
 * `*.txt` of the folder, named by id. Kept apart from the index code (load-library.ts) so that a
 * tool that only reads an article (`npm run check`) loads no search code.
 */

/** The id of today's article (`corpus/article.txt`): the default when several are served. */
export const DEFAULT_ARTICLE_ID = 'article';

/** An id is a file name a URL can carry: letters, digits, `_`, `-` and `.` (not leading). */
export const ARTICLE_ID = /^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u;

/** One article of the corpus: its id, its file and its index folder. */
export interface ArticleSource {
  id: string;
  path: string;
  indexDir: string;
  /**
   * What the name is when it is not a regular file (`a symbolic link`, `a FIFO`, `a device`,
   * `a directory`, `a socket`): named and skipped, never opened (opening a FIFO blocks; a link
   * may point anywhere, `/etc/passwd` included).
   */
  notRegular?: string;
  /** The file's size and modification time when it was listed (a regular file of a listing). */
  stamp?: { size: number; mtimeMs: number };
}

export type LibraryConfig = Pick<AppConfig, 'corpusPath' | 'indexDir' | 'embeddings'>;

/** Ids in a stable order: the default article first, then by code point. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  if (a === DEFAULT_ARTICLE_ID) return -1;
  if (b === DEFAULT_ARTICLE_ID) return 1;
  return a < b ? -1 : 1;
}

/**
 * The articles of `CORPUS_PATH`: the file itself, or every `*.txt` of the folder.
 *
 * @throws {CorpusError} when the path cannot be read, or the folder holds no `*.txt`.
 */
export async function listArticles(config: Pick<AppConfig, 'corpusPath' | 'indexDir'>): Promise<ArticleSource[]> {
  const { corpusPath, indexDir } = config;
  // A path that is not there is read as a file, so the error names it as the corpus file it was meant to be.
  const named = await stat(corpusPath).catch(() => null);
  const isFolder = named?.isDirectory() ?? false;
  if (!isFolder) return sourcesOf([{ path: corpusPath, stats: named }], false, corpusPath, indexDir);
  const names = (await readdir(corpusPath)).filter((name) => name.endsWith('.txt'));
  // lstat, not stat: a link in the folder is not followed.
  const files = await Promise.all(names.map(async (name) => ({ path: join(corpusPath, name), stats: await lstat(join(corpusPath, name)).catch(() => null) })));
  return sourcesOf(files, true, corpusPath, indexDir);
}

/**
 * The articles of a corpus folder's files named (`name.txt`): those that are there (a name gone is
 * left out). For an update about a few files: the folder's other 10,000 are not looked at.
 */
export async function listNamedArticles(config: Pick<AppConfig, 'corpusPath' | 'indexDir'>, names: Iterable<string>): Promise<ArticleSource[]> {
  const files = [];
  for (const name of new Set(names)) {
    if (!name.endsWith('.txt') || basename(name) !== name) continue;
    const stats = await lstat(join(config.corpusPath, name)).catch(() => null);
    if (stats) files.push({ path: join(config.corpusPath, name), stats });
  }
  return files.length === 0 ? [] : sourcesOf(files, true, config.corpusPath, config.indexDir);
}

/** What a name of the corpus is when it is not a regular file; undefined for a file (or a name gone, read as a file to say so). */
function notRegularFile(stats: Stats | null): string | undefined {
  if (!stats || stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function sourcesOf(files: Array<{ path: string; stats: Stats | null }>, isFolder: boolean, corpusPath: string, indexDir: string): ArticleSource[] {
  const sources = files.map(({ path, stats }) => {
    const id = basename(path).replace(/\.txt$/u, '');
    const notRegular = notRegularFile(stats);
    const stamp = stats && !notRegular ? { stamp: { size: stats.size, mtimeMs: stats.mtimeMs } } : {};
    return { id, path, indexDir: isFolder ? join(indexDir, id) : indexDir, ...(notRegular ? { notRegular } : {}), ...stamp };
  });
  if (sources.length === 0) throw new CorpusError(`corpus folder ${corpusPath} holds no *.txt article`);
  return sources.sort((a, b) => compareIds(a.id, b.id));
}

/** The config of one article's index, as {@link buildIndex} and {@link checkIndex} take it. */
export function articleIndexConfig(config: LibraryConfig, source: ArticleSource) {
  return { corpusPath: source.path, indexDir: source.indexDir, embeddings: config.embeddings };
}

/** The corpus's sources, read synchronously (a path that is not there is read as a file, whose loader names it). */
function listSourcesSync(config: LibraryConfig): ReturnType<typeof sourcesOf> {
  let isFolder = false;
  try {
    isFolder = statSync(config.corpusPath).isDirectory();
  } catch {
    // Not there or not readable: read as a file, whose loader names it in its error.
  }
  const files = isFolder
    ? readdirSync(config.corpusPath)
        .filter((name) => name.endsWith('.txt'))
        .map((name) => join(config.corpusPath, name))
        .map((path) => ({ path, stats: lstatSync(path, { throwIfNoEntry: false }) ?? null }))
    : [{ path: config.corpusPath, stats: null }];
  return sourcesOf(files, isFolder, config.corpusPath, config.indexDir);
}

/**
 * The config narrowed to the default article (`article`, else the first id): `corpusPath` its file,
 * `indexDir` its index folder. For the tools that work on one article (eval, ask, search, benches).
 *
 * @throws {CorpusError} when the corpus cannot be read or holds no `*.txt`.
 */
export function defaultArticleConfig<T extends LibraryConfig>(config: T): T {
  const sources = listSourcesSync(config);
  const first = sources.find((s) => !s.notRegular) ?? sources[0]!;
  return { ...config, ...articleIndexConfig(config, first) };
}

/**
 * The config of the article `id` of the corpus (`--article ID` of the command-line tools), as
 * {@link defaultArticleConfig} gives the default one.
 *
 * @throws {CorpusError} when the corpus has no servable article of that id, naming the ids it has.
 */
export function articleConfigById<T extends LibraryConfig>(config: T, id: string): T {
  const sources = listSourcesSync(config);
  const source = sources.find((s) => s.id === id && !s.notRegular);
  if (!source) throw new CorpusError(`article "${id}" is not in the corpus (its articles: ${sources.filter((s) => !s.notRegular).map((s) => s.id).join(', ')})`);
  return { ...config, ...articleIndexConfig(config, source) };
}

/**
 * Reads `--article ID` out of command-line arguments: the config of that article (the default one
 * without it) and the other arguments.
 *
 * @throws {CorpusError} when the option has no value or names no article of the corpus.
 */
export function articleOption<T extends LibraryConfig>(config: T, args: readonly string[]): { config: T; rest: string[] } {
  const at = args.indexOf('--article');
  if (at < 0) return { config: defaultArticleConfig(config), rest: [...args] };
  const id = args[at + 1];
  if (id === undefined || id.startsWith('--')) throw new CorpusError('--article needs an id (npm run ingest lists the articles)');
  return { config: articleConfigById(config, id.trim()), rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}
