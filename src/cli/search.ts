import { loadConfig } from '../config.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import { Retriever } from '../retrieval/retrieve.js';
import { CorpusError } from '../corpus/article.js';
import { articleOption } from '../index/article-sources.js';

/** `npm run search -- "问题" [-k 5] [--speaker 李娜] [--article ID]`: ranked passages, readable in a terminal. */
async function main(): Promise<void> {
  const { config, rest: args } = articleOption(loadConfig(), process.argv.slice(2));
  let k = 5;
  let speaker: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-k' || args[i] === '--k') k = Number(args[++i]);
    else if (args[i] === '--speaker') speaker = args[++i] ?? null;
    else words.push(args[i]!);
  }
  const query = words.join(' ').trim();
  if (!query || !Number.isInteger(k) || k < 1 || k > 20) {
    console.error('usage: npm run search -- "问题" [-k 1..20] [--speaker 姓名] [--article ID]');
    process.exitCode = 2;
    return;
  }
  const { index } = await loadOrBuildIndex(config, (m) => console.error(m));
  const { passages, mentionedSpeakers } = await new Retriever(index).retrieve(query, { k, speaker });
  if (mentionedSpeakers.length) console.log(`（问题提到：${mentionedSpeakers.join('、')}，优先其发言）`);
  if (passages.length === 0) console.log('文章中没有找到相关段落。');
  passages.forEach((p, i) => {
    const who = p.title ? `${p.speaker}（${p.title}）` : p.speaker;
    console.log(`\n[${i + 1}] ${who}  ·  ${p.section}  ·  第 ${p.paragraph} 段 ${p.start}–${p.end}  ·  score ${p.score}`);
    if (p.quoting) console.log(`    （此处引用${p.quoting}的话）`);
    console.log(`    ${p.text}`);
  });
}

main().catch((error: unknown) => {
  // A corpus or `--article` problem is said in a line; anything else with its stack.
  console.error(error instanceof CorpusError ? error.message : error);
  process.exitCode = error instanceof CorpusError ? 2 : 1;
});
