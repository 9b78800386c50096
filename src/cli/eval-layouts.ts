import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as OpenCC from 'opencc-js';
import { z } from 'zod';
import { buildLibraryServices } from '../app/build-services.js';
import { loadConfig } from '../config.js';
import { foldText } from '../corpus/normalize-text.js';
import { listenForEval } from '../eval/eval-http.js';
import { loadOrBuildLibrary } from '../index/load-library.js';
import { createApp } from '../server/create-app.js';

const USAGE = 'usage: npm run eval:layouts -- DIR [--failures] [--json]   (DIR: articles/*.txt, gold.jsonl, questions.jsonl)';

/**
 * `npm run eval:layouts -- DIR`: how well articles in other layouts are read, through HTTP. DIR holds
 * `articles/*.txt` (one article a file), `gold.jsonl` (`{file, text, speaker}`: who said a verbatim
 * passage) and `questions.jsonl` (`{file, question, speaker}`: a who-said question and the one person
 * whose words answer it). The articles are served as a library of their own (a temporary corpus and
 * index); each passage is looked up in `GET /api/article?article=ID` and each question asked of
 * `POST /api/chat` scoped to its article. A passage is right, wrong, unattributed (the reading
 * declines to name a speaker, or marks the paragraph doubtful) or refused (the article is not
 * served, and `GET /api/articles` says why). A wrong passage is a silent misattribution (a paragraph
 * the reading marks doubtful counts as unattributed), the one outcome that must not happen; an
 * article with one is listed as served silently wrong.
 */

const goldLine = z.object({ file: z.string(), text: z.string(), speaker: z.string(), role: z.string().optional() });
const questionLine = z.object({ file: z.string(), question: z.string(), speaker: z.string() });

interface SpeechSpan {
  start: number;
  end: number;
  speaker: string;
}
interface ServedParagraph {
  id: number;
  speaker: string;
  role: string;
  text: string;
  speeches?: SpeechSpan[];
  attribution?: { method: string };
}
interface ServedArticle {
  paragraphs: ServedParagraph[];
  doubts?: Array<{ paragraph: number }>;
}

type PassageOutcome = 'right' | 'wrong' | 'unattributed' | 'refused' | 'not-found';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fold = (text: string) => foldText(toSimplified(text));

/** Gold names a host or reporter the text never names by the role word; the reading may name them by role too. */
const ROLE_WORDS: Record<string, string[]> = { 主持人: ['host'], 记者: ['host', 'author'], 解说: ['narration', 'editor'] };

function sameSpeaker(gold: string, speaker: string, role: string): boolean {
  if (fold(gold) === fold(speaker)) return true;
  return (ROLE_WORDS[gold] ?? []).includes(role) && (speaker === '' || speaker === gold || /^(主持人|记者|解说)$/u.test(speaker));
}

function readJsonLines<T>(text: string, schema: z.ZodType<T>): T[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => schema.parse(JSON.parse(l)));
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { failures: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const dir = resolve(positionals[0]!);
  const gold = readJsonLines(await readFile(join(dir, 'gold.jsonl'), 'utf8'), goldLine);
  const questions = readJsonLines(await readFile(join(dir, 'questions.jsonl'), 'utf8'), questionLine);
  const work = await mkdtemp(join(tmpdir(), 'eval-layouts-'));
  try {
    await cp(join(dir, 'articles'), join(work, 'corpus'), { recursive: true });
    const files = (await readdir(join(work, 'corpus'))).filter((f) => f.endsWith('.txt')).sort();
    const config = { ...loadConfig(), corpusPath: join(work, 'corpus'), indexDir: join(work, 'index') };
    const library = await loadOrBuildLibrary(config, () => {});
    const server = await listenForEval(createApp({ services: buildLibraryServices(library) }));
    try {
      const perFile = new Map<string, { status: 'served' | 'marked' | 'refused'; reason: string | null; passages: Record<PassageOutcome, number>; questions: { right: number; total: number } }>();
      const articles = new Map<string, ServedArticle | null>();
      const listing = (await getJson(`${server.url}/api/articles`)).body as { unavailable: Array<{ id: string; message: string }> };
      for (const file of files) {
        const id = file.replace(/\.txt$/u, '');
        const refused = listing.unavailable.find((u) => u.id === id);
        const got = refused ? null : ((await getJson(`${server.url}/api/article?article=${encodeURIComponent(id)}`)).body as ServedArticle);
        articles.set(file, got);
        const marked = got !== null && ((got.doubts?.length ?? 0) > 0 || got.paragraphs.some((p) => p.role === 'unattributed'));
        perFile.set(file, {
          status: refused ? 'refused' : marked ? 'marked' : 'served',
          reason: refused?.message ?? null,
          passages: { right: 0, wrong: 0, unattributed: 0, refused: 0, 'not-found': 0 },
          questions: { right: 0, total: 0 },
        });
      }
      const failures: string[] = [];
      for (const g of gold) {
        const article = articles.get(g.file);
        const stats = perFile.get(g.file);
        if (!stats) throw new Error(`gold names ${g.file}, which is not in ${dir}/articles`);
        let outcome: PassageOutcome;
        let said = '';
        if (!article) outcome = 'refused';
        else {
          const wanted = fold(g.text);
          const paragraph = article.paragraphs.find((p) => fold(p.text).includes(wanted));
          if (!paragraph) outcome = 'not-found';
          else {
            // The speech the passage's first word is in: quotation marks at its edge are no one's words
            // (`speech-at.ts` reads a citation's speaker the same way).
            let at = paragraph.text.replace(/\s+/gu, '').length > 0 ? locate(paragraph.text, g.text) : -1;
            while (at >= 0 && at < paragraph.text.length && /[\s“”‘’「」『』"']/u.test(paragraph.text[at]!)) at++;
            const span = paragraph.speeches?.find((s) => at >= s.start && at < s.end);
            const speaker = span?.speaker ?? paragraph.speaker;
            const role = span ? 'speech' : paragraph.role;
            said = `${speaker}/${role}${paragraph.attribution ? `/${paragraph.attribution.method}` : ''}`;
            const doubtful = article.doubts?.some((d) => d.paragraph === paragraph.id) ?? false;
            if (role === 'unattributed' || (!span && doubtful)) outcome = 'unattributed';
            else outcome = sameSpeaker(g.speaker, speaker, role) ? 'right' : 'wrong';
          }
        }
        stats.passages[outcome] += 1;
        if (outcome !== 'right') failures.push(`passage ${g.file} ${outcome}: “${g.text}” gold ${g.speaker}, read ${said || '-'}`);
      }
      for (const q of questions) {
        const stats = perFile.get(q.file)!;
        stats.questions.total += 1;
        const response = await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: q.question }], article: q.file.replace(/\.txt$/u, '') }),
        });
        const body = (await response.json()) as { answer?: string; citations?: Array<{ speaker: string; role: string; quoting?: string | null }> };
        const first = body.citations?.[0];
        // Words a speaker relays (`韩志强转述彭德安的话`) are presented as the quoted person's: theirs is the name checked.
        const right = response.status === 200 && first !== undefined && (first.quoting ? sameSpeaker(q.speaker, first.quoting, 'quoted') : sameSpeaker(q.speaker, first.speaker, first.role));
        if (right) stats.questions.right += 1;
        else failures.push(`question ${q.file}: ${q.question} gold ${q.speaker}, cited ${first ? (first.quoting ? `${first.quoting} (relayed by ${first.speaker})` : first.speaker) : `none (${response.status})`}: ${(body.answer ?? '').split('\n')[0]!.slice(0, 60)}`);
      }
      const rows = [...perFile].map(([file, s]) => {
        const total = Object.values(s.passages).reduce((a, b) => a + b, 0);
        // A wrong passage is always silent: a paragraph the reading doubts counts as unattributed, not wrong.
        const silentlyWrong = s.passages.wrong > 0;
        return { file, ...s, total, silentlyWrong };
      });
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
      const totals = {
        passages: sum((r) => r.total),
        right: sum((r) => r.passages.right),
        wrong: sum((r) => r.passages.wrong),
        questions: sum((r) => r.questions.total),
        questionsRight: sum((r) => r.questions.right),
        silentlyWrong: rows.filter((r) => r.silentlyWrong).map((r) => r.file),
      };
      if (values.json) {
        console.log(JSON.stringify({ rows, totals, failures }, null, 2));
        return;
      }
      console.log('file                          status   right wrong unattr refused notfound  who-said');
      for (const r of rows) {
        const p = r.passages;
        console.log(`${r.file.padEnd(30)}${r.status.padEnd(9)}${String(p.right).padStart(5)}${String(p.wrong).padStart(6)}${String(p.unattributed).padStart(7)}${String(p.refused).padStart(8)}${String(p['not-found']).padStart(9)}   ${r.questions.right}/${r.questions.total}${r.silentlyWrong ? '  SILENTLY WRONG' : ''}${r.reason ? `  (${r.reason})` : ''}`);
      }
      console.log(`\npassages attributed right: ${totals.right}/${totals.passages} (${(totals.right / totals.passages).toFixed(3)}), wrong ${totals.wrong}`);
      console.log(`who-said questions with the right speaker: ${totals.questionsRight}/${totals.questions} (${(totals.questionsRight / totals.questions).toFixed(3)})`);
      console.log(`articles served silently wrong: ${totals.silentlyWrong.length === 0 ? 'none' : totals.silentlyWrong.join(', ')}`);
      if (values.failures) console.log(`\n${failures.join('\n')}`);
    } finally {
      await server.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where a gold passage starts in a paragraph's text, comparing folded text; -1 when it is not there. */
function locate(text: string, passage: string): number {
  const wanted = fold(passage);
  for (let i = 0; i < text.length; i++) if (fold(text.slice(i)).startsWith(wanted)) return i;
  return -1;
}

await main();
