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

/**
 * A second tier shared by every process and replica (Redis, with `REDIS_URL`): answers as JSON by
 * key. Failures are the store's to log; to the cache they are misses.
 */
export interface SharedAnswerStore {
  get(key: string): Promise<string | null>;
  set(key: string, json: string): Promise<void>;
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
 * speaker filter, the answering mode and the article answered from (`scope`: one cache serves every
 * article of a library). The last question is trimmed, as the answerer trims it; earlier turns are
 * kept as sent, since follow-ups are resolved from them.
 */
export function answerCacheKey(request: ChatRequest, mode: ChatResponse['mode'], scope = ''): string {
  // A context sent back changes how a follow-up is read: it is part of the key.
  const turns = request.messages.map((m, i) => [m.role, i === request.messages.length - 1 ? m.content.trim() : m.content, ...(m.context ? [m.context] : [])]);
  return JSON.stringify([scope, mode, request.speaker ?? null, turns]);
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
  private readonly shared: SharedAnswerStore | null;

  constructor(options: Partial<AnswerCacheOptions> & { shared?: SharedAnswerStore } = {}) {
    const { shared, ...rest } = options;
    this.opts = { ...DEFAULT_ANSWER_CACHE_OPTIONS, ...rest } satisfies AnswerCacheOptions;
    this.shared = shared ?? null;
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

  /** The answer kept in this process for a key, counting a hit or a miss. */
  get(key: string): ChatResponse | null {
    if (!this.enabled) return null;
    const json = this.local(key);
    if (json === null) this.misses++;
    else this.hits++;
    return json === null ? null : (JSON.parse(json) as ChatResponse);
  }

  /**
   * The answer kept for a key, here or in the shared store (which another replica may have filled),
   * counting one hit or one miss.
   */
  async lookup(key: string): Promise<ChatResponse | null> {
    if (!this.enabled) return null;
    let json = this.local(key);
    if (json === null && this.shared) {
      json = await this.shared.get(this.sharedKey(key));
      if (json !== null) this.keep(key, json);
    }
    if (json === null) this.misses++;
    else this.hits++;
    return json === null ? null : (JSON.parse(json) as ChatResponse);
  }

  /**
   * Keeps an answer (when {@link isCacheableAnswer}), evicting the least recently used past the
   * bounds, and hands it to the shared store without waiting for it.
   */
  set(key: string, response: ChatResponse): void {
    if (!this.enabled || !isCacheableAnswer(response)) return;
    const json = JSON.stringify(response);
    this.keep(key, json);
    void this.shared?.set(this.sharedKey(key), json);
  }

  private local(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.json;
  }

  /** Shared keys carry the index: replicas on another index never read these answers. */
  private sharedKey(key: string): string {
    return `${this.indexIdentity ?? 'no-index'}:${key}`;
  }

  private keep(key: string, json: string): void {
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
