import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { AnswerRunOptions } from '../../answer/answer-question.js';
import type { ChatRequest } from '../../answer/answer-types.js';
import { foldText } from '../../corpus/normalize-text.js';
import { answerInScope, answerStream } from '../answer-articles.js';
import { articleScope, requireServices, type AppServices, type ArticleServices, type ServicesProvider } from '../app-services.js';
import { AppError, invalidRequestFromZod, InvalidRequestError } from '../errors.js';
import { openEventStream, type EventStreamOptions } from '../event-stream.js';
import { answerTurn } from '../answer-turns.js';
import { clientKey } from '../rate-limit.js';
import { conversationContextSchema } from '../../retrieval/conversation-context.js';

/**
 * The contract's limits (`docs/api.md`, `POST /api/chat`). A user message is also limited after
 * folding (NFKC can make one character eighteen), since answering works on the folded text.
 */
export const CHAT_LIMITS = { maxMessages: 20, maxUserChars: 500, maxFoldedUserChars: 1000, maxMessageChars: 4000 } as const;

const message = z.object(
  {
    role: z.enum(['user', 'assistant'], {
      errorMap: () => ({ message: 'must be "user" or "assistant"' }),
    }),
    content: z
      .string({ required_error: 'must be given', invalid_type_error: 'must be a string' })
      .refine((c) => c.trim() !== '', 'must not be empty')
      .refine((c) => c.length <= CHAT_LIMITS.maxMessageChars, `must be at most ${CHAT_LIMITS.maxMessageChars} characters`),
    /** On an assistant message: the `context` of the response it is, sent back (`docs/api.md`). */
    context: conversationContextSchema.optional(),
  },
  { invalid_type_error: 'must be an object with role and content' },
);

export const chatBodySchema = z
  .object(
    {
      messages: z
        .array(message, { required_error: 'must be given', invalid_type_error: 'must be an array' })
        .min(1, 'must hold at least one message')
        .max(CHAT_LIMITS.maxMessages, `must hold at most ${CHAT_LIMITS.maxMessages} messages`),
      stream: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
      speaker: z.string({ invalid_type_error: 'must be a string' }).trim().min(1, 'must not be empty').nullable().optional(),
      /** The article to answer from (its id); without it, a one-article corpus's article, or all of them. */
      article: z.string({ invalid_type_error: 'must be an article id' }).trim().min(1, 'must not be empty').nullable().optional(),
    },
    { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
  )
  .superRefine((body, ctx) => {
    body.messages.forEach((m, i) => {
      if (m.role === 'user' && m.context !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'context'], message: 'is only for assistant messages (the context of the answer they are)' });
      }
      if (m.role === 'user' && m.content.length > CHAT_LIMITS.maxUserChars) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'content'], message: `must be at most ${CHAT_LIMITS.maxUserChars} characters in a user message` });
      } else if (m.role === 'user' && foldText(m.content).length > CHAT_LIMITS.maxFoldedUserChars) {
        ctx.addIssue({
          code: 'custom',
          path: ['messages', i, 'content'],
          message: `must be at most ${CHAT_LIMITS.maxFoldedUserChars} characters once normalised (NFKC expands some characters)`,
        });
      }
    });
    if (body.messages.at(-1)?.role !== 'user') {
      ctx.addIssue({ code: 'custom', path: ['messages', body.messages.length - 1, 'role'], message: 'must be "user": the last message is the question' });
    }
  });

export type ChatBody = z.infer<typeof chatBodySchema>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether the client asked for Server-Sent Events: `"stream": true`, or `Accept: text/event-stream`. */
export function wantsStream(req: Request, stream: boolean | undefined): boolean {
  if (stream !== undefined) return stream;
  return (req.get('accept') ?? '').includes('text/event-stream');
}

/**
 * Validates a chat body and the speaker it names. `speakers` lists the names it may name; it is
 * called only for a body that names one (across a library, the list walks every article).
 */
export function parseChatBody(body: unknown, speakers: () => string[]): ChatBody {
  return checkChatBody(chatBodySchema.safeParse(body), speakers);
}

/** {@link parseChatBody} of a body already run through the schema. */
function checkChatBody(parsed: z.SafeParseReturnType<unknown, ChatBody>, speakers: () => string[]): ChatBody {
  if (!parsed.success) throw invalidRequestFromZod(parsed.error);
  if (parsed.data.speaker) {
    const names = speakers();
    if (!names.includes(parsed.data.speaker)) throw new InvalidRequestError(`speaker must be one of: ${speakerChoices(names)}`);
  }
  return parsed.data;
}

/** Names listed in an error about the speaker: a large library's are too many to list. */
const MAX_NAMES_LISTED = 50;

/** The names a `speaker` may be, for an error message: all of them, or the first {@link MAX_NAMES_LISTED} and how many more. */
export function speakerChoices(names: readonly string[]): string {
  if (names.length <= MAX_NAMES_LISTED) return names.join(', ');
  return `${names.slice(0, MAX_NAMES_LISTED).join(', ')} … and ${names.length - MAX_NAMES_LISTED} more (GET /api/articles lists every article's speakers)`;
}

/** The speakers a question may name: the scoped article's, or every article's. */
export function speakerNames(services: AppServices, scope: ArticleServices | null): string[] {
  if (scope) return [...new Set(scope.index.article.speakers.map((s) => s.name))];
  return [...new Set(services.library.entries.flatMap((a) => a.speakers.map((s) => s.name)))];
}

/** `article` from the body, or else from the query string (`?article=`). */
export function requestedArticle(req: Request, body: { article?: string | null | undefined }): unknown {
  return body.article ?? req.query.article;
}

/**
 * `POST /api/chat`: a cited answer as JSON, or as SSE (`citations`, `delta`s, then `done` or `error`).
 */
export function chatPost(provide: ServicesProvider, streamOptions: Partial<EventStreamOptions> = {}, run: AnswerRunOptions = {}): RequestHandler {
  return async (req, res) => {
    const services = requireServices(provide);
    // Validated once: the article asked for (if the body is valid) picks the scope before the body's
    // errors are reported, as an unknown article is reported first.
    const parsed = chatBodySchema.safeParse(req.body);
    const scope = await articleScope(services, requestedArticle(req, parsed.data ?? {}));
    const body = checkChatBody(parsed, () => speakerNames(services, scope));
    const request: ChatRequest = { messages: body.messages, speaker: body.speaker ?? null, client: clientKey(req) };

    if (!wantsStream(req, body.stream)) {
      const controller = new AbortController();
      // Only a client that left before the answer was sent aborts it: aborting after every finished
      // response cost a DOMException and the abort listeners per request (docs/benchmarks.md).
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      // One answer per turn of the event loop (answer-turns.ts); a client gone meanwhile is not answered.
      await answerTurn();
      if (controller.signal.aborted) return;
      res.json(await answerInScope(scope, services.library, request, controller.signal, run));
      return;
    }

    const stream = openEventStream(req, res, streamOptions);
    // Node sends what was written only once the handler yields: the headers go out while this
    // request waits for its turn (answer-turns.ts), and again after the citations, so a client
    // sees them before the answer is complete.
    await answerTurn();
    try {
      for await (const event of answerStream(scope, services.library, request, stream.signal)) {
        if (stream.closed) break;
        if (event.type === 'citations') {
          stream.send('citations', event.citations);
          await yieldToEventLoop();
        } else if (event.type === 'delta') stream.send('delta', { text: event.text });
        else stream.send('done', event.response);
      }
    } catch (error) {
      req.log?.error({ err: error }, 'chat stream failed');
      const appError = error instanceof AppError ? error : new AppError(500, 'internal', 'internal error');
      stream.send('error', appError.toJSON().error);
    } finally {
      stream.close();
    }
  };
}
