import type { RequestHandler } from 'express';
import { articleOrDefault, requireServices, type ServicesProvider } from '../app-services.js';

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

/**
 * `GET /api/articles`: every served article (id, title, date, speakers, passages), and the files
 * that could not be served. From the library's catalog: no article is opened for it.
 */
export function articlesGet(provide: ServicesProvider): RequestHandler {
  return (_req, res) => {
    const services = requireServices(provide);
    res.json({
      articles: services.library.entries.map(({ id, title, date, kind, genre, layout, doubts, speakers, passages }) => ({
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
      // By id and file name, never the server's path or the system's error text (those are logged).
      unavailable: services.failures.map(({ id, reason }) => ({ id, message: reason })),
    });
  };
}
