import { describe, expect, it } from 'vitest';
import { asksWhoSaid, classifyQuestion } from '../../src/retrieval/question-intent.js';
import { loadTestIndex } from '../support/test-index.js';

const names = ['秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];

describe('classifyQuestion', () => {
  it.each(['你好', '您好！', 'hello', '谢谢', '你能做什么？'])('takes %s for a greeting', (q) => {
    expect(classifyQuestion(q, names).kind).toBe('greeting');
  });

  it.each(['李娜是谁？', '主持人是谁？', '有哪些嘉宾？', '马冠奎是做什么工作的？', '刘畅在哪个单位工作？', '这次讨论请的都是些什么人', '这次访谈请了哪些人', '参加讨论的都是什么人'])('takes %s for a question about people', (q) => {
    expect(classifyQuestion(q, names).kind).toBe('people');
  });

  it('does not take "X是谁" for a question about people when X is not in the article', () => {
    expect(classifyQuestion('美国总统是谁？', names).kind).toBe('topic');
  });

  it.each([
    ['什么是新质生产力？', '新质生产力'],
    ['新质生产力是什么？', '新质生产力'],
    ['李娜怎么定义新质生产力？', '新质生产力'],
    ['如何认识和理解“新质生产力”？', '新质生产力'],
    // Everyday forms.
    ['啥叫绿色算力？', '绿色算力'],
    ['全要素生产率是啥意思？', '全要素生产率'],
    ['揭榜挂帅到底指的是啥？', '揭榜挂帅'],
    ['绿色算力的定义是什么？', '绿色算力'],
    ['“平台经济”的内涵指什么？', '平台经济'],
    ['刘畅怎么解释绿色算力的含义？', '绿色算力'],
    // Terse, without 的.
    ['新质生产力定义', '新质生产力'],
  ])('takes %s for a definition of %s', (q, term) => {
    expect(classifyQuestion(q, names)).toEqual({ kind: 'definition', term });
  });

  it('does not take a clause before 是什么 for a term', () => {
    expect(classifyQuestion('青海发展新质生产力最大的短板是什么？', names).kind).toBe('topic');
  });

  it('notices a question for points', () => {
    expect(classifyQuestion('马冠奎提出了哪几点建议？', names)).toEqual({ kind: 'topic', enumerates: true });
    for (const q of ['刘畅说了几点？', '魏晓强提了哪三条？', '任君讲了几个方面？']) expect(classifyQuestion(q, names), q).toEqual({ kind: 'topic', enumerates: true });
    // What the points are about may stand between 哪些 and the points; not across a clause.
    for (const q of ['任君提了哪些培养青年人才的措施？', '文章给出了哪几条关于人才流动的建议？']) expect(classifyQuestion(q, names), q).toEqual({ kind: 'topic', enumerates: true });
    expect(classifyQuestion('哪些人提到人才，他们的建议是什么？', names)).toEqual({ kind: 'topic', enumerates: false });
    // `有啥建议`, `提了什么措施`: the suggestions, point by point (not `有什么意义`).
    for (const q of ['任君对人才培养有啥建议？', '马冠奎提了什么措施？']) expect(classifyQuestion(q, names), q).toEqual({ kind: 'topic', enumerates: true });
    expect(classifyQuestion('平台经济有什么意义？', names)).toEqual({ kind: 'topic', enumerates: false });
    expect(classifyQuestion('平台经济起什么作用？', names)).toEqual({ kind: 'topic', enumerates: false });
    // `分了哪几块`: parts, one a point; not `几块钱`, a price.
    for (const q of ['魏晓强讲的改革分了哪几块？', '马冠奎的建议分几大块？']) expect(classifyQuestion(q, names), q).toEqual({ kind: 'topic', enumerates: true });
    expect(classifyQuestion('门票要几块钱？', names)).toEqual({ kind: 'topic', enumerates: false });
  });

  describe('people by attribute', () => {
    const classify = async (q: string) => classifyQuestion(q, names, (await loadTestIndex()).article.people);
    const picked = async (q: string) => {
      const intent = await classify(q);
      expect(intent.kind).toBe('people');
      return intent.kind === 'people' ? intent.matches.flatMap((m) => m.names) : [];
    };

    it('filters by a degree, a position, a kind of organisation, an organisation', async () => {
      expect(await picked('嘉宾里谁有博士学位？')).toEqual(['任君']);
      expect(await picked('谁是副处长？')).toEqual(['马冠奎', '魏晓强']);
      expect(new Set(await picked('哪几位来自高校、党校或社科研究机构？'))).toEqual(new Set(['李娜', '刘畅', '任君']));
      expect(await picked('嘉宾中有哪几位在省委系统的单位工作？')).toEqual(['魏晓强', '李娜']);
    });

    it('reads an abbreviated organisation (省科技厅 for 青海省科学技术厅)', async () => {
      expect(await picked('省科技厅来的那位嘉宾担任什么职务？')).toEqual(['马冠奎']);
    });

    it('takes the name asked of someone described (…那个副教授叫什么名字) for a people question', async () => {
      // (Each attribute matched names the person once: the organisation, the post.)
      expect(new Set(await picked('省委党校那个副教授叫什么名字'))).toEqual(new Set(['李娜']));
      expect(new Set(await picked('西宁经开区那位副主任叫啥？'))).toEqual(new Set(['王中毅']));
      // A name asked of something else is not about people.
      expect((await classify('那个绿色算力项目叫什么名字')).kind).toBe('topic');
    });

    it('takes an organisation written before the name it belongs to (科技厅的马冠奎) for a description, not a question about people', async () => {
      expect((await classify('讲到人才，科技厅的马冠奎和党校的李娜想法一样吗？')).kind).toBe('topic');
      expect((await classify('社科院的刘畅对绿色算力乐观吗？')).kind).toBe('topic');
      // Asked about, the same words still make a people question.
      expect((await classify('青海大学的任君是博士吗？')).kind).toBe('people');
      expect((await classify('马冠奎是科技厅的吗？')).kind).toBe('people');
    });

    it('takes a question about a named person\'s post for a people question', async () => {
      expect((await classify('刘畅是研究员吗？')).kind).toBe('people');
      expect((await classify('王中毅在哪个单位工作？')).kind).toBe('people');
      expect((await classify('任君是干啥的？')).kind).toBe('people');
      expect((await classify('刘畅是哪儿的研究员？')).kind).toBe('people');
    });

    it.each([
      '让人才各得其所、资源一点不浪费，这个目标是哪位嘉宾提出的？',
      '“政产学研用”协同创新是哪位嘉宾提出的？',
      '哪几位专家谈到了人才？',
      '嘉宾们对数字经济有什么看法？',
      '专家怎么看青海的短板？',
      '哪几位嘉宾关心生态保护？',
    ])('takes %s (who said what, or a mere mention of 嘉宾) for a content question', async (q) => {
      expect((await classify(q)).kind).toBe('topic');
    });

    it.each([
      '有没有支持企业搞技术改造的办法？',
      '文章是不是建议多建几个产业园区？',
      '开发区的企业能享受什么政策吗？',
    ])('takes %s (a yes-no question naming no one, one word of it in a title) for a content question', async (q) => {
      expect((await classify(q)).kind).toBe('topic');
    });

    it('still filters people on a yes-no question that names the guests', async () => {
      expect(await picked('有没有来自党校的嘉宾？')).toEqual(['李娜']);
    });

    it('takes "X说…" for what X said, even when it asks about 工作', async () => {
      expect((await classify('任君说人才培养要依托哪项工作机制？')).kind).toBe('topic');
      expect((await classify('任君在哪里工作？')).kind).toBe('people');
    });
  });

  describe('questions about the article itself', () => {
    it.each([
      ['这篇文章的大标题是什么？', { part: 'headline' }],
      ['标题下面标注的栏目名称是什么？', { part: 'kicker' }],
      ['这篇文章一共分成哪几个部分？', { part: 'sections', section: null }],
      ['第三部分讲什么？', { part: 'section-content', section: 3 }],
      ['主持人一开场抛出的第一个问题是什么？', { part: 'host-questions', ordinal: 1 }],
      ['主持人在第二部分一共问了哪两个问题？', { part: 'host-questions', section: 2, ordinal: null }],
      ['第二个问题是谁回答的？', { part: 'host-questions', ordinal: 2, answeredBy: true }],
      ['主持人最后一个问题是什么？', { part: 'host-questions', ordinal: -1 }],
      ['编者按说了什么？', { part: 'editors-note' }],
    ])('reads %s', (q, expected) => {
      expect(classifyQuestion(q, names)).toMatchObject({ kind: 'article', ...expected });
    });

    it('takes a question for where a topic is discussed as a content question, not the list of parts', () => {
      expect(classifyQuestion('哪几个部分提到了盐湖？', names).kind).toBe('topic');
      expect(classifyQuestion('这篇访谈分成哪几个部分？', names)).toMatchObject({ kind: 'article', part: 'sections' });
    });

    it('takes the host named by name as the host (秦睿问了哪些问题？)', async () => {
      const people = (await loadTestIndex()).article.people;
      expect(classifyQuestion('秦睿一共提了哪些问题？', names, people)).toMatchObject({ kind: 'article', part: 'host-questions', ordinal: null });
    });

    it.each([
      ['第三部分有哪几位专家发言了？', { part: 'section-speakers', section: 3 }],
      ['最后一部分是谁在发言？', { part: 'section-speakers', section: -1 }],
      ['第二部分请的是哪几位嘉宾？', { part: 'section-speakers', section: 2 }],
      ['第一部分的问题都是谁回答的？', { part: 'host-questions', section: 1, ordinal: null, answeredBy: true }],
      ['魏晓强一共发言几次？', { part: 'expert-answers', speakers: ['魏晓强'] }],
      ['马冠奎回答过哪些问题？', { part: 'expert-answers', speakers: ['马冠奎'], section: null }],
      ['李娜在第一部分答了几个问题？', { part: 'expert-answers', speakers: ['李娜'], section: 1 }],
      ['第二部分主要谈了什么？', { part: 'section-content', section: 2 }],
      ['最后一个部分的小标题叫什么？', { part: 'sections', section: -1, ordinal: null }],
      ['第二部分的标题是什么？', { part: 'sections', section: 2 }],
      ['编者按大意是什么？', { part: 'editors-note' }],
      ['编者按里讲了些什么内容？', { part: 'editors-note' }],
      ['帮我概括一下全文', { part: 'overview' }],
      ['给我介绍一下这篇访谈', { part: 'overview' }],
      ['魏晓强答的是哪一个问题？', { part: 'expert-answers', speakers: ['魏晓强'] }],
      ['这次访谈的中心思想是什么？', { part: 'overview' }],
      ['整篇文章主要讲了啥？', { part: 'overview' }],
    ])('reads %s from the parts and turns of the article', (q, expected) => {
      expect(classifyQuestion(q, names)).toMatchObject({ kind: 'article', ...expected });
    });

    it.each([
      '第二部分哪位专家谈到了人才培养？',
      '第四部分说平台经济起什么作用？',
      '李娜回答了什么？',
      '刘畅对第二个问题是怎么回答的？',
      '编者按说因地制宜发展新质生产力是什么的客观要求？',
      '总结一下李娜关于短板的观点',
      '访谈最后，主持人自己做了怎样的总结和评价？',
    ])('leaves %s (it asks about what was said) to retrieval', (q) => {
      expect(classifyQuestion(q, names).kind).not.toBe('article');
    });

    it('leaves a question on what the host or the note says to retrieval', () => {
      expect(classifyQuestion('主持人是怎么形容青海和新质生产力之间的距离感的？', names).kind).toBe('topic');
      expect(classifyQuestion('编者按里有没有提到习近平经济思想？', names).kind).toBe('topic');
    });
  });

  describe('asksWhoSaid', () => {
    it('reads a plural question for who said something, among the guests or everyone', () => {
      expect(asksWhoSaid('哪几位嘉宾谈到了绿色算力？')).toEqual({ asks: true, expertsOnly: true });
      expect(asksWhoSaid('文章里有谁提到了盐湖？')).toEqual({ asks: true, expertsOnly: false });
    });
    it('leaves a singular question, or one about who answered, alone', () => {
      expect(asksWhoSaid('这个目标是哪位嘉宾提出的？').asks).toBe(false);
      expect(asksWhoSaid('哪几位嘉宾回答了第二个问题？').asks).toBe(false);
    });
  });
});

describe('why the paper ran the piece', () => {
  it('is asked of the editor’s note', () => {
    for (const q of ['报社组织这次讨论,想达到什么效果?', '编辑部策划这个专题的目的是什么？']) expect(classifyQuestion(q, ['李娜'])).toMatchObject({ kind: 'article', part: 'editors-note', purpose: true });
    expect(classifyQuestion('报社的记者是谁？', ['李娜']).kind).not.toBe('article');
  });
});

describe('those taking part, named as such', () => {
  it('reads 参加这次对话的有没有X and 报社请来…什么人 as people questions', async () => {
    const { article } = await loadTestIndex();
    const names = article.speakers.map((x) => x.name);
    expect(classifyQuestion('参加这次对话的有没有大学老师？', names, article.people)).toMatchObject({ kind: 'people', matches: [{ names: ['任君'] }] });
    expect(classifyQuestion('报社请来参加讨论的都是些什么人？', names, article.people)).toMatchObject({ kind: 'people', matches: [] });
    expect(classifyQuestion('参加讨论的专家怎么看人才？', names, article.people).kind).toBe('topic');
    // `科研单位` in a content question is no one's 单位.
    expect(classifyQuestion('企业缺技术的时候，有没有办法让科研单位派人下去帮着出主意？', names, article.people).kind).toBe('topic');
    expect(classifyQuestion('刘畅在哪个单位工作？', names, article.people).kind).toBe('people');
  });
});

