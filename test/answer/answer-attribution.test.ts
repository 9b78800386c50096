import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { quotedForAttribution, wordsForAttribution } from '../../src/answer/answer-attribution.js';
import { isValidCitation } from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { converse, extractiveAnswerer } from '../support/test-chat.js';
import { loadTestIndex } from '../support/test-index.js';

let answerer: QuestionAnswerer;
let article: Article;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
  article = (await loadTestIndex()).article;
});

const ask = (question: string) => converse(answerer, [question]);

describe('quotedForAttribution', () => {
  it('takes a quoted sentence the question asks the source of, not a quoted term or a topic question', () => {
    expect(quotedForAttribution('“越是欠发达，越要深刻领会高质量发展的内涵”是谁说的？')).toBe('越是欠发达，越要深刻领会高质量发展的内涵');
    expect(quotedForAttribution('刘畅讲过「绿色低碳是青海能源转型发展的主旋律」吗？')).toBe('绿色低碳是青海能源转型发展的主旋律');
    expect(quotedForAttribution('“四地”是谁提出的？')).toBeNull();
    expect(quotedForAttribution('怎样理解“绿色低碳是能源转型的主旋律”？')).toBeNull();
    expect(quotedForAttribution('“绿色是青海的底色”这句话怎么理解？')).toBeNull();
  });
});

describe('wordsForAttribution', () => {
  it('reads who-said and did-X-say frames without quotation marks', () => {
    expect(wordsForAttribution('越是欠发达，越要深刻领会高质量发展的内涵，这句话是谁说的？')).toMatchObject({ words: '越是欠发达,越要深刻领会高质量发展的内涵', asked: [], marked: false });
    expect(wordsForAttribution('刘畅是不是说过绿色低碳是青海能源转型发展的主旋律？', ['刘畅'])).toMatchObject({ words: '绿色低碳是青海能源转型发展的主旋律', asked: ['刘畅'] });
    expect(wordsForAttribution('任君说过教育孕育未来科技彰显实力吗？', ['任君'])).toMatchObject({ asked: ['任君'] });
    expect(wordsForAttribution('绿色低碳是青海能源转型发展的主旋律这话是主持人说的吗？', ['主持人'])).toMatchObject({ asked: ['主持人'] });
  });

  it('leaves topic questions that merely say 说, questions of their own, terms and ideas put in other words', () => {
    expect(wordsForAttribution('为什么说绿色是青海的底色？')).toBeNull();
    expect(wordsForAttribution('刘畅说过青海有哪些短板吗？', ['刘畅'])).toBeNull();
    expect(wordsForAttribution('李娜说过数字经济吗？', ['李娜'])).toBeNull();
    expect(wordsForAttribution('王中毅说要鼓励建设什么类型的互联网平台？', ['王中毅'])).toBeNull();
    expect(wordsForAttribution('让企业出题、高校答题，这个办法是谁提出的？')).toBeNull();
  });
});

describe('who said words asked without quotation marks', () => {
  it('locates a sentence of the host\'s, its quotation marks aside, and names the host alone', async () => {
    const r = await ask('仿佛距离新质生产力有些遥远，这句话是谁说的？');
    expect(r.answer.split('\n')[0]).toBe('“仿佛距离新质生产力有些遥远”是秦睿说的：');
    expect(r.citations.map((c) => c.speaker)).toEqual(['秦睿']);
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });

  it('opens with 是 or 不是 for a did-X-say question, then who did say it', async () => {
    const yes = await ask('刘畅是不是说过生态是青海高质量发展的重要依托？');
    expect(yes.answer).toMatch(/^是。/u);
    expect(yes.citations.map((c) => c.speaker)).toEqual(['刘畅']);
    const no = await ask('生态是青海高质量发展的重要依托，这话是李娜说的吗？');
    expect(no.answer).toMatch(/^不是李娜。/u);
    expect(no.citations.map((c) => c.speaker)).toEqual(['刘畅']);
  });

  it('answers 是 of a near sentence when the person asked about says it nearly as the nearest one does', async () => {
    const r = await ask('李娜说过新质生产力本身是绿色的生产力吗？');
    expect(r.answer).toMatch(/^是。/u);
    expect(r.citations[0]!.speaker).toBe('李娜');
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });

  it('answers 是 when the person asked about says nearly the words someone else says verbatim (本身是 for 本身就是), with both sentences', async () => {
    for (const question of ['魏晓强是不是也说新质生产力本身就是绿色生产力？', '魏晓强是不是说新质生产力本身就是绿色生产力？']) {
      const r = await ask(question);
      expect(r.answer, question).toMatch(/^是。魏晓强也说过几乎相同的话/u);
      expect(r.citations.map((c) => c.speaker), question).toEqual(['李娜', '魏晓强']);
      expect(r.citations[1]!.quote).toContain('新质生产力本身是绿色生产力');
      for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
    }
    // Someone whose sentences say less of it did not say it.
    expect((await ask('王中毅也说过新质生产力本身就是绿色生产力吗')).answer).toMatch(/^不是王中毅。/u);
  });

  it('answers who answered, not who said the words, when the quoted words are a question of the host\'s (这个问题是哪位嘉宾回答的)', async () => {
    const r = await ask('“青海怎么畅通教育科技人才良性循环”这个问题是哪位嘉宾回答的');
    expect(r.answer).toMatch(/由任君回答/u);
    expect(r.citations.map((c) => c.speaker)).toContain('任君');
    // Who said them is still who said them.
    expect((await ask('“人才是创新的根基”这句话是谁说的')).answer).toMatch(/是秦睿说的/u);
  });

  it('names who said words quoted loosely, with words left out between them, and gives the sentence', async () => {
    const who = await ask('越是欠发达越要拥抱新质生产力，这句话是谁说的？');
    expect(who.answer.split('\n')[0]).toMatch(/^这话是刘畅说的，原文不是一字不差的/u);
    expect(who.citations).toHaveLength(1);
    expect(who.citations[0]!.speaker).toBe('刘畅');
    expect(who.citations[0]!.quote).toContain('越是欠发达');
    expect(isValidCitation(article, who.citations[0]!)).toBe(true);
    const notHim = await ask('王中毅是不是说过越是欠发达越要拥抱新质生产力？');
    expect(notHim.answer.startsWith('不是王中毅。这话是刘畅说的')).toBe(true);
    const her = await ask('刘畅有没有说过越是欠发达越要拥抱新质生产力？');
    expect(her.answer.startsWith('是。')).toBe(true);
  });

  it('reads a did-X-say frame whose words hold a Latin word (RCEP), and shows them as written', async () => {
    const r = await ask('魏晓强是不是说过青海要全面对接RCEP？');
    expect(r.answer.startsWith('不是魏晓强。')).toBe(true);
    expect(r.answer).toContain('RCEP');
    expect(r.answer).not.toContain('rcep');
    expect(r.citations[0]!.speaker).toBe('刘畅');
  });

  it('says plainly when the words are not in the article, above the nearest passages', async () => {
    const r = await ask('刘畅说过青海的冬天特别漫长而且寒冷吗？');
    expect(r.answer.split('\n')[0]).toContain('访谈中没有“青海的冬天特别漫长而且寒冷”这句原话');
    expect(r.coverage).not.toBe('answered');
  });
});

describe('who said a quoted sentence', () => {
  it('names who said it, found as a quote check finds it, and says when the named expert is not the one', async () => {
    const r = await ask('王中毅说过“新质生产力本身就是绿色生产力”吗？');
    expect(r.answer.split('\n')[0]).toBe('不是王中毅。“新质生产力本身就是绿色生产力”是李娜说的：');
    expect(r.citations.map((c) => c.speaker)).toEqual(['李娜']);
    expect(r.citations[0]!.quote).toContain('新质生产力本身就是绿色生产力');
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });

  it('names the person an expert reports, and every place the words are said', async () => {
    const r = await ask('“要防止一哄而上、泡沫化”这话出自谁？');
    expect(r.answer).toMatch(/^“要防止一哄而上、泡沫化”是习近平总书记的话，由李娜在访谈中转述：/u);
    expect(r.citations[0]!.quoting).toBe('习近平');
    const twice = await ask('“要因地制宜发展新质生产力”是谁说的？');
    expect(new Set(twice.citations.map((c) => c.speaker))).toEqual(new Set(['秦睿', '李娜']));
  });

  it('leaves a loose quote from memory to the usual search', async () => {
    const r = await ask('谁说过“青海的冬天很冷很冷很冷”？');
    expect(r.answer).not.toContain('访谈中没有一字不差');
  });
});

describe('whether someone used a word', () => {
  it('says no, of the word, when the named expert never uses it, and quotes those who do', async () => {
    const r = await ask('任君有没有提到光伏？');
    expect(r.answer.split('\n')[0]).toBe('没有。访谈中任君没有提到“光伏”这个说法；提到它的是：');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) {
      expect(c.speaker).not.toBe('任君');
      expect(c.quote).toContain('光伏');
      expect(isValidCitation(article, c)).toBe(true);
    }
  });

  it('does not take a question about how or what for a question about a word', async () => {
    for (const q of ['马冠奎有没有谈到怎么培养人才？', '魏晓强有没有提到改革的方向？', '刘畅说过青海有哪些短板吗？']) {
      expect((await ask(q)).answer, q).not.toMatch(/^没有/u);
    }
    // Quotation marks inside the article's words do not hide them: 东数“西算”.
    expect((await ask('魏晓强提到东数西算了吗？')).answer).not.toMatch(/^没有/u);
  });

  it('answers as usual when the named expert does use the word, and looks for the whole phrase asked', async () => {
    expect((await ask('任君提到揭榜挂帅了吗？')).answer).not.toMatch(/^没有/u);
    expect((await ask('马冠奎提到揭榜挂帅了吗？')).answer.split('\n')[0]).toContain('“揭榜挂帅”');
  });
});

describe('a question asking what someone said, closed by the 么 of 什么', () => {
  it('is a content question, never a did-X-say question about the words before 么 (李娜说青海最大的短板是什么？)', async () => {
    for (const question of ['李娜说青海最大的短板是什么？', '刘畅说青海的优势是什么么']) {
      const res = await ask(question);
      expect(res.answer, question).not.toContain('恰恰相反');
      expect(res.answer, question).not.toMatch(/^不是/u);
    }
    expect((await ask('李娜说青海最大的短板是什么？')).citations[0]!.quote).toContain('最大的短板');
  });
});

describe('who asked and who answered a question put in words of the reader’s own', () => {
  it('names the host’s nearest question and who answered it, saying the words are not verbatim', async () => {
    const r = await ask('“青海这么欠发达，离新质生产力是不是太远了”这个问题是谁提的，谁接的话?');
    expect(r.answer.split('\n')[0]).toContain('没有“青海这么欠发达，离新质生产力是不是太远了”这句原话');
    expect(r.citations[0]!.role).toBe('host');
    expect(r.citations[0]!.quote).toContain('仿佛距离');
    expect(r.citations[1]!.speaker).toBe('刘畅');
    // Traditional characters too: 誰說.
    expect(quotedForAttribution('誰說「青海最大的短板就是科技創新能力不足」？')).toBe('青海最大的短板就是科技創新能力不足');
  });
});

describe('did someone say words they set out as a misconception', () => {
  it('answers 不是 and says they name the view to refute it, quoted verbatim or not', async () => {
    for (const q of ['刘畅是不是说过,发展新质生产力主要是发达地区的事,跟欠发达地区关系不大?', '刘畅是不是说过“‘发展新质生产力’是经济发达地区的事情”?']) {
      const r = await ask(q);
      expect(r.answer.startsWith('不是。刘畅提到过'), q).toBe(true);
      expect(r.citations[0]!.speaker).toBe('刘畅');
    }
    expect((await ask('刘畅是不是说过“越是欠发达,越要深刻领会高质量发展的内涵”?')).answer.startsWith('是。')).toBe(true);
  });
});

describe('X，是NAME提出来的吗？', () => {
  it('answers 不是NAME and names who did', async () => {
    const r = await ask('建设青藏高原数字产业集聚区，是魏晓强提出来的吗？');
    expect(r.answer.startsWith('不是魏晓强。')).toBe(true);
    expect(r.citations[0]!.speaker).toBe('刘畅');
  });
});

