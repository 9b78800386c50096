/**
 * The HTTP contract (`docs/api.md`) as the browser sees it. Type-only imports from the server's own
 * modules, so the page and the widget break at compile time when the contract changes; the bundler
 * drops them, and no server code reaches the browser.
 */
import type { ChatResponse as ServerChatResponse } from '../src/answer/answer-types.js';
import type { Citation as ServerCitation } from '../src/answer/citations.js';
import type { CheckedQuotation as ServerCheckedQuotation, CheckedTerm as ServerCheckedTerm, CheckTextResult as ServerCheckTextResult } from '../src/check/check-text.js';
import type { VerifyResult as ServerVerifyResult, NearestPassage as ServerNearestPassage } from '../src/check/verify-quote.js';
import type { ArticleDoubt, ArticleParagraph, ArticleSection } from '../src/corpus/parse-article.js';
import type { Speaker as ServerSpeaker } from '../src/corpus/speakers.js';
import type { AboutResponse as ServerAboutResponse } from '../src/server/routes/about-get.js';
import type { ConversationContext as ServerConversationContext } from '../src/retrieval/conversation-context.js';

export type Citation = ServerCitation;
export type ChatResponse = ServerChatResponse;
export type VerifyResult = ServerVerifyResult;
export type NearestPassage = ServerNearestPassage;
export type Speaker = ServerSpeaker;
export type CheckTextResult = ServerCheckTextResult;
export type CheckedQuotation = ServerCheckedQuotation;
export type CheckedTerm = ServerCheckedTerm;
/** `GET /api/about`: the article's title, kicker, greeting, suggested questions and speakers. */
export type AboutResponse = ServerAboutResponse;

/** What a chat response carries for the next turn (`context`), sent back on its assistant message. */
export type ConversationContext = ServerConversationContext;

/** A conversation turn as `POST /api/chat` takes it. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  /** On an assistant message: the `context` of the response it is. */
  context?: ConversationContext;
}

/** The body of `POST /api/chat`. */
export interface ChatRequestBody {
  messages: ChatMessage[];
  /** Only this speaker's passages. */
  speaker?: string | null;
}

/** `GET /api/article`. */
export interface ArticleResponse {
  /** The article's id (`GET /api/articles`). */
  id?: string;
  title: string;
  kicker: string | null;
  sections: ArticleSection[];
  paragraphs: Array<Omit<ArticleParagraph, 'sourceLines'>>;
  /** The paragraphs (and guests) whose reading the parser doubts. */
  doubts?: ArticleDoubt[];
}

/** One paragraph of {@link ArticleResponse}. */
export type ArticleParagraphView = ArticleResponse['paragraphs'][number];

/** The contract's error body. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A span of one paragraph: `paragraphs[paragraph].text.slice(start, end)`, in `article` when named. */
export interface PassageSpan {
  paragraph: number;
  start: number;
  end: number;
  /** The article's id (every citation carries it); absent: the default article. */
  article?: string;
}

/** `GET /api/articles`: every served article, and the files that could not be served. */
export interface ArticlesResponse {
  articles: Array<{ id: string; title: string; date: string | null; kind: 'interview' | 'report'; speakers: Array<Pick<Speaker, 'name' | 'role' | 'title'>>; passages: number }>;
  /** How many articles are served (`articles` is all of them unless `?limit` asked for a page). */
  total: number;
  unavailable: Array<{ id: string; message: string }>;
}
