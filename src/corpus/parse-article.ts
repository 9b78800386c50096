import { readFile } from 'node:fs/promises';
import { CorpusError, type Article } from './article.js';
import { LAYOUTS, type LayoutDescription, type LayoutReading } from './layouts.js';
import { readMarkedQa } from './read-marked-qa.js';
import { readReport } from './read-report.js';
import { readRoundtable } from './read-roundtable.js';
import { readTurns } from './read-turns.js';
import { refusalOf, scoreReading, withUnexplainedTurns } from './score-reading.js';
import { joinSourceLines } from './source-lines.js';

export { CorpusError, type Article, type ArticleParagraph, type ArticleSection } from './article.js';
export type { ArticleDoubt, ArticleGenre, Attribution, AttributionMethod, LayoutChoice } from './attribution.js';
export { findQuotedSpans, honorificOf } from './find-quoted-spans.js';
export { quotedPersonAt, quotedSpanAt, type QuotedSpan } from './quoted-span.js';
export type { PersonProfile } from './person-profile.js';
export { joinSourceLines, type RawParagraph } from './source-lines.js';

/** Reads the paragraphs with one layout's reader. @throws {CorpusError} when the layout does not apply. */
function readWith(layout: LayoutDescription, raws: ReturnType<typeof joinSourceLines>): LayoutReading {
  if (layout.reader === 'roundtable') return readRoundtable(raws);
  if (layout.reader === 'report') return readReport(raws);
  if (layout.reader === 'marked') return readMarkedQa(raws);
  return readTurns(layout, raws);
}

/** An article as its best layout reads it, and why it may not be served (null when it may). */
export interface ArticleReading {
  article: Article;
  refusal: string | null;
}

/**
 * Reads the raw article with every layout of `layouts.ts` and keeps the one that explains it best
 * (`score-reading.ts`); every paragraph says how its speaker was decided (`attribution`). Says why
 * the reading may not be served rather than throwing, for the editor's review (`--explain`).
 *
 * @throws {CorpusError} when the text is empty or no layout reads it at all.
 */
export function readArticle(raw: string): ArticleReading {
  if (raw.trim() === '') throw new CorpusError('corpus is empty');
  const raws = joinSourceLines(raw);
  let best: { layout: LayoutDescription; reading: LayoutReading; choice: ReturnType<typeof scoreReading> } | null = null;
  const errors: CorpusError[] = [];
  for (const layout of LAYOUTS) {
    let reading: LayoutReading;
    try {
      reading = readWith(layout, raws);
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      errors.push(error);
      continue;
    }
    const choice = scoreReading(layout, reading, raw);
    if (!best || choice.score > best.choice.score) best = { layout, reading, choice };
  }
  // No layout reads it: the report's reason (no guest list and no text) says the most.
  if (!best) throw errors.at(-1) ?? new CorpusError('no layout reads this text');
  const doubts = withUnexplainedTurns(best.reading);
  return { article: { ...best.reading, doubts, genre: best.layout.genre, layout: best.choice }, refusal: refusalOf(best.choice, best.reading) };
}

/**
 * Parses the raw article into the cleaned, attributed article that `GET /api/article` serves (see
 * {@link readArticle}); its doubtful paragraphs are listed in `doubts`.
 *
 * @throws {CorpusError} when the text is empty, no layout reads it, or the best reading explains
 *   too little of it to be served (the message says why).
 */
export function parseArticle(raw: string): Article {
  const { article, refusal } = readArticle(raw);
  if (refusal) throw new CorpusError(`refused: ${refusal}`);
  return article;
}

/**
 * Reads and parses the corpus file.
 *
 * @throws {CorpusError} when the file is missing, unreadable or empty.
 */
export async function loadArticle(path: string): Promise<{ article: Article; raw: string }> {
  const raw = await readCorpusFile(path);
  try {
    return { article: parseArticle(raw), raw };
  } catch (error) {
    // The message names the file: with many articles, which one is broken is the point.
    if (error instanceof CorpusError) throw new CorpusError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The text of a corpus file.
 *
 * @throws {CorpusError} when the file is missing, unreadable or not UTF-8.
 */
export async function readCorpusFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new CorpusError(`cannot read corpus file ${path}: ${(cause as Error).message}`, { cause });
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CorpusError(`corpus file ${path} is not UTF-8 text`, { cause });
  }
  return raw;
}
