import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { distinctPairs } from '../check/index.js';
import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { ARTICLE_FILE, buildFolderName, removeStaleBuildFolders, swapIntoPlace } from './build-index.js';
import { hashSettings } from './index-manifest.js';
import { LIBRARY_DIR, type Catalog, type CatalogEntry } from './library-catalog.js';
import {
  buildSegment,
  LIBRARY_INDEX_FORMAT,
  LibraryPairPostings,
  LibrarySegment,
  LibraryWords,
  MAX_DF_SHARE,
  placeSegment,
  PRUNE_FROM_PASSAGES,
  SEGMENT_FILE,
  writeSegment,
  type ArticleTerms,
  type LiveSegment,
} from './library-index.js';

/**
 * The library index on disk (`INDEX_DIR/.library/segment/`) and beside it in memory: when to
 * rebuild it, and how a server opens it for the articles its catalog serves. An article added or
 * changed since the segment was built is read from its own index (its passages and text) into a
 * small segment in memory; once those and the removed ones pass {@link REBUILD_SHARE} of the library
 * (or {@link REBUILD_FROM} articles, whichever is more), the next ingest rebuilds the segment.
 */

export const SEGMENT_DIR = 'segment';
/** Articles outside the built segment (added, changed, removed), as a share of it, that make an ingest rebuild it. */
export const REBUILD_SHARE = 0.02;
export const REBUILD_FROM = 4;

export function segmentDir(indexDir: string): string {
  return join(indexDir, LIBRARY_DIR, SEGMENT_DIR);
}

/** What a segment must have been built with to serve a catalog: the same indexes, the same segment code. */
export function segmentSettings(catalog: Pick<Catalog, 'settingsSha256'>): string {
  return hashSettings({ index: catalog.settingsSha256, format: LIBRARY_INDEX_FORMAT, maxDfShare: MAX_DF_SHARE, pruneFrom: PRUNE_FROM_PASSAGES });
}

/** The distinct character pairs of an article's paragraphs, as the quote check across a library ranks by. */
export function articlePairs(article: Article): number[] {
  const pairs = new Set<number>();
  for (const paragraph of article.paragraphs) for (const pair of distinctPairs(foldText(paragraph.text))) pairs.add(pair);
  return [...pairs];
}

/** What the library index needs of an article, from its index folder (its passages and parsed text). */
export async function readArticleTerms(indexDir: string, entry: Pick<CatalogEntry, 'id' | 'corpusSha256'>): Promise<ArticleTerms> {
  const folder = join(indexDir, entry.id);
  const [docstore, article] = await Promise.all([readFile(join(folder, 'docstore.json'), 'utf8'), readFile(join(folder, ARTICLE_FILE), 'utf8')]);
  const documents = JSON.parse(docstore) as Array<[string, { pageContent: string }]>;
  const ordered = documents.map(([key, doc]) => [Number(key), doc.pageContent] as const).sort((a, b) => a[0] - b[0]);
  return { id: entry.id, corpusSha256: entry.corpusSha256, passages: ordered.map(([, text]) => text), pairs: articlePairs(JSON.parse(article) as Article) };
}

/** The articles of a catalog that a segment does not hold as they are now, and the segment's articles the catalog no longer serves as they were. */
export function segmentDifference(meta: LibrarySegment['meta'], catalog: Catalog): { outside: CatalogEntry[]; stale: number } {
  const held = new Map(meta.articles.map((a) => [a.id, a.corpusSha256]));
  const served = new Map(catalog.articles.map((a) => [a.id, a.corpusSha256]));
  const outside = catalog.articles.filter((a) => held.get(a.id) !== a.corpusSha256);
  const stale = meta.articles.filter((a) => served.get(a.id) !== a.corpusSha256).length;
  return { outside, stale };
}

/**
 * Rebuilds the library's segment when there is none, it was built with other settings, or too much
 * of the library lies outside it; otherwise leaves it.
 *
 * @returns why it was rebuilt, or null when it was left.
 */
export async function updateLibraryIndex(indexDir: string, catalog: Catalog, options: { force?: boolean; log?: (message: string) => void } = {}): Promise<string | null> {
  const dir = segmentDir(indexDir);
  const removed = await removeStaleBuildFolders(dir);
  if (removed.length > 0) options.log?.(`removed the folders an interrupted library index build left: ${removed.join(', ')}`);
  const settings = segmentSettings(catalog);
  const segment = await LibrarySegment.open(dir, settings).catch(() => null);
  let reason: string | null = options.force ? 'rebuild asked for' : null;
  if (!segment) reason ??= 'no library index of these settings';
  else {
    const { outside, stale } = segmentDifference(segment.meta, catalog);
    const bound = Math.max(REBUILD_FROM, Math.ceil(REBUILD_SHARE * segment.articleCount));
    if (outside.length + stale > bound) reason ??= `${outside.length} articles added or changed and ${stale} changed or removed since it was built (more than ${bound})`;
    await segment.close();
  }
  if (!reason) return null;
  const started = performance.now();
  async function* terms(): AsyncGenerator<ArticleTerms> {
    for (const entry of catalog.articles) yield await readArticleTerms(indexDir, entry);
  }
  const data = await buildSegment(terms(), settings);
  const fresh = buildFolderName(dir, 'tmp');
  try {
    await writeSegment(fresh, data);
    await swapIntoPlace(fresh, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another process (a second server, an ingest) put its own in place between our renames: theirs serves.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    options.log?.('another process wrote the library index at the same time; keeping its');
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  options.log?.(
    `rebuilt the library index (${reason}): ${catalog.articles.length} articles, ${data.meta.passages} passages, ` +
      `${data.meta.words.terms.length} words, ${data.meta.pairs} character pairs, ${Math.round(performance.now() - started)} ms`,
  );
  return reason;
}

/** Articles read for the segment in memory, kept by id and text across reloads of one process. */
export type TermsCache = Map<string, ArticleTerms>;

/** The library index as one catalog sees it: its words and pairs over the built segment and the articles outside it. */
export interface OpenLibraryIndex {
  words: LibraryWords;
  pairs: LibraryPairPostings;
  /** Articles read into the segment in memory. */
  outside: number;
  /** The built segment, if any, for the next {@link openLibraryIndex} to keep open while unchanged. */
  segment: LibrarySegment | null;
}

/**
 * Opens the library index for a catalog: the built segment (`reuse` when it is the same one already
 * open) and a segment in memory of the articles outside it.
 */
export async function openLibraryIndex(indexDir: string, catalog: Catalog, options: { reuse?: LibrarySegment | null; cache?: TermsCache } = {}): Promise<OpenLibraryIndex> {
  const settings = segmentSettings(catalog);
  // The segment open already, when its files are those it was read from (no 1.4 MB of vocabulary parsed again).
  const stamp = await stat(join(segmentDir(indexDir), SEGMENT_FILE)).catch(() => null);
  const unchanged = options.reuse && stamp && options.reuse.stamp?.mtimeMs === stamp.mtimeMs && options.reuse.stamp.size === stamp.size && options.reuse.meta.settingsSha256 === settings;
  const segment = unchanged ? options.reuse! : await LibrarySegment.open(segmentDir(indexDir), settings).catch(() => null);
  let base = segment;
  if (segment && options.reuse && segment !== options.reuse && sameSegment(segment, options.reuse)) {
    await segment.close();
    base = options.reuse;
  }
  const order = new Map(catalog.articles.map((a, i) => [a.id, i]));
  const place = (id: string, sha: string) => {
    const ordinal = order.get(id);
    return ordinal !== undefined && catalog.articles[ordinal]!.corpusSha256 === sha ? ordinal : -1;
  };
  const parts: LiveSegment[] = [];
  const outside = base ? segmentDifference(base.meta, catalog).outside : catalog.articles;
  if (base) parts.push(placeSegment(base, place));
  if (outside.length > 0) {
    const cache = options.cache ?? new Map();
    const read: ArticleTerms[] = [];
    for (const entry of outside) {
      const key = `${entry.id}@${entry.corpusSha256}`;
      let terms = cache.get(key);
      if (!terms) {
        terms = await readArticleTerms(indexDir, entry).catch(() => undefined);
        if (terms) cache.set(key, terms);
      }
      if (terms) read.push(terms);
    }
    const keep = new Set(outside.map((e) => `${e.id}@${e.corpusSha256}`));
    for (const key of cache.keys()) if (!keep.has(key)) cache.delete(key);
    parts.push(placeSegment(LibrarySegment.fromData(await buildSegment(read, settings)), place));
  }
  return { words: new LibraryWords(parts, catalog.articles.length), pairs: new LibraryPairPostings(parts, catalog.articles.length), outside: outside.length, segment: base };
}

/** The same built segment: written by the same build. */
function sameSegment(a: LibrarySegment, b: LibrarySegment): boolean {
  return a.meta.builtAt === b.meta.builtAt && a.meta.passages === b.meta.passages && a.meta.articles.length === b.meta.articles.length;
}
