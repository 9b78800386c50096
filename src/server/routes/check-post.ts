import type { RequestHandler } from 'express';
import { z } from 'zod';
import { articleScope, articlesInScope, requireServices, type ServicesProvider } from '../app-services.js';
import { checkInArticles } from '../check-across.js';
import { invalidRequestFromZod, PayloadTooLargeError } from '../errors.js';
import { abortWhenUnwanted, unlessUnwanted } from './abort-when-unwanted.js';

/** The longest text `POST /api/check` takes, in characters (UTF-16 code units). */
export const MAX_CHECK_CHARS = 20_000;
/**
 * The longest once folded (NFKC), as checking works on the folded text: one character can fold to
 * eighteen (U+FDFA), so the raw limit alone would let a text cost eighteen times the work.
 */
export const MAX_FOLDED_CHECK_CHARS = 40_000;
/** Its body limit: 20,000 characters even as `\uXXXX` escapes, with room for the JSON around them. */
export const MAX_CHECK_BODY_BYTES = 128 * 1024;

const checkBody = z.object(
  {
    text: z
      .string({ required_error: 'must be given', invalid_type_error: 'must be a string' })
      .refine((t) => t.trim() !== '', 'must not be empty'),
    article: z.string({ invalid_type_error: 'must be an article id' }).nullable().optional(),
  },
  { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
);

/**
 * `POST /api/check {"text": "…"}`: every quotation of a text, whether the article has it and
 * whether the person the text credits it to said it.
 *
 * @throws {InvalidRequestError} for a missing, empty or non-string `text`.
 * @throws {PayloadTooLargeError} for a text over {@link MAX_CHECK_CHARS} characters.
 */
export function checkPost(provide: ServicesProvider, shutdown?: AbortSignal): RequestHandler {
  return async (req, res) => {
    const parsed = checkBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const { text } = parsed.data;
    if (text.length > MAX_CHECK_CHARS) {
      throw new PayloadTooLargeError(`text must be at most ${MAX_CHECK_CHARS} characters (got ${text.length})`);
    }
    // NFKC alone (native, a millisecond): folding the text in full here would cost a slice's worth.
    if (text.normalize('NFKC').length > MAX_FOLDED_CHECK_CHARS) {
      throw new PayloadTooLargeError(`text must be at most ${MAX_FOLDED_CHECK_CHARS} characters once normalised (NFKC expands some characters)`);
    }
    const services = requireServices(provide);
    const scope = await articleScope(services, parsed.data.article ?? req.query.article);
    const signal = abortWhenUnwanted(res, shutdown);
    const result = await unlessUnwanted(res, checkInArticles(articlesInScope(services, scope), text, { signal }));
    if (result) res.json(result);
  };
}
