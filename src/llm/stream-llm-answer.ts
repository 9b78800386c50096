import type { Logger } from 'pino';
import type { Article } from '../corpus/parse-article.js';
import type { RetrievedPassage } from '../retrieval/retrieve.js';
import type { QueryTerm } from '../retrieval/weigh-terms.js';
import type { LlmAnswerer } from './answer-llm.js';
import { answerTemplates } from '../answer/answer-templates.js';
import type { AnswerEvent, ChatRequest, ChatResponse } from '../answer/answer-types.js';
import { checkLlmAnswer } from './check-llm-answer.js';
import { bestQuoteSpan, leadSpan, makeCitation, MarkerStreamFilter, type Citation } from '../answer/citations.js';
import { LeakGuard } from './leak-guard.js';
import type { QuoteVerifier } from '../check/index.js';

/** What a model's answer is streamed with. */
export interface LlmStreamContext {
llm: LlmAnswerer;
article: Article;
verifier: QuoteVerifier;
logger: Logger;
/** Whole-answer time limit, in milliseconds. */
llmTimeoutMs: number;
/** The most characters a model's answer may have; past it the answer is extractive. */
maxAnswerChars: number;
}

/** The question prepared for the model: its passages, and the extractive answer to fall back on. */
export interface LlmStreamInput {
request: ChatRequest;
query: string;
kind: ChatResponse['kind'];
passages: RetrievedPassage[];
terms: QueryTerm[];
extractive: ChatResponse;
}

/** The citation a model's `[n]` stands for: each passage's best quotable span for the question. */
function passageCitations(article: Article, passages: RetrievedPassage[], terms: QueryTerm[]): Citation[] {
return passages.map((p, i) => {
  const paragraph = article.paragraphs[p.paragraph]!;
  const span = bestQuoteSpan(paragraph, p.start, p.end, terms) ?? leadSpan(paragraph, p.end) ?? { start: p.start, end: p.end };
  return makeCitation(article, i + 1, p.paragraph, span.start, span.end);
});
}

/**
 * Streams a model's answer: `citations` (one a passage), then `delta`s held back by the prompt-echo
 * guard and the marker filter, then `done` with the checked answer. A timeout, an upstream error, an
 * echo of the prompts, a flood or an empty answer gives the extractive answer with `fallback: true`.
 */
export async function* streamLlmAnswer(
  context: LlmStreamContext,
  input: LlmStreamInput,
  signal: AbortSignal,
  cutoff: AbortSignal,
): AsyncGenerator<AnswerEvent> {
  const { llm, logger } = context;
  const { request, extractive } = input;
  const prepared = input;
  const citations = passageCitations(context.article, input.passages, input.terms);
  yield { type: 'citations', citations };

  const question = request.messages.at(-1)!.content;
  const messages = llm.buildMessages(
    request.messages.slice(0, -1),
    prepared.query === question.trim() ? question : answerTemplates.resolvedQuestion(question, prepared.query),
    prepared.passages.map((p, i) => ({ n: i + 1, citation: citations[i]!, text: p.text })),
  );
  const timeout = AbortSignal.timeout(context.llmTimeoutMs);
  const upstream = new AbortController();
  // The prompts are held back until they cannot be the start of an echo; then markers pointing at
  // no passage are held back until they can be dropped: neither is ever sent.
  const guard = new LeakGuard(llm.fingerprint);
  const valid = new Set(citations.map((c) => c.n));
  const markers = new MarkerStreamFilter((n) => (valid.has(n) ? n : null));
  let text = '';
  let sent = '';
  try {
    for await (const delta of llm.stream(messages, AbortSignal.any([signal, timeout, upstream.signal, cutoff]))) {
      text += delta;
      if (text.length > context.maxAnswerChars) {
        upstream.abort();
        throw new Error(`the model answer exceeded ${context.maxAnswerChars} characters`);
      }
      const safe = markers.push(guard.push(delta));
      if (guard.leaked) {
        upstream.abort();
        throw new Error('the model output repeated its prompt');
      }
      if (safe) {
        sent += safe;
        yield { type: 'delta', text: safe };
      }
    }
    const rest = markers.push(guard.flush()) + markers.flush();
    if (rest) {
      sent += rest;
      yield { type: 'delta', text: rest };
    }
    if (text.trim() === '') throw new Error('the model returned an empty answer');
  } catch (error) {
    if (signal.aborted) return;
    logger.warn({ err: error, timedOut: timeout.aborted, cutOff: cutoff.aborted }, 'LLM answer failed; falling back to the extractive answer');
    const fallback: ChatResponse = { ...extractive, fallback: true };
    if (sent !== '') yield { type: 'delta', text: answerTemplates.llmInterrupted };
    for (const piece of fallback.answer.match(/[^\n]*\n?/gu) ?? []) if (piece) yield { type: 'delta', text: piece };
    yield { type: 'done', response: fallback };
    return;
  }
  yield { type: 'done', response: checkLlmAnswer(context.article, context.verifier, text, citations, prepared) };
}
