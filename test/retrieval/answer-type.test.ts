import { describe, expect, it } from 'vitest';
import { definesTerm, expectedAnswerTypes, givesAnswerOfType } from '../../src/retrieval/answer-type.js';

describe('expectedAnswerTypes', () => {
  it('reads the kind of fact from the interrogative', () => {
    expect(expectedAnswerTypes('这个项目投资了多少钱？')).toEqual(['number']);
    expect(expectedAnswerTypes('会议是哪一年召开的？')).toEqual(['time']);
    expect(expectedAnswerTypes('新工厂建在什么地方？')).toEqual(['place']);
    expect(expectedAnswerTypes('报道登在哪份报纸上？')).toEqual(['organisation']);
    expect(expectedAnswerTypes('这个省的水平在全国排第几？')).toEqual(['rank']);
    expect(expectedAnswerTypes('会议是哪天、在什么地方举行的？')).toEqual(['time', 'place']);
    // Everyday forms: `啥时候`, `建在哪`.
    expect(expectedAnswerTypes('那条生产线建在哪，啥时候投产？')).toEqual(['time', 'place']);
    // `建设哪两类` asks which kinds, not where.
    expect(expectedAnswerTypes('要布局建设哪两类示范区？')).toEqual([]);
  });

  it('takes no 布局 for a 局, and no member of a list of kinds of project (…、大数据中心等项目建设) for the organisation asked for', () => {
    const q = '那个项目是哪家企业投资的？';
    expect(givesAnswerOfType('前瞻布局电子级多晶硅、新型显示、先进硬质材料、大数据中心等项目建设', 'organisation', q)).toBe(false);
    expect(givesAnswerOfType('项目由省发展改革委和市工信局共同推进', 'organisation', q)).toBe(true);
  });

  it('takes no word of a kind of activity for the organisation asked for (新兴产业, which the tagger may call one)', () => {
    const q = '那个储能项目是哪个公司的？';
    expect(givesAnswerOfType('推进形成以新型显示、电子信息等产业为代表的战略性新兴产业新赛道。', 'organisation', q)).toBe(false);
    expect(givesAnswerOfType('项目由青海昆仑储能科技有限公司投资建设。', 'organisation', q)).toBe(true);
  });

  it('asks for a share when the size comes before it (占了多大比重), which only a percentage gives', () => {
    const q = '数字经济占了多大比重？';
    expect(expectedAnswerTypes(q)).toEqual(['number']);
    expect(givesAnswerOfType('数字经济、平台经济等三项指标保持全国领先。', 'number', q)).toBe(false);
    expect(givesAnswerOfType('数字经济占全省经济的比重达到35%。', 'number', q)).toBe(true);
  });
  it('asks for no fact in why, how and what questions, nor in a figurative "where"', () => {
    for (const q of ['为什么要发展新质生产力？', '人才怎么引进？', '新质生产力“新”在哪里？', '资金往哪儿去？', '有哪几个方面？']) {
      expect(expectedAnswerTypes(q), q).toEqual([]);
    }
  });
});

describe('a named person\'s own summing-up', () => {
  it('asks for what they say, not for a summary in those words', () => {
    expect(expectedAnswerTypes('张三的归纳和李四的说法一样吗？', ['张三', '李四'])).toEqual([]);
    expect(expectedAnswerTypes('张三的结论是什么？', ['张三'])).toEqual([]);
    // Anyone else's summary, or the text's, is still asked for as one.
    expect(expectedAnswerTypes('文章的结论是什么？', ['张三'])).toEqual(['summary']);
    expect(expectedAnswerTypes('王五的结论是什么？', ['张三'])).toEqual(['summary']);
  });
});

describe('givesAnswerOfType', () => {
  it('finds figures, dates and places that the question itself does not name', () => {
    expect(givesAnswerOfType('全省清洁能源装机占比超过九成。', 'number', '装机占比是多少？')).toBe(true);
    expect(givesAnswerOfType('要加快清洁能源发展。', 'number', '装机是多少？')).toBe(false);
    expect(givesAnswerOfType('2024年1月31日,会议召开。', 'time', '哪一年召开？')).toBe(true);
    expect(givesAnswerOfType('项目落在西宁经济技术开发区。', 'place', '项目落在青海哪个地方？')).toBe(true);
    // The place the question names is not the place it asks for.
    expect(givesAnswerOfType('青海要建设电池生产线。', 'place', '生产线会落在青海哪个地方？')).toBe(false);
    expect(givesAnswerOfType('建设10吉瓦时储能项目。', 'number', '10吉瓦时储能项目是哪一年建成的？')).toBe(false);
  });
});

describe('figures in the unit asked for', () => {
  it('wants a figure in the unit the question names, not any number', () => {
    expect(givesAnswerOfType('三项指标保持全国领先。', 'number', '风电装机一共有多少万千瓦？')).toBe(false);
    expect(givesAnswerOfType('风电装机达到1200万千瓦。', 'number', '风电装机一共有多少万千瓦？')).toBe(true);
    expect(givesAnswerOfType('全省建成五座光伏电站。', 'number', '建了几座电站？')).toBe(true);
    // With no unit named, any figure still counts.
    expect(givesAnswerOfType('三项指标保持全国领先。', 'number', '有多少指标领先？')).toBe(true);
  });
});

describe('shares and rates', () => {
  it('wants a percentage for a share or a rate, not any count', () => {
    expect(givesAnswerOfType('三项指标保持全国领先。', 'number', '新能源装机占比是多少？')).toBe(false);
    // A few words between the share and its interrogative still ask for a share, not any count.
    expect(givesAnswerOfType('三项指标保持全国领先。', 'number', '工业的比重(占全省)现在是多少？')).toBe(false);
    expect(givesAnswerOfType('工业比重达到百分之四十。', 'number', '工业的比重(占全省)现在是多少？')).toBe(true);
    // … but not across clauses, nor a count of things (`占比高的产业有几个`).
    expect(givesAnswerOfType('有三个产业。', 'number', '占比高的产业有几个？')).toBe(true);
    expect(givesAnswerOfType('实现园区100%绿色供电。', 'number', '园区绿色供电的比例是多少？')).toBe(true);
    expect(givesAnswerOfType('研发投入增长了两成。', 'number', '研发投入的增幅有多少？')).toBe(true);
    expect(givesAnswerOfType('已经成为重要的增长点。', 'number', '增长率是多少？')).toBe(false);
    // Not a rate: any figure in the unit asked still answers.
    expect(givesAnswerOfType('引进落地了2000吨电子级多晶硅项目。', 'number', '多晶硅项目有多少吨？')).toBe(true);
  });
});

describe('members of a numbered label', () => {
  it('asks for the members of a quoted label with a numeral', () => {
    expect(expectedAnswerTypes('“两个确立”具体是哪两个？')).toEqual(['members']);
    expect(expectedAnswerTypes('“五位一体”分别指什么？')).toEqual(['members']);
    // A label with no numeral, or a question about who used it, asks for no members.
    expect(expectedAnswerTypes('“先立后破”具体是什么意思？')).toEqual([]);
    expect(expectedAnswerTypes('哪些人提到了“四地”？')).toEqual([]);
    expect(expectedAnswerTypes('“四地”是哪一年提出的？')).toEqual(['time']);
  });

  it('asks for the members of a numbered set named without quotation marks, just before the asking words', () => {
    expect(expectedAnswerTypes('那十大国家级科技创新平台分别是哪十个')).toEqual(['members']);
    expect(expectedAnswerTypes('十大国家级科技创新平台都有哪些？')).toEqual(['members']);
    // A quoted label of up to twelve characters after its numeral.
    expect(expectedAnswerTypes('马冠奎说的“十大国家级科技创新平台”具体是哪十个?')).toEqual(['members']);
    // People asked for, or a set with no numeral, are not its members.
    expect(expectedAnswerTypes('有哪些人提到了“四地”？')).toEqual([]);
    expect(expectedAnswerTypes('国家级科技创新平台都有哪些？')).toEqual([]);
    const q = '十大国家级科技创新平台分别是哪些？';
    expect(givesAnswerOfType('高标准推进十大国家级科技创新平台培育建设。', 'members', q)).toBe(false);
    expect(givesAnswerOfType('十大国家级科技创新平台包括：盐湖化工平台、光伏平台等。', 'members', q)).toBe(true);
  });

  it('finds the members only where the label introduces them', () => {
    const q = '“两个确立”具体是哪两个？';
    expect(givesAnswerOfType('要深刻领悟“两个确立”的决定性意义。', 'members', q)).toBe(false);
    expect(givesAnswerOfType('“两个确立”即确立核心地位、确立指导地位。', 'members', q)).toBe(true);
    expect(givesAnswerOfType('“两个确立”的内容包括：确立核心地位、确立指导地位。', 'members', q)).toBe(true);
  });
});

describe('judgements: a summary, a mood or a dissent the speakers would have to voice', () => {
  it('asks for a summary or a conclusion, but not when the bot is asked to summarise', () => {
    expect(expectedAnswerTypes('文章的结论是什么？')).toEqual(['summary']);
    expect(expectedAnswerTypes('主持人最后做了怎样的总结？')).toEqual(['summary']);
    for (const q of ['总结一下刘畅的观点', '帮我概括李娜说了什么', '概括刘畅的观点']) expect(expectedAnswerTypes(q), q).toEqual([]);
    // Asking for the words something is summed up in: the words, not a summary.
    for (const q of ['青海的自然资源禀赋被概括成哪几个字？', '这个优势被归纳为什么词？']) expect(expectedAnswerTypes(q), q).not.toContain('summary');
  });
  it('asks the host for a view of their own as a preference the article would have to voice, not a guest', () => {
    expect(expectedAnswerTypes('主持人秦睿自己觉得青海发展新质生产力最应该先抓哪件事?', ['秦睿', '李娜'])).toContain('preference');
    expect(expectedAnswerTypes('李娜自己觉得青海最大的短板是什么?', ['秦睿', '李娜'])).not.toContain('preference');
    expect(expectedAnswerTypes('任君老师的博士是在哪里读的，研究方向是什么？', ['任君'])).toContain('history');
  });
  it('asks for a mood by its words; an evaluation with no such word asks for nothing checkable', () => {
    expect(expectedAnswerTypes('哪位嘉宾最乐观？')).toEqual(['mood']);
    expect(expectedAnswerTypes('编者按怎样评价这一论述？')).toEqual([]);
  });
  it('finds the judgement only where a text uses its words, even when the question uses them too', () => {
    expect(givesAnswerOfType('从理论上对新质生产力进行总结、概括。', 'summary', '对新质生产力做了怎样的总结？')).toBe(true);
    expect(givesAnswerOfType('青海如何进一步做好这项工作？', 'summary', '主持人最后做了怎样的总结？')).toBe(false);
    expect(givesAnswerOfType('增强对青海发展新质生产力的信心。', 'mood', '谁对前景有信心？')).toBe(true);
    expect(givesAnswerOfType('要加快发展清洁能源。', 'mood', '哪位嘉宾最乐观？')).toBe(false);
  });
  it('asks who disagrees or objects, and finds it only where a text takes that stance in words', () => {
    expect(expectedAnswerTypes('有没有嘉宾不赞成发展新质生产力？')).toEqual(['dissent']);
    expect(expectedAnswerTypes('谁对揭榜挂帅提出了质疑？')).toEqual(['dissent']);
    expect(givesAnswerOfType('发展新质生产力不是忽视、放弃传统产业。', 'dissent', '谁反对发展传统产业？')).toBe(false);
    expect(givesAnswerOfType('也有学者对这一做法提出质疑。', 'dissent', '谁对这一做法提出了质疑？')).toBe(true);
  });
});

describe('a person\'s past or own liking', () => {
  it('reads a question for someone\'s career, schooling or own preference, by role, pronoun or name', () => {
    expect(expectedAnswerTypes('张三以前在哪里工作？', ['张三'])).toContain('history');
    expect(expectedAnswerTypes('这位嘉宾是哪所大学毕业的？')).toContain('history');
    expect(expectedAnswerTypes('主持人个人更倾向哪种做法？')).toEqual(['preference']);
    expect(expectedAnswerTypes('她自己最看好什么产业？')).toEqual(['preference']);
  });
  it('does not read a topic question about the past as a person\'s past', () => {
    expect(expectedAnswerTypes('青海过去是怎么发展工业的？')).toEqual([]);
    expect(expectedAnswerTypes('专家们怎么看待人工智能？')).toEqual([]);
  });
  it('finds a career or a first-person stance only in words that give one', () => {
    expect(givesAnswerOfType('他2005年毕业于兰州大学。', 'history', '他在哪读的书？')).toBe(true);
    expect(givesAnswerOfType('要加快发展数字经济。', 'history', '他在哪读的书？')).toBe(false);
    expect(givesAnswerOfType('我更看好新能源。', 'preference', '主持人更喜欢哪个？')).toBe(true);
    expect(givesAnswerOfType('请问各位怎么看新能源？', 'preference', '主持人更喜欢哪个？')).toBe(false);
  });
});

describe('definesTerm', () => {
  it('tells a sentence that defines a term from one that only uses it', () => {
    expect(definesTerm('数字孪生是指在虚拟空间中映射实物的技术。', '数字孪生')).toBe(true);
    expect(definesTerm('所谓“链长制”，就是由领导干部牵头负责一条产业链。', '链长制')).toBe(true);
    expect(definesTerm('开展数字孪生行动，根据企业需求建模。', '数字孪生行动')).toBe(true);
    expect(definesTerm('要推动工厂用好数字孪生。', '数字孪生')).toBe(false);
  });
});
