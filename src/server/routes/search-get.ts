import type { RequestHandler } from 'express';
import { z } from 'zod';
import { foldText } from '../../corpus/normalize-text.js';
import { requireServices, type ServicesProvider } from '../app-services.js';
import { invalidRequestFromZod, InvalidRequestError } from '../errors.js';

export const MAX_QUERY_CHARS = 500;
/** `q` after folding: NFKC can make one character eighteen, and search works on the folded text. */
export const MAX_FOLDED_QUERY_CHARS = 1000;

const searchQuery = z.object({
  q: z
    .string({ required_error: 'must be given', invalid_type_error: 'must be given once, as text' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`)
    .refine((q) => foldText(q).length <= MAX_FOLDED_QUERY_CHARS, `must be at most ${MAX_FOLDED_QUERY_CHARS} characters once normalised (NFKC expands some characters)`),
  k: z
    .string({ invalid_type_error: 'must be given once' })
    .regex(/^\d{1,3}$/u, 'must be a whole number from 1 to 20')
    .transform(Number)
    .pipe(z.number().min(1, 'must be from 1 to 20').max(20, 'must be from 1 to 20'))
    .default('5'),
  speaker: z.string({ invalid_type_error: 'must be given once' }).trim().min(1, 'must not be empty').optional(),
});

/** `GET /api/search?q=…&k=5[&speaker=李娜]`: ranked passages with speaker, section and offsets. */
export function searchGet(provide: ServicesProvider): RequestHandler {
  return async (req, res) => {
    const parsed = searchQuery.safeParse(req.query);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const { retriever, index } = requireServices(provide);
    const { q, k, speaker } = parsed.data;
    if (speaker && !index.article.speakers.some((s) => s.name === speaker)) {
      throw new InvalidRequestError(`speaker must be one of: ${index.article.speakers.map((s) => s.name).join(', ')}`);
    }
    const { passages, mentionedSpeakers } = await retriever.retrieve(q, { k, speaker: speaker ?? null });
    res.json({
      query: q,
      mentionedSpeakers,
      results: passages.map((p) => ({
        speaker: p.speaker,
        role: p.role,
        title: p.title,
        section: p.section,
        text: p.text,
        paragraph: p.paragraph,
        start: p.start,
        end: p.end,
        score: p.score,
        quoting: p.quoting,
        id: p.id,
        similarity: p.similarity,
        lexicalScore: p.lexicalScore,
      })),
    });
  };
}
