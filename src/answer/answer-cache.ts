import type { ChatRequest, ChatResponse } from './answer-types.js';

/**
 * Finished answers by conversation, so that a question asked again (readers click the same
 * suggested questions) is not retrieved and composed again. Least recently used entries go first
 * once the cache is over its bound in entries or in bytes. Only answers that do not depend on
 * chance or on a failure are kept: see {@link isCacheableAnswer}.
 */

export interface AnswerCacheOptions {
  /** Most answers kept (0: no cache). */
  maxEntries: number;
  /** Most bytes kept, counting each answer's JSON (UTF-8) and its key. */
  maxBytes: number;
}

export const DEFAULT_ANSWER_CACHE_OPTIONS: AnswerCacheOptions = { maxEntries: 1000, maxBytes: 16 * 1024 * 1024 };

/** Hits, misses and what is held, for `/metrics`. */
export interface AnswerCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/**
 * Whether an answer may be served again to the same conversation: an extractive answer (the same
 * input gives the same answer), or an LLM answer that finished cleanly (no quotation it could not
 * check). Never a fallback: it stands in for an answer the LLM failed to give this time.
 */
export function isCacheableAnswer(response: ChatResponse): boolean {
  if (response.fallback) return false;
  if (response.mode === 'extractive') return true;
  return (response.warnings?.length ?? 0) === 0;
}

/**
 * The cache key of a request: the conversation's roles and texts (nothing else a client sent), the
 * speaker filter and the answering mode. The last question is trimmed, as the answerer trims it;
 * earlier turns are kept as sent, since follow-ups are resolved from them.
 */
export function answerCacheKey(request: ChatRequest, mode: ChatResponse['mode']): string {
  const turns = request.messages.map((m, i) => [m.role, i === request.messages.length - 1 ? m.content.trim() : m.content]);
  return JSON.stringify([mode, request.speaker ?? null, turns]);
}

interface Entry {
  /** Kept as JSON, and parsed on every hit: a caller may change the answer it gets. */
  json: string;
  bytes: number;
}

export class AnswerCache {
  private readonly opts: AnswerCacheOptions;
  /** Map order is recency: a hit moves its entry to the end, eviction takes from the start. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private indexIdentity: string | null = null;

  constructor(options: Partial<AnswerCacheOptions> = {}) {
    this.opts = { ...DEFAULT_ANSWER_CACHE_OPTIONS, ...options } satisfies AnswerCacheOptions;
  }

  get enabled(): boolean {
    return this.opts.maxEntries > 0 && this.opts.maxBytes > 0;
  }

  /**
   * Ties the cache to an index (its manifest's hashes): answers from another index are dropped, so
   * that a rebuilt index never serves an answer composed from the old one.
   */
  useIndex(identity: string): void {
    if (this.indexIdentity !== identity) this.clear();
    this.indexIdentity = identity;
  }

  /** The answer kept for a key, counting a hit or a miss. */
  get(key: string): ChatResponse | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return null;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as ChatResponse;
  }

  /** Keeps an answer (when {@link isCacheableAnswer}), evicting the least recently used past the bounds. */
  set(key: string, response: ChatResponse): void {
    if (!this.enabled || !isCacheableAnswer(response)) return;
    const json = JSON.stringify(response);
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(json);
    if (bytes > this.opts.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { json, bytes });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && this.bytes <= this.opts.maxBytes) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): AnswerCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
