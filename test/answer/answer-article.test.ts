import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import { isValidCitation } from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { splitSentences } from '../../src/corpus/split-sentences.js';
import type { AppServices } from '../../src/server/app-services.js';
import { converse } from '../support/test-chat.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
let article: Article;
beforeAll(async () => {
  services = await loadTestServices();
  article = services.index.article;
});

const ask = async (question: string): Promise<ChatResponse> => {
  const r = await converse(services.answerer, [question]);
  for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  return r;
};
const kindOf = (c: { paragraph: number }) => article.paragraphs[c.paragraph]!.kind;
const sectionOf = (c: { paragraph: number }) => article.paragraphs[c.paragraph]!.sectionNumber;

describe('answers about the article from its structure', () => {
  it('names the experts who speak in a part, each with the opening of their first answer there', async () => {
    const r = await ask('第三部分有哪几位专家发言了？');
    expect(r.kind).toBe('article');
    expect(r.citations.map((c) => c.speaker)).toEqual(['王中毅']);
    const second = await ask('第二部分是哪些嘉宾在回答？');
    expect(second.citations.map((c) => c.speaker)).toEqual(['马冠奎', '任君']);
    for (const c of second.citations) {
      expect(kindOf(c)).toBe('expert-turn');
      expect(sectionOf(c)).toBe(2);
      // The opening of the speaker's first turn: it starts right after the printed label.
      expect(c.start).toBe(article.paragraphs[c.paragraph]!.labelEnd);
    }
  });

  it('reads 最后一部分 as the last part', async () => {
    const r = await ask('最后一部分是谁在发言？');
    expect(r.citations.map((c) => c.speaker)).toEqual(['魏晓强', '刘畅']);
    const heading = await ask('最后一个部分的小标题叫什么？');
    expect(heading.citations).toHaveLength(1);
    expect(heading.citations[0]!.quote).toBe(article.sections.at(-1)!.name);
  });

  it('says who answered each host question of a part', async () => {
    const r = await ask('第一部分的问题都是谁回答的？');
    const questions = article.paragraphs.filter((p) => p.kind === 'host-question' && p.sectionNumber === 1);
    expect(r.citations.filter((c) => kindOf(c) === 'host-question').map((c) => c.paragraph)).toEqual(questions.map((p) => p.id));
    // After each question, the speakers who answer it.
    const speakersAfter = r.citations.map((c) => (kindOf(c) === 'host-question' ? '|' : c.speaker)).join(',');
    expect(speakersAfter).toBe('|,李娜,|,刘畅,李娜,|,李娜');
  });

  it('counts an expert\'s turns and quotes the host questions they answered', async () => {
    const r = await ask('魏晓强一共发言几次？');
    expect(r.answer).toMatch(/发言 1 次，回答了主持人的 1 个问题/u);
    const li = await ask('李娜答过主持人哪些问题？');
    expect(li.answer).toMatch(/发言 3 次，回答了主持人的 3 个问题/u);
    const asked = li.citations.filter((c) => kindOf(c) === 'host-question');
    expect(asked).toHaveLength(3);
    expect(asked.every((c) => sectionOf(c) === 1)).toBe(true);
    expect(li.citations.filter((c) => c.speaker === '李娜')).toHaveLength(3);
  });

  it('counts two turns under one question as two turns but one question', async () => {
    const r = await ask('刘畅回答过哪些问题？');
    expect(r.answer).toMatch(/发言 3 次，回答了主持人的 2 个问题/u);
    expect(r.citations.filter((c) => kindOf(c) === 'host-question').map(sectionOf)).toEqual([1, 4]);
  });

  it('answers what a part is about with its heading and the openings of its answers', async () => {
    const r = await ask('第二部分主要谈了什么？');
    expect(kindOf(r.citations[0]!)).toBe('heading');
    expect(r.citations[0]!.quote).toBe(article.sections[1]!.name);
    expect(r.citations.slice(1).map((c) => c.speaker)).toEqual(['马冠奎', '任君']);
  });

  it('gives a short editor\'s note whole, sentence by sentence', async () => {
    const r = await ask('编者按大意是什么？');
    const note = article.paragraphs[article.editorsNote[0]!]!;
    expect(r.citations).toHaveLength(splitSentences(note.text).length);
    expect(r.citations.map((c) => c.quote).join('')).toBe(note.text);
  });

  it('answers why the paper ran the piece with the note\'s sentence saying what for (以期…)', async () => {
    const r = await ask('报社组织这次讨论,想达到什么效果?');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]!.quote).toContain('以期广大读者深化对青海发展新质生产力的认识');
  });

  it('answers "what is the article about" with its own framing, saying it is not a summary', async () => {
    const r = await ask('帮我概括一下全文');
    expect(r.kind).toBe('article');
    expect(r.answer).toContain('并非本助手写的总结');
    expect(r.citations[0]!.quote).toBe(article.title);
    expect(kindOf(r.citations[1]!)).toBe('editors-note');
    expect(r.citations[1]!.quote).toContain('进行探讨');
    expect(r.citations.slice(2).map((c) => c.quote)).toEqual(article.sections.map((s) => s.name));
  });
});

describe('retrieval of structural questions', () => {
  it('ranks the turns of the part\'s speakers first for who speaks in a part', async () => {
    const { passages } = await services.retriever.retrieve('第四部分有哪些人发言？', { k: 2 });
    expect(passages.map((p) => [p.speaker, p.sectionNumber])).toEqual([
      ['魏晓强', 4],
      ['刘畅', 4],
    ]);
  });

  it('ranks the headline, the note and the headings first for what the article is about', async () => {
    const { passages } = await services.retriever.retrieve('这篇访谈的主旨是什么？', { k: 6 });
    expect(passages.map((p) => article.paragraphs[p.paragraph]!.kind)).toEqual(['headline', 'editors-note', 'heading', 'heading', 'heading', 'heading']);
  });

  it.each(['第二部分是哪些嘉宾在回答？', '第一部分的问题都是谁回答的？', '刘畅回答过哪些问题？', '第二部分主要谈了什么？', '帮我概括一下全文', '最后一部分是谁在发言？'])(
    'puts the paragraphs the answer to %s cites first',
    async (question) => {
      const answer = await ask(question);
      const cited = new Set(answer.citations.map((c) => c.paragraph));
      const { passages } = await services.retriever.retrieve(question, { k: Math.min(cited.size, 5) });
      const top = new Set(passages.map((p) => p.paragraph));
      expect([...top].every((id) => cited.has(id))).toBe(true);
      if (cited.size <= 5) expect(top).toEqual(cited);
    },
  );
});
