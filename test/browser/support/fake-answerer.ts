import type { AnswerEvent, ChatRequest, ChatResponse } from '../../../src/answer/answer-types.js';
import type { Citation } from '../../../src/answer/citations.js';
import type { QuestionAnswerer } from '../../../src/answer/answer-question.js';
import type { AppServices } from '../../../src/server/app-services.js';

/** What the hostile answer tries to run; none of it may set `window.__xss`. */
export const HOSTILE_ANSWER = [
  '刘畅认为：<img src=x onerror="window.__xss=1">[1]',
  '- <script>window.__xss=2</script>',
  '- [点我](javascript:window.__xss=3) 与 <a href="javascript:window.__xss=4">链接</a>',
  '- <svg onload="window.__xss=5"></svg><iframe src="javascript:window.__xss=6"></iframe>',
].join('\n');

/** A question that makes the fake answer stream one text, then finish with another (an LLM that failed mid-stream). */
export const FALLBACK_QUESTION = '请演示大模型中途失败';
export const STREAMED_THEN_REPLACED = '这段流式文字会被替换';
export const FALLBACK_ANSWER = '刘畅认为，青海的优势主要在生态优势、产业基础和能源优势三个方面[1]。';

/** A question whose stream ends in an `error` event. */
export const FAILING_QUESTION = '请演示出错';

/**
 * An answerer for tests of the page and the widget: whatever the question, it answers with
 * {@link HOSTILE_ANSWER} and a citation whose speaker and title are hostile too (the offsets stay
 * real, so the chip still finds its place in the article). The question is echoed in `query`.
 */
export function fakeServices(real: AppServices): AppServices {
  const paragraph = real.index.article.paragraphs[19]!;
  const quote = '青海发展新质生产力的优势主要在生态优势、产业基础和能源优势三个方面。';
  const start = paragraph.text.indexOf(quote);
  const citation: Citation = {
    n: 1,
    speaker: '刘畅<img src=x onerror="window.__xss=7">',
    role: 'expert',
    title: '<b onmouseover="window.__xss=8">研究员</b>',
    section: paragraph.section,
    quote,
    displayQuote: quote,
    paragraph: paragraph.id,
    start,
    end: start + quote.length,
    quoting: null,
  };

  async function* stream(request: ChatRequest): AsyncGenerator<AnswerEvent> {
    const question = request.messages.at(-1)?.content ?? '';
    yield { type: 'citations', citations: [citation] };
    if (question === FAILING_QUESTION) throw new Error('the fake answerer fails on purpose');
    if (question === FALLBACK_QUESTION) {
      yield { type: 'delta', text: STREAMED_THEN_REPLACED };
      const response: ChatResponse = {
        answer: FALLBACK_ANSWER,
        citations: [{ ...citation, speaker: '刘畅', title: paragraph.title }],
        mode: 'extractive',
        fallback: true,
        query: question,
        kind: 'topic',
      };
      yield { type: 'done', response };
      return;
    }
    // Several deltas, so the page renders partial text (and half a tag) along the way.
    for (let i = 0; i < HOSTILE_ANSWER.length; i += 17) yield { type: 'delta', text: HOSTILE_ANSWER.slice(i, i + 17) };
    yield { type: 'done', response: { answer: HOSTILE_ANSWER, citations: [citation], mode: 'llm', query: question, kind: 'topic' } };
  }

  const answerer = {
    stream: (request: ChatRequest) => stream(request),
    async answer(request: ChatRequest): Promise<ChatResponse> {
      for await (const event of stream(request)) if (event.type === 'done') return event.response;
      throw new Error('no answer');
    },
  };
  return { ...real, answerer: answerer as unknown as QuestionAnswerer };
}
