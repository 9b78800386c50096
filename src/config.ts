import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place that reads `process.env`. Everything else receives a typed {@link AppConfig}.
 * `.env` in the project root is read when present (Node's own `process.loadEnvFile`).
 */

/** The project root: two levels above this file (`src/config.ts`). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  CORPUS_PATH: z.string().trim().min(1).default('corpus'),
  INDEX_DIR: z.string().trim().min(1).default('index'),
  LIBRARY_CACHE_ARTICLES: integer(64, 1, 100_000),
  CORPUS_WATCH: z.enum(['true', 'false', '1', '0']).default('true'),
  CORPUS_RESCAN_SECONDS: integer(60, 0, 86_400),
  EMBEDDINGS_PROVIDER: z.enum(['local', 'openai']).default('local'),
  EMBEDDINGS_BASE_URL: optionalString.pipe(z.string().url().optional()),
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(65536).optional(),
  LLM_BASE_URL: optionalString.pipe(z.string().url().optional()),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: integer(20000, 1000, 300000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  CORS_ORIGINS: z.string().trim().default(''),
  RATE_LIMIT_PER_MINUTE: integer(60, 0, 1_000_000),
  TRUST_PROXY_HOPS: integer(0, 0, 10),
  MAX_LLM_STREAMS: integer(16, 1, 10_000),
  MAX_LLM_STREAMS_PER_CLIENT: integer(4, 1, 10_000),
  ANSWER_CACHE_ENTRIES: integer(1000, 0, 1_000_000),
  ANSWER_CACHE_MB: integer(16, 0, 4096),
  REQUEST_TIMEOUT_MS: integer(30000, 1000, 600000),
  HTTP_TURN_SLICE_MS: integer(5, 0, 1000),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\/./u.test(v), {
    message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
  }),
  REDIS_TIMEOUT_MS: integer(500, 10, 60000),
  SHUTDOWN_TIMEOUT_MS: integer(5000, 100, 120000),
  WEB_CONCURRENCY: integer(1, 1, 64),
});

export type EmbeddingsConfig =
  | { provider: 'local' }
  | { provider: 'openai'; baseURL: string; apiKey: string; model: string; dimensions?: number };

export interface LlmConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  temperature: number;
}

export interface AppConfig {
  port: number;
  host: string;
  corpusPath: string;
  indexDir: string;
  /** Articles of a library kept open at once besides the default one (least recently used first out). */
  libraryCacheArticles: number;
  /** Whether a running server ingests what changes in the corpus folder (`fs.watch`, and a rescan every `corpusRescanSeconds`). */
  corpusWatch: boolean;
  /** How often the corpus folder is rescanned for what the watch missed, in seconds (0: never). */
  corpusRescanSeconds: number;
  embeddings: EmbeddingsConfig;
  /** Null: no LLM configured, the built-in extractive answerer answers. */
  llm: LlmConfig | null;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * Origins whose pages may call the API from the browser (CORS). Empty: none but the server's own
   * page; `'*'`: every origin, only when `CORS_ORIGINS=*` says so.
   */
  corsOrigins: string[] | '*';
  /** Requests per minute per client IP on the API; 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** How many proxies stand in front of the server (Express `trust proxy` hop count). */
  trustProxyHops: number;
  /** Most LLM answers streaming at once; beyond it, answers are extractive. */
  maxLlmStreams: number;
  /** Most LLM answers streaming at once for one client (rate-limit key); at most `maxLlmStreams`. */
  maxLlmStreamsPerClient: number;
  /** The answer cache's bounds (0 entries: no cache). */
  answerCache: { maxEntries: number; maxBytes: number };
  requestTimeoutMs: number;
  /** The app's work per turn of the event loop before waiting requests wait for the next (0: none; `takeTurns`). */
  httpTurnSliceMs: number;
  /** Redis shared by every process and replica (rate-limit counts); null: all state in process. */
  redisUrl: string | null;
  /** The bound on every Redis call; past it the call is a store error (limits per process meanwhile). */
  redisTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** Worker processes (cluster mode) when more than 1. */
  webConcurrency: number;
}

/** Thrown at start-up when the environment is invalid; the message names the variable and the fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration.
 *
 * @throws {ConfigError} naming the variable that is wrong and what to set it to.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration (see .env.example): ${problems.join('; ')}`);
  }
  const e = parsed.data;

  let embeddings: EmbeddingsConfig = { provider: 'local' };
  if (e.EMBEDDINGS_PROVIDER === 'openai') {
    if (!e.EMBEDDINGS_BASE_URL || !e.EMBEDDINGS_MODEL) {
      throw new ConfigError(
        'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL (e.g. http://127.0.0.1:11434/v1) and EMBEDDINGS_MODEL (e.g. bge-m3)',
      );
    }
    embeddings = {
      provider: 'openai',
      baseURL: e.EMBEDDINGS_BASE_URL,
      // Local servers (Ollama, llama.cpp, vLLM) accept any key; the client insists on one.
      apiKey: e.EMBEDDINGS_API_KEY ?? 'not-needed',
      model: e.EMBEDDINGS_MODEL,
      ...(e.EMBEDDINGS_DIMENSIONS ? { dimensions: e.EMBEDDINGS_DIMENSIONS } : {}),
    };
  }

  let llm: LlmConfig | null = null;
  if (e.LLM_BASE_URL || e.LLM_MODEL) {
    if (!e.LLM_BASE_URL || !e.LLM_MODEL) {
      throw new ConfigError(
        'an LLM needs both LLM_BASE_URL (e.g. https://api.deepseek.com/v1) and LLM_MODEL (e.g. deepseek-chat); leave both empty for the built-in answerer',
      );
    }
    llm = {
      baseURL: e.LLM_BASE_URL,
      apiKey: e.LLM_API_KEY ?? 'not-needed',
      model: e.LLM_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      temperature: e.LLM_TEMPERATURE,
    };
  }

  // Only a value set on purpose can be wrong; the default follows a smaller MAX_LLM_STREAMS.
  if (env.MAX_LLM_STREAMS_PER_CLIENT?.trim() && e.MAX_LLM_STREAMS_PER_CLIENT > e.MAX_LLM_STREAMS) {
    throw new ConfigError(
      `MAX_LLM_STREAMS_PER_CLIENT (${e.MAX_LLM_STREAMS_PER_CLIENT}) must not be above MAX_LLM_STREAMS (${e.MAX_LLM_STREAMS}); set it to ${Math.min(4, e.MAX_LLM_STREAMS)} or lower`,
    );
  }

  return {
    port: e.PORT,
    host: e.HOST,
    corpusPath: resolve(PROJECT_ROOT, e.CORPUS_PATH),
    indexDir: resolve(PROJECT_ROOT, e.INDEX_DIR),
    libraryCacheArticles: e.LIBRARY_CACHE_ARTICLES,
    corpusWatch: e.CORPUS_WATCH === 'true' || e.CORPUS_WATCH === '1',
    corpusRescanSeconds: e.CORPUS_RESCAN_SECONDS,
    embeddings,
    llm,
    logLevel: e.LOG_LEVEL,
    corsOrigins: parseOrigins(e.CORS_ORIGINS),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    maxLlmStreams: e.MAX_LLM_STREAMS,
    maxLlmStreamsPerClient: Math.min(e.MAX_LLM_STREAMS_PER_CLIENT, e.MAX_LLM_STREAMS),
    answerCache: { maxEntries: e.ANSWER_CACHE_ENTRIES, maxBytes: e.ANSWER_CACHE_MB * 1024 * 1024 },
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    httpTurnSliceMs: e.HTTP_TURN_SLICE_MS,
    redisUrl: e.REDIS_URL ?? null,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webConcurrency: e.WEB_CONCURRENCY,
  };
}

/**
 * `CORS_ORIGINS`: `*`, or a comma-separated list of origins (`https://news.example.com`).
 *
 * @throws {ConfigError} for an entry that is not an origin.
 */
function parseOrigins(value: string): string[] | '*' {
  if (value === '*') return '*';
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin.replace(/\/$/u, '').toLowerCase()) {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin; write it as https://example.com (scheme, host, optional port)`);
    }
  }
  // Browsers send the Origin header in lower case.
  return origins.map((o) => o.replace(/\/$/u, '').toLowerCase());
}

/** `process.env`, after reading `.env` from the project root when there is one. */
function readEnvironment(): NodeJS.ProcessEnv {
  const dotenv = resolve(PROJECT_ROOT, '.env');
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  return process.env;
}
