import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';

/**
 * An article's text as the answerer compares words against it, kept with the article: the folded
 * text of all its paragraphs, and whether a word is one of its title's (the subject every sentence
 * of it is about, which no sentence needs to repeat: `青海` in a Qinghai article).
 */

const foldedArticles = new WeakMap<Article, string>();

/** The folded text of every paragraph, one a line; computed once per article. */
export function foldedArticle(article: Article): string {
  let cached = foldedArticles.get(article);
  if (cached === undefined) foldedArticles.set(article, (cached = foldText(article.paragraphs.map((p) => p.text).join('\n'))));
  return cached;
}

/** True when the (folded) title holds the word (folded): the article's own subject. */
export function inTitle(article: Article, word: string): boolean {
  return foldText(article.title ?? '').includes(foldText(word));
}
