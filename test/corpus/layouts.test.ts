import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { CorpusError, parseArticle, type Article } from '../../src/corpus/parse-article.js';

const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts', `${name}.txt`), 'utf8');

/** Who speaks each turn paragraph (labelled, continued, narrated), in order. */
const turnSpeakers = (article: Article) =>
  article.paragraphs.filter((p) => p.kind === 'host-question' || p.kind === 'expert-turn' || p.kind === 'narration').map((p) => p.speaker);

/** One line a paragraph: id, kind, speaker/role, method, confidence, label, the opening words. */
const attributionListing = (article: Article) =>
  [
    `layout ${article.layout.name} (${article.genre}) score ${article.layout.score}`,
    ...article.paragraphs.map((p) => `${p.id} ${p.kind} ${p.speaker}/${p.role} ${p.attribution.method} ${p.attribution.confidence}${p.attribution.label ? ` [${p.attribution.label}]` : ''} | ${p.text.slice(0, 20)}`),
    ...article.doubts.map((d) => `doubt ${d.reason} ${d.paragraph ?? '-'}: ${d.message}`),
  ].join('\n') + '\n';

/**
 * One fixture of our own per habit, each read by hand: the layout it is, and who speaks each turn.
 */
const HABITS: Array<{ name: string; layout: string; genre: Article['genre']; speakers: string }> = [
  { name: 'web-transcript', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 周文涛 韩晓梅 主持人 周文涛 周文涛 主持人 韩晓梅 韩晓梅 主持人 周文涛 主持人' },
  { name: 'bracket-transcript', layout: 'bracket-transcript', genre: 'transcript', speakers: '主持人 林秀芬 邓志刚 主持人 林秀芬 林秀芬 主持人 邓志刚 林秀芬 主持人' },
  { name: 'broadcast-transcript', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蘇曉雯 编者 陳浩 编者 省教育廳廳長 蘇曉雯 何建明 陳浩 蘇曉雯' },
  { name: 'hard-wrapped', layout: 'plain-record', genre: 'interview', speakers: '宋雨 郑国华 郑国华 宋雨 郑国华 宋雨 郑国华' },
  { name: 'qa-one', layout: 'qa', genre: 'qa', speakers: '贾明 冯玉兰 贾明 冯玉兰 贾明 冯玉兰 贾明 冯玉兰' },
  { name: 'qa-several', layout: 'qa', genre: 'qa', speakers: '邱立 潘永年 樊丽娟 邱立 樊丽娟 潘永年 邱立 潘永年' },
  { name: 'reporter-interview', layout: 'reporter-interview', genre: 'interview', speakers: '龚晨 谭静 谭静 龚晨 谭静 龚晨 谭静' },
  { name: 'parts-interview', layout: 'reporter-interview', genre: 'interview', speakers: '蒋涛 孔令仪 戴明轩 蒋涛 戴明轩 戴明轩 孔令仪 蒋涛' },
  { name: 'roundtable-titled', layout: 'roundtable', genre: 'roundtable', speakers: '蔡宁 石慧敏 汪德胜 蔡宁 姜海波 石慧敏' },
  { name: 'topic-lines', layout: 'web-transcript', genre: 'transcript', speakers: '苗青 韦建国 骆小雨 苗青 韦建国 骆小雨 苗青' },
];

describe('parseArticle on each interview habit', () => {
  for (const habit of HABITS) {
    it(`reads ${habit.name} as ${habit.layout}, every turn to its speaker, with no doubt`, async () => {
      const article = parseArticle(fixture(habit.name));
      expect(article.layout.name).toBe(habit.layout);
      expect(article.genre).toBe(habit.genre);
      expect(turnSpeakers(article).join(' ')).toBe(habit.speakers);
      expect(article.doubts).toEqual([]);
      expect(article.paragraphs.filter((p) => p.role === 'unattributed')).toEqual([]);
      await expect(attributionListing(article)).toMatchFileSnapshot(`./snapshots/layouts/${habit.name}.txt`);
    });
  }

  it('starts a guest’s turn at a label with a bracketed title, never continuing the host', () => {
    const article = parseArticle(fixture('roundtable-titled'));
    const first = article.paragraphs.find((p) => p.text.startsWith('石慧敏（'))!;
    expect([first.speaker, first.role, first.attribution.method]).toEqual(['石慧敏', 'expert', 'label']);
    expect(first.text.slice(0, first.labelEnd)).toBe('石慧敏（虚构理工大学管理学院教授）:');
  });

  it('rejoins hard-wrapped lines inside a paragraph and never joins two paragraphs', () => {
    const article = parseArticle(fixture('hard-wrapped'));
    const first = article.paragraphs.find((p) => p.text.startsWith('郑国华：我是农民'))!;
    expect(first.text).toContain('吃不饱饭是常事');
    expect(first.text.endsWith('手指都是肿的。')).toBe(true);
    expect(article.paragraphs.find((p) => p.text.startsWith('现在条件好多了'))!.text).toContain('现在六七年就可以');
    expect(article.interviewers).toEqual(['宋雨']);
    expect(article.interviewees).toEqual(['郑国华']);
  });

  it('takes the words after a label alone on its line as that label’s, in Traditional characters', () => {
    const article = parseArticle(fixture('broadcast-transcript'));
    const chen = article.paragraphs.find((p) => p.speaker === '陳浩')!;
    expect(chen.text.slice(0, chen.labelEnd)).toBe('陳浩：');
    expect(chen.sourceLines).toHaveLength(2);
    expect(article.paragraphs.filter((p) => p.kind === 'narration').every((p) => p.role === 'editor' && p.attribution.label === '解說')).toBe(true);
  });

  it('gives 答 to the one interviewee the lead names', () => {
    const article = parseArticle(fixture('qa-one'));
    expect(article.interviewees).toEqual(['冯玉兰']);
    expect(article.paragraphs.filter((p) => p.attribution.label === '答').every((p) => p.speaker === '冯玉兰')).toBe(true);
  });
});

describe('parseArticle when it cannot be sure', () => {
  const host = '主持人：各位好，今天请到了虚构大学教授王一鸣，谈谈城市绿地。';
  const wang = '王一鸣：城市绿地不只是好看，它能降温、蓄水，还能给居民一个走动的地方。';

  it('never lets an unknown label continue the speaker before it: the paragraph is unattributed and doubted', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '主持人：绿地怎样养护？', wang, '主持人：居民能做什么？', wang];
    const article = parseArticle(['城市绿地访谈', ...turns, '赵某某：我插一句，这个问题还要看预算。', '预算的事以后再说。', ...turns.slice(2)].join('\n\n'));
    const unknown = article.paragraphs.find((p) => p.text.startsWith('赵某某'))!;
    expect([unknown.speaker, unknown.role, unknown.kind, unknown.attribution.method]).toEqual(['未判定', 'unattributed', 'unattributed', 'unattributed']);
    expect(article.paragraphs[unknown.id + 1]!.role).toBe('unattributed');
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([
      ['unknown-label', unknown.id],
      ['no-speaker', unknown.id + 1],
    ]);
    expect(article.speakers.map((s) => s.name)).not.toContain('未判定');
  });

  it('takes no common word before a colon for a person, even when it recurs (`比如：`)', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '比如：五分钟能走到一块绿地，是比较理想的目标。', '主持人：绿地怎样养护？', wang, '比如：少用需要大量浇水的草坪。', '主持人：居民能做什么？', wang, '主持人：谢谢。', wang];
    const article = parseArticle(['城市绿地访谈', ...turns].join('\n\n'));
    expect(article.speakers.map((s) => s.name)).not.toContain('比如');
    const examples = article.paragraphs.filter((p) => p.text.startsWith('比如'));
    expect(examples.map((p) => [p.role, p.attribution.method])).toEqual([
      ['unattributed', 'unattributed'],
      ['unattributed', 'unattributed'],
    ]);
    expect(article.doubts.filter((d) => d.reason === 'unknown-label').map((d) => d.paragraph)).toEqual(examples.map((p) => p.id));
  });

  it('reads no role word the layout does not know as the turn before it', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '主持人：绿地怎样养护？', wang, '主持人：居民能做什么？', wang, '主持人：还有呢？', wang];
    const article = parseArticle(['城市绿地访谈', ...turns, '同期声：这里原来是一片荒地。', '主持人：谢谢。'].join('\n\n'));
    const sound = article.paragraphs.find((p) => p.text.startsWith('同期声'))!;
    expect([sound.role, sound.attribution.method]).toEqual(['unattributed', 'unattributed']);
    expect(article.doubts.map((d) => d.paragraph)).toEqual([sound.id]);
  });

  it('gives a report’s paragraph that opens with someone’s label to no one, not to the byline, and says so', () => {
    const report = ['口袋公园开放', '本报记者 韩梅', '本报讯 近日，虚构市新建的三座口袋公园向市民开放，每座面积不到两千平方米。', '周边居民纷纷前来游玩，不少老人在园中下棋、散步，孩子们在沙坑里玩耍。', '不少市民表示，这样的小公园离家近，随时可以来坐坐，比大公园方便得多。', '陈阿姨：以前这里是块空地，现在变成了公园，我每天都来走走。', '据介绍，明年虚构市还将新建十座口袋公园，让市民出门五分钟就能见到绿地。'];
    const article = parseArticle(report.join('\n\n'));
    const quoted = article.paragraphs.find((p) => p.text.startsWith('陈阿姨'))!;
    expect([quoted.speaker, quoted.role]).toEqual(['未判定', 'unattributed']);
    expect(article.doubts).toEqual([{ reason: 'no-speaker', paragraph: quoted.id, message: 'no speaker could be decided for this paragraph of the report (it opens with "陈阿姨")' }]);
  });

  it('marks a listed guest who never speaks', () => {
    const article = parseArticle(['城市绿地访谈', '本期嘉宾', '王一鸣 虚构大学教授', '李二丫 虚构园林局副局长', host, wang, '主持人：绿地怎样规划？', wang].join('\n\n'));
    expect(article.doubts).toEqual([{ reason: 'silent-guest', paragraph: null, message: 'guest "李二丫" is listed and never speaks' }]);
  });

  it('refuses a text whose labels no layout explains, and says why', () => {
    const chat = ['聊天记录', '甲乙丙：你好。', '丁戊己：今天天气不错。', '庚辛壬：是的。', '癸子丑：我们走吧。', '寅卯辰：好的。'].join('\n\n');
    expect(() => parseArticle(chat)).toThrow(CorpusError);
    expect(() => parseArticle(chat)).toThrow(/refused: the best layout \(\S+\) reads only 0% of the 5 paragraphs that open with a label/);
  });
});
