import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { parseArticle } from '../../src/corpus/parse-article.js';
import { QuestionAnalyzer } from '../../src/retrieval/analyze-question.js';
import { LexicalIndex } from '../../src/retrieval/lexical-search.js';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
beforeAll(async () => {
  services = await loadTestServices();
});

const user = (content: string) => ({ role: 'user' as const, content });

describe('QuestionAnalyzer', () => {
  it('reads the names, roles, intent and weighted terms of a question', () => {
    const a = services.retriever.analyzer.analyzeQuery('主持人和李娜怎么看青海的短板？');
    expect(a.namedSpeakers).toEqual(['李娜']);
    expect(a.roles).toEqual(['host']);
    expect(a.mentionedSpeakers).toEqual(['秦睿', '李娜']);
    expect(a.intent).toEqual({ kind: 'topic', enumerates: false });
    expect(a.terms.terms.map((t) => t.text)).toContain('短板');
    expect(a.terms.terms.map((t) => t.text)).not.toContain('李娜');
  });

  it('names a speaker of a Traditional-character text in a question in either script (陳浩 / 陈浩)', () => {
    const article = parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts/broadcast-transcript.txt'), 'utf8'));
    const analyzer = new QuestionAnalyzer(article, new LexicalIndex(article.paragraphs.map((p) => p.text)));
    for (const question of ['陳浩怎么看这件事？', '陈浩怎么看这件事？']) {
      const a = analyzer.analyzeQuery(question);
      expect([question, a.namedSpeakers, a.mentionedSpeakers]).toEqual([question, ['陳浩'], ['陳浩']]);
    }
  });

  it('names a speaker by the label their turns are printed under (老柯：, 小川：) as well as by their name', () => {
    const article = parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts/qa-familiar-labels.txt'), 'utf8'));
    const analyzer = new QuestionAnalyzer(article, new LexicalIndex(article.paragraphs.map((p) => p.text)));
    expect(analyzer.analyzeQuery('老柯对釉色怎么看？').namedSpeakers).toEqual(['柯德山']);
    expect(analyzer.analyzeQuery('小川想办什么课？').namedSpeakers).toEqual(['柯小川']);
  });

  it('names a speaker by their surname and the post their title ends with (喻团长 for 喻德华, 合唱团团长), never another of that surname', () => {
    const article = parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts/report-troupe-leader.txt'), 'utf8'));
    const analyzer = new QuestionAnalyzer(article, new LexicalIndex(article.paragraphs.map((p) => p.text)));
    expect(analyzer.analyzeQuery('喻团长怎么看排练？').namedSpeakers).toEqual(['喻德华']);
    expect(analyzer.analyzeQuery('喻老师怎么看排练？').namedSpeakers).toEqual([]);
  });

  it('names the relative a question asks about by kin (柯德山的儿子) when the article says who that is (柯德山和儿子柯小川)', () => {
    const article = parseArticle(readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts/qa-familiar-labels.txt'), 'utf8'));
    const analyzer = new QuestionAnalyzer(article, new LexicalIndex(article.paragraphs.map((p) => p.text)));
    expect(analyzer.analyzeQuery('柯德山的儿子想开什么店？').namedSpeakers).toEqual(['柯小川']);
    expect(analyzer.analyzeQuery('柯德山怎么看网店？').namedSpeakers).toEqual(['柯德山']);
    // A relative the article does not name is not guessed.
    expect(analyzer.analyzeQuery('柯德山的妻子怎么看？').namedSpeakers).toEqual(['柯德山']);
  });

  it('resolves a follow-up and carries the person talked about', () => {
    const a = services.retriever.analyzer.analyze([user('马冠奎是做什么工作的？'), { role: 'assistant', content: '马冠奎是……' }, user('他还提出了哪几点建议？')]);
    expect(a).toMatchObject({ question: '他还提出了哪几点建议？', query: '马冠奎还提出了哪几点建议？', resolution: 'pronoun', carriedSpeakers: ['马冠奎'], asksForMore: true });
    expect(a.intent).toEqual({ kind: 'topic', enumerates: true });
  });
});

describe('one reading per request', () => {
  it('analyses the question of a /api/chat request exactly once, and a /api/search query once', async () => {
    const app = createApp({ services });
    const build = vi.spyOn(QuestionAnalyzer.prototype as unknown as { build: () => unknown }, 'build');
    await request(app).post('/api/chat').send({ messages: [user('马冠奎提出了哪几点建议？')] }).expect(200);
    expect(build).toHaveBeenCalledTimes(1);
    build.mockClear();
    await request(app).get('/api/search').query({ q: '青海最大的短板' }).expect(200);
    expect(build).toHaveBeenCalledTimes(1);
    build.mockRestore();
  });

  it('leaves classifying, resolving and weighing a question to the analysis alone', () => {
    const src = join(import.meta.dirname, '../../src');
    // The evaluation harness resolves follow-ups for its baselines too; it is not on a request's path.
    const files = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.startsWith('eval'))
      .map((f) => join(src, f));
    const callers = (name: string) =>
      files.filter((f) => new RegExp(`(?<![.\\w])${name}\\(`, 'u').test(readFileSync(f, 'utf8'))).map((f) => relative(src, f).replace(/\\/gu, '/'));
    expect(callers('classifyQuestion')).toEqual(['retrieval/analyze-question.ts', 'retrieval/question-intent.ts']);
    expect(callers('resolveFollowUp')).toEqual(['retrieval/analyze-question.ts', 'retrieval/resolve-follow-up.ts']);
    expect(callers('queryTerms')).toEqual(['retrieval/analyze-question.ts', 'retrieval/weigh-terms.ts']);
  });
});
