import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore, readStoredTurn } from '../../widget/conversation-store.js';

const citation = { n: 1, speaker: '李娜', role: 'expert', title: '青海省委党校教授', section: '一、', quote: '青海最大的短板', paragraph: 19, start: 0, end: 7, quoting: null };

describe('ConversationStore.load', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = new Map();
    const sessionStorage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    (globalThis as { window?: unknown }).window = { sessionStorage };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('keeps the rest of the conversation when one stored citation is null or damaged', () => {
    const store = new ConversationStore('http://bot.example');
    items.set(
      'qinghai-chat:http://bot.example',
      JSON.stringify({
        open: true,
        turns: [
          { role: 'user', content: '短板是什么？' },
          { role: 'assistant', content: '李娜认为：“青海最大的短板”[1]', citations: [null, citation, { n: '1' }, { ...citation, paragraph: -1 }], mode: 'extractive' },
          { role: 'assistant', content: 7 },
          null,
          { role: 'user', content: '还有呢？' },
        ],
      }),
    );
    const loaded = store.load();
    expect(loaded.open).toBe(true);
    expect(loaded.turns).toEqual([
      { role: 'user', content: '短板是什么？' },
      { role: 'assistant', content: '李娜认为：“青海最大的短板”[1]', citations: [citation], mode: 'extractive' },
      { role: 'user', content: '还有呢？' },
    ]);
  });

  it('starts afresh from storage that is not JSON', () => {
    items.set('qinghai-chat:e', '{');
    expect(new ConversationStore('e').load()).toEqual({ turns: [], open: false });
  });
});

describe('readStoredTurn', () => {
  it('drops a mode it does not know and keeps only a true fallback', () => {
    expect(readStoredTurn({ role: 'assistant', content: 'x', mode: 'magic', fallback: 'yes' })).toEqual({ role: 'assistant', content: 'x' });
    expect(readStoredTurn({ role: 'assistant', content: 'x', mode: 'llm', fallback: true })).toEqual({ role: 'assistant', content: 'x', mode: 'llm', fallback: true });
  });
});

describe('readStoredTurn: an answer\'s context', () => {
  const context = { kind: 'topic', topic: '短板是什么？', people: ['李娜'], items: [], at: null, cited: [{ paragraph: 23, start: 3, end: 86, speaker: '李娜' }] };

  it('keeps an answer\'s context, to send back with the next question after a reload', () => {
    expect(readStoredTurn({ role: 'assistant', content: 'x', context })).toEqual({ role: 'assistant', content: 'x', context });
  });

  it('drops a context without the fields the server requires, and any on a question', () => {
    expect(readStoredTurn({ role: 'assistant', content: 'x', context: { kind: 'topic' } })).toEqual({ role: 'assistant', content: 'x' });
    expect(readStoredTurn({ role: 'user', content: 'x', context })).toEqual({ role: 'user', content: 'x' });
  });
});
