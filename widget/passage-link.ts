import type { PassageSpan } from './api-types.js';

/**
 * Links to a span of the article on the project's page: `#p-19-212-246` is paragraph 19, characters
 * 212 to 246 (the contract's offsets); `#p-19` is the whole paragraph. The widget writes such links,
 * the page reads them.
 */

/** `#p-19-212-246` for a span. */
export function passageHash(span: PassageSpan): string {
  return `#p-${span.paragraph}-${span.start}-${span.end}`;
}

/** The id of the default article (`corpus/article.txt`), whose page is also `/`. */
export const DEFAULT_ARTICLE_ID = 'article';

/** The path of an article's page: `/a/<id>`, or `/` for the default article (and a span naming none). */
export function articlePath(article: string | null | undefined): string {
  return article && article !== DEFAULT_ARTICLE_ID ? `/a/${encodeURIComponent(article)}` : '/';
}

/** The page's address for a span: `https://HOST/#p-19-212-246`, `https://HOST/a/ID#p-…` in another article. */
export function passageUrl(endpoint: string, span: PassageSpan): string {
  return `${endpoint.replace(/\/+$/u, '')}${articlePath(span.article)}${passageHash(span)}`;
}

/** The article a page path names (`/a/<id>`), or null (`/`). */
export function articleOfPath(pathname: string): string | null {
  const match = /^\/a\/([^/]+)\/?$/u.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The span a hash names, or null; `#p-19` spans no characters (`start === end === -1`: the whole paragraph). */
export function parsePassageHash(hash: string): PassageSpan | null {
  const match = /^#?p-(\d{1,5})(?:-(\d{1,6})-(\d{1,6}))?$/u.exec(hash);
  if (!match) return null;
  const paragraph = Number(match[1]);
  if (match[2] === undefined || match[3] === undefined) return { paragraph, start: -1, end: -1 };
  const start = Number(match[2]);
  const end = Number(match[3]);
  return end > start ? { paragraph, start, end } : null;
}
