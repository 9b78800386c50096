import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AnswerRunOptions } from '../answer/answer-question.js';
import type { ChatResponse } from '../answer/answer-types.js';
import type { Citation } from '../answer/citations.js';
import { speakerLabel } from '../answer/compose-answer.js';
import { answerTemplates } from '../answer/answer-templates.js';
import { answerInScope, answerStream } from './answer-articles.js';
import { answerTurn } from './answer-turns.js';
import { articleScope, requireServices, type ServicesProvider } from './app-services.js';
import { AppError, formatPath, NotFoundError } from './errors.js';
import { openEventStream, type EventStreamOptions } from './event-stream.js';
import { clientKey } from './rate-limit.js';
import { parseChatBody, speakerNames } from './routes/chat-post.js';

/**
 * `POST /v1/chat/completions` and `GET /v1/models`: the bot as an OpenAI-compatible model, so that
 * the official `openai` client and chat front ends that speak the protocol can use it. A client's
 * system message is ignored: it cannot switch off the answer-only-from-the-article rule.
 */

export const MODEL_ID = 'qinghai-interview';
const MODEL_CREATED = 1_732_579_200; // 2024-11-26, fixed so that /v1/models is stable

const contentPart = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const openAiMessage = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function'], {
      errorMap: () => ({ message: 'must be system, developer, user, assistant or tool' }),
    }),
    content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  })
  .passthrough();

const completionBody = z
  .object(
    {
      model: z.string({ invalid_type_error: 'must be a string' }).max(200, 'must be at most 200 characters').optional(),
      messages: z.array(openAiMessage, { required_error: 'must be given', invalid_type_error: 'must be an array' }).min(1, 'must hold at least one message').max(50, 'must hold at most 50 messages'),
      stream: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
      /** An extension: the article to answer from (its id); without it, all of them. */
      article: z.string({ invalid_type_error: 'must be an article id' }).nullable().optional(),
    },
    { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
  )
  // Sampling and scoring knobs (temperature, max_tokens, logit_bias, logprobs, n…) do not apply to
  // answers built from the article; they are accepted and ignored.
  .passthrough();

function textOf(content: z.infer<typeof openAiMessage>['content']): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('');
  return '';
}

/** The sources block appended to the message content: one line a citation. */
export function sourcesBlock(citations: Citation[]): string {
  return answerTemplates.sourcesBlock(citations.map((c) => ({ n: c.n, label: speakerLabel(c), quote: c.quote, paragraph: c.paragraph })));
}

function completion(id: string, model: string, response: ChatResponse) {
  const content = response.answer + answerTemplates.quoteWarningNote(response.warnings) + sourcesBlock(response.citations);
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    // Characters, not tokens: the extractive answerer has no tokenizer; clients only display these.
    usage: { prompt_tokens: 0, completion_tokens: content.length, total_tokens: content.length },
    citations: response.citations,
    mode: response.mode,
    ...(response.fallback ? { fallback: true } : {}),
    ...(response.warnings ? { warnings: response.warnings } : {}),
  };
}

function chunk(id: string, model: string, created: number, delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) {
  return { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra };
}

function completionsPost(provide: ServicesProvider, streamOptions: Partial<EventStreamOptions>, run: AnswerRunOptions): RequestHandler {
  return async (req, res) => {
    const parsed = completionBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = formatPath(issue.path);
      throw new AppError(400, 'invalid_request', path ? `${path} ${issue.message}` : issue.message);
    }
    const services = requireServices(provide);
    const scope = await articleScope(services, parsed.data.article ?? req.query.article);
    const conversation = parsed.data.messages
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: textOf(m.content) }))
      .filter((m) => m.content.trim() !== '');
    // The same limits as /api/chat, applied to what remains once system and tool messages are set aside.
    const body = parseChatBody({ messages: conversation.slice(-20) }, () => speakerNames(services, scope));
    const model = parsed.data.model || MODEL_ID;
    const id = `chatcmpl-${randomUUID().replace(/-/gu, '')}`;
    const request = { messages: body.messages, client: clientKey(req) };

    if (!parsed.data.stream) {
      const controller = new AbortController();
      // Only a client that left before the answer was sent aborts it: aborting after every finished
      // response cost a DOMException and the abort listeners per request (docs/benchmarks.md).
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      // One answer per turn of the event loop (answer-turns.ts); a client gone meanwhile is not answered.
      await answerTurn();
      if (controller.signal.aborted) return;
      res.json(completion(id, model, await answerInScope(scope, services.library, request, controller.signal, run)));
      return;
    }

    const stream = openEventStream(req, res, { ...streamOptions, dialect: 'openai' });
    const created = Math.floor(Date.now() / 1000);
    const send = (data: unknown) => {
      if (!stream.closed) res.write(`data: ${JSON.stringify(data)}\n\n`);
    };
    try {
      send(chunk(id, model, created, { role: 'assistant', content: '' }, null));
      await answerTurn();
      for await (const event of answerStream(scope, services.library, request, stream.signal)) {
        if (stream.closed) break;
        if (event.type === 'delta') send(chunk(id, model, created, { content: event.text }, null));
        if (event.type === 'done') {
          const { response } = event;
          // The deltas are already sent: a wrong quotation is marked after them, before the sources.
          const note = answerTemplates.quoteWarningNote(response.warnings);
          if (note) send(chunk(id, model, created, { content: note }, null));
          const sources = sourcesBlock(response.citations);
          if (sources) send(chunk(id, model, created, { content: sources }, null));
          send(chunk(id, model, created, {}, 'stop', {
            citations: response.citations,
            mode: response.mode,
            ...(response.fallback ? { fallback: true } : {}),
            ...(response.warnings ? { warnings: response.warnings } : {}),
          }));
        }
      }
      if (!stream.closed) res.write('data: [DONE]\n\n');
    } catch (error) {
      req.log?.error({ err: error }, 'completion stream failed');
      send({ error: { message: 'internal error', type: 'server_error', param: null, code: 'internal' } });
    } finally {
      stream.close();
    }
  };
}

/** The OpenAI-compatible routes, mounted at `/v1`. */
export function openAiRouter(
  provide: ServicesProvider,
  jsonBody: RequestHandler[],
  streamOptions: Partial<EventStreamOptions> = {},
  run: AnswerRunOptions = {},
): Router {
  const router = Router();
  const model = { id: MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'qinghai-interview-rag' };
  router.get('/models', (_req, res) => {
    res.json({ object: 'list', data: [model] });
  });
  router.get('/models/:id', (req, res) => {
    if (req.params.id !== MODEL_ID) throw new NotFoundError(`model ${req.params.id} does not exist; the model is ${MODEL_ID}`);
    res.json(model);
  });
  router.post('/chat/completions', ...jsonBody, completionsPost(provide, streamOptions, run));
  return router;
}
