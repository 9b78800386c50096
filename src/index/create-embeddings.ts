import type { Embeddings } from '@langchain/core/embeddings';
import type { EmbeddingsConfig } from '../config.js';
import { LocalEmbeddings, type LocalEmbeddingsState } from './local-embeddings.js';

/** What the manifest records of an embedder: an index built by one embedder is stale for another. */
export function embedderIdentity(config: EmbeddingsConfig): string {
  if (config.provider === 'local') return 'local-tfidf-v1';
  return `openai:${config.baseURL}#${config.model}${config.dimensions ? `@${config.dimensions}` : ''}`;
}

/**
 * An embedder for an OpenAI-compatible `/embeddings` endpoint (OpenAI, DashScope, Ollama, vLLM,
 * llama.cpp server…). Non-OpenAI servers need `encodingFormat: "float"`: the client's default
 * base64 is not decoded by all of them. `@langchain/openai` is imported only here, when an endpoint is
 * configured: the local embedder never pays for loading it.
 */
export async function createRemoteEmbeddings(config: Extract<EmbeddingsConfig, { provider: 'openai' }>): Promise<Embeddings> {
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  return new OpenAIEmbeddings({
    model: config.model,
    apiKey: config.apiKey,
    configuration: { baseURL: config.baseURL },
    encodingFormat: 'float',
    maxRetries: 2,
    ...(config.dimensions ? { dimensions: config.dimensions } : {}),
  });
}

/**
 * The embedder for an index being loaded: the local one from its saved state, or the remote one.
 *
 * @throws {Error} when the local state is missing for a local index.
 */
export async function createEmbeddingsForLoad(config: EmbeddingsConfig, localState: LocalEmbeddingsState | null): Promise<Embeddings> {
  if (config.provider === 'openai') return createRemoteEmbeddings(config);
  if (!localState) throw new Error('local embedder state (embedder.json) is missing from the index');
  return new LocalEmbeddings(localState);
}
