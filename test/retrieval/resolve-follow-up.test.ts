import { describe, expect, it } from 'vitest';
import { answerSubjects, listItems, resolveFollowUp, type ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';

const names = ['秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];
const user = (content: string): ConversationTurn => ({ role: 'user', content });
const assistant = (content: string): ConversationTurn => ({ role: 'assistant', content });

describe('resolveFollowUp', () => {
  it('leaves a first question as it is', () => {
    expect(resolveFollowUp([user('什么是新质生产力？')], names)).toEqual({ query: '什么是新质生产力？', carriedSpeakers: [], kind: 'standalone' });
  });

  it('counts an ordinal within the part of the article the question before named, when no list answer is given', () => {
    const r = resolveFollowUp([user('第三部分主持人问了几个问题？'), user('第一个问题是谁回答的？')], names);
    expect(r).toEqual({ query: '第三部分第一个问题是谁回答的？', carriedSpeakers: [], kind: 'ellipsis' });
    // A follow-up that names its own part keeps it.
    expect(resolveFollowUp([user('第三部分主持人问了几个问题？'), user('第二部分第一个问题是谁回答的？')], names).query).toBe('第二部分第一个问题是谁回答的？');
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
});
