import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { yesNoAsked } from '../../src/answer/judge-yes-no.js';
import type { QuestionIntent } from '../../src/retrieval/question-intent.js';
import { extractiveAnswerer } from '../support/test-chat.js';

let answerer: QuestionAnswerer;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
});

const ask = async (question: string) => answerer.answer({ messages: [{ role: 'user', content: question }] });
const topic = { kind: 'topic', enumerates: false } as QuestionIntent;

describe('yesNoAsked: which questions ask whether, and the words their judgement is said with', () => {
  it.each([
    ['王中毅有没有谈到氢能？', '有', '没有'],
    ['青海的三次产业已经全部完成智慧赋能了吗？', '是', '不是'],
    ['马冠奎是不是认为企业是科技创新的主体？', '是', '不是'],
    ['青海是否会放弃传统产业？', '会', '不会'],
    ['氢能产业要不要搞？', '要', '不要'],
    // Asked to be confirmed: a statement with 是, closed by 吧.
    ['青海的优势是清洁能源吧？', '是', '不是'],
    // … or closed by 对吧, answered 对/不对; a view put to the experts, answered with its own verb.
    ['任君认为青海人才已经很充足了，对吧？', '对', '不对'],
    ['有人说青海搞不了新质生产力，嘉宾赞同吗？', '赞同', '不赞同'],
    // 几 after a demonstrative, 啥 in 没啥: nothing asked.
    ['刘畅提到的那几个指标是全国领先吗？', '是', '不是'],
    ['青海跟数字经济没啥关系吗？', '是', '不是'],
    // `……了没有？`: whether it has happened.
    ['新兴产业形成集聚效应了没有？', '有', '没有'],
    // A degree put up to be confirmed without 是 (算/挺/已经…吧).
    ['青海科技对经济增长的贡献在全国算比较高的吧？', '是', '不是'],
    ['新兴产业已经形成集聚效应了吧', '是', '不是'],
  ])('%s → %s / %s', (question, yes, no) => {
    expect(yesNoAsked({ question, intent: topic })).toMatchObject({ yes, no });
  });

  it.each([['有没有啥办法让高校的人去企业帮忙？'], ['你知道青海有哪些优势吗？'], ['青海为什么要发展数字经济？'], ['还有吗？'], ['青海发展新质生产力的优势是什么？'], ['给我讲讲马冠奎的建议吧'], ['说说青海的短板吧'], ['再讲细一点吧']])('%s asks what, not whether', (question) => {
    expect(yesNoAsked({ question, intent: topic })).toBeNull();
  });

  it('leaves a people or list question to its own answer', () => {
    expect(yesNoAsked({ question: '刘畅是研究员吗？', intent: { kind: 'people' } as QuestionIntent })).toBeNull();
    expect(yesNoAsked({ question: '马冠奎是不是提了几点建议？', intent: { kind: 'topic', enumerates: true } as QuestionIntent })).toBeNull();
  });
});

describe('a yes/no answer opens with its judgement, read from the cited sentences', () => {
  it('says 有 when the person asked about says the words, even in a clause that deplores them', async () => {
    const res = await ask('李娜有没有提到科技成果转化？');
    expect(res.answer.startsWith('有。')).toBe(true);
    expect(res.citations[0]!.speaker).toBe('李娜');
  });

  it('says 不是 when the person asked whether they said something said the opposite (不是…放弃)', async () => {
    const res = await ask('李娜是不是说过发展新质生产力要放弃传统产业？');
    expect(res.answer.startsWith('不是。')).toBe(true);
    expect(res.answer).toContain('恰恰相反');
    expect(res.citations[0]!.speaker).toBe('李娜');
    expect(res.citations[0]!.quote).toContain('不是忽视、放弃传统产业');
  });

  it('never says the opposite of words that deny something themselves (不能放弃 against 不是…放弃)', async () => {
    for (const question of ['李娜说过不能放弃传统产业吗？', '李娜说过不能放弃传统产业吧？']) {
      const res = await ask(question);
      expect(res.answer, question).not.toContain('恰恰相反');
      expect(res.answer.startsWith('不是'), question).toBe(false);
      expect(res.citations[0]!.quote).toContain('不是忽视、放弃传统产业');
    }
  });

  it('reads a statement put up to be confirmed (…，有这回事吗？ / …，对吗？) as the question it asks', async () => {
    const said = await ask('王中毅说园区要100%绿色供电,有这回事吗?');
    expect(said.answer.startsWith('是。')).toBe(true);
    expect(said.citations[0]!.speaker).toBe('王中毅');
    expect(said.citations[0]!.quote).toContain('100%绿色供电');
    expect((await ask('李娜说过要放弃传统产业，对吗？')).answer.startsWith('不是。')).toBe(true);
    expect(yesNoAsked({ question: '青海要建零碳产业园，是真的吗？', intent: topic })?.proposition).toBe('青海要建零碳产业园');
  });

  it('answers a title asked to be confirmed (…是教授吧？) with its verdict, and a lesser rank as no', async () => {
    expect((await ask('任君是青海大学的教授吧?')).answer.startsWith('不是。')).toBe(true);
    const lesser = await ask('刘畅在哪个单位工作,是研究员吗?');
    expect(lesser.answer.startsWith('不是研究员，是助理研究员。')).toBe(true);
    expect(lesser.answer).toContain('青海省社会科学院经济研究所');
    expect((await ask('李娜是教授吗？')).answer.startsWith('不是教授，是副教授。')).toBe(true);
    expect((await ask('李娜是副教授吗？')).answer.startsWith('是。')).toBe(true);
  });

  it('says 有 for a topic the article names in other words around it (加快零碳产业园建设 for 建零碳产业园), citing only the sentences that say it', async () => {
    const res = await ask('访谈里有没有提到要建零碳产业园？');
    expect(res.answer.startsWith('有。')).toBe(true);
    expect(res.citations.length).toBeGreaterThan(0);
    for (const c of res.citations) expect(c.quote).toContain('零碳产业园');
  });

  it('says 不是 when the person sets the view out as a misconception (认识误区：…)', async () => {
    const res = await ask('刘畅认为欠发达地区跟新质生产力关系不大吗？');
    expect(res.answer.startsWith('不是。')).toBe(true);
    expect(res.citations[0]!.quote).toContain('认识误区');
  });

  it('says 是 when a cited sentence of the person asked about says the proposition plainly', async () => {
    const res = await ask('刘畅认为青海的绿色能源开发技术达到世界先进水平了吗？');
    expect(res.answer.startsWith('是。')).toBe(true);
    expect(res.citations.some((c) => c.speaker === '刘畅' && c.quote.includes('世界先进水平'))).toBe(true);
  });

  it('says 不是 when the sentence says the opposite degree (较低 for 比较高)', async () => {
    const res = await ask('青海的科技对经济增长的贡献在全国是不是比较高？');
    expect(res.answer.startsWith('不是。')).toBe(true);
    expect(res.citations.some((c) => c.quote.includes('较低'))).toBe(true);
  });

  it('says 不是 when asked whether it is done and the sentence says it is under way', async () => {
    const res = await ask('青海的三次产业已经全部完成智慧赋能了吗？');
    expect(res.answer.startsWith('不是。')).toBe(true);
  });

  it('says the interview does not settle it when no cited sentence says the proposition, and still quotes the nearest', async () => {
    const res = await ask('李娜认为青海有后发优势吗？');
    expect(res.answer.startsWith('访谈没有明确说')).toBe(true);
    expect(res.answer).toContain('相关的说法是：');
    expect(res.answer).not.toMatch(/^(?:是|不是|有|没有)。/u);
    expect(res.citations.length).toBeGreaterThan(0);
    expect(res.coverage).toBe('answered');
  });

  it('adds no judgement to a question that asks what', async () => {
    const res = await ask('青海发展新质生产力有哪些优势？');
    expect(res.answer).not.toMatch(/^(?:是|不是|有|没有)。|没有明确说/u);
  });

  it('keeps the did-X-say answer\'s own 是', async () => {
    const res = await ask('王中毅说过“新质生产力本身就是绿色生产力”吗？');
    expect(res.answer).not.toContain('没有明确说');
  });

  it('says 不是 with the sentence that says the asked phrase turned to its opposite (科技弱省 for 科技强省), and 是 when it is said as asked', async () => {
    const no = await ask('魏晓强是不是说青海是经济大省？');
    expect(no.answer.startsWith('不是。')).toBe(true);
    expect(no.citations[0]!.speaker).toBe('魏晓强');
    expect(no.citations[0]!.quote).toContain('经济小省');
    const yes = await ask('魏晓强是不是说青海是科技弱省？');
    expect(yes.answer.startsWith('是。')).toBe(true);
    // A short word turned (`大省`) is never read into another phrase: no one is asked about 能源小省.
    const other = await ask('青海是能源大省吗？');
    expect(other.answer.startsWith('不是')).toBe(false);
  });

  it('says 不是 to a degree put up to be confirmed (算比较高的吧) when the person says it is low (较低水平)', async () => {
    const res = await ask('青海科技对经济增长的贡献在全国算比较高的吧?');
    expect(res.answer.startsWith('不是。')).toBe(true);
    expect(res.citations[0]!.speaker).toBe('李娜');
    expect(res.citations[0]!.quote).toContain('较低水平');
  });

  it('says 不对 when the sentence negates what a statement closed by 对吧 says (不平衡不充分 for 平衡充分)', async () => {
    const res = await ask('任君觉得青海的教育发展已经很平衡、很充分了，对吧？');
    expect(res.answer.startsWith('不对。')).toBe(true);
    expect(res.citations[0]!.speaker).toBe('任君');
    expect(res.citations[0]!.quote).toContain('不平衡不充分');
  });

  it('answers a view put to the experts that one of them calls a misconception with 不同意 (a word that only describes is not asked)', async () => {
    const res = await ask('有种观点认为欠发达地区跟这种时髦的新质生产力关系不大，嘉宾同意吗？');
    expect(res.answer).toMatch(/^(?:（[^）]*）\n)?不同意。/u);
    expect(res.citations[0]!.speaker).toBe('刘畅');
  });

  it('says 不是 when the person asked whether they said words the article lacks said the opposite in their nearest sentence', async () => {
    const res = await ask('李娜是不是说搞新质生产力就要把传统产业扔一边？');
    expect(res.answer).toContain('不是。');
    expect(res.answer).toContain('恰恰相反');
    expect(res.citations).toHaveLength(1);
    expect(res.citations[0]!.quote).toContain('不是忽视、放弃传统产业');
  });

  it('says 有 when someone says it, whoever the question asks among (有没有专家/嘉宾提到…) and with a modal glued to its verb (要设)', async () => {
    for (const question of ['有没有专家提到要设高原科学问题基础研究工程？', '有没有嘉宾提到要搞企业科技专员行动？']) {
      const res = await ask(question);
      expect(res.answer.startsWith('有。'), question).toBe(true);
      expect(res.citations[0]!.speaker, question).toBe('马冠奎');
    }
  });

  it('says 没有 when the sentence says it has not happened yet (尚未形成), read in the clause of the whole term, not of its part (产业链条有待延伸)', async () => {
    const res = await ask('新兴产业在青海形成集聚效应了没有？');
    expect(res.answer.startsWith('没有。')).toBe(true);
    expect(res.citations[0]!.quote).toContain('尚未形成良好的集聚效应');
  });
});

