import type { RequestHandler } from 'express';
import { answerGreeting, suggestions } from '../../answer/compose-answer.js';
import { genreWords } from '../../answer/genre-words.js';
import type { Article, ArticleGenre } from '../../corpus/parse-article.js';
import type { SpeakerRole } from '../../corpus/speakers.js';
import { articleOrDefault, requireServices, type ServicesProvider } from '../app-services.js';

/** `GET /api/about`: what the page and the widget say about the article before anyone asks. */
export interface AboutResponse {
  /** The article's id (`GET /api/articles`). */
  article: string;
  /** The article's headline. */
  title: string;
  /** The short line under the headline, or null. */
  kicker: string | null;
  /** What the article is (`roundtable`, `interview`, `qa`, `transcript`, `broadcast`, `report`). */
  genre: ArticleGenre;
  /**
   * What answers call the article and its people, in its genre's words: `work` 访谈/专访/节目/报道,
   * `guest` 嘉宾/受访者/被引用的人, `host` 主持人/采访者/作者.
   */
  words: { work: string; guest: string; host: string };
  /** The bot's first message: the same text `POST /api/chat` answers a greeting with. */
  greeting: string;
  /** Suggested questions (the ones the greeting lists). */
  suggestions: string[];
  /** Everyone who speaks, in the article's order: the editor, the host, then the experts. */
  speakers: Array<{ name: string; role: SpeakerRole; title: string | null }>;
}

/**
 * The facts of one article as `GET /api/about` serves them. The browser code carries no
 * article-specific text of its own: the title, greeting and suggestions it shows come from here.
 */
export function aboutArticle(article: Article, id: string): AboutResponse {
  return {
    article: id,
    title: article.title,
    kicker: article.kicker,
    genre: article.genre,
    words: (({ work, guest, host }) => ({ work, guest, host }))(genreWords(article)),
    greeting: answerGreeting(article),
    suggestions: suggestions(article),
    speakers: article.speakers.map(({ name, role, title }) => ({ name, role, title })),
  };
}

/** `GET /api/about[?article=id]`: {@link AboutResponse} of the article (default: the default one), derived once per loaded article. */
export function aboutGet(provide: ServicesProvider): RequestHandler {
  // Keyed by the article, so a reloaded index gets its own facts.
  const cache = new WeakMap<Article, AboutResponse>();
  return async (req, res) => {
    const scoped = await articleOrDefault(requireServices(provide), req.query.article);
    const { article } = scoped.index;
    let about = cache.get(article);
    if (!about) {
      about = aboutArticle(article, scoped.id);
      cache.set(article, about);
    }
    res.json(about);
  };
}
