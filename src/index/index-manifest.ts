import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The manifest written beside the index: what it was built from and a checksum of every file, so
 * that a stale index (new corpus, settings or embedder) or a damaged one is found at load.
 */

/**
 * Bump when parsing, chunking or the index layout changes, so that old indexes are rebuilt (2: the
 * parsed article is kept, `article.json`; 3: the retrieval tables are kept, `retrieval.json`).
 */
export const INDEX_FORMAT_VERSION = 3;
export const MANIFEST_FILE = 'manifest.json';

export const manifestSchema = z.object({
  format: z.number().int(),
  corpusSha256: z.string(),
  settingsSha256: z.string(),
  embedder: z.string(),
  chunks: z.number().int().nonnegative(),
  dimensions: z.number().int().positive(),
  files: z.record(z.string(), z.string()),
});

export type IndexManifest = z.infer<typeof manifestSchema>;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stable hash of settings: keys sorted, so that key order never makes an index stale. */
export function hashSettings(settings: unknown): string {
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]))
      : value;
  return sha256(JSON.stringify(stable(settings)));
}

/** Checksums of the named files of a folder. */
export async function checksumFiles(dir: string, names: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(names.map(async (name) => [name, sha256(await readFile(join(dir, name)))] as const));
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Reads a manifest; null when it is missing or unreadable. */
export async function readManifest(dir: string): Promise<IndexManifest | null> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
