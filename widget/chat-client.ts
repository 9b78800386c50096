import type {
  AboutResponse,
  CheckTextResult,
  ApiErrorBody,
  ArticleResponse,
  ArticlesResponse,
  ChatRequestBody,
  ChatResponse,
  Citation,
  Speaker,
  VerifyResult,
} from './api-types.js';
import type { ErrorCode } from '../src/server/errors.js';

/**
 * All the network code of the page and the widget: `POST /api/chat` read as Server-Sent Events,
 * `POST /api/verify`, `POST /api/check`, `GET /api/about`, `GET /api/article` and
 * `GET /api/speakers`, with the contract's errors turned into one {@link ChatClientError}.
 */

/** Why a call failed: a contract error code, or what went wrong on the client's side. */
export type ChatClientErrorCode = ErrorCode | 'network' | 'cors_refused' | 'bad_response' | 'aborted';

/** A failed call; `message` is the server's English message (or the client's), `code` says which kind. */
export class ChatClientError extends Error {
  /** Seconds the server asked to wait before retrying (`Retry-After` of a 429), or null. */
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly code: ChatClientErrorCode | string,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown; retryAfterSeconds?: number | null },
  ) {
    super(message, options);
    this.name = 'ChatClientError';
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }
}

/** What a streamed answer reports while it arrives. */
export interface ChatStreamHandlers {
  /** The citations, as soon as retrieval is done (before any text). */
  onCitations?: (citations: Citation[]) => void;
  /** A piece of the answer's text. */
  onDelta?: (text: string) => void;
}

/** A server-sent event as the client reads it. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits a byte stream into server-sent events. Comments (`: ping` heartbeats) are skipped; an event
 * without data is dropped, as the EventSource specification says.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      const ready = done ? buffer : buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
      const normalised = ready.replace(/\r\n?/gu, '\n');
      const blocks = normalised.split('\n\n');
      const rest = blocks.pop() ?? '';
      buffer = rest + buffer.slice(ready.length);
      for (const block of blocks) {
        const parsed = parseEventBlock(block);
        if (parsed) yield parsed;
      }
      if (done) {
        const parsed = parseEventBlock(buffer);
        if (parsed) yield parsed;
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function parseEventBlock(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /u, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** The chat API of one server. */
export class ChatClient {
  /** The server's base URL without a trailing slash; `''` for the page's own server. */
  readonly endpoint: string;
  /** The article every request is about (`article` in bodies, `?article=` on reads); null: all of them. */
  readonly articleId: string | null;

  constructor(endpoint: string, articleId: string | null = null) {
    this.endpoint = endpoint.replace(/\/+$/u, '');
    this.articleId = articleId;
  }

  /** A body with the client's article, when it has one. */
  private scoped<T extends object>(body: T): T & { article?: string } {
    return this.articleId ? { ...body, article: this.articleId } : body;
  }

  /** A read path with the client's article as `?article=`. */
  private scopedPath(path: string): string {
    return this.articleId ? `${path}?article=${encodeURIComponent(this.articleId)}` : path;
  }

  /**
   * Every article the server serves (`GET /api/articles`).
   *
   * @throws {ChatClientError}
   */
  articles(signal?: AbortSignal): Promise<ArticlesResponse> {
    return this.getWhenReady('/api/articles', signal) as Promise<ArticlesResponse>;
  }

  /**
   * Whether the server refuses this page's origin (CORS) rather than being unreachable: a `no-cors`
   * request to `/healthz`, which the browser lets through whatever the server's CORS headers say,
   * succeeds when the server is up. True: up, so the failed request was refused for its origin.
   */
  async refusesThisOrigin(): Promise<boolean> {
    if (!this.endpoint) return false;
    try {
      await fetch(`${this.endpoint}/healthz`, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Asks a question and streams the answer. The `done` event's answer is the one to show: it
   * replaces the streamed text (an LLM that fails mid-stream is replaced by the extractive answer).
   *
   * @throws {ChatClientError} with the server's error code, or `network`, `bad_response`, `aborted`.
   */
  async chat(body: ChatRequestBody, handlers: ChatStreamHandlers = {}, signal?: AbortSignal): Promise<ChatResponse> {
    const response = await this.request('/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(this.scoped({ ...body, stream: true })),
      signal,
    });
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      return (await this.readJson(response)) as ChatResponse;
    }
    if (!response.body) throw new ChatClientError('bad_response', 'the answer stream has no body', response.status);
    try {
      for await (const { event, data } of readServerSentEvents(response.body)) {
        const payload = parseJson(data, response.status);
        if (event === 'citations') handlers.onCitations?.(payload as Citation[]);
        else if (event === 'delta') handlers.onDelta?.((payload as { text: string }).text);
        else if (event === 'done') return payload as ChatResponse;
        else if (event === 'error') {
          const error = payload as ApiErrorBody['error'];
          throw new ChatClientError(error.code ?? 'internal', error.message ?? 'the answer failed', response.status);
        }
      }
    } catch (error) {
      if (error instanceof ChatClientError) throw error;
      if (isAbort(error) || signal?.aborted) throw new ChatClientError('aborted', 'the request was cancelled', null, { cause: error });
      throw new ChatClientError('network', 'the answer stream broke off', null, { cause: error });
    }
    throw new ChatClientError('bad_response', 'the answer stream ended before its done event', response.status);
  }

  /**
   * Checks whether a quote is verbatim in the article.
   *
   * @throws {ChatClientError}
   */
  async verify(quote: string, signal?: AbortSignal): Promise<VerifyResult> {
    return (await this.postJson('/api/verify', { quote }, signal)) as VerifyResult;
  }

  /**
   * Checks every quotation of a whole text and whom each is credited to.
   *
   * @throws {ChatClientError}
   */
  async check(text: string, signal?: AbortSignal): Promise<CheckTextResult> {
    return (await this.postJson('/api/check', { text }, signal)) as CheckTextResult;
  }

  /** POSTs a JSON body (scoped to the article) and reads the JSON answer. */
  private async postJson(path: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    const response = await this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(this.scoped(body)),
      signal,
    });
    return this.readJson(response);
  }

  /**
   * The cleaned article; waits (a few times, as `Retry-After` says) while the server loads its index.
   *
   * @throws {ChatClientError}
   */
  article(signal?: AbortSignal): Promise<ArticleResponse> {
    return this.getWhenReady(this.scopedPath('/api/article'), signal) as Promise<ArticleResponse>;
  }

  /**
   * The article's title, greeting and suggested questions; waits while the server loads, as
   * {@link ChatClient.article} does.
   *
   * @throws {ChatClientError}
   */
  about(signal?: AbortSignal): Promise<AboutResponse> {
    return this.getWhenReady(this.scopedPath('/api/about'), signal) as Promise<AboutResponse>;
  }

  /**
   * The speakers with their roles and titles.
   *
   * @throws {ChatClientError}
   */
  speakers(signal?: AbortSignal): Promise<Speaker[]> {
    return this.getWhenReady(this.scopedPath('/api/speakers'), signal) as Promise<Speaker[]>;
  }

  private async getWhenReady(path: string, signal?: AbortSignal, attempts = 8): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readJson(await this.request(path, { headers: { Accept: 'application/json' }, signal }));
      } catch (error) {
        const retryable = error instanceof ChatClientError && error.status === 503;
        if (!retryable || attempt >= attempts) throw error;
        await delay(Math.min(1000 * attempt, 5000), signal);
      }
    }
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.endpoint}${path}`, { ...init, credentials: 'omit' });
    } catch (error) {
      if (isAbort(error) || init.signal?.aborted) throw new ChatClientError('aborted', 'the request was cancelled', null, { cause: error });
      // A refused CORS request looks like this too: the browser does not say which it was, so ask
      // the server in a way CORS does not stop.
      if (await this.refusesThisOrigin()) {
        const origin = typeof window === 'undefined' ? 'this page' : window.location.origin;
        throw new ChatClientError(
          'cors_refused',
          `${this.endpoint} is up but refuses requests from ${origin} (CORS): add ${origin} to CORS_ORIGINS on the chat server`,
          null,
          { cause: error },
        );
      }
      throw new ChatClientError('network', `cannot reach ${this.endpoint || 'the server'}`, null, { cause: error });
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ChatClientError('network', 'the response broke off', response.status, { cause: error });
    }
    if (!response.ok) {
      let error: Partial<ApiErrorBody['error']> | undefined;
      try {
        error = (JSON.parse(text) as Partial<ApiErrorBody>).error;
      } catch {
        error = undefined; // a proxy's HTML error page, say
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ChatClientError(error?.code ?? codeForStatus(response.status), error?.message ?? `HTTP ${response.status}`, response.status, {
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
      });
    }
    return parseJson(text, response.status);
  }
}

/** The contract's code for a status, when the body does not say. */
function codeForStatus(status: number): ChatClientErrorCode {
  if (status === 429) return 'rate_limited';
  if (status === 413) return 'payload_too_large';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'upstream_unavailable';
  return 'invalid_request';
}

function parseJson(text: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ChatClientError('bad_response', 'the server sent something that is not JSON', status, { cause: error });
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ChatClientError('aborted', 'the request was cancelled'));
      },
      { once: true },
    );
  });
}
