/**
 * The LLM path: one product of three (answer, check, llm). It owns answering with an
 * OpenAI-compatible chat model: the prompts (`prompts/`), streaming a model's answer with its
 * citations checked as it streams (`streamLlmAnswer`, with the whole-text checker of `src/check/`),
 * the guards against a model that echoes its instructions or invents markers, and the cap on
 * concurrent model streams.
 *
 * May import: `src/corpus/`, `src/retrieval/`, `src/check/` (its public entry), and the answer's
 * shared pieces it writes with (`src/answer/citations.ts`, `answer-types.ts`, `answer-templates.ts`,
 * `compose-answer.ts`). Everything outside imports it through this file, except the chat model
 * itself (`answer-llm.ts`, which loads `@langchain/openai`) and `load-prompts.ts`: the composition
 * root imports those two only when an LLM is configured, so a plain start never loads them.
 */
export { streamLlmAnswer, type LlmStreamContext, type LlmStreamInput } from './stream-llm-answer.js';
export { ConcurrencyLimiter, type ReleaseSlot, type StreamLimiter } from './concurrency-limiter.js';
export type { LlmAnswerer } from './answer-llm.js';
export type { Prompts } from './load-prompts.js';
