import { describe, expect, it } from 'vitest';
import { resolveFollowUp, type ConversationTurn } from '../../src/retrieval/resolve-follow-up.js';

const names = ['秦睿', '王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];
const user = (content: string): ConversationTurn => ({ role: 'user', content });
const assistant = (content: string): ConversationTurn => ({ role: 'assistant', content });

describe('resolveFollowUp', () => {
  it('leaves a first question as it is', () => {
    expect(resolveFollowUp([user('什么是新质生产力？')], names)).toEqual({ query: '什么是新质生产力？', carriedSpeakers: [], kind: 'standalone' });
  });

  it('replaces 他 with the expert the user asked about', () => {
    const r = resolveFollowUp([user('马冠奎是做什么工作的？'), assistant('马冠奎是青海省科学技术厅规划资管处副处长。'), user('他提出了哪几点建议？')], names);
    expect(r).toEqual({ query: '马冠奎提出了哪几点建议？', carriedSpeakers: ['马冠奎'], kind: 'pronoun' });
  });

  it('takes the expert from the last answer when the user named nobody', () => {
    const r = resolveFollowUp([user('谁提到了揭榜挂帅？'), assistant('任君（青海大学研究生院讲师(博士)）认为……[1]'), user('她还说了什么？')], names);
    expect(r.query).toBe('任君还说了什么？');
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
});
