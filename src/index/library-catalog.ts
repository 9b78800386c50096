import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../corpus/parse-article.js';
import type { SpeakerRole } from '../corpus/speakers.js';

/**
 * The library manifest (`INDEX_DIR/.library/catalog.json`): what a server needs of every article
 * without opening it — the id, the file's size, time and hash, which build of its index is current,
 * and what `GET /api/articles` lists (title, date, genre, speakers, passages) — and the files that
 * could not be served, with why. Written at ingest (every article built or found current), read at
 * start: a library of 10,000 articles starts by reading this one file, not 10,000 indexes.
 *
 * `.library` cannot be an article's folder: an id never starts with a dot.
 */

export const LIBRARY_DIR = '.library';
export const CATALOG_FILE = 'catalog.json';
/** Bump when the catalog's fields change. */
export const CATALOG_FORMAT = 1;

/** The stat of a corpus file when it was read: an unchanged size and time is taken as an unchanged file. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** An article as `GET /api/articles` lists it. */
export interface ArticleListing {
  id: string;
  title: string;
  date: string | null;
  kind: 'interview' | 'report';
  genre: Article['genre'];
  layout: string;
  doubts: Article['doubts'];
  speakers: Array<{ name: string; role: SpeakerRole; title: string | null }>;
  passages: number;
}

export interface CatalogEntry extends ArticleListing, FileStamp {
  /** The hash of the text indexed. */
  corpusSha256: string;
  /** The hash of the article's index manifest: which build of its index this entry describes. */
  indexSha256: string;
}

/** A file not served, as {@link ArticleFailure} of load-library.ts, with the stamp it was read at. */
export interface CatalogFailure extends Partial<FileStamp> {
  id: string;
  path: string;
  message: string;
  reason: string;
}

export interface Catalog {
  format: number;
  /** The index settings (format, pipeline code, chunking, embedder) every entry was built with. */
  settingsSha256: string;
  embedder: string;
  /** Served articles, in library order (the default first). */
  articles: CatalogEntry[];
  failures: CatalogFailure[];
}

/** What `GET /api/articles` says of an article, from its parsed text. */
export function listingOf(id: string, article: Article, passages: number): ArticleListing {
  return {
    id,
    title: article.title,
    date: article.date,
    kind: article.people.some((p) => p.role === 'expert') ? 'interview' : 'report',
    genre: article.genre,
    layout: article.layout.name,
    doubts: article.doubts,
    speakers: article.speakers.map(({ name, role, title }) => ({ name, role, title })),
    passages,
  };
}

export function catalogPath(indexDir: string): string {
  return join(indexDir, LIBRARY_DIR, CATALOG_FILE);
}

/** The catalog of a library's index folder; null when there is none or it cannot be read. */
export async function readCatalog(indexDir: string): Promise<Catalog | null> {
  return (await readCatalogFile(indexDir))?.catalog ?? null;
}

/** The catalog and its text (a reader tells a changed catalog from the same one by the text, before parsing it). */
export async function readCatalogFile(indexDir: string): Promise<{ text: string; catalog: Catalog } | null> {
  try {
    const text = await readFile(catalogPath(indexDir), 'utf8');
    return { text, catalog: parseCatalog(text) };
  } catch {
    return null;
  }
}

/** @throws {Error} when the text is not a catalog of this format. */
export function parseCatalog(text: string): Catalog {
  const catalog = JSON.parse(text) as Catalog;
  if (catalog.format !== CATALOG_FORMAT || !Array.isArray(catalog.articles) || !Array.isArray(catalog.failures)) throw new Error('not a library catalog of this format');
  return catalog;
}

/** Writes the catalog whole (a new file renamed over the old one): a reader sees the old or the new. */
export async function writeCatalog(indexDir: string, catalog: Catalog): Promise<void> {
  const path = catalogPath(indexDir);
  await mkdir(join(indexDir, LIBRARY_DIR), { recursive: true });
  const fresh = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(fresh, `${JSON.stringify(catalog)}\n`);
    await rename(fresh, path);
  } finally {
    await rm(fresh, { force: true });
  }
}
