import type { RequestHandler } from 'express';
import { z } from 'zod';
import { requireServices, type ServicesProvider } from '../app-services.js';
import { invalidRequestFromZod } from '../errors.js';

export const MAX_QUOTE_CHARS = 2000;

const verifyBody = z.object(
  {
    quote: z
      .string({ required_error: 'must be given', invalid_type_error: 'must be a string' })
      .refine((q) => q.trim() !== '', 'must not be empty')
      .refine((q) => q.length <= MAX_QUOTE_CHARS, `must be at most ${MAX_QUOTE_CHARS} characters`),
  },
  { invalid_type_error: 'request body must be a JSON object', required_error: 'request body must be a JSON object' },
);

/** `POST /api/verify {"quote": "…"}`: is it verbatim in the article, where, and who said it. */
export function verifyPost(provide: ServicesProvider): RequestHandler {
  return (req, res) => {
    const parsed = verifyBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    res.json(requireServices(provide).verifier.verify(parsed.data.quote));
  };
}
