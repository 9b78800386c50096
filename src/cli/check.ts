import { QuoteVerifier, TextChecker, type CheckedQuotation, type CheckedTerm, type CheckTextResult } from '../check/index.js';
import { loadConfig } from '../config.js';
import { CorpusError } from '../corpus/article.js';
import { loadArticle } from '../corpus/parse-article.js';
import { articleOption } from '../index/article-sources.js';
import { MAX_CHECK_CHARS } from '../server/routes/check-post.js';
import { readTextFile, readTextStream, type TextInput } from './read-text-input.js';
import { terminalSafe, terminalSafeJson } from './terminal-text.js';

/**
 * `npm run check -- draft.txt` (or `… | npm run check`): every quotation of a text, one line each,
 * with whether the article has it and whether the person it is credited to said it. Exits 1 when a
 * quotation is not in the article or is credited to the wrong person, 2 on bad input, so it can
 * stop an editorial pipeline. `--json` prints the same report as `POST /api/check`.
 */

const STATUS = { verbatim: '原话', altered: '有改动', not_found: '原文中没有' } as const;

const clip = (text: string, max = 36) => {
  const flat = text.replace(/\s+/gu, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** One line for one quotation: `✗ 张冠李戴  第1行  马冠奎 → 原文是李娜说的  “青海最大的短板……”`. */
export function formatQuotation(q: CheckedQuotation, text: string): string {
  const line = text.slice(0, q.start).split('\n').length;
  const bad = q.status === 'not_found' || q.attribution === 'wrong';
  const mark = bad ? '✗' : q.status === 'altered' || q.attribution === 'unclaimed' ? '△' : '✓';
  const named = q.claimedAs && q.claimedAs !== q.claimed ? `${q.claimedAs}（${q.claimed}）` : q.claimed;
  // A credit the checker is unsure of (carried from a lead sentence, or one of two people named) says so.
  const claimed = !q.claimed ? '未注明出处' : q.claimConfidence !== undefined ? `出处可能是${q.claimed}（不确定）` : named!;
  let verdict: string;
  if (q.status === 'not_found') verdict = `${claimed} → 原文中没有这句话`;
  else if (q.attribution === 'wrong') verdict = `${claimed} → 张冠李戴，原文是${q.speaker}说的`;
  else verdict = `${claimed} → ${q.speaker}${q.quoting ? `（转述${q.quoting}）` : ''}`;
  const where = q.source ? `  原文第${q.source.paragraph}段` : '';
  const changes = q.source?.changes?.length
    ? `  改动：${q.source.changes.map((c) => `${c.type === 'deleted' ? '-' : '+'}${clip(c.text, 12)}`).join(' ')}`
    : '';
  const label = q.attribution === 'wrong' ? (q.status === 'verbatim' ? '张冠李戴' : '有改动且张冠李戴') : STATUS[q.status];
  // Notes go last, so the line keeps the shape scripts read (`△ 有改动  第3行 …`).
  const notes = `${q.elided ? '  （有省略）' : ''}${q.figureChanged ? '  数字有改动' : ''}`;
  return `${mark} ${label}  第${line}行  ${verdict}  “${clip(q.text)}”${where}${changes}${notes}`;
}

/** One line for a quoted term: `· 术语  第1行  “四地”  出现于原文  原文第32段`; a term is never an invented quotation. */
export function formatTerm(t: CheckedTerm, text: string): string {
  const line = text.slice(0, t.start).split('\n').length;
  const verdict = t.inArticle ? `出现于原文${t.source ? `  原文第${t.source.paragraph}段` : ''}` : '原文没有这个说法（是文中的提法，不是引文）';
  return `· 术语  第${line}行  “${clip(t.text)}”  ${verdict}`;
}

/** The quotations' and the terms' lines, in text order. */
export function formatLines(result: CheckTextResult, text: string): string[] {
  const lines = [
    ...result.quotations.map((q) => ({ at: q.start, line: formatQuotation(q, text) })),
    ...result.terms.map((t) => ({ at: t.start, line: formatTerm(t, text) })),
  ];
  return lines.sort((a, b) => a.at - b.at).map((l) => l.line);
}

/** The summary line. */
export function formatSummary(result: CheckTextResult): string {
  const { summary: s } = result;
  const terms = s.terms.inArticle + s.terms.notInArticle;
  return `共 ${s.quotations} 处引文：原话 ${s.status.verbatim}，有改动 ${s.status.altered}，原文中没有 ${s.status.not_found}；出处正确 ${s.attribution.correct}，张冠李戴 ${s.attribution.wrong}，未注明出处 ${s.attribution.unclaimed}${s.figureChanged ? `；数字有改动 ${s.figureChanged}` : ''}${terms ? `；术语 ${terms}（出现于原文 ${s.terms.inArticle}，原文没有 ${s.terms.notInArticle}）` : ''}${s.unclosed ? `；${s.unclosed} 个引号没有配对` : ''}。`;
}

async function main(): Promise<void> {
  let scoped: ReturnType<typeof articleOption<ReturnType<typeof loadConfig>>>;
  try {
    scoped = articleOption(loadConfig(), process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    console.error(terminalSafe(error.message));
    process.exitCode = 2;
    return;
  }
  const args = scoped.rest;
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length > 1 || (files.length === 0 && process.stdin.isTTY)) {
    console.error('usage: npm run check -- draft.txt [--json] [--article ID]   |   cat draft.txt | npm run check [-- --article ID]');
    process.exitCode = 2;
    return;
  }
  let input: TextInput;
  try {
    // Never more than the limit could need: `/dev/zero` or an endless pipe stops at the limit.
    input = files[0] && files[0] !== '-' ? await readTextFile(files[0], MAX_CHECK_CHARS) : await readTextStream(process.stdin, MAX_CHECK_CHARS);
  } catch (error) {
    console.error(terminalSafe(`cannot read ${files[0] ?? 'standard input'}: ${(error as Error).message}`));
    process.exitCode = 2;
    return;
  }
  if (input.tooLong) {
    console.error(`the text has more than ${MAX_CHECK_CHARS} characters; at most ${MAX_CHECK_CHARS} can be checked at once`);
    process.exitCode = 2;
    return;
  }
  const { text } = input;
  if (text.trim() === '') {
    console.error('the text is empty');
    process.exitCode = 2;
    return;
  }
  const { article } = await loadArticle(scoped.config.corpusPath);
  const result = new TextChecker(article, new QuoteVerifier(article)).check(text);
  // The checked text's own control characters are shown, never sent to the terminal.
  if (json) console.log(terminalSafeJson(result));
  else {
    for (const line of formatLines(result, text)) console.log(terminalSafe(line));
    console.log(formatSummary(result));
  }
  process.exitCode = result.ok ? 0 : 1;
}

await main();
