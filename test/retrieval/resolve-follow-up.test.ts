import { describe, expect, it } from 'vitest';
import { answerSubjects, listItems, resolveFollowUp, type ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';

const names = ['秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];
const user = (content: string): ConversationTurn => ({ role: 'user', content });
const assistant = (content: string): ConversationTurn => ({ role: 'assistant', content });

describe('resolveFollowUp', () => {
  it('reads 这位老师, 那位处长 as the one person talked about just before', () => {
    for (const pointed of ['这位老师', '那位处长', '该研究员']) {
      const r = resolveFollowUp([user('任君是哪个单位的老师？'), assistant('任君是青海大学研究生院讲师（博士）[1]。'), user(`${pointed}觉得青海在人才上有哪些问题？`)], names);
      expect(r.carriedSpeakers, pointed).toEqual(['任君']);
    }
  });

  it('reads X呢 of the same kind as the topic before (新兴产业 after 传统产业) as that topic’s place, not beside it', () => {
    const before = [user('王中毅说传统产业转型升级要改造哪些产业?'), assistant('王中毅（…）认为：“传统产业转型升级方面，……”[1]')];
    const r = resolveFollowUp([...before, user('新兴产业呢?')], names);
    expect(r.query).not.toContain('传统产业');
    expect(r.query).toContain('新兴产业');
    expect(r.carriedSpeakers).toEqual(['王中毅']);
  });

  it('leaves a first question as it is', () => {
    expect(resolveFollowUp([user('什么是新质生产力？')], names)).toEqual({ query: '什么是新质生产力？', carriedSpeakers: [], kind: 'standalone' });
  });

  it('counts an ordinal within the part of the article the question before named, when no list answer is given', () => {
    const r = resolveFollowUp([user('第三部分主持人问了几个问题？'), user('第一个问题是谁回答的？')], names);
    expect(r).toEqual({ query: '第三部分第一个问题是谁回答的？', carriedSpeakers: [], kind: 'ellipsis' });
    // A follow-up that names its own part keeps it.
    expect(resolveFollowUp([user('第三部分主持人问了几个问题？'), user('第二部分第一个问题是谁回答的？')], names).query).toBe('第二部分第一个问题是谁回答的？');
  });

  it('points an ordinal into a list a few answers back when every question since picked an item of it', () => {
    const list = assistant('王中毅谈了以下3点：\n- “甲方面，要做甲。”[1]\n- “乙方面，要做乙。”[2]\n- “丙方面，要做丙。”[3]');
    const picked = [user('王中毅谈了哪几个方面？'), list, user('第一个方面是什么？'), assistant('王中毅（…）认为：“甲方面，要做甲。”[1]')];
    expect(resolveFollowUp([...picked, user('第二个呢？')], names)).toMatchObject({ kind: 'list-item', referencedText: '乙方面，要做乙。' });
    // A question of another kind in between ends the list.
    const moved = [user('王中毅谈了哪几个方面？'), list, user('李娜怎么看人才？'), assistant('李娜（…）认为：“……”[1]')];
    expect(resolveFollowUp([...moved, user('第二个呢？')], names).kind).not.toBe('list-item');
  });

  it('carries the one person talked about into a follow-up that goes on (还有呢，…) with a question of its own, not into one asking about others', () => {
    const before = [user('马冠奎怎么看科技成果转化？'), assistant('马冠奎（…）认为：“……”[1]')];
    expect(resolveFollowUp([...before, user('还有呢，企业在研发上要怎么投入？')], names)).toEqual({ query: '马冠奎 企业在研发上要怎么投入？', carriedSpeakers: ['马冠奎'], kind: 'ellipsis' });
    expect(resolveFollowUp([...before, user('另外，其他嘉宾怎么看研发投入？')], names).carriedSpeakers).toEqual([]);
  });

  it('reads a correction as the follow-up it is: the person named takes the place of the one before', () => {
    const r = resolveFollowUp([user('任君怎么看人才培养？'), assistant('任君（…）认为：“……”[1]'), user('不对，我是问马冠奎')], names);
    expect(r.query).toContain('马冠奎');
    expect(r.query).toContain('人才');
    expect(r.query).not.toContain('任君');
    // `不是说…吗？` is a question of its own, not a correction.
    expect(resolveFollowUp([user('任君怎么看人才培养？'), assistant('……'), user('不是说人才是第一资源吗？')], names).query).toContain('不是');
  });

  it('continues a list only after a list of one speaker\'s points; after a line per expert it asks for more on the question', () => {
    const experts = assistant('文章中有 2 位嘉宾谈到这一点：\n- 李娜（…）认为：“甲。”[1]\n- 刘畅（…）认为：“乙。”[2]');
    expect(resolveFollowUp([user('哪些嘉宾谈到了人才？'), experts, user('还有呢？')], names).continuesList).toBeFalsy();
    const point = [user('马冠奎提出了哪几点建议？'), assistant('马冠奎（…）认为：“……”[1]\n- “一要甲。”[2]\n- “二要乙。”[3]\n- “三要丙。”[4]'), user('第二点呢？'), assistant('马冠奎（…）认为：“二要乙。”[1]')];
    expect(resolveFollowUp([...point, user('还有呢？')], names)).toMatchObject({ kind: 'list-item', referencedText: '二要乙。', continuesList: true });
  });

  it('does not pile up topicless asks in a chain of them', () => {
    const turns = [user('青海有哪些优势？'), assistant('……'), user('为什么？'), assistant('……'), user('还有呢？'), assistant('……'), user('为什么？')];
    expect(resolveFollowUp(turns, names).query).toBe('青海有哪些优势，为什么？');
  });

  it('says when an ordinal passes the end of the list it points into', () => {
    const list = assistant('马冠奎（…）认为：“……”[1]\n- “一要甲。”[2]\n- “二要乙。”[3]');
    expect(resolveFollowUp([user('马冠奎说了几点？'), list, user('第三点呢？')], names)).toMatchObject({ kind: 'list-item', beyondList: 2 });
  });

  it('reads an ordinal after an answer that was no list as a point of what was asked before', () => {
    const r = resolveFollowUp([user('刘畅怎么看对外开放？'), assistant('刘畅（…）认为：“……”[1]'), user('第三点是什么？')], names);
    expect(r).toMatchObject({ kind: 'ellipsis', query: '刘畅怎么看对外开放，第三点是什么？', carriedSpeakers: ['刘畅'] });
  });

  it('replaces 他 with the expert the user asked about', () => {
    const r = resolveFollowUp([user('马冠奎是做什么工作的？'), assistant('马冠奎是青海省科学技术厅规划资管处副处长。'), user('他提出了哪几点建议？')], names);
    expect(r).toEqual({ query: '马冠奎提出了哪几点建议？', carriedSpeakers: ['马冠奎'], kind: 'pronoun' });
  });

  it('takes the expert from the last answer when the user named nobody', () => {
    const r = resolveFollowUp([user('谁提到了揭榜挂帅？'), assistant('任君（青海大学研究生院讲师(博士)）认为……[1]'), user('她还说了什么？')], names);
    expect(r.query).toBe('任君还说了什么？');
  });

  it('searches a follow-up that points back (这两者, 在这个基础上) with the topic and people of the turn before', () => {
    const r = resolveFollowUp([user('王中毅怎么看传统产业和新兴产业？'), assistant('王中毅（…）认为：“…”[1]'), user('这两者之间要怎么衔接？')], names);
    expect(r.kind).toBe('ellipsis');
    expect(r.carriedSpeakers).toEqual(['王中毅']);
    expect(r.query).toMatch(/^这两者之间要怎么衔接？ /u);
    expect(r.query).toContain('传统产业');
    // How the question before asked (`哪一方面`, `第一个`) is not what it was about.
    const asked = resolveFollowUp([user('刘畅谈优势时第一个讲的是哪一方面？'), assistant('……'), user('这方面为什么重要？')], names);
    expect(asked.query).not.toMatch(/第一个|哪一方面/u);
  });

  it('does not read 其他 as a pronoun', () => {
    expect(resolveFollowUp([user('李娜怎么看？'), user('其他专家怎么看？')], names).kind).toBe('standalone');
  });

  it('puts an elliptical follow-up in the earlier question\'s place', () => {
    const r = resolveFollowUp([user('青海发展新质生产力有哪些优势？'), assistant('……'), user('那短板呢？')], names);
    expect(r.kind).toBe('ellipsis');
    expect(r.query).toContain('短板');
    expect(r.query).toContain('青海');
    expect(r.query).not.toContain('优势');
  });

  it('carries the expert of the earlier question into an elliptical follow-up', () => {
    const r = resolveFollowUp([user('李娜怎么看青海的短板？'), user('那优势呢？')], names);
    expect(r.carriedSpeakers).toEqual(['李娜']);
    expect(r.query).toContain('优势');
  });

  it('resolves 她 to the person a filtered guest-list answer is about, not the first name listed', () => {
    const guestAnswer = '根据嘉宾简介，符合“博士”的嘉宾有 1 位：\n- 任君，青海大学研究生院讲师(博士)[1]';
    const r = resolveFollowUp([user('嘉宾里谁有博士学位？'), assistant(guestAnswer), user('她谈了哪些观点？')], names);
    expect(r).toMatchObject({ query: '任君谈了哪些观点？', carriedSpeakers: ['任君'], kind: 'pronoun' });
  });

  it('resolves 他们 to every expert the last answer quotes, not names inside the quotes', () => {
    const answer = '文章中有 2 位嘉宾谈到这一点：\n- 李娜（…）认为：“……”[1]\n- 刘畅（…）认为：“王中毅说得对……”[2]';
    expect(answerSubjects(answer, names)).toEqual(['李娜', '刘畅']);
    const r = resolveFollowUp([user('谁谈到了短板？'), assistant(answer), user('他们还说了什么？')], names);
    expect(r.carriedSpeakers).toEqual(['李娜', '刘畅']);
  });

  it('reads the items of a list answer', () => {
    expect(listItems('马冠奎认为：“甲”[1]\n- “一要乙。”[2]\n- “二要丙。”[3]')).toEqual(['一要乙。', '二要丙。']);
    expect(listItems('刘畅认为：“甲”[1]')).toEqual([]);
  });

  it('points an ordinal follow-up at the item of the last list answer', () => {
    const list = '马冠奎认为：“以下几方面”[1]\n- “一要优化机制保障。”[2]\n- “二要加强基础研究。”[3]\n- “三要推进平台建设。”[4]';
    const r = resolveFollowUp([user('马冠奎提出了哪几点建议？'), assistant(list), user('第三点呢？')], names);
    expect(r).toMatchObject({ kind: 'list-item', referencedText: '三要推进平台建设。' });
    expect(r.query).toContain('三要推进平台建设');
  });

  it('continues a list answer on 还有呢', () => {
    const list = '马冠奎认为：“以下几方面”[1]\n- “一要优化机制保障。”[2]\n- “二要加强基础研究。”[3]';
    const r = resolveFollowUp([user('马冠奎提出了哪几点建议？'), assistant(list), user('还有呢？')], names);
    expect(r).toMatchObject({ kind: 'list-item', referencedText: '二要加强基础研究。', continuesList: true, query: '马冠奎提出了哪几点建议？' });
  });

  it('leaves an ordinal alone when the last answer was not a list', () => {
    const r = resolveFollowUp([user('马冠奎说第二要做的是什么？'), assistant('马冠奎认为：“二要加强基础研究。”[1]'), user('那第三呢？')], names);
    expect(r.kind).not.toBe('list-item');
  });

  it('reads a follow-up with no topic of its own (为什么, 展开讲讲, 具体呢, 还有呢) as the question before, with its people', () => {
    const why = resolveFollowUp([user('王中毅怎么看传统产业升级？'), assistant('王中毅（…）认为：“…”[1]'), user('为什么？')], names);
    expect(why).toMatchObject({ kind: 'ellipsis', carriedSpeakers: ['王中毅'] });
    expect(why.query).toContain('传统产业');
    for (const followUp of ['展开讲讲', '具体呢？', '还有呢']) {
      const r = resolveFollowUp([user('马冠奎怎么看科技人才队伍？'), assistant('马冠奎（…）认为：“…”[1]'), user(followUp)], names);
      expect(r.query, followUp).toContain('人才');
      expect(r.carriedSpeakers, followUp).toEqual(['马冠奎']);
    }
  });

  it('resolves a follow-up through the follow-up before it, and marks 谁说的 as asking who said it', () => {
    const r = resolveFollowUp([user('青海发展新质生产力有什么优势？'), assistant('……'), user('那短板呢？'), assistant('……'), user('是谁讲的？')], names);
    expect(r.query).toContain('短板');
    expect(r.query).not.toContain('优势');
    expect(r.asksWhoSaid).toBe(true);
    expect(resolveFollowUp([user('青海的短板是什么？'), user('为什么？')], names).asksWhoSaid).toBeUndefined();
  });

  it('reads 是哪位专家提的？ and 哪个嘉宾说的？ as asking who said what was asked before', () => {
    for (const followUp of ['是哪位专家提的？', '是哪一位说的？', '是什么人讲的？']) {
      const r = resolveFollowUp([user('文章里提到RCEP了吗？'), assistant('……'), user(followUp)], names);
      expect(r.query, followUp).toContain('RCEP');
      expect(r.asksWhoSaid, followUp).toBe(true);
    }
    // A who-question with a topic of its own is not a follow-up.
    expect(resolveFollowUp([user('文章里提到RCEP了吗？'), assistant('……'), user('哪位专家谈到了人才？')], names).query).not.toContain('RCEP');
  });

  it('keeps the whole topic for a question with no subject (有哪些难点？)', () => {
    const r = resolveFollowUp([user('魏晓强怎么看数据要素？'), assistant('……'), user('有哪些难点？')], names);
    expect(r.query).toContain('数据');
    expect(r.query).toContain('难点');
    expect(r.carriedSpeakers).toEqual(['魏晓强']);
  });

  it('puts the person a follow-up names in place of the one asked about before, keeping the topic', () => {
    const r = resolveFollowUp([user('王中毅怎么看产业链的短板？'), assistant('……'), user('那魏晓强呢？')], names);
    expect(r.query).toContain('魏晓强');
    expect(r.query).toContain('短板');
    expect(r.query).toContain('产业链');
    expect(r.query).not.toContain('王中毅');
  });

  it('reads a pronoun before a named person as the person talked about, beside the one named', () => {
    const r = resolveFollowUp([user('任君怎么看人才引进？'), assistant('任君（…）认为：“…”[1]'), user('他的看法和李娜一样吗？')], names);
    expect(r).toMatchObject({ kind: 'pronoun', carriedSpeakers: ['任君'] });
    expect(r.query).toContain('任君');
    expect(r.query).toContain('李娜');
    // After a name the pronoun is that name.
    expect(resolveFollowUp([user('任君怎么看人才引进？'), user('李娜说她最看重什么？')], names).query).toBe('李娜说她最看重什么？');
  });

  it('searches a pronoun with nothing else asked (他为什么这么说？) on the topic of the question before', () => {
    const r = resolveFollowUp([user('马冠奎怎么看揭榜挂帅？'), assistant('马冠奎（…）认为：“…”[1]'), user('他为什么这么说？')], names);
    expect(r.query).toMatch(/^马冠奎为什么这么说？/u);
    expect(r.query).toMatch(/揭榜 ?挂帅/u);
  });

  it('reads a pronoun after an answer naming who answered a host question as those experts, on what they said there', () => {
    const answer = '主持人的问题“青海怎么做？”[1]由魏晓强回答：\n- 魏晓强（…）答道：“数据要素市场化配置改革要加快推进，还要……”[2]';
    expect(answerSubjects('主持人秦睿问：“青海怎么做？”[1]\n- 魏晓强（…）答道：“……”[2]', names, ['秦睿'])).toEqual(['魏晓强']);
    expect(answerSubjects('秦睿是本报记者。', names, ['秦睿'])).toEqual(['秦睿']);
    const r = resolveFollowUp([user('主持人第三个问题问的是什么？'), assistant('……'), user('是谁回答的？'), assistant(answer), user('他是怎么说的？')], names, { hosts: ['秦睿'] });
    expect(r.carriedSpeakers).toEqual(['魏晓强']);
    expect(r.query).toContain('数据要素市场化配置改革要加快推进');
    expect(r.query).not.toMatch(/主持人|回答/u);
  });
});
