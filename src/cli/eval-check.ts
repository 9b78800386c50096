import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildServices } from '../app/build-services.js';
import type { CheckedQuotation, CheckTextResult } from '../check/index.js';
import { loadConfig } from '../config.js';
import { foldText } from '../corpus/normalize-text.js';
import { listenForEval } from '../eval/eval-http.js';
import { loadOrBuildIndex } from '../index/load-index.js';
import { defaultArticleConfig } from '../index/load-library.js';
import { createApp } from '../server/create-app.js';

const USAGE = 'usage: npm run eval:check -- GOLD.jsonl [--failures]   (each line: file, quote, claimed, speaker, misattributed, kind)';

/**
 * `npm run eval:check -- gold.jsonl`: how the quote checker reads texts written about the article,
 * through `POST /api/check`. Each gold line names a text (`file`, relative to the gold file), a
 * quotation in it, whom the text credits it to (`claimed`, null when uncredited), who says it in the
 * article (`speaker`, null when it is not there), whether the credit is wrong (`misattributed`) and its
 * `kind` (`verbatim`, `altered`, `invented` or `term`). Reports: quotations found, status right,
 * claimed speaker right, attribution judged right, misattributions caught, terms read as terms.
 */
const goldLine = z.object({
  file: z.string(),
  quote: z.string(),
  claimed: z.string().nullable(),
  speaker: z.string().nullable(),
  misattributed: z.boolean(),
  kind: z.enum(['verbatim', 'altered', 'invented', 'term']),
});
type Gold = z.infer<typeof goldLine>;

/** Folded, without the sentence punctuation a writer may end a quotation with differently. */
const key = (text: string) => foldText(text).replace(/[。，,;；!！?？.、]+$/u, '');

const EXPECTED_STATUS = { verbatim: 'verbatim', altered: 'altered', invented: 'not_found' } as const;

function expectedAttribution(g: Gold): CheckedQuotation['attribution'] {
  if (g.claimed === null) return 'unclaimed';
  return g.misattributed ? 'wrong' : 'correct';
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { failures: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const goldPath = resolve(positionals[0]!);
  const gold = (await readFile(goldPath, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => goldLine.parse(JSON.parse(l)));
  const { index } = await loadOrBuildIndex(defaultArticleConfig(loadConfig()), (m) => console.error(m));
  const server = await listenForEval(createApp({ services: buildServices(index) }));
  const counts = { quotations: 0, found: 0, status: 0, claimed: 0, attribution: 0, misattributed: 0, caught: 0, falseAlarms: 0, terms: 0, termsRight: 0 };
  const failures: string[] = [];
  try {
    const results = new Map<string, CheckTextResult>();
    for (const file of new Set(gold.map((g) => g.file))) {
      const text = await readFile(join(dirname(goldPath), file), 'utf8');
      const response = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      if (response.status !== 200) throw new Error(`POST /api/check ${file}: HTTP ${response.status} ${await response.text()}`);
      results.set(file, (await response.json()) as CheckTextResult);
    }
    for (const g of gold) {
      const result = results.get(g.file)!;
      if (g.kind === 'term') {
        counts.terms += 1;
        const terms = (result as CheckTextResult & { terms?: Array<{ text: string }> }).terms ?? [];
        const asTerm = terms.some((t) => key(t.text) === key(g.quote));
        const asQuotation = result.quotations.some((q) => key(q.text) === key(g.quote));
        if (asTerm && !asQuotation) counts.termsRight += 1;
        else failures.push(`${g.file} term “${g.quote}”: ${asQuotation ? 'checked as a quotation' : 'not listed'}`);
        continue;
      }
      counts.quotations += 1;
      const wanted = key(g.quote);
      const q = result.quotations.find((c) => key(c.text) === wanted) ?? result.quotations.find((c) => key(c.text).includes(wanted) || wanted.includes(key(c.text)));
      if (g.misattributed) counts.misattributed += 1;
      if (!q) {
        failures.push(`${g.file} “${g.quote.slice(0, 20)}”: not found in the text`);
        continue;
      }
      counts.found += 1;
      const statusRight = q.status === EXPECTED_STATUS[g.kind];
      const claimedRight = (q.claimed ?? null) === g.claimed;
      const attributionRight = g.speaker === null ? true : q.attribution === expectedAttribution(g);
      if (statusRight) counts.status += 1;
      if (claimedRight) counts.claimed += 1;
      if (attributionRight) counts.attribution += 1;
      if (g.misattributed && q.attribution === 'wrong') counts.caught += 1;
      if (!g.misattributed && q.attribution === 'wrong') counts.falseAlarms += 1;
      if (!statusRight || !claimedRight || !attributionRight) {
        failures.push(`${g.file} “${g.quote.slice(0, 20)}”: status ${q.status} (want ${EXPECTED_STATUS[g.kind]}), claimed ${q.claimed ?? '-'} (want ${g.claimed ?? '-'}), attribution ${q.attribution} (want ${expectedAttribution(g)})`);
      }
    }
  } finally {
    await server.close();
  }
  const share = (n: number, d: number) => `${n}/${d} (${d === 0 ? '-' : (n / d).toFixed(2)})`;
  console.log(`quotations found            ${share(counts.found, counts.quotations)}`);
  console.log(`status right                ${share(counts.status, counts.quotations)}`);
  console.log(`claimed speaker right       ${share(counts.claimed, counts.quotations)}`);
  console.log(`attribution right           ${share(counts.attribution, counts.quotations)}`);
  console.log(`misattributions caught      ${share(counts.caught, counts.misattributed)}; right credits called wrong: ${counts.falseAlarms}`);
  console.log(`terms read as terms         ${share(counts.termsRight, counts.terms)}`);
  if (values.failures) console.log(`\n${failures.join('\n')}`);
}

await main();
