import type { RequestHandler } from 'express';
import { z } from 'zod';
import { articleOrDefault, requireServices, type ServicesProvider } from '../app-services.js';
import { invalidRequestFromZod } from '../errors.js';

/**
 * `GET /api/article[?article=id]`: the cleaned article, paragraph ids being the `paragraph` of
 * every citation; without `article`, the default one.
 */
export function articleGet(provide: ServicesProvider): RequestHandler {
  return async (req, res) => {
    const scoped = await articleOrDefault(requireServices(provide), req.query.article);
    const { article } = scoped.index;
    res.json({
      id: scoped.id,
      title: article.title,
      date: article.date,
      kicker: article.kicker,
      sections: article.sections,
      people: article.people,
      editorsNote: article.editorsNote,
      genre: article.genre,
      interviewers: article.interviewers,
      interviewees: article.interviewees,
      layout: article.layout,
      doubts: article.doubts,
      paragraphs: article.paragraphs.map(({ sourceLines: _sourceLines, ...p }) => p),
    });
  };
}

/** `GET /api/speakers[?article=id]`: every speaker of the article with role, title and the paragraphs they say. */
export function speakersGet(provide: ServicesProvider): RequestHandler {
  return async (req, res) => {
    res.json((await articleOrDefault(requireServices(provide), req.query.article)).index.article.speakers);
  };
}

/** The most articles one page of `GET /api/articles` lists (`limit`). */
export const MAX_ARTICLES_LISTED = 1000;

const wholeNumber = (min: number, max: number) =>
  z
    .string({ invalid_type_error: 'must be given once' })
    .regex(/^\d{1,9}$/u, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`))
    .optional();

const articlesQuery = z.object({
  limit: wholeNumber(1, MAX_ARTICLES_LISTED),
  offset: wholeNumber(0, 999_999_999),
});

/**
 * `GET /api/articles[?limit=100&offset=0]`: the served articles (id, title, date, speakers,
 * passages) in the library's order, `total` of them, and the files that could not be served. From
 * the library's catalog: no article is opened for it. Without `limit` every article is listed (11 MB
 * of JSON at 10,000 articles: a client of a large library pages with `limit` and `offset`).
 */
export function articlesGet(provide: ServicesProvider): RequestHandler {
  return (req, res) => {
    const parsed = articlesQuery.safeParse(req.query);
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const services = requireServices(provide);
    const { entries } = services.library;
    const offset = parsed.data.offset ?? 0;
    const page = entries.slice(offset, parsed.data.limit === undefined ? undefined : offset + parsed.data.limit);
    res.json({
      articles: page.map(({ id, title, date, kind, genre, layout, doubts, speakers, passages }) => ({
        id,
        title,
        date,
        kind,
        genre,
        layout,
        doubts,
        speakers,
        passages,
      })),
      total: entries.length,
      // By id and file name, never the server's path or the system's error text (those are logged).
      unavailable: services.failures.map(({ id, reason }) => ({ id, message: reason })),
    });
  };
}
