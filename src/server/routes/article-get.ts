import type { RequestHandler } from 'express';
import { requireServices, type ServicesProvider } from '../app-services.js';

/** `GET /api/article`: the cleaned article, paragraph ids being the `paragraph` of every citation. */
export function articleGet(provide: ServicesProvider): RequestHandler {
  return (_req, res) => {
    const { article } = requireServices(provide).index;
    res.json({
      title: article.title,
      kicker: article.kicker,
      sections: article.sections,
      people: article.people,
      editorsNote: article.editorsNote,
      paragraphs: article.paragraphs.map(({ sourceLines: _sourceLines, ...p }) => p),
    });
  };
}

/** `GET /api/speakers`: every speaker with role, title and the paragraphs they say. */
export function speakersGet(provide: ServicesProvider): RequestHandler {
  return (_req, res) => {
    res.json(requireServices(provide).index.article.speakers);
  };
}
