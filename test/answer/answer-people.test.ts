import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionAnswerer } from '../../src/answer/answer-question.js';
import { isValidCitation } from '../../src/answer/citations.js';
import type { Article } from '../../src/corpus/parse-article.js';
import { matchPeople, peoplePicked } from '../../src/retrieval/match-people.js';
import { classifyQuestion, guestPositionIn } from '../../src/retrieval/question-intent.js';
import { converse, extractiveAnswerer } from '../support/test-chat.js';
import { loadTestIndex } from '../support/test-index.js';

let answerer: QuestionAnswerer;
let article: Article;
beforeAll(async () => {
  answerer = await extractiveAnswerer();
  article = (await loadTestIndex()).article;
});

const ask = (question: string) => converse(answerer, [question]);
const guests = () => article.people.filter((p) => p.role === 'expert').map((p) => p.name);

describe('people by a part of their organisation', () => {
  it('reads a longer word of the question as one, not its pieces shared with other titles', () => {
    // `社会科学院` also shares `科学` with a `科学技术厅`; `省委党校` shares `省委` with a `省委…委员会`.
    for (const question of ['来自社会科学院的嘉宾是谁', '省委党校来的是谁']) {
      const picked = peoplePicked(matchPeople(question, article.people), article.people);
      expect(picked, question).toHaveLength(1);
    }
  });

  it('never says no guest has an attribute above the guest who has it', async () => {
    const r = await ask('来自党校的博士是谁？');
    const first = r.answer.split('\n')[0]!;
    expect(first).toContain('同时');
    // Only those who have one of the two are listed, not every guest and the host.
    expect(r.citations.length).toBeLessThan(guests().length);
    for (const c of r.citations) expect(isValidCitation(article, c)).toBe(true);
  });
});

describe('yes/no questions about one person\'s title', () => {
  it('opens with 是 when the title has what is asked, 不是 when it names another organisation, nothing when a degree is not written', async () => {
    expect((await ask('任君是在大学工作吗？')).answer).toMatch(/^是。任君/u);
    expect((await ask('李娜是不是青海大学的？')).answer).toMatch(/^不是。李娜/u);
    // The article does not say 马冠奎 has no doctorate: it just does not say he has one.
    const degree = (await ask('马冠奎有博士学位吗？')).answer;
    expect(degree).not.toMatch(/^(?:是|不是)。/u);
  });

  it('says 不是 of a body no title names (省发改委), never of one a title names in short (社科院 for 社会科学院)', async () => {
    const unknown = await ask('马冠奎是省发改委的干部吗');
    expect(unknown.answer).toMatch(/^不是。马冠奎在青海省科学技术厅/u);
    expect(unknown.citations[0]!.speaker).toBe('马冠奎');
    expect((await ask('刘畅是社科院的人吧')).answer).toMatch(/^是。刘畅/u);
    expect((await ask('马冠奎是科技厅的干部吗')).answer).toMatch(/^是。马冠奎/u);
  });

  it('gives no verdict when the post is a lesser one of the word asked (助理研究员 for 研究员), unless that is what is asked', async () => {
    expect((await ask('刘畅是研究员吗？')).answer).not.toMatch(/^(?:是|不是)。/u);
    expect((await ask('李娜是副教授吗？')).answer).toMatch(/^是。/u);
  });
});

describe('guests by place', () => {
  it('reads first, last and Nth guests, in the list or in the order they speak', () => {
    expect(guestPositionIn('第一位嘉宾是谁')).toEqual({ ordinal: 1, order: 'list' });
    expect(guestPositionIn('最后一位嘉宾叫什么名字')).toEqual({ ordinal: -1, order: 'list' });
    expect(guestPositionIn('嘉宾中的第3位是谁')).toEqual({ ordinal: 3, order: 'list' });
    expect(guestPositionIn('第一个发言的嘉宾是谁')).toEqual({ ordinal: 1, order: 'speaking' });
    expect(guestPositionIn('第一个问题是什么')).toBeNull();
    // The guest list named, a place in it without a counter; a place in speaking with no guest word.
    expect(guestPositionIn('嘉宾名单里排第二的是谁')).toEqual({ ordinal: 2, order: 'list' });
    expect(guestPositionIn('嘉宾名单上排在最后的是哪位')).toEqual({ ordinal: -1, order: 'list' });
    expect(guestPositionIn('最后一个发言的是谁')).toEqual({ ordinal: -1, order: 'speaking' });
    expect(guestPositionIn('第三个发言的是哪位专家')).toEqual({ ordinal: 3, order: 'speaking' });
    expect(guestPositionIn('第一位嘉宾怎么看人才问题')).toBeNull();
  });

  it('answers with that one guest and their guest-list line', async () => {
    const first = await ask('第一位嘉宾是谁？');
    expect(first.citations.map((c) => c.speaker)).toEqual([guests()[0]]);
    const last = await ask('最后一位嘉宾是谁？');
    expect(last.citations.map((c) => c.speaker)).toEqual([guests().at(-1)]);
    expect(last.answer).toContain(guests().at(-1)!);
  });

  it('answers the last to speak with the guest who has the last turn, not the last to speak first', async () => {
    const r = await ask('最后一个发言的是谁？');
    const lastTurn = article.paragraphs.findLast((p) => p.role === 'expert')!;
    expect(r.citations.map((c) => c.speaker)).toEqual([lastTurn.speaker]);
  });

  it('answers how many guests took part and from where, even asked with other words for the event (圆桌, 请)', async () => {
    expect((await ask('参加这次座谈的专家都有哪几位？')).answer).toContain(`${guests().length} 位`);
    const r = await ask('这场圆桌一共请了几位专家，分别来自哪些单位？');
    expect(r.answer).toContain(`${guests().length} 位`);
    expect(r.citations.map((c) => c.speaker)).toEqual(expect.arrayContaining(guests()));
  });

  it('says how many guests there are when asked for one past the last', async () => {
    const r = await ask('第九位嘉宾是谁？');
    expect(r.answer.split('\n')[0]).toContain(`只有 ${guests().length} 位嘉宾`);
  });

  it('keeps a content question that mentions guests a content question', () => {
    expect(classifyQuestion('嘉宾们怎么看人才问题？', guests(), article.people).kind).toBe('topic');
    expect(classifyQuestion('第一位嘉宾怎么看人才问题？', guests(), article.people).kind).toBe('topic');
  });
});

describe('people questions of two parts, and open questions about a title (blind18l, read)', () => {
  it('answers who is listed first and what their post is, asked together', async () => {
    expect(guestPositionIn('嘉宾名单里排第一位的是谁?什么职务?')).toMatchObject({ ordinal: 1 });
    const r = await ask('嘉宾名单里排第一位的是谁?什么职务?');
    expect(r.answer).toContain('王中毅');
    expect(r.answer).toContain('管委会副主任');
  });

  it('never opens an open question about someone (哪所大学…是什么？) with 是', async () => {
    const r = await ask('任君博士是在哪所大学拿的博士学位?主要研究方向是什么?');
    expect(r.answer.startsWith('是。')).toBe(false);
    // What the guest list does not give is said to be missing, before what it does give.
    expect(r.answer.split('\n')[0]).toContain('没有写任君的求学、研究方向等个人经历');
    expect(r.coverage).toBe('related');
    expect((await ask('任君是在大学工作吗？')).answer.startsWith('是。')).toBe(true);
  });
});
