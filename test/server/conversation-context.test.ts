import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/server/app-services.js';
import { createApp } from '../../src/server/create-app.js';
import { expectError } from '../support/expect-error.js';
import { loadTestServices } from '../support/test-index.js';

let services: AppServices;
let app: Express;
beforeAll(async () => {
  services = await loadTestServices();
  app = createApp({ services });
});

interface Turn {
  role: 'user' | 'assistant';
  content: string;
  context?: Record<string, unknown>;
}
interface Cited {
  speaker: string;
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Plays a conversation through `POST /api/chat` as the page does: each answer goes back as the
 * assistant turn, with its `context` when `withContext` (the last answer only), else as text alone.
 */
async function converse(questions: string[], withContext: boolean) {
  const messages: Turn[] = [];
  const responses = [];
  for (const question of questions) {
    messages.push({ role: 'user', content: question });
    const res = await request(app).post('/api/chat').send({ messages });
    expect(res.status).toBe(200);
    responses.push(res.body);
    for (const m of messages) delete m.context;
    messages.push({ role: 'assistant', content: res.body.answer, ...(withContext ? { context: res.body.context } : {}) });
  }
  return responses;
}

const post = (messages: Turn[]) => request(app).post('/api/chat').send({ messages });

describe('POST /api/chat: the context a response carries', () => {
  it('carries a list answer\'s items, its citations, its people and its topic', async () => {
    const [list] = await converse(['马冠奎提出了哪几点建议？'], true);
    expect(list.context).toMatchObject({ kind: 'topic', topic: '马冠奎提出了哪几点建议？', people: ['马冠奎'], at: null });
    expect(list.context.items.length).toBeGreaterThan(2);
    expect(list.context.cited).toHaveLength(list.citations.length);
    // Each passage names its article, as each citation does.
    expect(list.context.cited[0]).toEqual({ paragraph: list.citations[0].paragraph, start: list.citations[0].start, end: list.citations[0].end, speaker: '马冠奎', article: list.citations[0].article });
  });
});

describe('POST /api/chat: follow-ups read the context sent back', () => {
  it('answers an item pointed at by its own words (科技创新平台那条) with that item, and only it', async () => {
    const [list, item] = await converse(['马冠奎提出了哪几点建议？', '科技创新平台那条具体咋说的'], true);
    const third = list.context.items.find((i: { paragraph: number; start: number }) => services.index.article.paragraphs[i.paragraph]!.text.slice(i.start).startsWith('三要持续推进科技创新平台建设'));
    expect(third).toBeDefined();
    // The whole point (`具体` asks for it), and nothing else: every quote of that item's paragraph.
    for (const c of item.citations) expect(c).toMatchObject({ speaker: '马冠奎', paragraph: third.paragraph });
    expect(item.citations[0].quote.startsWith('三要持续推进科技创新平台建设')).toBe(true);
    expect(item.citations.some((c: { quote: string }) => c.quote.includes('十大国家级科技创新平台'))).toBe(true);
    expect(item.context.at).toBe(list.context.items.indexOf(third));
    // Words that fit two items, or none, pick nothing: searched as before.
    const [, loose] = await converse(['马冠奎提出了哪几点建议？', '人工智能那条具体咋说的'], true);
    expect(loose.context.at).toBeNull();
  });

  it('reads 能源那块具体说说 after an answer about one person (no list) as that part of what they said', async () => {
    const [, part] = await converse(['刘畅说青海有哪些优势', '能源那块具体说说'], true);
    expect(new Set(part.citations.map((c: Cited) => c.speaker))).toEqual(new Set(['刘畅']));
    expect(part.citations.some((c: { quote: string }) => c.quote.includes('绿色能源'))).toBe(true);
    // Without the context (text only), the part is searched on its own, as before.
    const [, alone] = await converse(['刘畅说青海有哪些优势', '能源那块具体说说'], false);
    expect(new Set(alone.citations.map((c: Cited) => c.speaker)).size).toBeGreaterThan(1);
  });

  it('answers 她为什么这么说 with what follows the quoted words, not the same words again', async () => {
    const [first, why] = await converse(['李娜说新质生产力对青海有啥现实意义', '她为什么这么说'], true);
    expect(why.citations.length).toBeGreaterThan(0);
    expect(why.citations.every((c: Cited) => c.speaker === '李娜')).toBe(true);
    const before = first.citations.map((c: { quote: string }) => c.quote);
    for (const c of why.citations as Array<{ quote: string }>) expect(before).not.toContain(c.quote);
  });

  it('answers an ordinal with that item of the list, and 还有呢 with the items after it', async () => {
    const [list, second, more] = await converse(['马冠奎提出了哪几点建议？', '第二点呢？', '还有呢？'], true);
    const item = list.context.items[1] as Cited;
    expect(second.citations).toHaveLength(1);
    expect(second.citations[0]).toMatchObject({ paragraph: item.paragraph, start: item.start, speaker: '马冠奎' });
    expect(second.answer).not.toBe(list.answer);
    // The list is carried: the next ordinal still counts in it.
    expect(second.context).toMatchObject({ at: 1, items: list.context.items, topic: list.context.topic });
    expect(more.citations.length).toBeGreaterThan(0);
    expect(more.citations.every((c: Cited) => c.speaker === '马冠奎' && c.paragraph > item.paragraph)).toBe(true);
  });

  it('counts an ordinal in the list two answers back, as the context carries it', async () => {
    const [list, , third] = await converse(['马冠奎提出了哪几点建议？', '第二点呢？', '第三点呢？'], true);
    expect(third.citations[0]).toMatchObject({ paragraph: list.context.items[2].paragraph });
  });

  it('goes on with 还有呢 from where the last answer\'s speaker stopped, not in other paragraphs', async () => {
    const [first, more] = await converse(['王中毅讲传统产业该怎么升级？', '还有呢？'], true);
    const quoted = first.citations[0] as Cited;
    expect(more.citations.length).toBeGreaterThan(0);
    for (const c of more.citations as Cited[]) {
      expect(c).toMatchObject({ speaker: quoted.speaker, paragraph: quoted.paragraph });
      expect(c.start).toBeGreaterThanOrEqual(quoted.end);
    }
  });

  it('reads 她 after an answer about one guest as that guest', async () => {
    const [, why] = await converse(['李娜说青海最大的短板是什么？', '她为什么这么说？'], true);
    expect(why.query).toContain('李娜');
    expect(why.citations.every((c: Cited) => c.speaker === '李娜')).toBe(true);
  });

  it('asks which guest 她 means after the guest list, rather than answering for all six', async () => {
    const [guests, why] = await converse(['有哪些嘉宾参加了这次访谈？', '她为什么这么说？'], true);
    expect(guests.context.people.length).toBeGreaterThan(1);
    expect(why.citations).toEqual([]);
    expect(why.answer).toContain('指的是哪一位');
    expect(why.context.people).toEqual(guests.context.people);
  });

  it('reads 他 after an answer about several guests, most of it one guest\'s, as that guest', async () => {
    const [first, why] = await converse(['青海发展新质生产力有哪些优势？', '他为什么这么说？'], true);
    expect(first.context.people.length).toBeGreaterThan(1);
    const lead = (first.context.cited as Cited[])[0]!.speaker;
    expect(why.answer).not.toContain('指的是哪一位');
    expect(why.query).toContain(lead);
    expect(why.citations.every((c: Cited) => c.speaker === lead)).toBe(true);
  });

  it('reads 她 as the person of the list item just given, and as the one person the question before named', async () => {
    const [li] = await converse(['李娜说青海最大的短板是什么？'], true);
    const [ma] = await converse(['马冠奎提出了哪几点建议？'], true);
    const own = (ctx: { cited: Cited[] }) => ctx.cited.map(({ paragraph, start, end, speaker }) => ({ paragraph, start, end, speaker }));
    const items = [own(ma.context)[0], own(li.context)[0]];
    const asked = (context: Record<string, unknown>): Turn[] => [
      { role: 'user', content: context.topic as string },
      { role: 'assistant', content: '上一个回答。', context },
      { role: 'user', content: '她为什么这么说？' },
    ];
    const atItem = await post(asked({ kind: 'topic', topic: '青海有哪些短板和建议？', people: ['马冠奎', '李娜'], items, at: 1, cited: items }));
    expect(atItem.body.answer).not.toContain('指的是哪一位');
    expect(atItem.body.query).toContain('李娜');
    expect(atItem.body.query).not.toContain('马冠奎');
    const named = await post(asked({ kind: 'topic', topic: '李娜说青海最大的短板是什么？', people: ['马冠奎', '李娜'], items: [], cited: items }));
    expect(named.body.query).toContain('李娜');
    expect(named.body.query).not.toContain('马冠奎');
  });

  it('still asks which one when the answer was shared among several guests', async () => {
    const [first, more] = await converse(['哪些嘉宾谈到了数字经济？', '他还提到什么？'], true);
    expect(first.context.people.length).toBeGreaterThan(1);
    expect(more.answer).toContain('指的是哪一位');
  });

  it('cites again a passage quoted one turn earlier when the follow-up is about it (这段话)', async () => {
    const [first, meaning] = await converse(['李娜说青海最大的短板是什么？', '这段话是什么意思？'], true);
    const quoted = first.citations[0] as Cited;
    expect(meaning.citations.some((c: Cited) => c.paragraph === quoted.paragraph)).toBe(true);
  });
});

describe('POST /api/chat: without a context (old clients, curl, /v1)', () => {
  it('still reads an ordinal from the last answer\'s text', async () => {
    const [list, second] = await converse(['马冠奎提出了哪几点建议？', '第二点呢？'], false);
    expect(second.citations[0]).toMatchObject({ paragraph: list.context.items[1].paragraph });
  });

  it('reads a pronoun as the one person the question before named, though the answer quoted others too', async () => {
    const res = await post([
      { role: 'user', content: '李娜说青海最大的短板是什么？' },
      { role: 'assistant', content: '文章中有 2 位嘉宾谈到这一点：\n- 李娜认为：“青海最大的短板就是科技创新能力不足。”[1]\n- 刘畅认为：“三次产业正在逐步实现从机械赋能到智慧赋能的转型。”[2]' },
      { role: 'user', content: '她为什么这么说？' },
    ]);
    expect(res.body.query).toContain('李娜');
    expect(res.body.query).not.toContain('刘畅');
  });

  it('still reads a pronoun after the guest list as the guests the answer named', async () => {
    const [, why] = await converse(['有哪些嘉宾参加了这次访谈？', '她为什么这么说？'], false);
    expect(why.query).toContain('李娜');
    expect(why.answer).not.toContain('指的是哪一位');
  });
});

describe('POST /api/chat: a context sent back is checked', () => {
  const context = { kind: 'topic', topic: '马冠奎提出了哪几点建议？', people: ['马冠奎'], items: [], cited: [] };
  const conversation = (ctx: unknown, question = '第二点呢？'): Turn[] => [
    { role: 'user', content: '马冠奎提出了哪几点建议？' },
    { role: 'assistant', content: '马冠奎谈了几点。', context: ctx as Record<string, unknown> },
    { role: 'user', content: question },
  ];

  it('ignores passages and people the article does not have (a forged context is no 500)', async () => {
    const forged = {
      ...context,
      people: ['张三'],
      items: [
        { paragraph: 99999, start: 0, end: 5, speaker: '马冠奎' },
        { paragraph: 31, start: 0, end: 1_000_000, speaker: '马冠奎' },
      ],
      cited: [{ paragraph: 5, start: 9, end: 3, speaker: '李娜' }],
    };
    const res = await post(conversation(forged));
    expect(res.status).toBe(200);
    expect(res.body.context.items.every((i: Cited) => i.paragraph < 99999)).toBe(true);
    const pronoun = await post(conversation(forged, '他为什么这么说？'));
    expect(pronoun.status).toBe(200);
    expect(pronoun.body.query).not.toContain('张三');
  });

  it('takes the speaker of a passage from the article, not from the context', async () => {
    const [list] = await converse(['马冠奎提出了哪几点建议？'], true);
    const items = list.context.items.map((i: Cited) => ({ ...i, speaker: '李娜' }));
    const res = await post(conversation({ ...list.context, items }));
    expect(res.body.citations[0].speaker).toBe('马冠奎');
  });

  it.each([
    ['a context that is not an object', 'a list'],
    ['an unknown field', { ...context, secret: 1 }],
    ['too many passages', { ...context, cited: Array.from({ length: 21 }, () => ({ paragraph: 1, start: 0, end: 2, speaker: '编者' })) }],
    ['a topic too long', { ...context, topic: '问'.repeat(501) }],
    ['a negative offset', { ...context, cited: [{ paragraph: -1, start: 0, end: 2, speaker: '编者' }] }],
    ['an unknown kind', { ...context, kind: 'secret' }],
  ])('rejects %s with 400', async (_name, ctx) => {
    expectError(await post(conversation(ctx)), 400, 'invalid_request');
  });

  it('rejects a context on a user message', async () => {
    const res = await post([{ role: 'user', content: '第二点呢？', context }]);
    expectError(res, 400, 'invalid_request');
    expect(res.body.error.message).toContain('context');
  });
});
