import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChatResponse } from '../answer/answer-types.js';
import { buildServices } from '../app/build-services.js';
import { loadConfig } from '../config.js';
import { chatOverHttp, listenForEval } from '../eval/eval-http.js';
import { loadQuestions, userTurns } from '../eval/eval-set.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import { defaultArticleConfig } from '../index/load-library.js';
import type { ConversationTurn } from '../retrieval/resolve-follow-up.js';
import { createApp } from '../server/create-app.js';

const USAGE = 'usage: npm run answer-sheet -- QUESTIONS.jsonl > sheet.jsonl';

/**
 * `npm run answer-sheet -- questions.jsonl`: the answers a reader sees, for a reader to grade (the
 * rubric in `eval/README.md`). Each question of the file (the eval format: `question` or `turns`) is
 * asked through `POST /api/chat` as the page asks it, a conversation turn by turn with the bot's own
 * answers in between; each line printed is one item with every turn's answer rendered as on screen:
 * the answer text, then its citations as `[n] 说话人（身份）：“原话”`. Nothing is scored here: the
 * grader reads the article and the sheet, never the code.
 */
function render(response: ChatResponse): string {
  const sources = response.citations.map((c) => `[${c.n}] ${c.speaker}${c.title ? `（${c.title}）` : ''}：“${c.displayQuote}”`);
  return [response.answer, ...(sources.length > 0 ? ['', '出处：', ...sources] : [])].join('\n');
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const items = await loadQuestions(resolve(positionals[0]!));
  const { index } = await loadOrBuildIndex(defaultArticleConfig(loadConfig()), (m) => console.error(m));
  const server = await listenForEval(createApp({ services: buildServices(index) }));
  try {
    const chat = chatOverHttp(server.url);
    for (const item of items) {
      const messages: ConversationTurn[] = [];
      const turns: Array<{ question: string; answer: string; coverage: string | null }> = [];
      for (const question of userTurns(item)) {
        messages.push({ role: 'user', content: question });
        const response = await chat(messages);
        messages.push({ role: 'assistant', content: response.answer });
        turns.push({ question, answer: render(response), coverage: response.coverage ?? null });
      }
      console.log(JSON.stringify({ id: item.id, tags: item.tags ?? [], turns }));
    }
  } finally {
    await server.close();
  }
}

await main();
