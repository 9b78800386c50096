import type { RequestHandler } from 'express';
import { z } from 'zod';
import { foldText } from '../../corpus/normalize-text.js';
import { MAX_ARTICLES_SEARCHED, rankArticles } from '../answer-articles.js';
import { articleFields, articleScope, articlesInScope, openAt, requireServices, type ServicesProvider } from '../app-services.js';
import { speakerChoices } from './chat-post.js';
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
  article: z.string({ invalid_type_error: 'must be given once' }).trim().min(1, 'must not be empty').optional(),
});

/**
 * `GET /api/search?q=…&k=5[&speaker=李娜][&article=id]`: ranked passages with speaker, section,
 * offsets and article. Without `article` over several articles: each article's best `k`, merged by
 * score (the fused rank score, comparable from one article to another), the best `k` kept; over
 * more than 20 articles, the 20 that share most words with the query ({@link rankArticles}) are searched.
 */
export function searchGet(provide: ServicesProvider): RequestHandler {
  return async (req, res) => {
    const parsed = searchQuery.safeParse(req.query);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const services = requireServices(provide);
    const { q, k, speaker } = parsed.data;
    const scope = await articleScope(services, parsed.data.article);
    const library = articlesInScope(services, scope);
    if (speaker) {
      const names = [...new Set(library.entries.flatMap((a) => a.speakers.map((s) => s.name)))];
      if (!names.includes(speaker)) throw new InvalidRequestError(`speaker must be one of: ${speakerChoices(names)}`);
    }
    const found = [];
    const mentioned = new Set<string>();
    const corrections = new Map<string, { from: string; to: string }>();
    for (const ordinal of await rankArticles(library, q, MAX_ARTICLES_SEARCHED, speaker ?? null)) {
      const article = await openAt(library, ordinal);
      const { passages, mentionedSpeakers, corrections: mended } = await article.retriever.retrieve(q, { k, speaker: speaker ?? null });
      for (const name of mentionedSpeakers) mentioned.add(name);
      for (const c of mended) corrections.set(`${c.from}→${c.to}`, c);
      found.push(...passages.map((p) => ({ p, fields: articleFields(article) })));
    }
    // A stable sort: ties keep article order (the default first), as one article's ranking does.
    const ranked = library.entries.length === 1 ? found : found.sort((a, b) => b.p.score - a.p.score).slice(0, k);
    res.json({
      query: q,
      mentionedSpeakers: [...mentioned],
      ...(corrections.size > 0 ? { corrections: [...corrections.values()] } : {}),
      results: ranked.map(({ p, fields }) => ({
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
        ...fields,
      })),
    });
  };
}
