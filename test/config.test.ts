import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('needs nothing: local embedder, no LLM, port 3000 on 127.0.0.1', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', embeddings: { provider: 'local' }, llm: null, corsOrigins: [] });
  });

  it('reads an OpenAI-compatible LLM and embeddings endpoint', () => {
    const config = loadConfig({
      LLM_BASE_URL: 'https://api.deepseek.com/v1',
      LLM_MODEL: 'deepseek-chat',
      LLM_API_KEY: 'sk-x',
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_BASE_URL: 'http://127.0.0.1:11434/v1',
      EMBEDDINGS_MODEL: 'bge-m3',
    });
    expect(config.llm).toMatchObject({ baseURL: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKey: 'sk-x' });
    expect(config.embeddings).toMatchObject({ provider: 'openai', model: 'bge-m3', apiKey: 'not-needed' });
  });

  it('names the variable and the fix when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LLM_MODEL: 'deepseek-chat' })).toThrow(/LLM_BASE_URL/);
    expect(() => loadConfig({ EMBEDDINGS_PROVIDER: 'openai' })).toThrow(/EMBEDDINGS_BASE_URL/);
    expect(() => loadConfig({ CORS_ORIGINS: 'news.example.com' })).toThrow(/CORS_ORIGINS.*https:\/\/example.com/);
  });

  it('caps LLM streams per client below the overall cap (MAX_LLM_STREAMS_PER_CLIENT)', () => {
    expect(loadConfig({})).toMatchObject({ maxLlmStreams: 16, maxLlmStreamsPerClient: 4 });
    expect(loadConfig({ MAX_LLM_STREAMS: '2' }).maxLlmStreamsPerClient).toBe(2);
    expect(loadConfig({ MAX_LLM_STREAMS_PER_CLIENT: '8' }).maxLlmStreamsPerClient).toBe(8);
    expect(() => loadConfig({ MAX_LLM_STREAMS_PER_CLIENT: '0' })).toThrow(/MAX_LLM_STREAMS_PER_CLIENT/);
    expect(() => loadConfig({ MAX_LLM_STREAMS_PER_CLIENT: 'many' })).toThrow(/MAX_LLM_STREAMS_PER_CLIENT/);
    expect(() => loadConfig({ MAX_LLM_STREAMS: '4', MAX_LLM_STREAMS_PER_CLIENT: '5' })).toThrow(/MAX_LLM_STREAMS_PER_CLIENT.*MAX_LLM_STREAMS/);
  });

  it('reads CORS origins as a list, in the lower case browsers send, or * when it says so', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://News.example.com, http://localhost:8080/' }).corsOrigins).toEqual([
      'https://news.example.com',
      'http://localhost:8080',
    ]);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
  });
});
