import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuoteVerifier } from '../../src/check/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import { QUESTION_KINDS } from '../../src/answer/question-kinds.js';
import { parseArticle, type Article } from '../../src/corpus/parse-article.js';
import { QuestionAnalyzer } from '../../src/retrieval/analyze-question.js';
import { LexicalIndex } from '../../src/retrieval/lexical-search.js';

/** A fixture article (`layouts/qa-one`, `articles/shuju-zhongxin-baodao`) parsed as the server parses it. */
export function fixtureArticle(name: string): Article {
  return parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures', `${name}.txt`), 'utf8'));
}

/**
 * The answer to a question that the article's structure answers (a greeting, a people question, a
 * question about its parts), routed by the answerer's own table of question kinds, with no index
 * built: a question that needs the search is answered by no kind here (null).
 */
export async function structureAnswer(article: Article, question: string): Promise<{ kind: string; response: ChatResponse } | null> {
  const analyzer = new QuestionAnalyzer(article, new LexicalIndex(article.paragraphs.map((p) => p.text)));
  const analysis = analyzer.analyze([{ role: 'user', content: question }]);
  for (const kind of QUESTION_KINDS) {
    if (!kind.detects(analysis)) continue;
    if (!['greeting', 'people', 'article'].includes(kind.name)) return null;
    const prepared = await kind.answer({
      article,
      verifier: null as unknown as QuoteVerifier,
      request: { messages: [{ role: 'user', content: question }] },
      analysis,
      referenced: () => null,
      answerFromPassages: () => Promise.reject(new Error('no index here')),
    });
    if (prepared?.finished) return { kind: kind.name, response: prepared.finished };
  }
  return null;
}
