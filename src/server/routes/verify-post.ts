import type { RequestHandler } from 'express';
import { z } from 'zod';
import { articleScope, requireServices, type ServicesProvider } from '../app-services.js';
import { MAX_ARTICLES_SEARCHED, rankArticles } from '../answer-articles.js';
import { verifyInArticles } from '../check-across.js';
import { invalidRequestFromZod } from '../errors.js';

export const MAX_QUOTE_CHARS = 2000;

const verifyBody = z.object(
  {
    quote: z
      .string({ required_error: 'must be given', invalid_type_error: 'must be a string' })
      .refine((q) => q.trim() !== '', 'must not be empty')
      .refine((q) => q.length <= MAX_QUOTE_CHARS, `must be at most ${MAX_QUOTE_CHARS} characters`),
    article: z.string({ invalid_type_error: 'must be an article id' }).nullable().optional(),
  },
  { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
);

/** `POST /api/verify {"quote": "…"[, "article": id]}`: is it verbatim in the article (or any), where, and who said it. */
export function verifyPost(provide: ServicesProvider): RequestHandler {
  return async (req, res) => {
    const parsed = verifyBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const services = requireServices(provide);
    const scope = articleScope(services, parsed.data.article ?? req.query.article);
    const articles = scope ? [scope] : await rankArticles(services.articles, parsed.data.quote, MAX_ARTICLES_SEARCHED);
    res.json(verifyInArticles(articles, parsed.data.quote));
  };
}
