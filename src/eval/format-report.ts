import type { Figure, HeadlineFigures, SetReport } from './evaluate-set.js';

/** Plain-text tables of an evaluation report, as `npm run eval` prints them. */

const num = (x: Figure, width = 6) => (x === null ? '-' : x.toFixed(2)).padStart(width);
const chars = (x: Figure, width = 6) => (x === null ? '-' : String(Math.round(x))).padStart(width);

const RETRIEVAL_HEADER =
  '                       ── /api/search ──────────   ── trivial bigram ranker ──   ── LangChain 200/40 ──\n' +
  'tag               n   hit@5    MRR  spk@1  chars   hit@5    MRR  spk@1  chars   hit@5    MRR  chars';

function retrievalRow(label: string, f: HeadlineFigures): string {
  return (
    `${label.padEnd(14)} ${String(f.answerable).padStart(4)}  ` +
    `${num(f.hitAt5)} ${num(f.mrr)} ${num(f.speakerAt1)} ${chars(f.passageChars)}  ` +
    `${num(f.bigramHitAt5)} ${num(f.bigramMrr)} ${num(f.bigramSpeakerAt1)} ${chars(f.bigramPassageChars)}  ` +
    `${num(f.langchainHitAt5)} ${num(f.langchainMrr)} ${chars(f.langchainPassageChars)}`
  );
}

const ANSWER_HEADER = 'tag               n  unans  evidence  speakers  precision  answered  declined  quotes  markers';

function answerRow(label: string, f: HeadlineFigures): string {
  return (
    `${label.padEnd(14)} ${String(f.items).padStart(4)}  ${String(f.unanswerable).padStart(5)}  ` +
    `${num(f.evidenceHit, 8)}  ${num(f.speakerRecall, 8)}  ${num(f.speakerPrecision, 9)}  ${num(f.answered, 8)}  ${num(f.declined, 8)}  ` +
    `${num(f.quoteValidity, 6)}  ${num(f.markersResolve, 7)}`
  );
}

/** The figures of `HeadlineFigures` in the order the tune/check table lists them. */
export const HEADLINE_ROWS: Array<[keyof HeadlineFigures, string]> = [
  ['items', 'items'],
  ['hitAt5', 'search hit@5'],
  ['mrr', 'search MRR'],
  ['speakerAt1', 'search speaker@1'],
  ['passageChars', 'search passage chars'],
  ['bigramHitAt5', 'trivial hit@5'],
  ['bigramMrr', 'trivial MRR'],
  ['bigramSpeakerAt1', 'trivial speaker@1'],
  ['bigramPassageChars', 'trivial passage chars'],
  ['langchainHitAt5', 'LangChain hit@5'],
  ['langchainMrr', 'LangChain MRR'],
  ['langchainPassageChars', 'LangChain passage chars'],
  ['evidenceHit', 'chat evidence hit'],
  ['speakerRecall', 'chat speaker recall'],
  ['speakerPrecision', 'chat speaker precision'],
  ['answered', 'chat answered (answerable)'],
  ['declined', 'chat declined (unanswerable)'],
  ['quoteValidity', 'chat quote validity'],
  ['markersResolve', 'chat markers resolved'],
];

function headlineCell(key: keyof HeadlineFigures, f: HeadlineFigures): string {
  if (key === 'items' || key.endsWith('Chars')) return chars(f[key], 8);
  return num(f[key], 8);
}

/** The set's tables: retrieval and answers (all, then per tag), the tune/check halves, failures. */
export function formatSetReport(report: SetReport, options: { failures?: boolean; file?: string } = {}): string {
  const f = report.figures;
  const lines: string[] = [];
  lines.push(`== ${options.file ?? report.name}: ${f.items} items (${f.answerable} answerable, ${f.unanswerable} unanswerable) ==`);
  lines.push('', 'retrieval (answerable items; hit@5 and chars over the top 5, MRR over the top 10; chars = mean passage length)');
  lines.push(RETRIEVAL_HEADER, retrievalRow('all', f));
  for (const { tag, figures } of report.byTag) lines.push(retrievalRow(tag, figures));
  lines.push('', 'answers (POST /api/chat, multi-turn items played turn by turn with its own earlier answers)');
  lines.push(ANSWER_HEADER, answerRow('all', f));
  for (const { tag, figures } of report.byTag) lines.push(answerRow(tag, figures));
  if (report.halves) {
    const { tune, check } = report.halves;
    lines.push('', 'tune/check halves (fixed split: hash of the id, stratified by first tag; tune on one, keep what the other confirms)');
    lines.push(`${'figure'.padEnd(30)}    tune   check`);
    for (const [key, label] of HEADLINE_ROWS) lines.push(`${label.padEnd(30)}${headlineCell(key, tune)}${headlineCell(key, check)}`);
  }
  if (options.failures) {
    lines.push('', `failures (${report.failures.length} items)`);
    for (const failure of report.failures) {
      lines.push(`${failure.id} [${failure.tags.join(',')}] ${failure.question}`);
      for (const what of failure.failed) lines.push(`    ${what}`);
    }
  } else {
    lines.push('', `${report.failures.length} items failed something (--failures lists them)`);
  }
  return lines.join('\n');
}
