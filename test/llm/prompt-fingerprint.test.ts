import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, LlmAnswerer } from '../../src/llm/answer-llm.js';
import { loadPrompts, type Prompts } from '../../src/llm/load-prompts.js';
import { PromptFingerprint } from '../../src/llm/prompt-fingerprint.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadQuestions, userTurns } from '../../src/eval/eval-set.js';
import type { SearchIndex } from '../../src/index/load-index.js';
import { converse, extractiveAnswerer } from '../support/test-chat.js';
import { loadTestIndex } from '../support/test-index.js';

let index: SearchIndex;
let prompts: Prompts;
let llm: LlmAnswerer;
beforeAll(async () => {
  index = await loadTestIndex();
  prompts = await loadPrompts();
  // The model is never called here: only the fingerprint built with the answerer is used.
  const model = createChatModel({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'x', model: 'none', timeoutMs: 1000, temperature: 0 });
  llm = new LlmAnswerer(model, prompts, index.article);
});

describe('PromptFingerprint', () => {
  it('is built from every prompt in prompts/: each one is recognised when repeated', () => {
    for (const [name, text] of Object.entries(prompts)) {
      expect(llm.fingerprint.find(text), name).not.toBeNull();
    }
  });

  it('recognises the system prompt repeated in pieces, spaced out or in Traditional characters', () => {
    const rules = llm.systemPrompt().split('\n').slice(1).join('\n');
    expect(llm.fingerprint.find(rules)).not.toBeNull();
    expect(llm.fingerprint.find([...llm.canary].join(' '))).not.toBeNull();
    expect(llm.fingerprint.find(llm.canary.toLowerCase().replace(/-/gu, '_'))).not.toBeNull();
    const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })('直接引用原文时用中文引号，引号内必须与段落原文一字不差');
    expect(llm.fingerprint.find(traditional)).not.toBeNull();
    const filled = llm.buildMessages([], '青海的短板是什么？', []).at(-1)!.content as string;
    expect(llm.fingerprint.find(filled)).not.toBeNull();
  });

  it('does not flag an answer that quotes the article, names its people or says the article does not cover it', () => {
    const answer =
      '李娜认为，“青海最大的短板就是科技创新能力不足”[1]。刘畅指出，青海的优势在生态优势、产业基础和能源优势三个方面[2]。\n这篇访谈没有谈到这个问题。';
    expect(llm.fingerprint.find(answer)).toBeNull();
    for (const p of index.article.paragraphs) expect(llm.fingerprint.find(p.text)).toBeNull();
    for (const s of index.article.speakers) expect(llm.fingerprint.find(`${s.name}（${s.title ?? ''}）`)).toBeNull();
  });

  it('does not flag any extractive answer of the dev set', async () => {
    const answerer = await extractiveAnswerer();
    const items = await loadQuestions(join(PROJECT_ROOT, 'eval/dev.jsonl'));
    for (const item of items) {
      const r = await converse(answerer, userTurns(item));
      expect(llm.fingerprint.find(r.answer), item.id).toBeNull();
    }
  });

  it('leaves out placeholders and the examples a prompt quotes', () => {
    const fingerprint = PromptFingerprint.fromPrompts(['请直接说"这篇访谈没有谈到这个问题"，题为《{{title}}》的访谈'], { window: 6 });
    expect(fingerprint.find('这篇访谈没有谈到这个问题')).toBeNull();
    expect(fingerprint.find('{{title}}')).toBeNull();
    expect(fingerprint.size).toBe(0);
  });
});
