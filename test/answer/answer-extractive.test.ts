import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { isValidCitation, citationMarkers } from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { converse, extractiveAnswerer } from '../support/test-chat.js';
import { loadTestIndex } from '../support/test-index.js';

let answerer: QuestionAnswerer;
let article: Article;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
  article = (await loadTestIndex()).article;
});

const ask = (...turns: string[]) => converse(answerer, turns);

describe('the extractive answerer', () => {
  it('names the expert and quotes them verbatim, with a citation for every marker', async () => {
    const r = await ask('青海发展新质生产力有哪些优势？');
    expect(r.mode).toBe('extractive');
    expect(r.answer).toMatch(/^(- )?刘畅（青海省社会科学院经济研究所助理研究员）认为：“/mu);
    expect(r.citations[0]).toMatchObject({ n: 1, speaker: '刘畅', quote: '青海发展新质生产力的优势主要在生态优势、产业基础和能源优势三个方面。' });
    for (const c of r.citations) {
      expect(isValidCitation(article, c)).toBe(true);
      expect(r.answer).toMatch(new RegExp(`“${c.displayQuote.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}”(……)?\\[${c.n}\\]`, 'u'));
    }
    expect(citationMarkers(r.answer).sort()).toEqual(r.citations.map((c) => c.n).sort());
  });

  it('answers the Nth point of an expert\'s list with the sentence that makes it, and stays on it in a follow-up', async () => {
    const second = await ask('马冠奎讲提升自主创新能力时，第四要做的是什么？');
    expect(second.citations.map((c) => c.quote)).toContainEqual(expect.stringMatching(/^四要强化企业科技创新主体培育/u));
    const next = await ask('马冠奎讲提升自主创新能力时，第四要做的是什么？', '那第五呢？');
    expect(next.citations.map((c) => c.quote)).toContainEqual(expect.stringMatching(/^五要加强科技人才队伍建设/u));
  });

  it('answers "which guests mentioned X" with every guest whose words hold X', async () => {
    const r = await ask('有哪些嘉宾提到了清洁能源？');
    const sayers = new Set(article.paragraphs.filter((p) => p.kind === 'expert-turn' && p.text.includes('清洁能源')).map((p) => p.speaker));
    expect(sayers.size).toBeGreaterThan(4);
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(sayers);
  });

  it('gives several experts one line each', async () => {
    const r = await ask('青海发展新质生产力有什么条件和基础？');
    const speakers = new Set(r.citations.map((c) => c.speaker));
    expect(speakers.size).toBeGreaterThanOrEqual(2);
    expect(r.answer.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(speakers.size);
  });

  it('says whom an expert quotes', async () => {
    const r = await ask('什么是新质生产力？');
    expect(r.citations[0]).toMatchObject({ speaker: '李娜', quoting: '习近平' });
    expect(r.answer).toContain('李娜（青海省委党校经济教研部副教授）转述习近平总书记的话：“新质生产力是');
  });

  it('answers a question for points point by point', async () => {
    const r = await ask('马冠奎认为应该从哪几个方面提升青海的自主创新能力？');
    expect(r.citations.map((c) => c.quote.slice(0, 2))).toEqual(['为发', '一要', '二要', '三要', '四要', '五要']);
  });

  it('resolves a pronoun from the question before', async () => {
    const r = await ask('马冠奎是做什么工作的？', '他提出了哪几点建议？');
    expect(r.query).toBe('马冠奎提出了哪几点建议？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['马冠奎']));
  });

  it('resolves an elliptical follow-up against the question before', async () => {
    const r = await ask('青海发展新质生产力有哪些优势？', '那短板呢？');
    expect(r.query).toContain('短板');
    expect(r.citations.some((c) => c.quote.includes('青海最大的短板就是科技创新能力不足'))).toBe(true);
  });

  it('answers follow-ups with no topic of their own from the conversation, naming who said it', async () => {
    const who = await ask('青海发展新质生产力有什么优势？', '那短板呢？', '是谁说的？');
    expect(who.kind).toBe('topic');
    expect(who.query).toContain('短板');
    expect(who.citations.find((c) => c.quote.includes('最大的短板'))?.speaker).toBe('李娜');
    expect(who.answer).toMatch(/^- 李娜（/mu);
    const why = await ask('李娜说青海最大的短板在哪？', '为什么？');
    expect(why.kind).toBe('topic');
    expect(new Set(why.citations.map((c) => c.speaker))).toEqual(new Set(['李娜']));
  });

  it('answers who answered the host question asked about before, and reads 她 as that expert', async () => {
    const answered = await ask('主持人问的第一个问题是什么？', '是谁回答的？');
    expect(answered.kind).toBe('article');
    const experts = [...new Set(answered.citations.map((c) => c.speaker))].filter((s) => s !== '秦睿');
    expect(experts.length).toBeGreaterThan(0);
    expect(answered.answer).toContain(`由${experts.join('、')}回答`);
    const said = await ask('主持人问的第一个问题是什么？', '是谁回答的？', experts.length > 1 ? '他们是怎么说的？' : '她是怎么说的？');
    expect(new Set(said.citations.map((c) => c.speaker))).toEqual(new Set(experts));
  });

  it('keeps both people when a pronoun meets a named expert', async () => {
    const r = await ask('任君怎么看人才？', '她的看法和马冠奎有什么不同？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['任君', '马冠奎']));
  });

  it('does not repeat quotes when asked what else someone said', async () => {
    const first = await ask('谁提到了“揭榜挂帅”制度？');
    const more = await ask('谁提到了“揭榜挂帅”制度？', '他还说了什么？');
    expect(more.citations.length).toBeGreaterThan(0);
    for (const c of more.citations) expect(first.citations.map((x) => x.quote)).not.toContain(c.quote);
    expect(new Set(more.citations.map((c) => c.speaker))).toEqual(new Set(['任君']));
  });

  it('knows an expert named in Traditional characters', async () => {
    const r = await ask('劉暢認為青海有哪些優勢？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['刘畅']));
    expect((await ask('劉暢是誰？')).citations[0]!.speaker).toBe('刘畅');
  });

  it('answers questions about the people from the guest list', async () => {
    const who = await ask('李娜是谁？');
    expect(who.kind).toBe('people');
    expect(who.answer).toContain('青海省委党校经济教研部副教授');
    expect(who.citations[0]).toMatchObject({ speaker: '李娜', quote: '青海省委党校经济教研部副教授' });
    const host = await ask('主持人是谁？');
    expect(host.answer).toContain('本报记者秦睿');
    expect(host.citations[0]!.speaker).toBe('秦睿');
    const guests = await ask('有哪些嘉宾？');
    expect(guests.citations.map((c) => c.speaker)).toEqual(['王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君', '秦睿']);
  });

  it('says when the article does not cover a question, with no citation', async () => {
    for (const q of ['今天天气怎么样？', '如何做红烧肉？', '美国总统是谁？', '上海的经济发展怎么样？']) {
      const r = await ask(q);
      expect(r.kind, q).toBe('not_covered');
      expect(r.citations).toEqual([]);
      expect(r.answer).toContain('没有谈到');
    }
  });

  it('answers a question in other words than the article\'s, naming none of its terms exactly', async () => {
    for (const q of ['人才短缺怎么办？', '如何解决人才问题？']) {
      const r = await ask(q);
      expect(r.kind, q).toBe('topic');
      expect(r.citations.some((c) => c.quote.includes('人才')), q).toBe(true);
    }
  });

  it('never quotes a heading as what someone said (`编者按写道：“编者按”`)', async () => {
    const r = await ask('编者按提到了哪些目的？');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(article.paragraphs[c.paragraph]!.kind).not.toBe('heading');
    expect(r.citations[0]!.quote).toContain('以期广大读者');
  });

  it('reads an everyday definition question (啥是X) as one, and answers with the sentence that defines X', async () => {
    const r = await ask('啥叫新质生产力？');
    expect(r.kind).toBe('definition');
    expect(r.citations.some((c) => /新质生产力是/u.test(c.quote))).toBe(true);
  });

  it('reads a typing slip as the article word it sounds like, and says so first', async () => {
    const r = await ask('全要素生产律为什么重要？');
    expect(r.corrections).toEqual([{ from: '生产律', to: '生产率' }]);
    expect(r.query).toBe('全要素生产率为什么重要？');
    expect(r.answer.split('\n')[0]).toBe('（按“生产率”理解“生产律”。）');
    expect(r.citations.some((c) => c.quote.includes('全要素生产率'))).toBe(true);
    expect((await ask('全要素生产率为什么重要？')).corrections).toBeUndefined();
  });

  it('reads an everyday word the article never uses as its written word for it, and says so first', async () => {
    const r = await ask('青海的弱项是什么？');
    expect(r.corrections).toEqual([{ from: '弱项', to: '短板' }]);
    expect(r.answer.split('\n')[0]).toBe('（按“短板”理解“弱项”。）');
    expect(r.citations[0]!.speaker).toBe('李娜');
    expect(r.citations[0]!.quote).toContain('最大的短板');
  });

  it('answers a fact asked in words of its own with the clause giving it (多少吨 → 引进落地了2000吨…项目)', async () => {
    for (const [question, clause] of [
      ['西宁经开区引进的电子级多晶硅项目是多少吨的', '引进落地了2000吨电子级多晶硅项目'],
      ['零碳产业园和绿电园区要实现多大比例的绿色供电？', '实现园区100%绿色供电'],
      // Two facts asked together, given in two clauses side by side: both, and nothing beyond them.
      ['那个电子级多晶硅项目，引进和签约的分别多少吨？', '引进落地了2000吨电子级多晶硅项目,签约1万吨电子级多晶硅项目'],
    ] as const) {
      const r = await ask(question);
      expect(r.citations.map((c) => c.quote), question).toEqual([clause]);
    }
  });

  it('leaves out a guest who shares only part of a phrase the question writes whole, even with 的 between (最大短板 / 最大的短板)', async () => {
    for (const question of ['最大短板?', '青海最大的短板是什么']) {
      const r = await ask(question);
      expect(r.citations.map((c) => c.speaker), question).toEqual(['李娜']);
      expect(r.citations[0]!.quote, question).toContain('最大的短板');
    }
  });

  it('says a name asked for is not given when the firms a sentence names are in another clause than the thing asked about', async () => {
    const r = await ask('钙钛矿电池中试线是哪家公司在做？');
    expect(r.coverage).toBe('related');
    expect(r.answer.startsWith('访谈没有直接回答这个问题')).toBe(true);
    // A firm named in the clause of what is asked is an answer.
    expect((await ask('哪家企业要达产稳产？')).coverage).toBe('answered');
  });

  it('answers 第三点展开说说 with the whole point, and 第四点呢 after it still counts in the first list (text only)', async () => {
    const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    const say = async (content: string) => {
      messages.push({ role: 'user', content });
      const r = await answerer.answer({ messages });
      messages.push({ role: 'assistant', content: r.answer });
      return r;
    };
    await say('马冠奎提出了哪几点建议？');
    const third = await say('第三点展开说说');
    expect(third.citations[0]!.quote).toBe('三要持续推进科技创新平台建设。');
    expect(third.citations.at(-1)!.quote).toContain('引导科技创新资源向青海集聚');
    expect(third.citations.every((c) => c.speaker === '马冠奎')).toBe(true);
    const fourth = await say('第四点呢？');
    expect(fourth.citations[0]!.quote.startsWith('四要强化企业科技创新主体培育')).toBe(true);
  });

  it('reads a time word as the article writes it (现在 → 目前) without announcing it', async () => {
    const r = await ask('现在正在建的有哪些项目');
    expect(r.corrections).toEqual([{ from: '现在', to: '目前' }]);
    expect(r.answer.startsWith('（按')).toBe(false);
    expect(r.citations.some((c) => c.speaker === '王中毅' && c.quote.includes('目前正在加快推进'))).toBe(true);
  });

  it('never answers with a clause that only names the topic (未来产业前瞻布局方面)', async () => {
    const r = await ask('未来产业咋布局');
    expect(r.citations[0]!.quote).not.toBe('未来产业前瞻布局方面');
    expect(r.citations[0]!.quote).toContain('前瞻布局电子级多晶硅');
  });

  it('answers thanks, goodbyes and a bare 嗯 as such, not with a greeting', async () => {
    expect((await ask('谢谢！')).answer).toMatch(/^不客气/u);
    expect((await ask('再见')).answer).toMatch(/^再见/u);
    expect((await ask('嗯嗯')).answer).toMatch(/^好的/u);
    expect((await ask('嗯，明白了')).answer).toMatch(/^好的/u);
    expect((await ask('thanks!')).answer).toMatch(/^不客气/u);
  });

  it('asks for Chinese when the question is in another language, and declines it', async () => {
    const r = await ask('What does Liu Chang say about green computing?');
    expect(r.answer).toMatch(/^这篇访谈是中文的，请用中文提问/u);
    expect(r).toMatchObject({ coverage: 'none', kind: 'not_covered', citations: [] });
    // Latin words inside a Chinese question, or words separated by spaces, are searched as usual.
    expect((await ask('RCEP 是什么')).coverage).toBe('answered');
    expect((await ask('刘畅 绿色 算力')).coverage).toBe('answered');
  });

  it('answers who the host or a guest is whichever way round it is asked', async () => {
    for (const q of ['谁是主持人？', '主持人叫什么名字？']) {
      const r = await ask(q);
      expect(r.kind, q).toBe('people');
      expect(r.answer, q).toContain('秦睿');
    }
    // Who wrote it: the interview's byline is its host reporter.
    expect((await ask('这篇访谈是谁写的？')).answer).toContain('本报记者秦睿');
    const guest = await ask('谁是刘畅？');
    expect(guest.kind).toBe('people');
    expect(guest.answer).toContain('助理研究员');
  });

  it('lists the points when asked how many, and says how many', async () => {
    const r = await ask('马冠奎一共说了几条？');
    expect(r.answer).toContain('共5点：');
    expect(r.answer.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(5);
  });

  it('leads a list with the sentence that announces it, not the turn opening', async () => {
    const r = await ask('刘畅说青海的优势分哪几个方面？');
    expect(r.citations[0]!.quote).toContain('三个方面');
    expect(r.answer.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThanOrEqual(2);
  });

  it('lists points numbered inside one paragraph (一是…二是…三是…) under the sentence that leads them', async () => {
    const r = await ask('刘畅在深化对外开放方面提了哪几条？');
    const lines = r.answer.split('\n');
    expect(lines[0]).toContain('另一方面要持续深化对外开放');
    expect(lines[1]).toBe('共3点：');
    expect(lines.slice(2).map((l) => /“(.)是/u.exec(l)?.[1])).toEqual(['一', '二', '三']);
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });

  it('takes 十大…平台 as the count asked for by 多少个平台, not as a missing figure', async () => {
    const r = await ask('马冠奎提出要推进多少个国家级科技创新平台？');
    expect(r.coverage).toBe('answered');
    expect(r.answer).not.toMatch(/没有直接回答|没有给出/u);
    expect(r.citations.some((c) => c.quote.includes('十大国家级科技创新平台'))).toBe(true);
  });

  it('answers `X是啥` about words the article never writes together as a topic, not as a term it fails to define', async () => {
    const r = await ask('青海短板是啥');
    expect(r.coverage).toBe('answered');
    expect(r.answer).not.toContain('定义');
    expect(r.citations.some((c) => c.quote.includes('短板'))).toBe(true);
  });

  it('says the article does not speak of a place it never names, on its topic or not, above the nearest passages', async () => {
    const r = await ask('四川省在发展新质生产力上有什么做法？');
    expect(r.coverage).toBe('related');
    expect(r.answer.split('\n')[0]).toBe('访谈没有谈到四川省的情况；最接近的是以下内容：');
    // The article's own province is no such place.
    expect((await ask('青海省在发展新质生产力上有什么优势？')).coverage).toBe('answered');
  });

  it('does not open a comparison with the article\'s own subject as what they share, nor judge 一致吗 as a yes/no', async () => {
    const differ = await ask('说到青海的不足，李娜和刘畅各自强调的重点有什么不同？');
    expect(differ.answer.split('\n')[0]).not.toContain('“青海”');
    const agree = await ask('李娜和魏晓强对绿色的看法一致吗？');
    expect(agree.answer).not.toMatch(/^访谈没有明确说/u);
    expect(new Set(agree.citations.map((c) => c.speaker))).toEqual(new Set(['李娜', '魏晓强']));
  });

  it('answers a question for a figure with the quotes that give one, not beside quotes with none', async () => {
    const r = await ask('多晶硅项目一共引进和签约了多少吨？');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.quote).toMatch(/\d+吨|万吨/u);
  });

  it('answers a size asked as 多大容量 with the sentence that gives the figures, not one before it with none', async () => {
    const r = await ask('开发区正在推进的两个储能项目分别是多大容量的');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.quote).toContain('吉瓦时');
  });

  it('answers a question of two with more than the one clause that answers one of them', async () => {
    const r = await ask('刘畅说要加强协同开放的是哪几个城市？靠哪个城市群来带交通建设？');
    expect(r.citations[0]!.speaker).toBe('刘畅');
    expect(r.citations[0]!.quote).toContain('海东、兰州');
    expect(r.citations[0]!.quote).toContain('兰西城市群');
  });

  it('answers which ones of a kind (涉及哪些行业) with the quote that names several, not one beside it that only shares the topic', async () => {
    const r = await ask('王中毅说传统产业改造涉及哪些行业？');
    expect(r.citations.map((c) => c.quote)).toHaveLength(1);
    expect(r.citations[0]!.quote).toContain('金属冶炼、基础化工、藏毯绒纺、生物医药');
  });

  it('answers a bare term with the clause naming it and the clause after it when the first says nothing of it (揭榜挂帅)', async () => {
    const r = await ask('揭榜挂帅');
    expect(r.citations[0]!.quote).toContain('深入探索科技项目立项和组织管理方式');
    expect((await ask('新质生产力本质是啥')).citations[0]!.quote).toBe('本质是先进生产力');
  });

  it('compares two people on the topic asked, not on the words that frame the comparison (一致的地方, 各自强调)', async () => {
    const r = await ask('在绿色算力这件事上,李娜和魏晓强的说法有哪些一致的地方,又各自强调了什么?');
    const lina = r.citations.filter((c) => c.speaker === '李娜');
    expect(lina.length).toBeGreaterThan(0);
    for (const c of lina) expect(c.quote).toMatch(/算力/u);
  });

  it('does not take 一批 for a figure', async () => {
    const r = await ask('王中毅说在建的储能项目规模是多大？');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.quote).toContain('吉瓦时');
  });

  it('says a figure is not given when the only figures are in passages about something else', async () => {
    const share = await ask('青海新能源装机占比到底是百分之几？');
    expect(share.coverage).toBe('related');
    expect(share.answer.split('\n')[0]).toContain('没有给出具体数字');
    const parks = await ask('青海一共建了几个国家公园？');
    expect(parks.coverage).toBe('related');
    // `哪几个字` asks which words, not how many, nor for a summary.
    const words = await ask('青海的自然资源禀赋用哪几个字来形容？');
    expect(words.coverage).toBe('answered');
    expect(words.citations.some((c) => c.quote.includes('水丰'))).toBe(true);
  });

  it('counts a guest\'s turns over 整个访谈, and names who answered a question first (先回答)', async () => {
    expect((await ask('李娜在整个访谈里总共发言几次？')).answer).toMatch(/^李娜在访谈中发言 \d+ 次/u);
    const first = await ask('主持人问完第一个问题，哪位专家先回答的？');
    expect(first.answer.split('\n')[0]).toMatch(/由\p{Script=Han}{2,3}回答/u);
  });

  it('says 不是 when a ranking asked as low (靠后) is said to lead (领先)', async () => {
    expect((await ask('青海的新能源装机占比在全国是不是比较靠后？')).answer.startsWith('不是。')).toBe(true);
  });

  it('answers a short question about one clause of a long quote with that clause', async () => {
    const r = await ask('新质生产力以什么为核心标志？');
    expect(r.citations[0]!.quote).toContain('核心标志');
    expect(r.citations[0]!.quote.length).toBeLessThan(30);
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });

  it('reads 哪几个方向 as asking for a list', async () => {
    const r = await ask('魏晓强认为改革要从哪几个方向入手？');
    const points = r.answer.split('\n').filter((l) => l.startsWith('- '));
    expect(points.length).toBe(4);
    expect(points.every((l) => l.startsWith('- “以'))).toBe(true);
  });

  it('says there is no sixth point after a list of five', async () => {
    const r = await converse(answerer, ['马冠奎一共说了几条？', '第六条呢？']);
    expect(r.answer).toBe('上面的回答一共列出了5点，没有更多了。');
    expect(r.citations).toEqual([]);
  });

  it('counts the first item of a list whose opening is itself an item, so ordinals point right', async () => {
    const list = await converse(answerer, ['王中毅讲了哪几个方面？']);
    expect(list.answer.split('\n')[0]).toMatch(/谈了以下3点：$/u);
    const first = await converse(answerer, ['王中毅讲了哪几个方面？', '第一个方面具体说了什么？']);
    expect(first.citations[0]!.quote).toMatch(/^传统产业转型升级方面/u);
  });

  it('never quotes a guest-list line or the headline as what someone said on a topic', async () => {
    for (const q of ['任君怎么看教育和人才？', '编者按的主要意思是什么？']) {
      const r = await ask(q);
      for (const c of r.citations) expect(['guest-entry', 'headline', 'kicker', 'heading'], q).not.toContain(article.paragraphs[c.paragraph]!.kind);
    }
  });

  it('shows the article in its display form in answers about the article itself (full-width punctuation)', async () => {
    const r = await ask('这篇文章的标题是什么？');
    expect(r.answer).toContain('因地制宜发展新质生产力，青海怎么做？');
    expect(r.citations[0]!.quote).toContain(',');
    expect((await ask('任君在哪里工作？')).answer).toContain('讲师（博士）');
  });

  it('greets and says what it can do', async () => {
    const r = await ask('你好');
    expect(r.kind).toBe('greeting');
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/^你好/u);
    expect(r.answer).toContain('李娜');
  });

  it('restricts the answer to one speaker when asked', async () => {
    const r = await answerer.answer({ messages: [{ role: 'user', content: '绿色算力' }], speaker: '刘畅' });
    expect(r.citations.length).toBeGreaterThan(0);
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['刘畅']));
  });

  it('says the one speaker asked of is silent, not the interview, when others speak to it', async () => {
    const r = await answerer.answer({ messages: [{ role: 'user', content: '怎样扩大对外开放？' }], speaker: '马冠奎' });
    expect(r).toMatchObject({ coverage: 'none', citations: [] });
    expect(r.answer).toMatch(/^访谈中马冠奎没有谈到这一点/u);
    const offTopic = await answerer.answer({ messages: [{ role: 'user', content: '火锅底料怎么炒？' }], speaker: '马冠奎' });
    expect(offTopic.answer).toMatch(/^这篇访谈没有谈到这个问题/u);
  });
});

describe('the extractive answerer on named experts', () => {
  it('answers for every expert a question names, with their own passages', async () => {
    const r = await ask('在企业和科研机构结合这件事上，任君和马冠奎各自怎么说？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['任君', '马冠奎']));
    expect(r.answer).not.toContain('没有谈到');
  });

  it('says a named expert is silent on what they never talk about', async () => {
    const r = await ask('刘畅和任君怎么看盐湖？');
    expect(r.citations.every((c) => c.speaker === '刘畅')).toBe(true);
    expect(r.answer.split('\n').at(-1)).toBe('访谈中任君没有谈到这一点。');
  });

  it('does not open a quote with a sentence that carries on reported words', async () => {
    const r = await ask('因地制宜发展新质生产力要防止什么？');
    for (const c of r.citations) expect(c.quote).not.toMatch(/^并(强调|指出)/u);
    expect(r.answer).toContain('李娜（青海省委党校经济教研部副教授）谈到：“3月5日，');
  });
});

describe('comparisons of named experts', () => {
  it('reads the topic, not the words of the comparison frame (不一样, 区别, 两个人), as what to quote', async () => {
    const r = await ask('李娜和刘畅两个人讲的青海短板，有区别吗？哪里不一样？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['李娜', '刘畅']));
    // No quote chosen for `区别于…` or `两个…`, and no frame word named as what both say.
    for (const c of r.citations) expect(c.quote).not.toMatch(/区别|两个|不一样/u);
    expect(r.answer.split('\n')[0]).not.toMatch(/都提到“(?:不|区别|两个)/u);
  });
});

describe('a speaker\'s second quote', () => {
  it('is left out when it holds only a piece of a phrase the question writes whole (绿色 of 绿色算力) that their first quote holds', async () => {
    const r = await ask('魏晓强和王中毅对于发展绿色算力分别提了什么？');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.quote).toContain('算力');
  });
});

describe('a request to compare what named experts say', () => {
  it('is answered as a comparison: neither a missing summary (X的归纳) nor an unsettled yes/no (能对比一下吗)', async () => {
    const r = await ask('讲到人才，任君的归纳和马冠奎的说法能比较一下吗？');
    expect(r.coverage).toBe('answered');
    expect(r.answer).not.toMatch(/^访谈没有/u);
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['任君', '马冠奎']));
  });
});

describe('a short question read as defining a term the article never writes', () => {
  it('is answered with the one clause of a long quote that holds its word (X特点是啥: 特点是…)', async () => {
    const r = await ask('新质生产力特点是啥');
    expect(r.citations[0]!.quote).toMatch(/^特点是/u);
    expect(r.citations[0]!.quote.length).toBeLessThan(20);
  });
});

describe('a comparison asking how named experts differ', () => {
  it('ends with what each stresses: a clause of their own quote each, marked with its citation', async () => {
    const r = await ask('任君和马冠奎讲人才培养有什么差别？');
    const line = r.answer.split('\n').find((l) => l.startsWith('各自的侧重：'));
    expect(line).toBeDefined();
    const said = [...line!.matchAll(/(\p{Script=Han}+)说“([^”]+)”\[(\d+)\]/gu)];
    expect(new Set(said.map((m) => m[1]))).toEqual(new Set(['任君', '马冠奎']));
    for (const [, speaker, clause, n] of said) {
      const c = r.citations.find((x) => x.n === Number(n))!;
      expect(c.speaker).toBe(speaker);
      expect(c.displayQuote).toContain(clause);
    }
  });
  it('says they agree when each says one thing in nearly the same words, quoting both verbatim, and adds no emphases', async () => {
    const r = await ask('魏晓强和李娜在新质生产力是不是绿色生产力上说法相同吗？');
    const first = r.answer.split('\n')[0]!;
    expect(first).toMatch(/^两人看法一致：/u);
    for (const [, speaker, clause, n] of first.matchAll(/(\p{Script=Han}+)说“([^”]+)”\[(\d+)\]/gu)) {
      const c = r.citations.find((x) => x.n === Number(n))!;
      expect(c.speaker).toBe(speaker);
      expect(c.displayQuote).toContain(clause);
    }
    expect(r.answer).not.toContain('各自的侧重');
  });
  it('says each puts it their own way when asked whether they agree and they share only words, not when asked what they share', async () => {
    const same = await ask('王中毅和魏晓强讲零碳产业园的说法一样吗？');
    expect(same.answer.split('\n')[0]).toMatch(/都提到“[^”]+”.*但说法各有侧重：$/u);
    const shared = await ask('王中毅和魏晓强讲零碳产业园，有什么相同的地方？');
    expect(shared.answer).not.toContain('各有侧重');
  });
  it('adds no such line when only what each says is asked', async () => {
    const r = await ask('任君和马冠奎怎么谈人才培养？');
    expect(r.answer).not.toContain('各自的侧重');
  });
  it('quotes a compared expert who never writes the word from their turn right beside the other\'s on it (one question, answered in turn)', async () => {
    const r = await ask('说到短板，刘畅与李娜的侧重点分别是什么？');
    expect(r.answer).not.toContain('没有谈到');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['李娜', '刘畅']));
    expect(r.citations.find((c) => c.speaker === '刘畅')!.quote).toContain('提升空间');
    // An expert whose turn is not beside it is still said to be silent on it.
    const apart = await ask('王中毅和李娜讲青海的短板有何不同');
    expect(apart.answer).toContain('王中毅没有谈到这一点');
  });
});

describe('the line above an answer of several people', () => {
  it('counts guests only when every line is a guest\'s: with the host among them it names no number', async () => {
    const r = await ask('是谁问青海如何构建新型生产关系的？');
    expect(r.citations[0]!.speaker).toBe('秦睿');
    expect(r.answer.split('\n')[0]).toBe('文章中谈到这一点的有：');
  });
});

describe('a place asked for', () => {
  it('is not the article\'s own subject (青海, in its headline) when a quote gives another: the quote of 江苏 alone', async () => {
    const r = await ask('因地制宜发展新质生产力是总书记在哪个省代表团说的？');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]!.quote).toContain('江苏代表团');
  });
});

describe('a list asked for that one sentence names in one breath', () => {
  it('answers with that sentence (A、B、C三项指标…), not the openings of the turn\'s paragraphs', async () => {
    const r = await ask('青海有哪几项能源指标处于全国领先？');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]!.quote).toContain('三项指标保持全国领先');
  });
  it('still answers with the turn\'s paragraphs when the sentence leads them, one paragraph a part', async () => {
    const r = await ask('刘畅说青海的优势有哪几个方面？');
    expect(r.citations[0]!.quote).toContain('三个方面');
    expect(r.citations.length).toBeGreaterThan(2);
  });
});

describe('quotes that only share a word with the question', () => {
  it('leaves out another speaker whose quote holds the asked word only as an attribute of something else (优势的一流学科)', async () => {
    const r = await ask('青海的优势？');
    expect(r.citations.map((c) => c.speaker)).not.toContain('任君');
    expect(r.citations[0]!.quote).toContain('优势主要在');
  });
  it('gives a speaker a second quote only when it holds a word the question asks about beyond the article\'s subject', async () => {
    const r = await ask('青海的好山好水能带来什么收益？');
    expect(r.citations.map((c) => c.quote).join('')).not.toContain('置身新一轮科技革命');
  });
});

describe('another speaker\'s quote holding only part of the question\'s phrase', () => {
  it('is left out beside a quote that holds the phrase whole (平台 of 科技创新平台 beside 平台经济)', async () => {
    const r = await ask('青海为什么要靠平台经济？');
    expect(r.citations.map((c) => c.quote)).toContainEqual(expect.stringContaining('平台经济'));
    for (const c of r.citations) if (c.quote.includes('平台')) expect(c.quote).toContain('平台经济');
  });
  it('stays when the question names that speaker', async () => {
    const r = await ask('魏晓强和马冠奎怎么谈平台经济？');
    expect(new Set(r.citations.map((c) => c.speaker))).toEqual(new Set(['魏晓强', '马冠奎']));
  });
});

describe('a question for a fact, of any length', () => {
  it('is answered by the one clause of the quote that holds its words and gives the fact', async () => {
    const r = await ask('当时签约了多少吨的电子级多晶硅项目呢？');
    expect(r.citations[0]!.quote).toBe('签约1万吨电子级多晶硅项目');
  });
});

describe('a question for what something is called', () => {
  it('is answered by the clause that names it in quotation marks and holds most of the question', async () => {
    const r = await ask('任君说要借鉴的那个科研项目组织制度叫什么？');
    expect(r.citations[0]!.quote).toBe('借鉴“揭榜挂帅”制度');
  });
});
