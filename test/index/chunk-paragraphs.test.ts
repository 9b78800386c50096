import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse-article.js';
import { chunkParagraphs, sentenceWindows } from '../../src/index/chunk-paragraphs.js';
import { testConfig } from '../support/test-index.js';

const article = parseArticle(readFileSync(testConfig().corpusPath, 'utf8'));
const chunks = chunkParagraphs(article);

describe('chunkParagraphs', () => {
  it('keeps every passage inside one paragraph, verbatim', () => {
    for (const c of chunks) {
      const paragraph = article.paragraphs[c.paragraph]!;
      expect(paragraph.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.speaker).toBe(paragraph.speaker);
      expect(c.section).toBe(paragraph.section);
    }
  });

  it('never cuts a sentence: every passage ends at a sentence end or the paragraph end', () => {
    for (const c of chunks) {
      const paragraph = article.paragraphs[c.paragraph]!;
      const endsParagraph = c.end === paragraph.text.length;
      expect(endsParagraph || /[。？！；?;!”]$/u.test(c.text), c.id).toBe(true);
      const startsParagraph = c.start === 0;
      expect(startsParagraph || /[。？！；?;!”]$/u.test(paragraph.text.slice(0, c.start)), c.id).toBe(true);
    }
  });

  it('covers every paragraph completely', () => {
    for (const p of article.paragraphs) {
      const own = chunks.filter((c) => c.paragraph === p.id).sort((a, b) => a.start - b.start);
      expect(own[0]!.start).toBe(0);
      expect(own.at(-1)!.end).toBe(p.text.length);
      for (let i = 1; i < own.length; i++) expect(own[i]!.start).toBeLessThanOrEqual(own[i - 1]!.end);
    }
  });

  it('cuts long turns into overlapping windows of a few hundred characters', () => {
    const long = chunks.filter((c) => c.paragraph === 26);
    expect(long.length).toBeGreaterThan(2);
    expect(long.some((c, i) => i > 0 && c.start < long[i - 1]!.end)).toBe(true);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(300);
  });

  it('carries speaker, role, title, section and quoting metadata', () => {
    const definition = chunks.find((c) => c.text.includes('新质生产力是创新起主导作用'))!;
    expect(definition).toMatchObject({ speaker: '李娜', role: 'expert', title: '青海省委党校经济教研部副教授', quoting: '习近平' });
    expect(chunks.filter((c) => c.quoting !== null).every((c) => c.speaker === '李娜')).toBe(true);
    expect(definition.searchText).toContain('李娜');
  });
});

describe('sentenceWindows', () => {
  it('makes progress when a single sentence is longer than the window', () => {
    const text = `${'长'.repeat(50)}。${'短'.repeat(5)}。`;
    expect(sentenceWindows(text, { maxChars: 20, overlapSentences: 1, includeQuestion: false })).toEqual([
      [0, 51],
      [51, 57],
    ]);
  });
});
