import { createInterface } from 'node:readline/promises';
import { createChatModel, LlmAnswerer } from '../llm/answer-llm.js';
import type { ChatResponse } from '../answer/answer-types.js';
import { speakerLabel } from '../answer/compose-answer.js';
import { loadPrompts } from '../llm/load-prompts.js';
import { loadConfig } from '../config.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import { buildServices } from '../app/build-services.js';
import { CorpusError } from '../corpus/article.js';
import { articleOption } from '../index/article-sources.js';

/**
 * `npm run ask -- "问题"`: the answer with its citations under it.
 * `npm run ask -- --chat`: a multi-turn session in the terminal (empty line or Ctrl-D to leave).
 */
function print(response: ChatResponse): void {
  console.log(`\n${response.answer}`);
  if (response.citations.length > 0) {
    console.log('\n来源：');
    for (const c of response.citations) {
      console.log(`[${c.n}] ${speakerLabel(c)} · ${c.section} · 第 ${c.paragraph} 段 ${c.start}–${c.end}${c.quoting ? ` · 引用${c.quoting}` : ''}`);
      console.log(`    “${c.quote}”`);
    }
  }
  const notes = [response.mode === 'llm' ? '模型回答' : '原文摘录', response.fallback ? '模型失败，已改用原文摘录' : null, response.query !== undefined ? `检索：${response.query}` : null];
  console.log(`\n（${notes.filter(Boolean).join('；')}）`);
  for (const w of response.warnings ?? []) {
    const label = w.type === 'unverified_quote' ? '原文中找不到的引文' : w.type === 'misattributed_quote' ? `张冠李戴（原文是${w.speaker}说的）` : '无效的引用标记';
    console.log(`⚠ ${label}：${w.text}`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { config: scoped, rest: args } = articleOption(config, process.argv.slice(2));
  const chat = args.includes('--chat');
  const question = args.filter((a) => a !== '--chat').join(' ').trim();
  if (!chat && !question) {
    console.error('usage: npm run ask -- "问题" [--article ID]   |   npm run ask -- --chat [--article ID]');
    process.exitCode = 2;
    return;
  }
  const { index } = await loadOrBuildIndex(scoped, (m) => console.error(m));
  const llm = config.llm ? new LlmAnswerer(createChatModel(config.llm), await loadPrompts(), index.article) : null;
  const { answerer } = buildServices(index, { llm, llmTimeoutMs: config.llm?.timeoutMs });

  if (!chat) {
    print(await answerer.answer({ messages: [{ role: 'user', content: question }] }));
    return;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const messages: ConversationTurn[] = [];
  console.log(`关于《${index.article.title}》的问答。输入问题，空行或 Ctrl-D 退出。`);
  rl.setPrompt('\n问：');
  rl.prompt();
  // Iterating the lines (rather than asking question by question) keeps piped input from being lost.
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) break;
    messages.push({ role: 'user', content: line.slice(0, 500) });
    const response = await answerer.answer({ messages: messages.slice(-20) });
    messages.push({ role: 'assistant', content: response.answer });
    print(response);
    rl.prompt();
  }
  rl.close();
}

main().catch((error: unknown) => {
  // A corpus or `--article` problem is said in a line; anything else with its stack.
  console.error(error instanceof CorpusError ? error.message : error);
  process.exitCode = error instanceof CorpusError ? 2 : 1;
});
