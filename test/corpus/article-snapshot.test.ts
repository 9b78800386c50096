import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse-article.js';
import { testConfig } from '../support/test-index.js';

/**
 * Today's reading of `corpus/article.txt`, paragraph by paragraph, written down before the parser
 * learnt other layouts: the article must read exactly the same whatever layouts are added.
 */
describe('parseArticle on corpus/article.txt', () => {
  const article = parseArticle(readFileSync(testConfig().corpusPath, 'utf8'));

  it('reads every paragraph exactly as before layouts were data', async () => {
    const paragraphs = article.paragraphs.map((p) => ({
      id: p.id,
      speaker: p.speaker,
      role: p.role,
      title: p.title,
      kind: p.kind,
      section: p.section,
      sectionNumber: p.sectionNumber,
      labelEnd: p.labelEnd,
      quotes: p.quotes,
      sourceLines: p.sourceLines,
      text: p.text,
    }));
    const { title, date, kicker, speakers, sections, people, editorsNote } = article;
    await expect(`${JSON.stringify({ title, date, kicker, speakers, sections, people, editorsNote, paragraphs }, null, 1)}\n`).toMatchFileSnapshot('./snapshots/article-parse.json');
  });
});
