import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import type { ChatFunction, EvaluatedResponse } from './evaluate-answers.js';
import type { PassageRanker } from './evaluate-retrieval.js';

/**
 * The evaluation talks to the real app over HTTP, so routes, validation and serialisation are
 * measured with the answerer. The app listens once on a free loopback port (never 3000) for the
 * whole run.
 */
export interface EvalServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 at a free port. */
export async function listenForEval(app: Express): Promise<EvalServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** @throws {Error} when the response is not 200, with the status and the body's error. */
async function jsonOrThrow(response: Response, what: string): Promise<unknown> {
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== 200) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

interface SearchResponseBody {
  results: Array<{ text: string; speaker: string }>;
}

/** `GET /api/search?q=…&k=…` as a ranker (the endpoint takes no speaker preference; it is ignored). */
export function searchRanker(url: string): PassageRanker {
  return {
    name: 'this project (GET /api/search)',
    async rank(query, k) {
      const params = new URLSearchParams({ q: query, k: String(Math.min(20, k)) });
      const body = (await jsonOrThrow(await fetch(`${url}/api/search?${params}`), 'GET /api/search')) as SearchResponseBody;
      return body.results.map((r) => ({ text: r.text, speaker: r.speaker }));
    },
  };
}

/** `POST /api/chat` (JSON, not streamed) as a chat function. */
export function chatOverHttp(url: string): ChatFunction {
  return async (messages: ConversationTurn[]) => {
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages, stream: false }),
    });
    return (await jsonOrThrow(response, 'POST /api/chat')) as EvaluatedResponse;
  };
}
