import type { RequestHandler } from 'express';
import { z } from 'zod';
import { articleScope, articlesInScope, requireServices, type ServicesProvider } from '../app-services.js';
import { verifyInArticles } from '../check-across.js';
import { invalidRequestFromZod } from '../errors.js';
import { abortWhenUnwanted, unlessUnwanted } from './abort-when-unwanted.js';

export const MAX_QUOTE_CHARS = 2000;
/** `quote` once folded (NFKC can make one character eighteen), as the check works on the folded quote. */
export const MAX_FOLDED_QUOTE_CHARS = 4000;

const verifyBody = z.object(
  {
    quote: z
      .string({ required_error: 'must be given', invalid_type_error: 'must be a string' })
      .refine((q) => q.trim() !== '', 'must not be empty')
      .refine((q) => q.length <= MAX_QUOTE_CHARS, `must be at most ${MAX_QUOTE_CHARS} characters`)
      .refine((q) => q.length > MAX_QUOTE_CHARS || q.normalize('NFKC').length <= MAX_FOLDED_QUOTE_CHARS, `must be at most ${MAX_FOLDED_QUOTE_CHARS} characters once normalised (NFKC expands some characters)`),
    article: z.string({ invalid_type_error: 'must be an article id' }).nullable().optional(),
  },
  { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
);

/** `POST /api/verify {"quote": "…"[, "article": id]}`: is it verbatim in the article (or any), where, and who said it. */
export function verifyPost(provide: ServicesProvider, shutdown?: AbortSignal): RequestHandler {
  return verify(provide, (req) => ({ body: req.body as unknown, article: req.query.article }), shutdown);
}

/**
 * `GET /api/verify?quote=…[&article=id]`: the same, as a link anyone can open to check a quote in
 * one click. A repeated parameter is 400, as on `/api/search`.
 */
export function verifyGet(provide: ServicesProvider, shutdown?: AbortSignal): RequestHandler {
  return verify(provide, (req) => ({ body: { quote: req.query.quote, article: req.query.article }, article: undefined }), shutdown);
}

function verify(provide: ServicesProvider, read: (req: Parameters<RequestHandler>[0]) => { body: unknown; article: unknown }, shutdown?: AbortSignal): RequestHandler {
  return async (req, res) => {
    const { body, article } = read(req);
    const parsed = verifyBody.safeParse(body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const services = requireServices(provide);
    const scope = await articleScope(services, parsed.data.article ?? article);
    const signal = abortWhenUnwanted(res, shutdown);
    const result = await unlessUnwanted(res, verifyInArticles(articlesInScope(services, scope), parsed.data.quote, { signal }));
    if (result) res.json(result);
  };
}
